package io.github.dmswitchover.testkit.dm;

/** A simulated DM operation was refused with a DM error (surfaces turn it into their own form). */
final class DmOperationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient DmError error;
  private final boolean plainText;

  DmOperationException(DmError error) {
    super(error.flattened());
    this.error = error;
    this.plainText = false;
  }

  /** A refusal DM words as plain text (a Go {@code errors.Errorf}, no terror code). */
  DmOperationException(String plainMessage) {
    super(plainMessage);
    this.error = new DmError(0, "", "", "", plainMessage, "", "");
    this.plainText = true;
  }

  DmError error() {
    return error;
  }

  /** The text DM puts in {@code msg} / {@code error_msg}. */
  String dmText() {
    return plainText ? getMessage() : error.flattened();
  }

  int code() {
    return error.code();
  }
}
