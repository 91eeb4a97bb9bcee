package io.github.dmswitchover.dm;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dmswitchover.testkit.dm.DmProfile;
import io.github.dmswitchover.testkit.dm.DmSimulator;
import io.github.dmswitchover.testkit.dm.SourceConfig;
import io.github.dmswitchover.testkit.dm.TaskConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One client shared by many threads, while the leader changes under them. */
class ConcurrentUseIT {
  @Test
  void oneClient_manyThreads_leaderChangingMeanwhile() throws Exception {
    try (DmSimulator sim = Sims.start(DmProfile.V8_5)) {
      sim.addSource(SourceConfig.builder("s1").withAddress("127.0.0.1", 1).withFlavor("mysql").withGtid(true).build());
      sim.startTask(TaskConfig.builder("t").withTarget("127.0.0.1", 4000, "root", "").withSource("s1", "").build());
      Recording.Listener events = new Recording.Listener();
      DmClient client = DmClient.builder().withMasters(sim.masterAddresses()).withListener(events).build();
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
          int n = i;
          results.add(pool.submit(() -> {
            if (n == 20) {
              sim.changeLeader("master2");
            }
            return switch (n % 4) {
              case 0 -> client.taskStatus("t").subtasks().size();
              case 1 -> client.listMembers().masters().size() / 3;
              case 2 -> client.sourceStatus("s1").worker().isPresent() ? 1 : 0;
              default -> client.pauseTask("t").succeeded() && client.resumeTask("t").succeeded() ? 1 : 0;
            };
          }));
        }
        for (Future<Integer> f : results) {
          assertThat(f.get()).isEqualTo(1);
        }
      } finally {
        pool.shutdownNow();
      }
      List<String> e = events.snapshot();
      long started = e.stream().filter(x -> x.startsWith("callStarted")).count();
      long ended = e.stream().filter(x -> x.startsWith("callSucceeded") || x.startsWith("callFailed")).count();
      assertThat(ended).isEqualTo(started);
      assertThat(e).noneMatch(x -> x.startsWith("callFailed"));
    }
  }
}
