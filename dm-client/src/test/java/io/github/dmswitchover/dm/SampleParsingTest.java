package io.github.dmswitchover.dm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dmswitchover.gtid.GtidSet;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every real DM output in {@code shared/dm/samples} (and {@code more/}) read by the client's
 * decoders, with the values asserted: GTID sets, stages, units, flags, error codes, member ids,
 * worker stages. Annotated docs ({@code .jsonc}) are read after {@link DocText} removes the
 * annotations; the {@code .txt} fragments as their SOURCES.md says; the negative one is rejected.
 */
class SampleParsingTest {
  private static final String UUID_143 = "143bdef3-dd4a-11ea-8b00-00155de45f57";

  private static Node strict(String name) throws IOException {
    return Json.object(SharedFacts.sample(name), name);
  }

  private static Node annotated(String name) throws IOException {
    return Json.object(DocText.jsonc(SharedFacts.sample(name)), name);
  }

  private static GtidSet mysql(DmGtids g) {
    assertThat(g).as(g.raw()).isInstanceOf(DmGtids.Mysql.class);
    return g.mysql().orElseThrow();
  }

  private static SyncStatus sync(SubtaskStatus s) {
    return s.sync().orElseThrow(() -> new AssertionError("no sync status in " + s));
  }

  /** Every sample file has a test below (SOURCES.md files excepted). */
  static final List<String> TESTED = List.of(
      "dm-1.0_query-status-task_relay-enabled_docs-annotated.jsonc",
      "dm-2.0_list-member_all.json",
      "dm-2.0_list-member_worker.json",
      "dm-2.0_pause-relay_response.json",
      "dm-2.0_query-status-source_relay-enabled_no-subtask.json",
      "dm-2.0_query-status-task_relay-disabled_sync-running.json",
      "dm-2.0_query-status-task_subtask-paused-error-44006.json",
      "dm-5.3_openapi_get-task-status_doc-placeholder.json",
      "more/dm-1.0-early_query-status-task_capitalized-keys-relay-running.json",
      "more/dm-1.0.2_query-status-summary_error-states-docs-annotated.jsonc",
      "more/dm-1.0_pause-task_two-workers.json",
      "more/dm-1.0_start-task_two-workers.json",
      "more/dm-1.0_unlock-ddl-lock_partial-failure.json",
      "more/dm-2.0-5.3_query-status-task_gtid-disabled-empty-syncer-gtid.json",
      "more/dm-2.0-8.5_list-member-worker_after-transfer-source.json",
      "more/dm-2.0-8.5_operate-source-create_bound.json",
      "more/dm-2.0-8.5_operate-source-show_one-without-free-worker.json",
      "more/dm-2.0-8.5_pause-task_ok.json",
      "more/dm-2.0-8.5_query-status-summary_running-and-paused.json",
      "more/dm-2.0-8.5_resume-task_ok.json",
      "more/dm-2.0-8.5_show-ddl-locks_no-lock.json",
      "more/dm-2.0-8.5_show-ddl-locks_optimistic-lock-with-owner.json",
      "more/dm-2.0-8.5_stop-task_ok.json",
      "more/dm-2.0-8.5_transfer-source_ok.json",
      "more/dm-2.0_purge-relay_warn-prefix-and-trailing-comma.txt",
      "more/dm-2.0_query-status-errors-fragment_36027-column-count.txt",
      "more/dm-2.0_query-status-task_paused-error-36008-two-sources.json",
      "more/dm-5.4-8.5_openapi_get-cluster-masters.json",
      "more/dm-5.4-8.5_openapi_get-cluster-workers.json",
      "more/dm-5.4-8.5_openapi_get-source-status_relay-running.json",
      "more/dm-5.4-8.5_openapi_get-sources-with-status_two-sources.json",
      "more/dm-6.1-8.5_query-status-task_optimistic-shard-blockDDLOwner-conflictMsg-elided.txt",
      "more/dm-6.4-8.5_query-status-task_docs-typo-duplicate-keys-invalid-literal.txt",
      "more/dm-6.4-8.5_query-status-task_four-sources-sync-load-dump-docs-annotated.jsonc",
      "more/dm-6.4-8.5_query-status-task_two-sources-sync-running.json",
      "more/dm-7.5-8.5_query-status-task_validation-subtask-fragment-annotated.jsonc",
      "more/dm-7.5-8.5_validation-status_running-annotated.jsonc",
      "more/dm-7.x-8.x_openapi_error-body-46018-task-not-exist.json");

  @Test
  void everySample_hasATest() throws IOException {
    Path dir = SharedFacts.requireDmFolder().resolve("samples");
    try (Stream<Path> files = Files.walk(dir)) {
      List<String> present = files.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString())
          .filter(p -> !p.endsWith("SOURCES.md")).sorted().toList();
      assertThat(present).containsExactlyInAnyOrderElementsOf(TESTED);
    }
  }

  // ------------------------------------------------------------------ DM 1.0

  @Test
  void v10_queryStatusAnnotated_workersSubtasksRelayAndLegacyError() throws IOException {
    TaskStatus st = Decode.queryStatus(annotated(TESTED.get(0)), "test", "sample");
    assertThat(st.sources()).extracting(SourceStatus::worker)
        .containsExactly(Optional.of("172.17.0.2:8262"), Optional.of("172.17.0.3:8262"), Optional.of("172.17.0.6:8262"));
    assertThat(st.sources().get(0).source()).isEqualTo("172.17.0.2:3306");
    // The third worker's sourceID sits inside relayStatus in the doc: not read, not invented.
    assertThat(st.sources().get(2).source()).isEmpty();
    SubtaskStatus first = st.subtasks().get(0);
    assertThat(first.stage()).isEqualTo(Stage.RUNNING);
    assertThat(first.unit()).isEqualTo(Unit.SYNC);
    assertThat(first.errors()).isEmpty();
    assertThat(first.unresolvedDdlLockId()).contains("test-`test`.`t_target`");
    SyncStatus sync = sync(first);
    assertThat(sync.totalEvents()).isEqualTo(OptionalLong.of(12));
    assertThat(mysql(sync.masterBinlogGtid())).isEqualTo(GtidSet.parse("c0149e17-dff1-11e8-b6a8-0242ac110004:1-14"));
    assertThat(sync.syncerBinlogGtid()).isInstanceOf(DmGtids.Empty.class);
    assertThat(sync.syncerPosition()).contains(new BinlogPosition("bin.000001", 2525, OptionalInt.empty()));
    assertThat(sync.blockingDdls()).containsExactly("USE `test`; ALTER TABLE `test`.`t_target` DROP COLUMN `age`;");
    ShardGroup group = sync.unresolvedGroups().get(0);
    assertThat(group.firstLocation()).isEqualTo("(bin|000001.000001, 3130)");
    assertThat(BinlogPosition.parse(group.firstLocation())).contains(new BinlogPosition("bin.000001", 3130, OptionalInt.of(1)));
    assertThat(group.synced()).containsExactly("`test`.`t2`", "`test`.`t3`", "`test`.`t1`");
    assertThat(group.unsynced()).isEmpty();
    assertThat(sync.synced()).isFalse();
    RelayStatus relay = st.sources().get(0).relay().orElseThrow();
    assertThat(relay.relayCatchUpMaster()).isTrue();
    assertThat(relay.relaySubDir()).isEqualTo("c0149e17-dff1-11e8-b6a8-0242ac110004.000001");
    assertThat(mysql(relay.relayBinlogGtid()).count()).isEqualTo(14);
    assertThat(relay.relayBinlog()).contains("(bin.000001, 3234)");
    assertThat(relay.stage()).isEqualTo(Stage.RUNNING);

    SubtaskStatus load = st.subtasks().get(1);
    assertThat(load.unit()).isEqualTo(Unit.LOAD);
    LoadStatus l = load.load().orElseThrow();
    assertThat(l.finishedBytes()).isEqualTo(OptionalLong.of(115));
    assertThat(l.totalBytes()).isEqualTo(OptionalLong.of(452));
    assertThat(l.progress()).isEqualTo("25.44 %");

    SubtaskStatus paused = st.subtasks().get(2);
    assertThat(paused.stage()).isEqualTo(Stage.PAUSED);
    assertThat(paused.canceled()).isFalse();
    DmError e = paused.errors().get(0);
    assertThat(e.type()).contains("ExecSQL");
    assertThat(e.code()).isEmpty();
    assertThat(e.errClass()).isEmpty();
    assertThat(e.message()).startsWith("Error 1062: Duplicate entry '1155173304420532225' for key 'PRIMARY'");
  }

  @Test
  void v10Early_capitalisedKeys_readWithoutInventingGtids() throws IOException {
    TaskStatus st = Decode.queryStatus(strict("more/dm-1.0-early_query-status-task_capitalized-keys-relay-running.json"),
        "test", "sample");
    assertThat(st.sources()).extracting(s -> s.worker().orElseThrow())
        .containsExactly("172.16.30.15:10081", "172.16.30.16:10081");
    for (SourceStatus s : st.sources()) {
      RelayStatus r = s.relay().orElseThrow();
      assertThat(r.relayCatchUpMaster()).isTrue();
      assertThat(r.relaySubDir()).isEqualTo("0-1.000001");
      assertThat(r.relayBinlogGtid()).isInstanceOf(DmGtids.Empty.class);
      assertThat(r.masterBinlogGtid()).isInstanceOf(DmGtids.Empty.class);
    }
    SyncStatus sync = sync(st.subtasks().get(0));
    assertThat(sync.syncerBinlogGtid()).isInstanceOf(DmGtids.Empty.class);
    assertThat(sync.masterBinlog()).isEmpty();
    assertThat(sync.synced()).isFalse();
    assertThat(st.subtasks()).extracting(SubtaskStatus::stage).containsOnly(Stage.RUNNING);
  }

  @Test
  void v102_summaryAnnotated_errorStatesAndWorkers() throws IOException {
    List<TaskSummary> tasks = Decode.summary(annotated("more/dm-1.0.2_query-status-summary_error-states-docs-annotated.jsonc"),
        "sample");
    assertThat(tasks).extracting(TaskSummary::task).containsExactly("test-1", "test-2", "test-3");
    assertThat(tasks.get(0).status()).isEqualTo("Running");
    assertThat(tasks.get(0).isError()).isFalse();
    assertThat(tasks.get(1).status()).isEqualTo("Error - Some error occurred in subtask");
    assertThat(tasks.get(2).status()).isEqualTo("Error - Relay status is Error");
    assertThat(tasks.get(1).isError()).isTrue();
    assertThat(tasks.get(1).members()).containsExactly("127.0.0.1:8262", "127.0.0.1:8263");
  }

  @Test
  void v10_pauseAndStartTask_perWorkerOutcomes() throws IOException {
    OperationResult pause = Decode.operation(strict("more/dm-1.0_pause-task_two-workers.json"));
    assertThat(pause.succeeded()).isTrue();
    assertThat(pause.sources()).extracting(SourceOutcome::worker).containsExactly("172.16.30.15:10081", "172.16.30.16:10081");
    assertThat(pause.sources()).extracting(SourceOutcome::source).containsOnly("");
    OperationResult start = Decode.operation(strict("more/dm-1.0_start-task_two-workers.json"));
    assertThat(start.result()).isTrue();
    assertThat(start.sources()).hasSize(2).allMatch(SourceOutcome::ok);
  }

  @Test
  void v10_unlockDdlLock_partialFailureIsAValue() throws IOException {
    OperationResult r = Decode.operation(strict("more/dm-1.0_unlock-ddl-lock_partial-failure.json"));
    assertThat(r.result()).isFalse();
    assertThat(r.message()).contains("some dm-workers ExecuteDDL fail");
    assertThat(r.failedSources()).singleElement().satisfies(f -> {
      assertThat(f.worker()).isEqualTo("127.0.0.1:8263");
      assertThat(f.message()).contains("connection refused");
    });
    assertThat(r.sources().get(0).ok()).isTrue();
  }

  // ------------------------------------------------------------------ DM 2.0+ (gateway / dmctl)

  @Test
  void v20_listMemberAll_leaderMastersWithUint64IdWorkers() throws IOException {
    ClusterMembers m = Decode.members(strict("dm-2.0_list-member_all.json"), "sample");
    assertThat(m.leader()).contains(new LeaderInfo("master1", "127.0.0.1:8261"));
    MasterMember master = m.masters().get(0);
    assertThat(master.memberId()).contains(new BigInteger("11007177379717700053"));
    assertThat(master.memberId().orElseThrow()).isGreaterThan(BigInteger.valueOf(Long.MAX_VALUE));
    assertThat(master.alive()).isTrue();
    assertThat(master.peerUrls()).containsExactly("http://127.0.0.1:8291");
    assertThat(master.clientUrls()).containsExactly("http://127.0.0.1:8261");
    assertThat(m.workers()).containsExactly(new WorkerMember("worker1", "127.0.0.1:8262", WorkerStage.FREE, Optional.empty()));
    assertThat(ClusterHealth.of(m).healthy()).isTrue();
  }

  @Test
  void v20_listMemberWorker_boundAndFree() throws IOException {
    ClusterMembers m = Decode.members(strict("dm-2.0_list-member_worker.json"), "sample");
    assertThat(m.leader()).isEmpty();
    assertThat(m.worker("dm-worker-1")).contains(new WorkerMember("dm-worker-1", "127.0.0.1:8262", WorkerStage.BOUND,
        Optional.of("mysql-replica-01")));
    assertThat(m.worker("dm-worker-2").orElseThrow().stage()).isEqualTo(WorkerStage.FREE);
    ClusterMembers after = Decode.members(strict("more/dm-2.0-8.5_list-member-worker_after-transfer-source.json"), "sample");
    assertThat(after.worker("dm-worker-2").orElseThrow().source()).contains("mysql-replica-01");
    assertThat(after.worker("dm-worker-2").orElseThrow().stage()).isEqualTo(WorkerStage.BOUND);
    assertThat(after.worker("dm-worker-1").orElseThrow().stage()).isEqualTo(WorkerStage.FREE);
  }

  @Test
  void v20_pauseRelay_perSourceOutcomes() throws IOException {
    OperationResult r = Decode.operation(strict("dm-2.0_pause-relay_response.json"));
    assertThat(r.succeeded()).isTrue();
    assertThat(r.sources()).containsExactly(new SourceOutcome("mysql-replica-01", "worker1", true, ""),
        new SourceOutcome("mysql-replica-02", "worker2", true, ""));
  }

  @Test
  void v20_queryStatusBySource_relayOnTwoWorkers_noSubtask() throws IOException {
    TaskStatus st = Decode.queryStatus(strict("dm-2.0_query-status-source_relay-enabled_no-subtask.json"), "", "sample");
    assertThat(st.subtasks()).isEmpty();
    assertThat(st.sources()).extracting(SourceStatus::worker).containsExactly(Optional.of("worker2"), Optional.of("worker1"));
    assertThat(st.sources()).allSatisfy(s -> {
      assertThat(s.source()).isEqualTo("mysql-replica-01");
      assertThat(s.message()).isEqualTo("no sub task started");
      assertThat(s.ok()).isTrue();
    });
    RelayStatus w2 = st.sources().get(0).relay().orElseThrow();
    assertThat(w2.relayCatchUpMaster()).isFalse();
    assertThat(w2.relayBinlog()).contains("(mysql-bin.000005, 4)");
    assertThat(mysql(w2.relayBinlogGtid())).isEqualTo(GtidSet.parse("09bec856-ba95-11ea-850a-58f2b4af5188:1-28"));
    RelayStatus w1 = st.sources().get(1).relay().orElseThrow();
    assertThat(w1.relayCatchUpMaster()).isTrue();
    assertThat(w1.relayBinlogGtid()).isInstanceOf(DmGtids.Empty.class);
  }

  @Test
  void v20_queryStatusTask_syncRunning_relayDisabled() throws IOException {
    TaskStatus st = Decode.queryStatus(strict("dm-2.0_query-status-task_relay-disabled_sync-running.json"), "test", "sample");
    assertThat(st.sources().get(0).relay()).isEmpty();
    SubtaskStatus s = st.subtask("mysql-replica-01").orElseThrow();
    assertThat(s.worker()).contains("worker1");
    assertThat(s.stage()).isEqualTo(Stage.RUNNING);
    assertThat(s.unit()).isEqualTo(Unit.SYNC);
    assertThat(s.unresolvedDdlLockId()).isEmpty();
    SyncStatus sync = sync(s);
    assertThat(mysql(sync.syncerBinlogGtid())).isEqualTo(GtidSet.parse(UUID_143 + ":1-4"));
    assertThat(mysql(sync.masterBinlogGtid()).subtract(mysql(sync.syncerBinlogGtid())).count()).isEqualTo(6);
    assertThat(sync.synced()).isTrue();
    assertThat(sync.binlogType()).contains("remote");
    assertThat(sync.totalEvents()).isEqualTo(OptionalLong.of(4));
    assertThat(sync.secondsBehindMaster()).isEmpty();
    assertThat(sync.syncerPosition()).contains(new BinlogPosition("DESKTOP-T561TSO-bin.000001", 2388, OptionalInt.empty()));
  }

  @Test
  void v20_queryStatusTask_paused44006_onBothSources() throws IOException {
    TaskStatus st = Decode.queryStatus(strict("dm-2.0_query-status-task_subtask-paused-error-44006.json"), "test", "sample");
    assertThat(st.subtasks()).hasSize(2).allSatisfy(s -> {
      assertThat(s.stage()).isEqualTo(Stage.PAUSED);
      DmError e = s.errors().get(0);
      assertThat(e.code()).isEqualTo(OptionalInt.of(44006));
      assertThat(e.errClass()).contains("schema-tracker");
      assertThat(e.scope()).contains("internal");
      assertThat(e.level()).contains("high");
      assertThat(e.rawCause()).contains("[ddl:8200]Unsupported modify charset from latin1 to utf8");
      assertThat(e.workaround()).isEmpty();
      assertThat(e.message()).contains("cannot track DDL");
    });
    SyncStatus second = sync(st.subtask("mysql-replica-02").orElseThrow());
    assertThat(mysql(second.syncerBinlogGtid())).isEqualTo(GtidSet.parse("1d66ce48-dd4a-11ea-8ef7-00155de45f57:1-6"));
    assertThat(second.unresolvedGroups().get(0).unsynced()).containsExactly("`shard_db_2`.`shard_table_2`");
    assertThat(second.unresolvedGroups().get(0).firstLocation()).startsWith("position: (DESKTOP-T561TSO-bin.000001, 1420)");
  }

  @Test
  void v20_queryStatusTask_paused36008_workaroundAndEmptyRawCause() throws IOException {
    TaskStatus st = Decode.queryStatus(strict("more/dm-2.0_query-status-task_paused-error-36008-two-sources.json"), "test",
        "sample");
    assertThat(st.subtasks()).extracting(SubtaskStatus::source).containsExactly("mysql-replica-01", "mysql-replica-02");
    DmError e = st.subtasks().get(0).errors().get(0);
    assertThat(e.code()).isEqualTo(OptionalInt.of(36008));
    assertThat(e.errClass()).contains("sync-unit");
    assertThat(e.workaround()).contains("Please use `show-ddl-locks` command for more details.");
    assertThat(e.rawCause()).isEmpty();
    assertThat(mysql(sync(st.subtasks().get(0)).syncerBinlogGtid())).isEqualTo(
        GtidSet.parse("6acc73aa-dd57-11ea-8d82-00155de45f57:1-5"));
    assertThat(mysql(sync(st.subtasks().get(1)).syncerBinlogGtid())).isEqualTo(
        GtidSet.parse("6dcf281d-dd57-11ea-8f7c-00155de45f57:1-5"));
    assertThat(mysql(sync(st.subtasks().get(1)).masterBinlogGtid()).count()).isEqualTo(7);
    assertThat(sync(st.subtasks().get(0)).unresolvedGroups().get(0).firstLocation())
        .isEqualTo("position: (DESKTOP-T561TSO-bin.000001, 1095), gtid-set: 6acc73aa-dd57-11ea-8d82-00155de45f57:1-5");
  }

  @Test
  void v20_gtidDisabled_emptySyncerGtid() throws IOException {
    TaskStatus st = Decode.queryStatus(strict("more/dm-2.0-5.3_query-status-task_gtid-disabled-empty-syncer-gtid.json"),
        "task-test", "sample");
    SubtaskStatus s = st.subtasks().get(0);
    assertThat(s.worker()).contains("127.0.0.1:8262");
    assertThat(sync(s).syncerBinlogGtid().isEmpty()).isTrue();
    assertThat(mysql(sync(s).masterBinlogGtid()).count()).isEqualTo(9);
    assertThat(sync(s).synced()).isTrue();
  }

  @Test
  void v20_operateSource_createAndShow() throws IOException {
    OperationResult created = Decode.operation(strict("more/dm-2.0-8.5_operate-source-create_bound.json"));
    assertThat(created.sources()).containsExactly(new SourceOutcome("mysql-replica-01", "dm-worker-1", true, ""));
    OperationResult shown = Decode.operation(strict("more/dm-2.0-8.5_operate-source-show_one-without-free-worker.json"));
    assertThat(shown.result()).isTrue();
    assertThat(shown.sources().get(0)).isEqualTo(new SourceOutcome("mysql-replica-02", "", true,
        "source is added but there is no free worker to bound"));
    assertThat(shown.sources().get(1).worker()).isEqualTo("dm-worker-1");
  }

  @Test
  void v20_pauseResumeStopTransfer_ok() throws IOException {
    for (String name : List.of("more/dm-2.0-8.5_pause-task_ok.json", "more/dm-2.0-8.5_resume-task_ok.json",
        "more/dm-2.0-8.5_stop-task_ok.json")) {
      OperationResult r = Decode.operation(strict(name));
      assertThat(r.succeeded()).as(name).isTrue();
      assertThat(r.sources()).as(name).containsExactly(new SourceOutcome("mysql-replica-01", "worker1", true, ""));
    }
    OperationResult transfer = Decode.operation(strict("more/dm-2.0-8.5_transfer-source_ok.json"));
    assertThat(transfer.succeeded()).isTrue();
    assertThat(transfer.sources()).isEmpty();
    assertThat(transfer.error()).isEmpty();
  }

  @Test
  void v20_summary_runningAndPaused() throws IOException {
    List<TaskSummary> tasks = Decode.summary(strict("more/dm-2.0-8.5_query-status-summary_running-and-paused.json"), "sample");
    assertThat(tasks).containsExactly(new TaskSummary("test", "Running", List.of("mysql-replica-01", "mysql-replica-02")),
        new TaskSummary("test2", "Paused", List.of("mysql-replica-01", "mysql-replica-02")));
  }

  @Test
  void v20_shardDdlLocks_noneAndOptimisticWithOwner() throws IOException {
    assertThat(Decode.locks(strict("more/dm-2.0-8.5_show-ddl-locks_no-lock.json"), "sample")).isEmpty();
    List<ShardDdlLock> locks = Decode.locks(strict("more/dm-2.0-8.5_show-ddl-locks_optimistic-lock-with-owner.json"), "sample");
    ShardDdlLock l = locks.get(0);
    assertThat(l.id()).isEqualTo("test-`shardddl`.`tb`");
    assertThat(l.task()).isEqualTo("test");
    assertThat(l.mode()).isEqualTo("optimistic");
    assertThat(l.owner()).isEqualTo("mysql-replica-02-`shardddl1`.`tb1`");
    assertThat(l.ddls()).containsExactly("ALTER TABLE `shardddl`.`tb` MODIFY COLUMN `b` INT DEFAULT -1");
    assertThat(l.synced()).containsExactly("mysql-replica-01-`shardddl1`.`tb1`");
    assertThat(l.unsynced()).hasSize(2);
    assertThat(l.involves("mysql-replica-01")).isTrue();
    assertThat(l.involves("mysql-replica-02")).isTrue();
    assertThat(l.involves("mysql-replica-0")).isFalse();
  }

  @Test
  void v20_purgeRelayWithWarnPrefix_prefixSkipped_trailingCommaRejected() throws IOException {
    String out = SharedFacts.sample("more/dm-2.0_purge-relay_warn-prefix-and-trailing-comma.txt");
    String json = DmctlRunner.jsonPart(out, "purge-relay");
    assertThat(json).startsWith("{");
    assertThat(json).doesNotContain("[warn]");
    assertThatThrownBy(() -> Json.object(json, "purge-relay"))
        .isInstanceOfSatisfying(DmDecodeException.class, e -> {
          assertThat(e.path()).isEqualTo("/sources/0/worker"); // where the parser stopped: the comma after it
          assertThat(e.getMessage()).contains("purge-relay");
        });
    OperationResult fixed = Decode.operation(Json.object(json.replace("\"worker1\",", "\"worker1\""), "purge-relay"));
    assertThat(fixed.sources()).containsExactly(new SourceOutcome("mysql-replica-01", "worker1", true, ""));
  }

  @Test
  void v20_errorsFragment36027_emptyGtidSetInLocations() throws IOException {
    Node root = Json.object(DocText.fragmentAsObject(
        SharedFacts.sample("more/dm-2.0_query-status-errors-fragment_36027-column-count.txt")), "fragment");
    List<Node> errors = root.array("errors");
    DmError e = Decode.errorObject(errors.get(0));
    assertThat(e.code()).isEqualTo(OptionalInt.of(36027));
    assertThat(e.errClass()).contains("sync-unit");
    assertThat(e.scope()).contains("internal");
    assertThat(e.level()).contains("high");
    assertThat(e.message()).contains("gtid-set: ]").contains("Column count doesn't match value count");
    assertThat(e.rawCause()).isEmpty();
    assertThat(e.workaround()).isEmpty();
  }

  @Test
  void v61_optimisticShardFragment_blockOwnerConflictAndSecondsBehind() throws IOException {
    Node source = Json.object(DocText.jsonc(SharedFacts.sample(
        "more/dm-6.1-8.5_query-status-task_optimistic-shard-blockDDLOwner-conflictMsg-elided.txt")), "fragment");
    com.fasterxml.jackson.databind.node.ObjectNode root = Json.newObject();
    root.put("result", true);
    root.putArray("sources").add(source.json());
    TaskStatus st = Decode.queryStatus(new Node(root, "", "fragment"), "test", "fragment");
    SubtaskStatus s = st.subtask("mysql-replica-02").orElseThrow();
    assertThat(s.stage()).isEqualTo(Stage.RUNNING);
    SyncStatus sync = sync(s);
    assertThat(sync.secondsBehindMaster()).isEqualTo(OptionalLong.of(0));
    assertThat(sync.binlogType()).contains("local");
    assertThat(sync.synced()).isFalse();
    assertThat(sync.blockDdlOwner()).contains("mysql-replica-02-`shardddl1`.`tb1`");
    DmError conflict = DmError.parseFlattened(sync.conflictMsg().orElseThrow());
    assertThat(conflict.code()).isEqualTo(OptionalInt.of(11111));
    assertThat(conflict.errClass()).contains("functional");
    assertThat(conflict.level()).contains("medium");
    assertThat(conflict.workaround()).contains("Please use `show-ddl-locks` command for more details.");
  }

  @Test
  void v64_docsTypo_duplicateKeysAndInvalidLiteral_rejectedWhole() throws IOException {
    String text = SharedFacts.sample("more/dm-6.4-8.5_query-status-task_docs-typo-duplicate-keys-invalid-literal.txt");
    assertThatThrownBy(() -> Json.object(text, "query-status test"))
        .isInstanceOfSatisfying(DmDecodeException.class, e -> {
          assertThat(e.problem()).contains("Duplicate field 'unresolvedGroups'");
          assertThat(e.path()).startsWith("/sources/0/subTaskStatus/0/sync");
        });
    // Without the duplicates the invalid literal is still refused: no partial data, no default for synced.
    String once = text.replaceFirst("(\"unresolvedGroups\": \\[\\s*\\],\\s*)\"unresolvedGroups\": \\[\\s*\\],", "$1")
        .replaceFirst("(\"unresolvedGroups\": \\[\\s*\\],\\s*)\"unresolvedGroups\": \\[\\s*\\],", "$1");
    assertThat(once).containsOnlyOnce("\"synced\": try");
    assertThatThrownBy(() -> Json.object(once, "query-status test"))
        .isInstanceOfSatisfying(DmDecodeException.class, e -> {
          assertThat(e.problem()).contains("try");
          assertThat(e.path()).startsWith("/sources/1/subTaskStatus/0/sync");
        });
  }

  @Test
  void v64_fourSourcesAnnotated_syncLoadPausedLoadDump() throws IOException {
    TaskStatus st = Decode.queryStatus(annotated(
        "more/dm-6.4-8.5_query-status-task_four-sources-sync-load-dump-docs-annotated.jsonc"), "test", "sample");
    assertThat(st.subtasks()).extracting(SubtaskStatus::unit).containsExactly(Unit.SYNC, Unit.LOAD, Unit.LOAD, Unit.DUMP);
    SyncStatus sync = sync(st.subtasks().get(0));
    assertThat(sync.totalRows()).isEqualTo(OptionalLong.of(12));
    assertThat(sync.totalEvents()).isEmpty();
    assertThat(sync.syncerBinlogGtid().isEmpty()).isTrue();
    assertThat(sync.unresolvedGroups().get(0).firstLocation()).isEqualTo("(bin|000001.000001, 3130)");
    assertThat(st.subtasks().get(0).unresolvedDdlLockId()).contains("test-`test`.`t_target`");
    assertThat(st.subtasks().get(1).load().orElseThrow().progress()).isEqualTo("25.44 %");
    SubtaskStatus paused = st.subtasks().get(2);
    assertThat(paused.stage()).isEqualTo(Stage.PAUSED);
    assertThat(paused.errors().get(0).type()).contains("ExecSQL");
    assertThat(st.sources().get(2).message()).isEmpty();
    DumpStatus dump = st.subtasks().get(3).dump().orElseThrow();
    assertThat(dump.totalTables().getAsDouble()).isEqualTo(10);
    assertThat(dump.completedTables().getAsDouble()).isEqualTo(3);
    assertThat(dump.finishedBytes().getAsDouble()).isEqualTo(2542);
    assertThat(dump.finishedRows().getAsDouble()).isEqualTo(32);
    assertThat(dump.estimateTotalRows().getAsDouble()).isEqualTo(563);
    assertThat(dump.progress()).isEqualTo("30.52 %");
  }

  @Test
  void v64_twoSourcesSyncRunning_rowCountersWithoutDeprecatedAliases() throws IOException {
    TaskStatus st = Decode.queryStatus(strict("more/dm-6.4-8.5_query-status-task_two-sources-sync-running.json"), "test",
        "sample");
    assertThat(st.subtasks()).hasSize(2).allSatisfy(s -> {
      SyncStatus sync = sync(s);
      assertThat(sync.totalRows()).isEqualTo(OptionalLong.of(4));
      assertThat(sync.totalEvents()).isEmpty();
      assertThat(sync.secondsBehindMaster()).isEmpty();
      assertThat(mysql(sync.syncerBinlogGtid())).isEqualTo(GtidSet.parse(UUID_143 + ":1-4"));
      assertThat(sync.synced()).isTrue();
    });
  }

  @Test
  void v75_validationFragment_andValidationStatus() throws IOException {
    Node root = Json.object(DocText.fragmentAsObject(SharedFacts.sample(
        "more/dm-7.5-8.5_query-status-task_validation-subtask-fragment-annotated.jsonc")), "fragment");
    SubtaskStatus s = Decode.subtask(root.array("subTaskStatus").get(0), "mysql-01", "worker1");
    ValidationStatus v = s.validation().orElseThrow();
    assertThat(v.stage()).isEqualTo(Stage.RUNNING);
    assertThat(v.mode()).isEqualTo("full");
    assertThat(mysql(v.validatorBinlogGtid()).count()).isEqualTo(30);
    assertThat(mysql(v.cutoverBinlogGtid())).isEqualTo(mysql(v.validatorBinlogGtid()));
    assertThat(v.processedRowsStatus()).isEqualTo("insert/update/delete: 0/0/0");
    assertThat(v.errorRowsStatus()).isEqualTo("new/ignored/resolved: 0/0/0");

    List<ValidationStatus> validators = Decode.validators(annotated("more/dm-7.5-8.5_validation-status_running-annotated.jsonc"),
        "sample");
    assertThat(validators).singleElement().satisfies(x -> {
      assertThat(x.stage()).isEqualTo(Stage.RUNNING);
      assertThat(x.validatorBinlog()).isEqualTo("(mysql-bin.000001, 6571)");
      assertThat(x.validatorBinlogGtid().isEmpty()).isTrue();
      assertThat(x.processedRowsStatus()).isEqualTo("insert/update/delete: 2/0/0");
    });
  }

  // ------------------------------------------------------------------ OpenAPI

  @Test
  void openApi53_taskStatusPlaceholders_unknownStageLowercaseUnitUnparsableGtids() throws IOException {
    TaskStatus st = Decode.openApiTaskStatus(strict("dm-5.3_openapi_get-task-status_doc-placeholder.json"), "string");
    SubtaskStatus s = st.subtasks().get(0);
    assertThat(s.stage()).isEqualTo(Stage.UNKNOWN);
    assertThat(s.unit()).isEqualTo(Unit.SYNC);
    assertThat(s.source()).isEqualTo("string");
    SyncStatus sync = sync(s);
    assertThat(sync.syncerBinlogGtid()).isInstanceOf(DmGtids.Unparsable.class);
    assertThat(sync.syncerBinlogGtid().raw()).isEqualTo("string");
    assertThat(sync.synced()).isTrue();
    assertThat(sync.secondsBehindMaster()).isEqualTo(OptionalLong.of(0));
    assertThat(sync.unresolvedGroups().get(0).ddls()).containsExactly("string");
    assertThat(s.load().orElseThrow().finishedBytes()).isEqualTo(OptionalLong.of(0));
  }

  @Test
  void openApi_clusterMastersAndWorkers() throws IOException {
    Node empty = Json.object("{\"total\":0,\"data\":[]}", "empty");
    ClusterMembers masters = Decode.openApiMembers(strict("more/dm-5.4-8.5_openapi_get-cluster-masters.json"), empty);
    assertThat(masters.leader()).contains(new LeaderInfo("master1", ""));
    assertThat(masters.masters()).containsExactly(new MasterMember("master1", Optional.empty(), true,
        List.of("127.0.0.1:8261"), List.of()));
    ClusterMembers workers = Decode.openApiMembers(empty, strict("more/dm-5.4-8.5_openapi_get-cluster-workers.json"));
    assertThat(workers.workers()).containsExactly(new WorkerMember("worker1", "127.0.0.1:8261", WorkerStage.BOUND,
        Optional.of("mysql-01")));
  }

  @Test
  void openApi_sourceStatusRelayRunning() throws IOException {
    Node root = strict("more/dm-5.4-8.5_openapi_get-source-status_relay-running.json");
    SourceStatus s = Decode.openApiSourceStatus(root.array("data").get(0));
    assertThat(s.source()).isEqualTo("mysql-replica-01");
    assertThat(s.worker()).contains("worker-1");
    RelayStatus r = s.relay().orElseThrow();
    assertThat(r.relayCatchUpMaster()).isTrue();
    assertThat(mysql(r.relayBinlogGtid()).count()).isEqualTo(7849);
    assertThat(mysql(r.masterBinlogGtid())).isEqualTo(mysql(r.relayBinlogGtid()));
    assertThat(r.relaySubDir()).isEqualTo("./sub_dir");
    assertThat(r.relayBinlog()).isEmpty();
    assertThat(r.stage()).isEqualTo(Stage.RUNNING);
    assertThat(s.errors()).singleElement().satisfies(e -> assertThat(e.message()).isEqualTo("string"));
  }

  @Test
  void openApi_sourcesWithStatus_maskedPasswordNoStatusList() throws IOException {
    Node root = strict("more/dm-5.4-8.5_openapi_get-sources-with-status_two-sources.json");
    List<SourceInfo> sources = root.array("data").stream().map(n -> Decode.openApiSource(n, Json.write(n.json()))).toList();
    assertThat(sources).extracting(SourceInfo::source).containsExactly("mysql-01", "mysql-02");
    assertThat(sources).extracting(SourceInfo::port).containsExactly(OptionalInt.of(3306), OptionalInt.of(3307));
    assertThat(sources.get(0).host()).contains("127.0.0.1");
    assertThat(sources.get(0).user()).contains("root");
    assertThat(sources.get(0).enableGtid()).isFalse();
    assertThat(sources.get(0).enabled()).isEmpty();
    assertThat(sources.get(0).config()).contains("\"password\":\"******\"");
    assertThat(root.array("data").get(0).has("status_list")).isFalse();
  }

  @Test
  void openApi_errorBody46018_codeClassWorkaround() throws IOException {
    String body = SharedFacts.sample("more/dm-7.x-8.x_openapi_error-body-46018-task-not-exist.json");
    DmError e = HttpTransport.errorIn(body).orElseThrow();
    assertThat(e.code()).isEqualTo(OptionalInt.of(46018));
    assertThat(e.errClass()).contains("scheduler");
    assertThat(e.scope()).contains("internal");
    assertThat(e.level()).contains("medium");
    assertThat(e.message()).isEqualTo("task with name task-test not exist");
    assertThat(e.workaround()).contains("Please use `query-status` command to see tasks.");
    assertThat(strict("more/dm-7.x-8.x_openapi_error-body-46018-task-not-exist.json").int32("error_code"))
        .isEqualTo(OptionalInt.of(46018));
    DmRefusedException refused = new DmRefusedException("GET task", Json.object(body, "x").text("error_msg").orElseThrow());
    assertThat(refused.error().flatMap(x -> x.code().isPresent() ? Optional.of(x.code().getAsInt()) : Optional.empty()))
        .contains(46018);
  }
}
