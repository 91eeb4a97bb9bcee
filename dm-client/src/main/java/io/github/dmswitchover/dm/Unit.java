package io.github.dmswitchover.dm;

import java.util.Locale;

/**
 * The processing unit a subtask is in, as DM prints its {@code UnitType} ({@code Check},
 * {@code Dump}, {@code Load}, {@code Sync}, {@code Relay}). A value this client does not know reads
 * as {@link #UNKNOWN}.
 *
 * <p>Enum constants are immutable and thread-safe.
 */
public enum Unit {
  /** Pre-checks. */
  CHECK("Check"),
  /** Full export. */
  DUMP("Dump"),
  /** Full import. */
  LOAD("Load"),
  /** Incremental replication. */
  SYNC("Sync"),
  /** The relay log. */
  RELAY("Relay"),
  /** A unit this client does not know (including DM's {@code InvalidUnit}). */
  UNKNOWN("");

  private final String dmName;

  Unit(String dmName) {
    this.dmName = dmName;
  }

  /**
   * Returns the name DM prints, e.g. {@code Sync}; {@code ""} for {@link #UNKNOWN}.
   *
   * @return the name
   */
  public String dmName() {
    return dmName;
  }

  /**
   * Reads a unit as DM prints it, ignoring case (the OpenAPI docs write {@code sync}).
   *
   * @param text the printed unit
   * @return the unit, {@link #UNKNOWN} if the text names none
   */
  public static Unit of(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    for (Unit u : values()) {
      if (u != UNKNOWN && u.dmName.toLowerCase(Locale.ROOT).equals(t)) {
        return u;
      }
    }
    return UNKNOWN;
  }
}
