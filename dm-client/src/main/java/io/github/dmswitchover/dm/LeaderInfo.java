package io.github.dmswitchover.dm;

import java.util.Objects;

/**
 * The DM-master leader as {@code list-member} reports it.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param name the master's name
 * @param address its advertised address ({@code ""} when the surface does not say)
 */
public record LeaderInfo(String name, String address) {
  /**
   * Checks the fields.
   *
   * @throws NullPointerException if a field is null
   */
  public LeaderInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(address, "address");
  }
}
