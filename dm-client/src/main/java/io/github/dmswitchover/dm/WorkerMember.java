package io.github.dmswitchover.dm;

import java.util.Objects;
import java.util.Optional;

/**
 * A DM-worker member.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param name the worker's name
 * @param address its address
 * @param stage bound, free, offline or relay
 * @param source the source it is bound to (or pulls relay for), if any
 */
public record WorkerMember(String name, String address, WorkerStage stage, Optional<String> source) {
  /**
   * Checks the fields.
   *
   * @throws NullPointerException if a field is null
   */
  public WorkerMember {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(source, "source");
  }
}
