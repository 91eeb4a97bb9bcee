package io.github.dmswitchover.dm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClusterHealthTest {
  private static MasterMember master(String name, boolean alive) {
    return new MasterMember(name, Optional.empty(), alive, List.of(), List.of());
  }

  private static WorkerMember worker(String name, WorkerStage stage, String source) {
    return new WorkerMember(name, name + ":8262", stage, source.isEmpty() ? Optional.empty() : Optional.of(source));
  }

  @Test
  void healthy_whenALeaderLeadsAndNothingIsDown() {
    ClusterHealth h = ClusterHealth.of(new ClusterMembers(Optional.of(new LeaderInfo("m1", "a:1")),
        List.of(master("m1", true), master("m2", true), master("m3", true)),
        List.of(worker("w1", WorkerStage.BOUND, "s1"), worker("w2", WorkerStage.FREE, ""), worker("w3", WorkerStage.RELAY, "s1"))));
    assertThat(h.healthy()).isTrue();
    assertThat(h.boundWorkers()).extracting(WorkerMember::name).containsExactly("w1");
    assertThat(h.freeWorkers()).extracting(WorkerMember::name).containsExactly("w2");
    assertThat(h.relayWorkers()).extracting(WorkerMember::name).containsExactly("w3");
  }

  @Test
  void problems_noLeaderNoMajorityDeadMastersOfflineAndUnknownWorkers() {
    ClusterHealth h = ClusterHealth.of(new ClusterMembers(Optional.empty(),
        List.of(master("m1", true), master("m2", false), master("m3", false)),
        List.of(worker("w1", WorkerStage.OFFLINE, "s1"), worker("w2", WorkerStage.UNKNOWN, ""))));
    assertThat(h.healthy()).isFalse();
    assertThat(h.problems()).containsExactly("no DM-master leads",
        "only 1 of 3 DM-masters are alive: no majority",
        "DM-master m2 is not alive",
        "DM-master m3 is not alive",
        "DM-worker w1 is offline (source s1)",
        "DM-worker w2 is in a stage this client does not know");
    assertThat(h.deadMasters()).extracting(MasterMember::name).containsExactly("m2", "m3");
  }
}
