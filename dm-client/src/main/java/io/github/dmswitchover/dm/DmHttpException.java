package io.github.dmswitchover.dm;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * DM (or a proxy in front of it) answered with an HTTP status the operation does not expect, for
 * example a 5xx, a 404 for an endpoint this master does not serve, or a request-validation 400 that
 * carries no DM error code. A status is never reported as an I/O failure.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class DmHttpException extends DmException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final Integer dmCode;
  private final String body;
  private final transient DmError error;

  /**
   * Creates the exception.
   *
   * @param message what was asked and what came back, already masked
   * @param status the HTTP status
   * @param error DM's error parsed from the body, if the body held one
   * @param body the response body with secrets masked
   */
  public DmHttpException(String message, int status, Optional<DmError> error, String body) {
    super(message);
    this.status = status;
    this.error = error.orElse(null);
    this.dmCode = error.flatMap(e -> e.code().isPresent() ? Optional.of(e.code().getAsInt()) : Optional.empty()).orElse(null);
    this.body = Secrets.mask(body);
  }

  /**
   * Returns the HTTP status.
   *
   * @return the status code, e.g. 500
   */
  public int status() {
    return status;
  }

  /**
   * Returns DM's error code when the body carried one (for example 38043).
   *
   * @return the code, or empty
   */
  public OptionalInt dmCode() {
    return dmCode == null ? OptionalInt.empty() : OptionalInt.of(dmCode);
  }

  /**
   * Returns DM's error parsed from the body, when it held one.
   *
   * @return the error, or empty
   */
  public Optional<DmError> error() {
    return Optional.ofNullable(error);
  }

  /**
   * Returns the response body with passwords masked.
   *
   * @return the body text, empty if there was none
   */
  public String body() {
    return body;
  }
}
