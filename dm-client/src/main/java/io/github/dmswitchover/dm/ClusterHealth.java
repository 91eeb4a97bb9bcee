package io.github.dmswitchover.dm;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The checks of DM's operations guide on the cluster's members: a leader is present, the masters
 * are alive (and a majority of them is), and how the workers stand.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param leader the leader, empty when none leads
 * @param aliveMasters the masters that answer
 * @param deadMasters the masters that do not
 * @param boundWorkers workers bound to a source
 * @param freeWorkers online workers bound to nothing
 * @param offlineWorkers workers the master cannot reach
 * @param relayWorkers workers pulling relay log for a source they are not bound to
 * @param problems what is wrong, one sentence each; empty when healthy
 */
public record ClusterHealth(Optional<LeaderInfo> leader, List<MasterMember> aliveMasters, List<MasterMember> deadMasters,
    List<WorkerMember> boundWorkers, List<WorkerMember> freeWorkers, List<WorkerMember> offlineWorkers,
    List<WorkerMember> relayWorkers, List<String> problems) {
  /**
   * Checks the fields and copies the lists.
   *
   * @throws NullPointerException if a field is null
   */
  public ClusterHealth {
    Objects.requireNonNull(leader, "leader");
    aliveMasters = List.copyOf(aliveMasters);
    deadMasters = List.copyOf(deadMasters);
    boundWorkers = List.copyOf(boundWorkers);
    freeWorkers = List.copyOf(freeWorkers);
    offlineWorkers = List.copyOf(offlineWorkers);
    relayWorkers = List.copyOf(relayWorkers);
    problems = List.copyOf(problems);
  }

  /**
   * Returns whether no problem was found.
   *
   * @return true when {@link #problems()} is empty
   */
  public boolean healthy() {
    return problems.isEmpty();
  }

  /** Derives the health from a membership listing. */
  static ClusterHealth of(ClusterMembers members) {
    List<MasterMember> alive = members.masters().stream().filter(MasterMember::alive).toList();
    List<MasterMember> dead = members.masters().stream().filter(m -> !m.alive()).toList();
    List<WorkerMember> offline = byStage(members, WorkerStage.OFFLINE);
    List<String> problems = new java.util.ArrayList<>();
    if (members.leader().isEmpty()) {
      problems.add("no DM-master leads");
    }
    if (!members.masters().isEmpty() && alive.size() * 2 <= members.masters().size()) {
      problems.add("only " + alive.size() + " of " + members.masters().size() + " DM-masters are alive: no majority");
    }
    for (MasterMember m : dead) {
      problems.add("DM-master " + m.name() + " is not alive");
    }
    for (WorkerMember w : offline) {
      problems.add("DM-worker " + w.name() + " is offline" + w.source().map(s -> " (source " + s + ")").orElse(""));
    }
    for (WorkerMember w : members.workers()) {
      if (w.stage() == WorkerStage.UNKNOWN) {
        problems.add("DM-worker " + w.name() + " is in a stage this client does not know");
      }
    }
    return new ClusterHealth(members.leader(), alive, dead, byStage(members, WorkerStage.BOUND),
        byStage(members, WorkerStage.FREE), offline, byStage(members, WorkerStage.RELAY), problems);
  }

  private static List<WorkerMember> byStage(ClusterMembers members, WorkerStage stage) {
    return members.workers().stream().filter(w -> w.stage() == stage).toList();
  }
}
