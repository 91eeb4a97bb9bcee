package io.github.dmswitchover.dm;

/**
 * The root of every exception {@link DmClient} throws; unchecked. Each subtype stands for one
 * reaction: {@link DmTransportException} (DM may not have been reached), {@link DmHttpException}
 * (DM or a proxy answered with an unexpected HTTP status), {@link DmRefusedException} (DM
 * understood and refused), {@link DmDecodeException} (DM's answer was not understood),
 * {@link DmctlException} (the dmctl process failed) and {@link DmUnsupportedOperationException}
 * (the operation does not exist on the chosen surface or version).
 *
 * <p>Messages never contain passwords: DM's texts are masked before they are kept.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class DmException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong, already masked
   */
  public DmException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message what went wrong, already masked
   * @param cause the underlying failure
   */
  public DmException(String message, Throwable cause) {
    super(message, cause);
  }
}
