package io.github.dmswitchover.switchover;

import java.util.ArrayList;
import java.util.List;

/** The steps of each flow (PROCEDURES.md), per DM version, with the concrete calls each makes. */
final class Flows {
  static final String PAUSE_RELAY = "pause-relay";
  static final String PAUSE_TASKS = "pause-tasks";
  static final String RECHECK = "recheck-frozen";
  static final String MOVE_VIP = "move-vip";
  static final String SWITCH_RELAY_MASTER = "switch-relay-master";
  static final String RESUME_RELAY = "resume-relay";
  static final String RESUME_TASKS = "resume-tasks";
  static final String STOP_TASKS = "stop-tasks";
  static final String STOP_RELAY = "stop-relay";
  static final String REMOVE_SOURCE = "remove-source";
  static final String CREATE_SOURCE = "create-source";
  static final String START_RELAY = "start-relay";
  static final String RECONFIGURE_WORKER = "reconfigure-worker";
  static final String START_TASKS = "start-tasks";
  static final String VERIFY = "verify";

  private Flows() {}

  static String flowName(Gates.Flow flow, DmSnapshot dm) {
    return (dm.version().isV1() ? "dm1.0-" : "") + (flow == Gates.Flow.VIP ? "vip" : "address");
  }

  /** The tasks the switchover pauses: those of the source that run now. */
  static List<String> running(DmSnapshot dm) {
    return dm.subtasks().stream().filter(s -> s.stage().equalsIgnoreCase("Running")).map(DmSnapshot.SubtaskInfo::task).toList();
  }

  static List<String> all(DmSnapshot dm) {
    return dm.subtasks().stream().map(DmSnapshot.SubtaskInfo::task).toList();
  }

  static List<PlannedStep> plan(Spec spec, DmSnapshot dm) {
    DmPort port = spec.dm();
    String s = spec.sourceId();
    boolean v1 = dm.version().isV1();
    boolean relay = dm.relay().isPresent();
    List<String> running = running(dm);
    List<String> all = all(dm);
    List<PlannedStep> steps = new ArrayList<>();
    if (spec.flow() == Gates.Flow.VIP) {
      String vip = spec.vip().get().vip();
      String mover = spec.vip().get().mover().describe();
      boolean pauseRelay = relay && (v1 || port.canPauseRelay());
      if (pauseRelay) {
        steps.add(step(PAUSE_RELAY, "pause the relay of " + s + " so that it drops its connection through the VIP",
            List.of(port.describe("pause-relay " + s))));
      }
      steps.add(step(PAUSE_TASKS, "pause the tasks running on " + s + " (only these are resumed later)",
          each(port, "pause-task", running, s)));
      steps.add(recheck(spec));
      steps.add(step(MOVE_VIP, "move the VIP " + vip + " to the new instance and read its identity through the VIP "
          + spec.policy().vipIdentityReads() + " times",
          List.of(mover + ": prepare, move, verify (each within " + spec.policy().stepTimeout() + ")",
              "read server identity through " + vip + " x" + spec.policy().vipIdentityReads() + "; every read must be the new instance")));
      if (v1) {
        steps.add(step(SWITCH_RELAY_MASTER, "let the paused relay continue from the new server",
            List.of(port.describe("switch-relay-master " + s))));
      }
      if (pauseRelay) {
        steps.add(step(RESUME_RELAY, "resume the relay; it reads the new instance through the VIP",
            List.of(port.describe("resume-relay " + s))));
      }
      steps.add(step(RESUME_TASKS, "resume exactly the tasks paused above", each(port, "resume-task", running, s)));
    } else {
      steps.add(step(PAUSE_TASKS, "pause the tasks running on " + s + " so that their positions freeze",
          each(port, "pause-task", running, s)));
      steps.add(recheck(spec));
      steps.add(step(STOP_TASKS, "stop every task on " + s + ", keeping the checkpoints (never the OpenAPI DELETE of DM 6.0-8.5)",
          each(port, "stop-task", all, s)));
      if (v1) {
        steps.add(step(RECONFIGURE_WORKER, "point the worker of " + s + " at the new address through the caller's hook",
            List.of("WorkerReconfigurer.reconfigure(" + s + ", new configuration, " + spec.policy().stepTimeout() + ")")));
      } else {
        if (relay) {
          steps.add(step(STOP_RELAY, "stop the relay of " + s + " (DM refuses to remove a source with relay workers)",
              List.of(port.describe("stop-relay " + s))));
        }
        steps.add(step(REMOVE_SOURCE, "remove source " + s + " (its address is fixed once created)",
            List.of(port.describe("operate-source stop " + s))));
        steps.add(step(CREATE_SOURCE, "create source " + s + " again with the new address; nothing else differs",
            List.of(port.describe("operate-source create " + s))));
        if (relay) {
          steps.add(step(START_RELAY, "start the relay of " + s + " again", List.of(port.describe("start-relay " + s))));
        }
      }
      List<String> actions = new ArrayList<>(each(port, "start-task --remove-meta=false", all, s));
      List<String> pausedBefore = all.stream().filter(t -> !running.contains(t)).toList();
      pausedBefore.forEach(t -> actions.add(port.describe("pause-task " + t + " -s " + s) + " (it was not running before)"));
      steps.add(step(START_TASKS, "start the tasks again from their checkpoints", actions));
    }
    steps.add(step(VERIFY, "prove that DM reads the new instance", verifyActions(spec, dm)));
    return steps;
  }

  private static PlannedStep recheck(Spec spec) {
    return step(RECHECK, "wait until DM reports the tasks paused, read the frozen positions, evaluate every gate again",
        List.of("poll query-status until Paused (at most " + spec.policy().pauseTimeout() + ")",
            "read the new instance; wait at most " + spec.policy().catchUpTimeout() + " for it to execute the frozen positions",
            "refuse (and resume the tasks) if a gate fails now"));
  }

  private static List<String> verifyActions(Spec spec, DmSnapshot dm) {
    List<String> out = new ArrayList<>();
    out.add("every subtask Running without error (at most " + spec.policy().verifyTimeout() + ")");
    out.add("no position goes behind the frozen one; positions move once the new instance commits");
    out.add("the new instance shows DM's binlog connection" + (spec.common().old().isPresent() ? "; the old one no longer does" : ""));
    if (dm.relay().isPresent()) {
      out.add("the relay writes to a new sub-directory named after the new instance");
    }
    return out;
  }

  private static List<String> each(DmPort port, String command, List<String> tasks, String source) {
    if (tasks.isEmpty()) {
      return List.of("(no task to act on)");
    }
    return tasks.stream().map(t -> port.describe(command + " " + t + " -s " + source)).toList();
  }

  private static PlannedStep step(String name, String description, List<String> actions) {
    return new PlannedStep(name, description, actions);
  }
}
