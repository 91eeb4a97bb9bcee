package io.github.dmswitchover.switchover.spi;

import java.util.Objects;

/**
 * One virtual IP move a switchover asks for.
 *
 * @param switchoverId the switchover's id (for the mover's logs)
 * @param sourceId the DM source
 * @param vip the virtual address DM reads through ({@code host:port})
 * @param from the instance the VIP leads to now ({@code host:port})
 * @param to the instance it must lead to ({@code host:port})
 */
public record VipMove(String switchoverId, String sourceId, String vip, String from, String to) {
  /** Checks that no component is null. */
  public VipMove {
    Objects.requireNonNull(switchoverId, "switchoverId");
    Objects.requireNonNull(sourceId, "sourceId");
    Objects.requireNonNull(vip, "vip");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
  }

  /** Returns the move that undoes this one. */
  public VipMove reversed() {
    return new VipMove(switchoverId, sourceId, vip, to, from);
  }
}
