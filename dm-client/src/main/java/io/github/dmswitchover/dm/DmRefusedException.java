package io.github.dmswitchover.dm;

import java.util.Optional;

/**
 * DM understood a query and refused it: the gateway or dmctl answered {@code "result": false}, or
 * the OpenAPI answered its error body ({@code error_code}, {@code error_msg}), for example for a
 * task that does not exist. Operations that change state report refusals as an
 * {@link OperationResult} instead.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class DmRefusedException extends DmException {
  private static final long serialVersionUID = 1L;

  private final transient DmError error;
  private final String dmMessage;

  /**
   * Creates the exception.
   *
   * @param what the query that was refused, e.g. {@code query-status orders}
   * @param dmMessage DM's message, already masked
   */
  public DmRefusedException(String what, String dmMessage) {
    super(what + " was refused by DM: " + Secrets.mask(dmMessage));
    this.dmMessage = Secrets.mask(dmMessage);
    this.error = ErrorTexts.parseLines(this.dmMessage).stream().findFirst().orElse(null);
  }

  /**
   * Returns DM's message as it came back (masked).
   *
   * @return the message
   */
  public String dmMessage() {
    return dmMessage;
  }

  /**
   * Returns DM's error parsed from the message, when the message is in DM's error format.
   *
   * @return the error, or empty
   */
  public Optional<DmError> error() {
    return Optional.ofNullable(error).filter(e -> e.code().isPresent());
  }
}
