package io.github.dmswitchover.switchover.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * One record of a switchover's journal: a step's intent or outcome, written before and after the
 * step acts, so that a crashed run can be resumed or undone.
 *
 * @param switchoverId the switchover
 * @param sourceId the DM source
 * @param sequence the record's number within the switchover, from 1, without gaps
 * @param step the step, e.g. {@code pause-tasks}, {@code move-vip}
 * @param phase intent, outcome or compensation
 * @param at when it was written
 * @param detail JSON with what resuming needs (e.g. which tasks were paused); never a secret
 */
public record JournalEntry(String switchoverId, String sourceId, long sequence, String step, Phase phase, Instant at,
    String detail) {

  /** What a record says about its step. */
  public enum Phase {
    /** The plan was written; nothing acted yet. */
    PLANNED,
    /** The step is about to act. */
    STARTED,
    /** The step acted and succeeded. */
    SUCCEEDED,
    /** The step failed. */
    FAILED,
    /** A compensation is about to act. */
    COMPENSATION_STARTED,
    /** The compensation succeeded. */
    COMPENSATED,
    /** The compensation failed: the state needs a person. */
    COMPENSATION_FAILED,
    /** The switchover ended (succeeded, compensated or needs attention; see the detail). */
    FINISHED
  }

  /**
   * Checks the components.
   *
   * @throws IllegalArgumentException if the sequence is below 1
   */
  public JournalEntry {
    Objects.requireNonNull(switchoverId, "switchoverId");
    Objects.requireNonNull(sourceId, "sourceId");
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(detail, "detail");
    if (sequence < 1) {
      throw new IllegalArgumentException("sequence must be at least 1, got " + sequence);
    }
  }
}
