package io.github.dmswitchover.switchover;

import java.util.List;
import java.util.Objects;

/**
 * One step of a switchover plan: what it does and the concrete calls it makes, so that a dry run
 * can be approved step by step.
 *
 * @param name the step's stable name, e.g. {@code pause-tasks} (used in the journal)
 * @param description what it does, in one sentence
 * @param actions the concrete calls, e.g. {@code OperateTask Pause orders on mysql-replica-01 via the gateway}
 */
public record PlannedStep(String name, String description, List<String> actions) {
  /** Checks the components and copies the list. */
  public PlannedStep {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    actions = List.copyOf(actions);
  }
}
