package io.github.dmswitchover.dm;

/**
 * The kind of cluster member {@link DmClient#offlineMember(MemberType, String)} removes.
 *
 * <p>Enum constants are immutable and thread-safe.
 */
public enum MemberType {
  /** A DM-master. */
  MASTER("master"),
  /** A DM-worker. */
  WORKER("worker");

  private final String dmName;

  MemberType(String dmName) {
    this.dmName = dmName;
  }

  /**
   * Returns the name DM uses in paths and flags, e.g. {@code worker}.
   *
   * @return the name
   */
  public String dmName() {
    return dmName;
  }
}
