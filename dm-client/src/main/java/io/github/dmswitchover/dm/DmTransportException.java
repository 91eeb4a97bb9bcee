package io.github.dmswitchover.dm;

/**
 * No answer came from DM: the connection was refused or cut, the TLS handshake failed, the request
 * timed out, or the calling thread was interrupted (its interrupt flag is set again before this is
 * thrown). Whether a write reached DM is unknown when {@link #mayHaveReachedDm()} is true; read the
 * state before repeating it.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class DmTransportException extends DmException {
  private static final long serialVersionUID = 1L;

  private final boolean mayHaveReachedDm;

  /**
   * Creates the exception.
   *
   * @param message what failed and where, already masked
   * @param mayHaveReachedDm whether the request may have been delivered before the failure
   * @param cause the I/O failure
   */
  public DmTransportException(String message, boolean mayHaveReachedDm, Throwable cause) {
    super(message, cause);
    this.mayHaveReachedDm = mayHaveReachedDm;
  }

  /**
   * Returns whether the request may have reached DM (false only when no connection was made).
   *
   * @return true unless the failure happened before anything was sent
   */
  public boolean mayHaveReachedDm() {
    return mayHaveReachedDm;
  }
}
