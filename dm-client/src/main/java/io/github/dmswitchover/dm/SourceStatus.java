package io.github.dmswitchover.dm;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A source as query-status reports it: the worker it is bound to, its relay, and whether the
 * worker answered.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param source the source id ({@code ""} when DM 1.0 printed no {@code sourceID})
 * @param worker the bound worker (DM 1.0: its address), empty when unbound
 * @param ok whether DM could ask the worker ({@code false} e.g. for "relevant worker-client not found")
 * @param message DM's message for this source ({@code ""} if none), e.g. {@code no sub task started}
 * @param relay the relay status, when relay is enabled
 * @param errors the source's own errors
 */
public record SourceStatus(String source, Optional<String> worker, boolean ok, String message, Optional<RelayStatus> relay,
    List<DmError> errors) {
  /**
   * Checks the fields and copies the list.
   *
   * @throws NullPointerException if a field is null
   */
  public SourceStatus {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(worker, "worker");
    message = Secrets.mask(Objects.requireNonNull(message, "message"));
    Objects.requireNonNull(relay, "relay");
    errors = List.copyOf(errors);
  }
}
