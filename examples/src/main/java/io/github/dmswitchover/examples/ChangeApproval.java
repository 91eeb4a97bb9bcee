package io.github.dmswitchover.examples;

import io.github.dmswitchover.switchover.Switchover;
import io.github.dmswitchover.switchover.SwitchoverPlan;
import io.github.dmswitchover.switchover.SwitchoverReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A dry run for a change-approval workflow: the plan is filed as JSON (for the ticket) and text
 * (for the reviewer); once approved, the same switchover is executed under the plan's id, and it
 * validates everything again before acting.
 */
public final class ChangeApproval {
  private ChangeApproval() {}

  /**
   * Files the plan for review; returns its id, or empty when a gate refuses (nothing to approve).
   *
   * @param switchover the switchover as it will be executed
   * @param ticketDir where to write {@code <id>.json} and {@code <id>.txt}
   */
  public static java.util.Optional<String> fileForApproval(Switchover.Builder<?> switchover, Path ticketDir) {
    SwitchoverPlan plan = switchover.validate();
    try {
      Files.createDirectories(ticketDir);
      Files.writeString(ticketDir.resolve(plan.switchoverId() + ".json"), plan.toJson(), StandardCharsets.UTF_8);
      Files.writeString(ticketDir.resolve(plan.switchoverId() + ".txt"), plan.toText(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("the plan could not be filed in " + ticketDir, e);
    }
    return plan.isRefused() ? java.util.Optional.empty() : java.util.Optional.of(plan.switchoverId());
  }

  /** Executes an approved switchover under the id its plan was filed with; the report is filed beside it. */
  public static SwitchoverReport executeApproved(Switchover.Builder<?> switchover, String approvedId, Path ticketDir) {
    SwitchoverReport report = switchover.withSwitchoverId(approvedId).execute();
    try {
      Files.writeString(ticketDir.resolve(approvedId + ".report.json"), report.toJson(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("the report could not be filed in " + ticketDir, e);
    }
    return report;
  }
}
