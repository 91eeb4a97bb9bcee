package io.github.dmswitchover.dm;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The DM cluster's members ({@code list-member}).
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param leader the leader, empty when none leads
 * @param masters the masters
 * @param workers the workers
 */
public record ClusterMembers(Optional<LeaderInfo> leader, List<MasterMember> masters, List<WorkerMember> workers) {
  /**
   * Checks the fields and copies the lists.
   *
   * @throws NullPointerException if a field is null
   */
  public ClusterMembers {
    Objects.requireNonNull(leader, "leader");
    masters = List.copyOf(masters);
    workers = List.copyOf(workers);
  }

  /**
   * Returns a worker by name.
   *
   * @param name the worker's name
   * @return the worker, or empty if there is none by that name
   */
  public Optional<WorkerMember> worker(String name) {
    return workers.stream().filter(w -> w.name().equals(name)).findFirst();
  }
}
