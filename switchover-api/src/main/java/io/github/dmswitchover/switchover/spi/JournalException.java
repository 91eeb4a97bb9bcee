package io.github.dmswitchover.switchover.spi;

/** The journal could not be written or read; a switchover stops rather than act unrecorded. */
public class JournalException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed
   * @param cause the underlying error, or {@code null}
   */
  public JournalException(String message, Throwable cause) {
    super(message, cause);
  }
}
