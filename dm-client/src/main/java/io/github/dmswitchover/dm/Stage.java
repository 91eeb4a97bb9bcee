package io.github.dmswitchover.dm;

import java.util.Locale;

/**
 * The stage of a subtask or a relay, as DM prints its protobuf {@code Stage} enum ({@code Running},
 * {@code Paused}, …; the OpenAPI prints the same capitalised names). A value this client does not
 * know, which a newer DM may add, reads as {@link #UNKNOWN}.
 *
 * <p>Enum constants are immutable and thread-safe.
 */
public enum Stage {
  /** Created, not started yet. */
  NEW("New"),
  /** Running. */
  RUNNING("Running"),
  /** Paused by {@code pause-task} or by an error. */
  PAUSED("Paused"),
  /** Stopped (OpenAPI v6+ {@code stop}, or removed). */
  STOPPED("Stopped"),
  /** Finished (a {@code full} task after its load). */
  FINISHED("Finished"),
  /** Pausing. */
  PAUSING("Pausing"),
  /** Resuming. */
  RESUMING("Resuming"),
  /** Stopping. */
  STOPPING("Stopping"),
  /** A stage this client does not know (including DM's {@code InvalidStage}). */
  UNKNOWN("");

  private final String dmName;

  Stage(String dmName) {
    this.dmName = dmName;
  }

  /**
   * Returns the name DM prints, e.g. {@code Running}; {@code ""} for {@link #UNKNOWN}.
   *
   * @return the name
   */
  public String dmName() {
    return dmName;
  }

  /**
   * Reads a stage as DM prints it, ignoring case.
   *
   * @param text the printed stage, e.g. {@code Paused}
   * @return the stage, {@link #UNKNOWN} if the text names none
   */
  public static Stage of(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    for (Stage s : values()) {
      if (s != UNKNOWN && s.dmName.toLowerCase(Locale.ROOT).equals(t)) {
        return s;
      }
    }
    return UNKNOWN;
  }
}
