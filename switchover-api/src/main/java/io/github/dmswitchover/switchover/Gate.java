package io.github.dmswitchover.switchover;

/** The gates a switchover evaluates before acting and again after pausing (PROCEDURES.md). */
public enum Gate {
  /** The source uses GTIDs and the new instance has {@code gtid_mode=ON}. */
  G1_GTID_MODE("G1", "GTID mode"),
  /** The new instance has purged nothing DM still needs: P ⊆ S for every subtask, P ⊆ W with relay. */
  G2_NOTHING_PURGED("G2", "nothing purged that DM needs"),
  /** The new instance has executed everything DM has: S ⊆ E for every subtask, W ⊆ E with relay. */
  G3_NOTHING_MISSING("G3", "nothing missing on the new instance"),
  /** The new instance writes what DM reads: binary log on, ROW, FULL, GTID consistency, replica updates logged. */
  G4_BINLOG_SETTINGS("G4", "binlog consumer settings"),
  /** The new instance is another server of the same replication group. */
  G5_SAME_GROUP("G5", "same group, different server"),
  /** Transactions DM would apply from the new instance that never were on the old one. */
  G6_ERRANT_TRANSACTIONS("G6", "transactions DM would wrongly replay"),
  /** DM is in a state that can be switched: no Dump/Load, no shard DDL lock, a leader, a live worker. */
  G7_DM_SWITCHABLE("G7", "DM is in a switchable state"),
  /** The upstream is where the caller expects it (the VIP leads to the old instance; the address is the old one). */
  G8_EXPECTED_UPSTREAM("G8", "expected current upstream"),
  /** The new instance keeps its binary logs long enough for the pause. */
  G9_RETENTION("G9", "binlog retention"),
  /** DM's server id is not already used by a replica of the new instance. */
  G10_SERVER_ID("G10", "server id");

  private final String code;
  private final String title;

  Gate(String code, String title) {
    this.code = code;
    this.title = title;
  }

  /** Returns the short code, e.g. {@code G2}. */
  public String code() {
    return code;
  }

  /** Returns the title, e.g. {@code nothing purged that DM needs}. */
  public String title() {
    return title;
  }
}
