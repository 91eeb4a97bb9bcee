package io.github.dmswitchover.dm;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of an operation that changes DM's state: DM's overall verdict and, where DM reports
 * it, one {@link SourceOutcome} per source. A partial failure is a value ({@code result} true with
 * some source not {@code ok}, or {@code result} false), never an exception; DM's refusals
 * ({@code result: false}, or an OpenAPI error body) come back here too.
 *
 * <pre>{@code
 * OperationResult r = client.pauseTask("orders");
 * if (!r.succeeded()) {
 *   r.failedSources().forEach(s -> log.warn("{} on {}: {}", s.source(), s.worker(), s.message()));
 * }
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param result DM's overall result
 * @param message DM's message, masked ({@code ""} if none)
 * @param sources per-source outcomes; empty when the surface reports none (the OpenAPI never does)
 */
public record OperationResult(boolean result, String message, List<SourceOutcome> sources) {
  /**
   * Checks the fields, masks the message and copies the list.
   *
   * @throws NullPointerException if a field is null
   */
  public OperationResult {
    message = Secrets.mask(Objects.requireNonNull(message, "message"));
    sources = List.copyOf(sources);
  }

  /**
   * Returns whether DM reported success overall and on every source.
   *
   * @return true if nothing failed
   */
  public boolean succeeded() {
    return result && sources.stream().allMatch(SourceOutcome::ok);
  }

  /**
   * Returns the sources on which the operation failed.
   *
   * @return those outcomes, empty if none failed
   */
  public List<SourceOutcome> failedSources() {
    return sources.stream().filter(s -> !s.ok()).toList();
  }

  /**
   * Returns DM's error parsed from {@link #message()}, when there is one.
   *
   * @return the error, or empty when the message is empty
   */
  public Optional<DmError> error() {
    return message.isBlank() ? Optional.empty() : Optional.of(ErrorTexts.parseLine(message));
  }
}
