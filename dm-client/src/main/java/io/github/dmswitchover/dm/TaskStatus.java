package io.github.dmswitchover.dm;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A task's status: one {@link SubtaskStatus} per source, and per source what DM said about it.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param task the task name
 * @param subtasks the subtasks, in DM's order
 * @param sources the sources DM reported on (with their relay, when enabled)
 */
public record TaskStatus(String task, List<SubtaskStatus> subtasks, List<SourceStatus> sources) {
  /**
   * Checks the fields and copies the lists.
   *
   * @throws NullPointerException if a field is null
   */
  public TaskStatus {
    Objects.requireNonNull(task, "task");
    subtasks = List.copyOf(subtasks);
    sources = List.copyOf(sources);
  }

  /**
   * Returns the subtask on a source.
   *
   * @param source the source id
   * @return the subtask, or empty if the task has none there
   */
  public Optional<SubtaskStatus> subtask(String source) {
    return subtasks.stream().filter(s -> s.source().equals(source)).findFirst();
  }

  /**
   * Returns the sources DM could not ask (their {@code result} was false).
   *
   * @return those sources, empty when every worker answered
   */
  public List<SourceStatus> unreachableSources() {
    return sources.stream().filter(s -> !s.ok()).toList();
  }
}
