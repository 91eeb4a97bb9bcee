package io.github.dmswitchover.dm;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dmswitchover.testkit.db.GroupMember;
import io.github.dmswitchover.testkit.db.GroupSpec;
import io.github.dmswitchover.testkit.db.ReplicationGroup;
import io.github.dmswitchover.testkit.db.ReplicationGroupExtension;
import io.github.dmswitchover.testkit.dm.DmProfile;
import io.github.dmswitchover.testkit.dm.DmSimulator;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The client against a simulator whose source is a real replication group: the syncer's position
 * DM reports ({@code syncerBinlogGtid}) is read as a gtid-core value that equals what the upstream
 * executed, follows new writes, stops moving while the task is paused, and reads the same through
 * the OpenAPI.
 */
abstract class ReplicationContract {
  static final String SOURCE = "mysql-replica-01";

  @RegisterExtension
  final ReplicationGroupExtension groups = ReplicationGroupExtension.of(spec());

  abstract GroupSpec spec();

  /** Whether DM's value is the member's executed set, as a gtid-core value of the flavor's type. */
  abstract boolean isExecutedSetOf(DmGtids dm, GroupMember m);

  /** Whether DM's value contains everything in {@code other} (the flavor's own rule). */
  abstract boolean contains(DmGtids dm, DmGtids other);

  private static Optional<SyncStatus> sync(DmClient client) {
    return client.taskStatus("test").subtask(SOURCE).flatMap(SubtaskStatus::sync);
  }

  private static boolean caughtUp(DmClient client, GroupMember m, ReplicationContract c) {
    return sync(client).map(s -> c.isExecutedSetOf(s.syncerBinlogGtid(), m)).orElse(false);
  }

  @Test
  void syncerBinlogGtid_isTheUpstreamsExecutedSet_afterWrites_andFreezesWhilePaused(ReplicationGroup group) {
    GroupMember primary = group.primary();
    primary.writeTransactions(5);
    try (DmSimulator sim = DmSimulator.builder().withProfile(DmProfile.V8_5).withCheckpointFlushInterval(Duration.ofMillis(200))
        .withHeartbeat(Duration.ofMillis(500)).withAutoResume(Duration.ofMillis(500)).start()) {
      DmClient client = DmClient.builder().withMasters(sim.masterAddresses()).build();
      String source = "source-id: " + SOURCE + "\nenable-gtid: true\nserver-id: 4294001\nfrom:\n  host: " + primary.host()
          + "\n  port: " + primary.port() + "\n  user: " + primary.user() + "\n  password: '" + primary.password() + "'\n";
      assertThat(client.createSource(source).succeeded()).isTrue();
      assertThat(client.startTask(Sims.taskYaml("test", "incremental", SOURCE), List.of(), false).succeeded()).isTrue();
      Sims.await("DM's checkpoint is the primary's executed set", () -> caughtUp(client, primary, this));

      primary.writeTransactions(3);
      Sims.await("DM follows new writes", () -> caughtUp(client, primary, this));
      SyncStatus caught = sync(client).orElseThrow();
      assertThat(contains(caught.masterBinlogGtid(), caught.syncerBinlogGtid())).isTrue();
      assertThat(caught.binlogType()).contains("remote");

      assertThat(client.pauseTask("test").succeeded()).isTrue();
      Sims.await("paused", () -> sim.subtaskStage("test", SOURCE).equals("Paused"));
      DmGtids frozen = sync(client).orElseThrow().syncerBinlogGtid();
      primary.writeTransactions(2);
      Sims.await("DM sees the upstream move on", () -> sync(client).map(s -> isExecutedSetOf(s.masterBinlogGtid(), primary))
          .orElse(false));
      SyncStatus paused = sync(client).orElseThrow();
      assertThat(paused.syncerBinlogGtid()).isEqualTo(frozen);
      assertThat(contains(paused.masterBinlogGtid(), paused.syncerBinlogGtid())).isTrue();
      assertThat(contains(paused.syncerBinlogGtid(), paused.masterBinlogGtid())).isFalse();

      assertThat(client.resumeTask("test").succeeded()).isTrue();
      Sims.await("the resumed task catches up", () -> caughtUp(client, primary, this));

      DmClient openApi = DmClient.builder().withMasters(sim.masterAddresses()).withSurface(Surface.OPENAPI).build();
      SyncStatus viaOpenApi = openApi.taskStatus("test").subtask(SOURCE).flatMap(SubtaskStatus::sync).orElseThrow();
      assertThat(isExecutedSetOf(viaOpenApi.syncerBinlogGtid(), primary)).isTrue();
    }
  }
}
