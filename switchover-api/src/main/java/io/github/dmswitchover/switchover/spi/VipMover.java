package io.github.dmswitchover.switchover.spi;

import java.time.Duration;

/**
 * Moves a virtual IP between instances: keepalived, a cloud API, a load balancer, a DNS record.
 * The user supplies it; the switchover calls {@code prepare}, {@code move} and {@code verify} in
 * order, and {@code moveBack} to compensate. Each call must finish within its timeout or throw.
 * Implementations must be safe to call again after a crash (idempotent).
 */
public interface VipMover {

  /** Returns a short description for reports, e.g. {@code keepalived on 10.0.0.100}. */
  String describe();

  /**
   * Checks that the move can happen (peers reachable, the VIP where expected); moves nothing.
   *
   * @throws VipMoveException if it cannot
   */
  void prepare(VipMove move, Duration timeout);

  /**
   * Moves the VIP from {@code move.from()} to {@code move.to()}.
   *
   * @throws VipMoveException if it did not move within the timeout
   */
  void move(VipMove move, Duration timeout);

  /**
   * Checks, by the mover's own means, that the VIP now leads to {@code move.to()} (the switchover
   * checks identities through the VIP itself as well).
   *
   * @throws VipMoveException if it does not
   */
  void verify(VipMove move, Duration timeout);

  /**
   * Moves the VIP back to {@code move.from()} (compensation).
   *
   * @throws VipMoveException if it did not move back within the timeout
   */
  void moveBack(VipMove move, Duration timeout);
}
