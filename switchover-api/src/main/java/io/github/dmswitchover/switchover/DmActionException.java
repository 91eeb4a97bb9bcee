package io.github.dmswitchover.switchover;

/** DM refused or failed an action of a switchover step; the message holds DM's answer. */
final class DmActionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  DmActionException(String message, Throwable cause) {
    super(message, cause);
  }
}
