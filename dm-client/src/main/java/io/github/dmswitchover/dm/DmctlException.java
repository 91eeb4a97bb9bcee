package io.github.dmswitchover.dm;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The dmctl process failed: it could not be started, it exited with a non-zero code, or it ran
 * longer than the timeout and was killed. Its output is kept with passwords masked; DM's error is
 * parsed from it when present.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class DmctlException extends DmException {
  private static final long serialVersionUID = 1L;

  private final Integer exitCode;
  private final boolean timedOut;
  private final String stdout;
  private final String stderr;

  /**
   * Creates the exception.
   *
   * @param message what was run and how it failed, already masked
   * @param exitCode the exit code, empty if the process did not exit by itself
   * @param timedOut whether the process was killed because it ran too long
   * @param stdout its standard output
   * @param stderr its standard error
   * @param cause the underlying failure, if any
   */
  public DmctlException(String message, OptionalInt exitCode, boolean timedOut, String stdout, String stderr, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode.isPresent() ? exitCode.getAsInt() : null;
    this.timedOut = timedOut;
    this.stdout = Secrets.mask(stdout);
    this.stderr = Secrets.mask(stderr);
  }

  /**
   * Returns the process's exit code.
   *
   * @return the code, empty if it was killed or never started
   */
  public OptionalInt exitCode() {
    return exitCode == null ? OptionalInt.empty() : OptionalInt.of(exitCode);
  }

  /**
   * Returns whether the process was killed after the timeout.
   *
   * @return true on a timeout
   */
  public boolean timedOut() {
    return timedOut;
  }

  /**
   * Returns the standard output, masked.
   *
   * @return the output text
   */
  public String stdout() {
    return stdout;
  }

  /**
   * Returns the standard error, masked.
   *
   * @return the error text
   */
  public String stderr() {
    return stderr;
  }

  /**
   * Returns DM's error when dmctl printed one ({@code [code=...:class=...]} in its output).
   *
   * @return the first error found, or empty
   */
  public Optional<DmError> error() {
    for (String text : new String[] {stderr, stdout}) {
      int i = text.indexOf("[code=");
      if (i >= 0) {
        return ErrorTexts.parseLines(text.substring(i)).stream().findFirst();
      }
    }
    return Optional.empty();
  }
}
