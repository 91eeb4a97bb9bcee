package io.github.dmswitchover.dm;

import java.util.Objects;
import java.util.Optional;

/**
 * What happened on one source (DM 1.0: one worker) during an operation.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param source the source id ({@code ""} when DM 1.0 named only the worker)
 * @param worker the worker (DM 1.0: its address; {@code ""} when unbound)
 * @param ok whether the operation succeeded there
 * @param message DM's message for it, masked ({@code ""} if none)
 */
public record SourceOutcome(String source, String worker, boolean ok, String message) {
  /**
   * Checks the fields and masks the message.
   *
   * @throws NullPointerException if a field is null
   */
  public SourceOutcome {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(worker, "worker");
    message = Secrets.mask(Objects.requireNonNull(message, "message"));
  }

  /**
   * Returns DM's error parsed from the message, when it is in DM's error form.
   *
   * @return the error, or empty
   */
  public Optional<DmError> error() {
    return message.isBlank() ? Optional.empty() : Optional.of(ErrorTexts.parseLine(message));
  }
}
