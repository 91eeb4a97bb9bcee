package io.github.dmswitchover.switchover;

import io.github.dmswitchover.switchover.spi.JournalEntry;
import io.github.dmswitchover.switchover.spi.SwitchoverJournal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Appends one switchover's records with consecutive sequence numbers; every detail is redacted. */
final class JournalWriter {
  private final SwitchoverJournal journal;
  private final String switchoverId;
  private final String sourceId;
  private final Clock clock;
  private final Redactor redactor;
  private long next;
  private final List<String> failures = new ArrayList<>();

  JournalWriter(SwitchoverJournal journal, String switchoverId, String sourceId, Clock clock, Redactor redactor, long next) {
    this.journal = journal;
    this.switchoverId = switchoverId;
    this.sourceId = sourceId;
    this.clock = clock;
    this.redactor = redactor;
    this.next = next;
  }

  /**
   * Appends a record; it is durable when this returns.
   *
   * @throws io.github.dmswitchover.switchover.spi.JournalException if it could not be written
   */
  void append(String step, JournalEntry.Phase phase, String detail) {
    journal.append(new JournalEntry(switchoverId, sourceId, next, step, phase, clock.instant(), redactor.cleanSecrets(detail)));
    next++;
  }

  /** Appends a record where a failure must not stop what follows (compensations, the final record). */
  boolean tryAppend(String step, JournalEntry.Phase phase, String detail) {
    try {
      append(step, phase, detail);
      return true;
    } catch (RuntimeException e) {
      failures.add("journal record " + phase + " of " + step + " could not be written: " + redactor.describe(e));
      return false;
    }
  }

  List<String> failures() {
    return failures;
  }
}
