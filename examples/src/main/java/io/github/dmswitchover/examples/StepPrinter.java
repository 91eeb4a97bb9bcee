package io.github.dmswitchover.examples;

import io.github.dmswitchover.switchover.PlannedStep;
import io.github.dmswitchover.switchover.SwitchoverListener;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Objects;

/**
 * A listener that prints each step and compensation as it starts and ends, with its duration:
 * {@code [step]}, {@code [ ok ]}, {@code [FAIL]}, {@code [undo]}.
 */
public final class StepPrinter implements SwitchoverListener {
  private final PrintStream out;
  private final String indent;

  /**
   * Creates a printer.
   *
   * @param out where to print
   * @param indent what every line starts with
   */
  public StepPrinter(PrintStream out, String indent) {
    this.out = Objects.requireNonNull(out, "out");
    this.indent = Objects.requireNonNull(indent, "indent");
  }

  @Override
  public void stepStarted(String switchoverId, PlannedStep step) {
    out.println(indent + "[step] " + step.name() + ": " + step.description());
  }

  @Override
  public void stepSucceeded(String switchoverId, PlannedStep step, Duration took) {
    out.println(indent + "[ ok ] " + step.name() + " (" + took.toMillis() + " ms)");
  }

  @Override
  public void stepFailed(String switchoverId, PlannedStep step, Duration took, Throwable error) {
    out.println(indent + "[FAIL] " + step.name() + ": " + error.getMessage());
  }

  @Override
  public void compensationStarted(String switchoverId, String compensation) {
    out.println(indent + "[undo] " + compensation);
  }

  @Override
  public void compensationSucceeded(String switchoverId, String compensation, Duration took) {
    out.println(indent + "[ ok ] " + compensation + " (" + took.toMillis() + " ms)");
  }

  @Override
  public void compensationFailed(String switchoverId, String compensation, Duration took, Throwable error) {
    out.println(indent + "[FAIL] " + compensation + ": " + error.getMessage());
  }
}
