package io.github.dmswitchover.dm;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dmswitchover.testkit.dm.DmProfile;
import io.github.dmswitchover.testkit.dm.DmSimulator;
import io.github.dmswitchover.testkit.dm.SourceConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** DM 1.0 through the simulator's own dmctl launcher ({@link DmSimulator#dmctl()}), unwrapped. */
class DmctlLauncherIT {
  @Test
  void v10_throughTheLauncher_statusRelayAndTasksByWorker() {
    try (DmSimulator sim = Sims.start(DmProfile.V1_0)) {
      sim.addSource(SourceConfig.builder("replica-01").withAddress("127.0.0.1", 1).withFlavor("mysql").withGtid(true)
          .withRelay(true).build());
      DmClient client = DmClient.builder().withMasters(sim.masterAddresses()).withDmctl(sim.dmctl())
          .withDmctlTimeout(Duration.ofSeconds(60)).build();
      assertThat(client.surfaceFor(DmOperation.TASK_STATUS)).isEqualTo(Surface.DMCTL);
      OperationResult started = client.startTask(Sims.taskYaml("t", "incremental", "replica-01"), List.of(), false);
      assertThat(started.sources()).containsExactly(new SourceOutcome("replica-01", "127.0.0.1:8262", true, ""));
      TaskStatus st = client.taskStatus("t");
      SubtaskStatus s = st.subtask("replica-01").orElseThrow();
      assertThat(s.worker()).contains("127.0.0.1:8262");
      assertThat(s.sync().orElseThrow().syncerBinlogGtid().isEmpty()).as("DM 1.0 always prints it empty").isTrue();
      assertThat(st.sources().get(0).relay().orElseThrow().stage()).isEqualTo(Stage.RUNNING);
      assertThat(client.pauseRelay("replica-01").sources()).extracting(SourceOutcome::worker).containsExactly("127.0.0.1:8262");
      assertThat(client.switchRelayMaster("127.0.0.1:8262").succeeded()).isTrue();
      assertThat(client.resumeRelay("replica-01").succeeded()).isTrue();
      assertThat(client.shardDdlLocks(Optional.empty())).isEmpty();
    }
  }
}
