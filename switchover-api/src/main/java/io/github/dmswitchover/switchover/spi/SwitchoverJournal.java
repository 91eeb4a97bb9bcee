package io.github.dmswitchover.switchover.spi;

import java.util.List;
import java.util.Optional;

/**
 * Where a switchover records each step's intent before acting and its outcome after, durably, so
 * that a crashed run can be resumed or compensated. A file-based default ships with
 * {@code switchover-api}, a JDBC table with {@code switchover-mysql}. Implementations are
 * thread-safe.
 */
public interface SwitchoverJournal {

  /**
   * Appends a record; it is durable when this returns.
   *
   * @throws JournalException if it cannot be written, or its sequence is not the next one of its switchover
   */
  void append(JournalEntry entry);

  /**
   * Returns a switchover's records in sequence order (empty if unknown).
   *
   * @throws JournalException if the journal cannot be read
   */
  List<JournalEntry> entries(String switchoverId);

  /**
   * Returns the id of the most recent switchover of a DM source, if any.
   *
   * @throws JournalException if the journal cannot be read
   */
  Optional<String> latestSwitchover(String sourceId);
}
