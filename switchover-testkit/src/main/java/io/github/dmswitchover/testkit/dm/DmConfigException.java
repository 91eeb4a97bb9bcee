package io.github.dmswitchover.testkit.dm;

/**
 * DM would refuse this configuration; the message is DM's own error text (code, class, scope,
 * level, message, workaround).
 */
public final class DmConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final int code;

  DmConfigException(DmError error) {
    super(error.flattened());
    this.code = error.code();
  }

  /** Returns DM's error code, e.g. {@code 20021}. */
  public int code() {
    return code;
  }
}
