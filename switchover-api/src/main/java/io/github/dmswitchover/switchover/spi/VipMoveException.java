package io.github.dmswitchover.switchover.spi;

/** A {@link VipMover} step failed or timed out; the message says which and why. */
public class VipMoveException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed
   * @param cause the underlying error, or {@code null}
   */
  public VipMoveException(String message, Throwable cause) {
    super(message, cause);
  }
}
