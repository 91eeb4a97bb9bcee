package io.github.dmswitchover.testkit.dm;

/**
 * The processing unit a subtask is in (DM's {@code UnitType}): Check, Dump, Load, Sync. Tests can
 * hold a subtask in Dump or Load with {@link DmSimulator#holdSubtaskIn}.
 */
public enum Unit {
  /** Pre-checks. */
  CHECK("Check"),
  /** Full export. */
  DUMP("Dump"),
  /** Full import. */
  LOAD("Load"),
  /** Incremental replication. */
  SYNC("Sync");

  private final String protoName;

  Unit(String protoName) {
    this.protoName = protoName;
  }

  /** Returns the name DM prints, e.g. {@code Sync}. */
  public String protoName() {
    return protoName;
  }
}
