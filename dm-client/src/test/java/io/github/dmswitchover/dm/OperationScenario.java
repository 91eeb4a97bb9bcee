package io.github.dmswitchover.dm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dmswitchover.testkit.dm.DmProfile;
import io.github.dmswitchover.testkit.dm.DmSimulator;
import io.github.dmswitchover.testkit.dm.SourceConfig;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Every operation of {@link DmClient} against one simulated release, through the client under
 * test (automatic or forced surface). Where the client cannot do a step on its surface, the step
 * must fail with {@link DmUnsupportedOperationException} naming the operation and the version, and
 * a second client with automatic surfaces ({@code setup}) prepares the state for the next steps.
 */
final class OperationScenario {
  /** op → "profile/surface" cells exercised, for the report. */
  static final Map<String, Set<String>> COVERED = new TreeMap<>();

  private final DmSimulator sim;
  private final DmClient client;
  private final DmClient setup;
  private final DmProfile profile;
  private final Optional<Surface> forced;
  private final DmVersion version;
  private final boolean v1;
  private final String tag;

  OperationScenario(DmSimulator sim, DmProfile profile, Optional<Surface> forced, String tag) {
    this.sim = sim;
    this.profile = profile;
    this.forced = forced;
    this.tag = tag;
    DmClient.Builder b = Sims.client(sim);
    forced.ifPresent(b::withSurface);
    this.client = b.build();
    this.setup = Sims.client(sim).build();
    this.version = DmVersion.parse(profile.releaseVersion());
    this.v1 = profile == DmProfile.V1_0;
  }

  /** The surface the client should use, replicating the plan with this test's availability. */
  Optional<Surface> expected(DmOperation op, Set<SurfacePlan.Need> needs) {
    List<Surface> candidates = forced.map(List::of).orElse(SurfacePlan.preference(op));
    for (Surface s : candidates) {
      boolean available = s != Surface.OPENAPI || profile.hasOpenApi();
      if (available && SurfacePlan.refusal(s, op, version, needs).isEmpty()) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  private <T> Optional<T> step(DmOperation op, Set<SurfacePlan.Need> needs, Supplier<T> call) {
    Optional<Surface> surface = expected(op, needs);
    if (surface.isEmpty()) {
      assertThatThrownBy(call::get).as(op + " on " + profile + " via " + forced)
          .isInstanceOfSatisfying(DmUnsupportedOperationException.class, e -> {
            assertThat(e.operation()).isEqualTo(op);
            assertThat(e.getMessage()).contains(op.command()).contains(profile.releaseVersion());
            assertThat(e.surface()).isEqualTo(forced);
          });
      record(op, "-");
      return Optional.empty();
    }
    T result = call.get();
    record(op, surface.get().name());
    return Optional.of(result);
  }

  private <T> Optional<T> step(DmOperation op, Supplier<T> call) {
    return step(op, Set.of(), call);
  }

  private void record(DmOperation op, String surface) {
    synchronized (COVERED) {
      COVERED.computeIfAbsent(op.name(), k -> new TreeSet<>()).add(profile + "/" + surface + tag);
    }
  }

  /** Whether the query is refused by DM (a DmUnsupportedOperationException passes through). */
  private static boolean refused(Supplier<?> query) {
    try {
      query.get();
      return false;
    } catch (DmRefusedException e) {
      return true;
    }
  }

  private static void ok(OperationResult r, String what) {
    assertThat(r.succeeded()).as(what + ": " + r).isTrue();
  }

  private static void refusedWith(OperationResult r, int code, String what) {
    assertThat(r.succeeded()).as(what + ": " + r).isFalse();
    String all = r.message() + " " + r.sources().stream().map(SourceOutcome::message).toList();
    assertThat(all).as(what).contains("code=" + code);
  }

  /** The worker bound to a source: list-member (HTTP) from 2.0, query-status -s on DM 1.0. */
  private String workerOf(String source) {
    if (v1) {
      return setup.sourceStatus(source).worker().orElseThrow(() -> new AssertionError(source + " is not bound"));
    }
    return setup.listMembers().workers().stream().filter(w -> w.stage() == WorkerStage.BOUND && w.source().equals(Optional.of(source)))
        .map(WorkerMember::name).findFirst().orElseThrow(() -> new AssertionError(source + " is not bound"));
  }

  /** The relay of a source as the simulator-facing setup client reads it. */
  private Optional<RelayStatus> relayOf(String source) {
    return setup.sourceStatus(source).relay();
  }

  private void awaitStage(String task, String source, String... stages) {
    Sims.await(task + "/" + source + " in " + List.of(stages), () -> List.of(stages).contains(sim.subtaskStage(task, source)));
  }

  void run() {
    // ---- version
    assertThat(client.version().text()).isEqualTo(profile.releaseVersion());
    assertThat(client.version().statusText()).startsWith("Release Version: " + profile.releaseVersion());

    // ---- sources
    if (v1) {
      for (String s : List.of("s1", "s2", "s3")) {
        sim.addSource(SourceConfig.builder(s).withAddress("127.0.0.1", 1).withFlavor("mysql").withGtid(true).withRelay(true)
            .build());
      }
      step(DmOperation.CREATE_SOURCE, () -> client.createSource(Sims.sourceYaml("s9", "pw")));
    } else {
      for (String s : List.of("s1", "s2")) {
        Optional<OperationResult> created = step(DmOperation.CREATE_SOURCE, () -> client.createSource(Sims.sourceYaml(s, "pw-" + s)));
        created.ifPresentOrElse(r -> {
          ok(r, "create " + s);
          assertThat(r.sources()).extracting(SourceOutcome::source).containsExactly(s);
        }, () -> ok(setup.createSource(Sims.sourceYaml(s, "pw-" + s)), "setup create " + s));
      }
      Optional<OperationResult> s3 = step(DmOperation.CREATE_SOURCE, EnumSet.of(SurfacePlan.Need.WORKER),
          () -> client.createSource(Sims.sourceYaml("s3", "pw-s3"), "worker3"));
      if (s3.isPresent()) {
        ok(s3.get(), "create s3 on worker3");
      } else {
        ok(profile.ordinal() >= DmProfile.V6_0.ordinal() ? setup.createSource(Sims.sourceYaml("s3", "pw-s3"), "worker3")
            : setup.createSource(Sims.sourceYaml("s3", "pw-s3")), "setup create s3");
      }
      assertThat(workerOf("s3")).isEqualTo("worker3");
      step(DmOperation.CREATE_SOURCE, () -> client.createSource(Sims.sourceYaml("s1", "pw-s1")))
          .ifPresent(r -> refusedWith(r, 46007, "create s1 again"));
      step(DmOperation.GET_SOURCE, () -> client.getSource("s1")).ifPresent(info -> {
        assertThat(info.source()).isEqualTo("s1");
        assertThat(info.host()).contains("127.0.0.1");
        assertThat(info.port()).hasValue(1);
        assertThat(info.user()).contains("dm");
        assertThat(info.enableGtid()).isTrue();
        assertThat(info.toString()).doesNotContain("pw-s1");
      });
      step(DmOperation.GET_SOURCE, () -> refused(() -> client.getSource("nope"))).ifPresent(r -> assertThat(r).isTrue());
    }
    step(DmOperation.GET_SOURCE, () -> client.getSource("s1"));

    // ---- start a task
    Optional<OperationResult> started = step(DmOperation.START_TASK,
        () -> client.startTask(Sims.taskYaml("t", "incremental", "s1", "s2"), List.of(), false));
    started.ifPresentOrElse(r -> {
      ok(r, "start-task t");
      assertThat(r.sources()).extracting(SourceOutcome::source).containsExactlyInAnyOrder("s1", "s2");
    }, () -> ok(setup.startTask(Sims.taskYaml("t", "incremental", "s1", "s2"), List.of(), false), "setup start-task t"));
    awaitStage("t", "s1", "Running");
    if (!v1) {
      step(DmOperation.REMOVE_SOURCE, () -> client.removeSource("s1")).ifPresent(r -> refusedWith(r, 46010, "remove s1 in use"));
    }

    // ---- status
    step(DmOperation.TASK_STATUS, () -> client.taskStatus("t")).ifPresent(st -> {
      assertThat(st.subtasks()).extracting(SubtaskStatus::source).containsExactlyInAnyOrder("s1", "s2");
      assertThat(st.subtasks()).allSatisfy(s -> {
        assertThat(s.stage()).isEqualTo(Stage.RUNNING);
        assertThat(s.unit()).isEqualTo(Unit.SYNC);
        assertThat(s.worker()).isPresent();
        assertThat(s.sync()).isPresent();
      });
      if (v1) {
        assertThat(st.sources()).allSatisfy(s -> assertThat(s.relay()).isPresent());
      }
    });
    step(DmOperation.TASK_STATUS, () -> refused(() -> client.taskStatus("nope"))).ifPresent(r -> assertThat(r).isTrue());
    Set<SurfacePlan.Need> none = Set.of();
    if (expected(DmOperation.LIST_TASKS, none).isPresent() && expected(DmOperation.TASK_STATUS, none).isPresent()) {
      assertThat(client.allTaskStatuses()).extracting(TaskStatus::task).containsExactly("t");
      record(DmOperation.LIST_TASKS, expected(DmOperation.LIST_TASKS, none).get().name());
    } else {
      step(DmOperation.LIST_TASKS, client::allTaskStatuses);
    }
    step(DmOperation.TASKS_USING_SOURCE, () -> client.tasksUsingSource("s1")).ifPresent(t -> assertThat(t).containsExactly("t"));
    step(DmOperation.TASKS_USING_SOURCE, () -> client.tasksUsingSource("s3")).ifPresent(t -> assertThat(t).isEmpty());
    step(DmOperation.SOURCE_STATUS, () -> client.sourceStatus("s1")).ifPresent(s -> {
      assertThat(s.worker()).isPresent();
      assertThat(s.relay().isPresent()).isEqualTo(v1);
    });

    // ---- pause / resume
    step(DmOperation.PAUSE_TASK, () -> client.pauseTask("t", "s1")).ifPresent(r -> {
      ok(r, "pause-task t -s s1");
      awaitStage("t", "s1", "Paused", "Stopped");
      assertThat(sim.subtaskStage("t", "s2")).isEqualTo("Running");
    });
    step(DmOperation.RESUME_TASK, () -> client.resumeTask("t")).ifPresent(r -> {
      ok(r, "resume-task t");
      awaitStage("t", "s1", "Running");
    });
    step(DmOperation.TASK_CONFIG, () -> client.taskConfig("t")).ifPresent(cfg -> {
      assertThat(cfg).contains("name: t").doesNotContain("tidb-secret");
    });

    // ---- relay
    relay();

    // ---- shard DDL locks and restart safety
    locksAndRestartSafety();

    // ---- members
    if (!v1) {
      step(DmOperation.LIST_MEMBERS, client::listMembers).ifPresent(m -> {
        assertThat(m.leader().map(LeaderInfo::name)).contains("master1");
        assertThat(m.masters()).hasSize(3).allMatch(MasterMember::alive);
        if (expected(DmOperation.LIST_MEMBERS, none).orElseThrow() != Surface.OPENAPI) {
          assertThat(m.masters()).allSatisfy(x -> assertThat(x.memberId()).isPresent());
        }
        assertThat(m.worker("worker1").orElseThrow().stage()).isEqualTo(WorkerStage.BOUND);
        assertThat(m.worker("worker4").orElseThrow().stage()).isEqualTo(WorkerStage.FREE);
      });
      step(DmOperation.LIST_MEMBERS, client::clusterHealth).ifPresent(h -> assertThat(h.healthy()).as(h.problems().toString())
          .isTrue());
    } else {
      step(DmOperation.LIST_MEMBERS, client::listMembers);
      step(DmOperation.LIST_MEMBERS, client::clusterHealth);
    }

    // ---- transfer
    if (!v1) {
      boolean pauseFirst = !version.atLeast(5, 4, 0);
      if (pauseFirst) {
        ok(setup.pauseTask("t", "s2"), "pause before transfer");
        awaitStage("t", "s2", "Paused");
      }
      step(DmOperation.TRANSFER_SOURCE, () -> client.transferSource("s2", "worker4")).ifPresent(r -> {
        ok(r, "transfer-source s2 worker4");
        assertThat(workerOf("s2")).isEqualTo("worker4");
      });
      if (pauseFirst) {
        ok(setup.resumeTask("t", "s2"), "resume after transfer");
      }
    } else {
      step(DmOperation.TRANSFER_SOURCE, () -> client.transferSource("s2", "worker4"));
    }

    // ---- stop task keeping the checkpoints, start it again from them
    Sims.await("a checkpoint for t/s1", () -> sim.checkpoint("t", "s1").isPresent());
    Optional<OperationResult> stopped = step(DmOperation.STOP_TASK, () -> client.stopTask("t"));
    stopped.ifPresentOrElse(r -> ok(r, "stop-task t"), () -> ok(setup.stopTask("t"), "setup stop-task t"));
    assertThat(sim.checkpoint("t", "s1")).as("stop-task keeps the checkpoint").isPresent();
    assertThat(sim.checkpoint("t", "s2")).as("stop-task keeps the checkpoint").isPresent();
    assertThatThrownBy(() -> setup.taskStatus("t")).isInstanceOf(DmRefusedException.class);
    String restart = Sims.taskYaml("t", "incremental", "s1", "s2").replace("  meta:\n    binlog-gtid: \"\"\n", "");
    step(DmOperation.START_TASK, () -> client.startTask(restart, List.of("s1"), false)).ifPresentOrElse(
        r -> {
          ok(r, "start-task from the checkpoint");
          assertThat(r.sources()).extracting(SourceOutcome::source).containsExactly("s1");
        }, () -> ok(setup.startTask(restart, List.of("s1"), false), "setup restart"));
    awaitStage("t", "s1", "Running");
    step(DmOperation.STOP_TASK, EnumSet.of(SurfacePlan.Need.SOME_SOURCES), () -> client.stopTask("t", "s1"))
        .ifPresentOrElse(r -> ok(r, "stop-task t -s s1"), () -> ok(setup.stopTask("t", "s1"), "setup stop t -s s1"));
    assertThat(sim.checkpoint("t", "s1")).isPresent();

    if (v1) {
      for (DmOperation op : List.of(DmOperation.TASK_CONFIG, DmOperation.REMOVE_SOURCE, DmOperation.ENABLE_SOURCE,
          DmOperation.DISABLE_SOURCE, DmOperation.OFFLINE_MEMBER, DmOperation.START_RELAY, DmOperation.STOP_RELAY)) {
        step(op, () -> switch (op) {
          case TASK_CONFIG -> client.taskConfig("t");
          case REMOVE_SOURCE -> client.removeSource("s1");
          case ENABLE_SOURCE -> client.enableSource("s1");
          case DISABLE_SOURCE -> client.disableSource("s1");
          case OFFLINE_MEMBER -> client.offlineMember(MemberType.WORKER, "worker3");
          case START_RELAY -> client.startRelay("s1");
          default -> client.stopRelay("s1");
        });
      }
      return;
    }

    // ---- enable / disable
    step(DmOperation.DISABLE_SOURCE, () -> client.disableSource("s3")).ifPresent(r -> ok(r, "disable s3"));
    step(DmOperation.ENABLE_SOURCE, () -> client.enableSource("s3")).ifPresent(r -> ok(r, "enable s3"));

    // ---- remove sources; force where DM has it
    step(DmOperation.REMOVE_SOURCE, () -> client.removeSource("s1")).ifPresentOrElse(r -> ok(r, "remove s1"),
        () -> ok(setup.removeSource("s1"), "setup remove s1"));
    ok(setup.startTask(Sims.taskYaml("t3", "incremental", "s3"), List.of(), false), "setup start t3");
    step(DmOperation.REMOVE_SOURCE, EnumSet.of(SurfacePlan.Need.FORCE), () -> client.removeSource("s3", true)).ifPresentOrElse(
        r -> {
          ok(r, "remove s3 with force");
          assertThatThrownBy(() -> setup.taskStatus("t3")).isInstanceOf(DmRefusedException.class);
        },
        () -> {
          ok(setup.stopTask("t3"), "setup stop t3");
          ok(setup.removeSource("s3"), "setup remove s3");
        });

    // ---- offline member
    step(DmOperation.OFFLINE_MEMBER, () -> client.offlineMember(MemberType.WORKER, "worker3"))
        .ifPresent(r -> refusedWith(r, 46005, "offline a live worker"));
    sim.loseWorker("worker3");
    if (expected(DmOperation.LIST_MEMBERS, none).isPresent()) {
      ClusterHealth h = client.clusterHealth();
      assertThat(h.healthy()).isFalse();
      assertThat(h.offlineWorkers()).extracting(WorkerMember::name).containsExactly("worker3");
      assertThat(h.problems()).anyMatch(p -> p.contains("worker3"));
    }
    step(DmOperation.OFFLINE_MEMBER, () -> client.offlineMember(MemberType.WORKER, "worker3"))
        .ifPresent(r -> ok(r, "offline a lost worker"));
    step(DmOperation.SWITCH_RELAY_MASTER, () -> client.switchRelayMaster("s2"));
  }

  private void relay() {
    if (v1) {
      step(DmOperation.PAUSE_RELAY, () -> client.pauseRelay("s1")).ifPresent(r -> {
        ok(r, "pause-relay s1");
        assertThat(r.sources()).extracting(SourceOutcome::source).containsExactly("s1");
      });
      step(DmOperation.SWITCH_RELAY_MASTER, () -> client.switchRelayMaster("s1")).ifPresent(r -> ok(r, "switch-relay-master"));
      step(DmOperation.RESUME_RELAY, () -> client.resumeRelay("s1")).ifPresent(r -> ok(r, "resume-relay s1"));
      return;
    }
    String[] workers = version.atLeast(5, 4, 0) ? new String[0] : new String[] {workerOf("s1")};
    Set<SurfacePlan.Need> needs = workers.length == 0 ? EnumSet.of(SurfacePlan.Need.NO_WORKERS) : Set.of();
    step(DmOperation.START_RELAY, needs, () -> client.startRelay("s1", workers)).ifPresentOrElse(r -> ok(r, "start-relay s1"),
        () -> ok(setup.startRelay("s1", workers), "setup start-relay s1"));
    assertThat(relayOf("s1")).as("relay of s1").isPresent();
    step(DmOperation.SOURCE_STATUS, () -> client.sourceStatus("s1")).ifPresent(s -> {
      RelayStatus r = s.relay().orElseThrow();
      assertThat(r.stage()).isEqualTo(Stage.RUNNING);
    });
    step(DmOperation.PAUSE_RELAY, () -> client.pauseRelay("s1")).ifPresent(r -> {
      ok(r, "pause-relay s1");
      assertThat(relayOf("s1").orElseThrow().stage()).isEqualTo(Stage.PAUSED);
    });
    if (expected(DmOperation.PAUSE_RELAY, Set.of()).isPresent()) {
      step(DmOperation.RESUME_RELAY, () -> client.resumeRelay("s1")).ifPresent(r -> {
        ok(r, "resume-relay s1");
        assertThat(relayOf("s1").orElseThrow().stage()).isEqualTo(Stage.RUNNING);
      });
    } else {
      step(DmOperation.RESUME_RELAY, () -> client.resumeRelay("s1"));
    }
    step(DmOperation.STOP_RELAY, needs, () -> client.stopRelay("s1", workers)).ifPresentOrElse(r -> ok(r, "stop-relay s1"),
        () -> ok(setup.stopRelay("s1", workers), "setup stop-relay s1"));
    assertThat(relayOf("s1")).as("relay of s1 after stop-relay").isEmpty();
  }

  private void locksAndRestartSafety() {
    step(DmOperation.SHARD_DDL_LOCKS, () -> client.shardDdlLocks(Optional.empty())).ifPresent(l -> assertThat(l).isEmpty());
    sim.addShardDdlLock(new io.github.dmswitchover.testkit.dm.ShardDdlLock("t-`db`.`tb`", "t", "pessimistic", "s1",
        List.of("ALTER TABLE `db`.`tb` ADD COLUMN c INT"), List.of("s1"), List.of()));
    step(DmOperation.SHARD_DDL_LOCKS, () -> client.shardDdlLocks(Optional.of("t"))).ifPresent(l -> {
      assertThat(l).singleElement().satisfies(lock -> {
        assertThat(lock.id()).isEqualTo("t-`db`.`tb`");
        assertThat(lock.task()).isEqualTo("t");
        assertThat(lock.owner()).isEqualTo("s1");
        assertThat(lock.involves("s1")).isTrue();
        assertThat(lock.involves("s2")).isFalse();
      });
    });
    String w1 = workerOf("s1");
    String w2 = workerOf("s2");
    restartSafety(w1).ifPresent(r -> {
      assertThat(r.safe()).isFalse();
      assertThat(r.source()).contains("s1");
      assertThat(r.blockers()).extracting(RestartBlocker::kind).contains(RestartBlocker.Kind.SHARD_DDL_LOCK);
    });
    restartSafety(w2).ifPresent(r -> assertThat(r.safe()).as(r.toString()).isTrue());
    ok(setup.startTask(Sims.taskYaml("full", "all", "s2"), List.of(), false), "setup start full");
    sim.holdSubtaskIn("full", "s2", io.github.dmswitchover.testkit.dm.Unit.LOAD);
    Sims.await("full/s2 in Load", () -> sim.subtaskUnit("full", "s2").equals("Load"));
    restartSafety(w2).ifPresent(r -> {
      assertThat(r.safe()).isFalse();
      assertThat(r.blockers()).singleElement().satisfies(b -> {
        assertThat(b.kind()).isEqualTo(RestartBlocker.Kind.LOAD_UNIT);
        assertThat(b.task()).isEqualTo("full");
      });
    });
    restartSafety("no-such-worker").ifPresent(r -> assertThat(r.blockers()).extracting(RestartBlocker::kind)
        .containsExactly(RestartBlocker.Kind.UNKNOWN_WORKER));
    ok(setup.stopTask("full"), "setup stop full");
    ok(setup.startTask(Sims.taskYaml("dump", "all", "s2"), List.of(), false), "setup start dump");
    sim.holdSubtaskIn("dump", "s2", io.github.dmswitchover.testkit.dm.Unit.DUMP);
    Sims.await("dump/s2 in Dump", () -> sim.subtaskUnit("dump", "s2").equals("Dump"));
    restartSafety(w2).ifPresent(r -> assertThat(r.blockers()).extracting(RestartBlocker::kind)
        .containsExactly(RestartBlocker.Kind.DUMP_UNIT));
    ok(setup.stopTask("dump"), "setup stop dump");
  }

  /** The composite check; empty where the forced surface cannot do one of the reads it needs. */
  private Optional<RestartSafety> restartSafety(String worker) {
    try {
      RestartSafety r = client.workerRestartSafety(worker);
      List<String> parts = new ArrayList<>();
      parts.add(forced.map(Surface::name).orElse("auto"));
      synchronized (COVERED) {
        COVERED.computeIfAbsent("WORKER_RESTART_SAFETY", k -> new TreeSet<>()).add(profile + "/" + parts.get(0) + tag);
      }
      return Optional.of(r);
    } catch (DmUnsupportedOperationException e) {
      assertThat(forced).as("only a forced surface may lack a read the check needs: " + e.getMessage()).isPresent();
      return Optional.empty();
    }
  }
}
