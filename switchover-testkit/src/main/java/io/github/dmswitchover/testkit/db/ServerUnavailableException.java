package io.github.dmswitchover.testkit.db;

/**
 * No server of the requested flavor and version can be started here: no local binaries were found
 * and no Docker engine is available. The message says exactly what to install or configure.
 */
public final class ServerUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Flavor flavor;

  /**
   * Creates the exception.
   *
   * @param flavor the flavor that was asked for
   * @param message what was looked for and what to install
   */
  public ServerUnavailableException(Flavor flavor, String message) {
    super(message);
    this.flavor = flavor;
  }

  /** Returns the flavor that was asked for. */
  public Flavor flavor() {
    return flavor;
  }
}
