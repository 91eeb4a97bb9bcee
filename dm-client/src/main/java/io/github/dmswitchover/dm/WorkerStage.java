package io.github.dmswitchover.dm;

import java.util.Locale;

/**
 * A DM-worker's stage as {@code list-member} and the OpenAPI print it.
 *
 * <p>Enum constants are immutable and thread-safe.
 */
public enum WorkerStage {
  /** Bound to a source. */
  BOUND("bound"),
  /** Online, bound to nothing. */
  FREE("free"),
  /** Not reachable by the master. */
  OFFLINE("offline"),
  /** Pulling relay log for a source it is not bound to. */
  RELAY("relay"),
  /** A stage this client does not know. */
  UNKNOWN("");

  private final String dmName;

  WorkerStage(String dmName) {
    this.dmName = dmName;
  }

  /**
   * Returns the name DM prints, e.g. {@code bound}.
   *
   * @return the name, {@code ""} for {@link #UNKNOWN}
   */
  public String dmName() {
    return dmName;
  }

  /**
   * Reads a worker stage, ignoring case.
   *
   * @param text the printed stage
   * @return the stage, {@link #UNKNOWN} if the text names none
   */
  public static WorkerStage of(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    for (WorkerStage s : values()) {
      if (s != UNKNOWN && s.dmName.equals(t)) {
        return s;
      }
    }
    return UNKNOWN;
  }
}
