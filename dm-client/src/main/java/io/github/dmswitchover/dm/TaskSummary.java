package io.github.dmswitchover.dm;

import java.util.List;

/**
 * One line of dmctl's {@code query-status} summary (no task named): the task, DM's summary status
 * ({@code Running}, {@code Paused}, or a text starting with {@code Error - }) and its sources (DM
 * 1.0: worker addresses).
 */
record TaskSummary(String task, String status, List<String> members) {
  TaskSummary {
    members = List.copyOf(members);
  }

  boolean isError() {
    return status.startsWith("Error");
  }
}
