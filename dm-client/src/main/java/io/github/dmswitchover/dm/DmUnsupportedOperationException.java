package io.github.dmswitchover.dm;

import java.util.Optional;

/**
 * The operation does not exist on the surface that was forced (or on any surface available for
 * the detected DM version): for example {@code pause-relay} on the OpenAPI of DM 6.0+, or
 * {@code list-member} on DM 1.0. The message names the operation, the surface and the version.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class DmUnsupportedOperationException extends DmException {
  private static final long serialVersionUID = 1L;

  private final DmOperation operation;
  private final Surface surface;
  private final DmVersion version;

  /**
   * Creates the exception.
   *
   * @param operation the operation asked for
   * @param surface the forced surface, or empty when none of the available ones could do it
   * @param version the detected DM version
   * @param reason why, in a sentence
   */
  public DmUnsupportedOperationException(DmOperation operation, Optional<Surface> surface, DmVersion version, String reason) {
    super(operation.command() + " is not available "
        + surface.map(s -> "on the " + s.label() + " surface ").orElse("on any surface this client can use ")
        + "of DM " + version.text() + ": " + reason);
    this.operation = operation;
    this.surface = surface.orElse(null);
    this.version = version;
  }

  /**
   * Returns the operation that was asked for.
   *
   * @return the operation
   */
  public DmOperation operation() {
    return operation;
  }

  /**
   * Returns the surface that was forced, if one was.
   *
   * @return the surface, or empty
   */
  public Optional<Surface> surface() {
    return Optional.ofNullable(surface);
  }

  /**
   * Returns the DM version the decision was made for.
   *
   * @return the version
   */
  public DmVersion version() {
    return version;
  }
}
