package io.github.dmswitchover.switchover;

import java.util.List;
import java.util.Objects;

/**
 * A difference between two GTID sets, as a gate reports it: what is purged, missing or errant, with
 * transaction counts per source (a server UUID and tag for MySQL, a domain for MariaDB).
 *
 * @param label what the difference means, e.g. {@code purged on the new instance, not replicated by DM}
 * @param subject whose position it concerns, e.g. {@code subtask orders}, {@code relay}
 * @param transactions the total number of transactions
 * @param parts the difference per source, in canonical order
 */
public record GtidDelta(String label, String subject, long transactions, List<Part> parts) {

  /**
   * The part of a difference from one source.
   *
   * @param source a server UUID ({@code uuid} or {@code uuid:tag}) or a MariaDB domain ({@code domain 0})
   * @param transactions how many transactions
   * @param gtids the GTIDs, in one line
   */
  public record Part(String source, long transactions, String gtids) {
    /** Checks that no component is null. */
    public Part {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(gtids, "gtids");
    }
  }

  /** Checks the components and copies the list. */
  public GtidDelta {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(subject, "subject");
    parts = List.copyOf(parts);
  }

  /** Returns one line: {@code 12 transactions from 2 sources (…:1-10 (10), …:3-4 (2))}. */
  public String summary() {
    StringBuilder sb = new StringBuilder();
    sb.append(transactions).append(transactions == 1 ? " transaction" : " transactions");
    sb.append(" from ").append(parts.size()).append(parts.size() == 1 ? " source" : " sources");
    sb.append(" (");
    for (int i = 0; i < parts.size() && i < 5; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(parts.get(i).gtids()).append(" (").append(parts.get(i).transactions()).append(')');
    }
    if (parts.size() > 5) {
      sb.append(", and ").append(parts.size() - 5).append(" more");
    }
    return sb.append(')').toString();
  }
}
