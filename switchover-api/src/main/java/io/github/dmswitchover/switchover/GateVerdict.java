package io.github.dmswitchover.switchover;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The verdict of one gate, with everything it decided on: its inputs (GTID sets and settings, as
 * text), the differences it found (with transaction counts per source) and notes. Immutable.
 *
 * @param gate the gate
 * @param status its outcome
 * @param summary one line saying why
 * @param inputs what it read, by name (e.g. {@code P}, {@code S[orders]}, {@code E}), in order
 * @param differences what it found missing, purged or errant
 * @param notes further facts (e.g. where DM's MariaDB rule and the server's disagree)
 */
public record GateVerdict(Gate gate, GateStatus status, String summary, Map<String, String> inputs,
    List<GtidDelta> differences, List<String> notes) {

  /** Checks the components and copies the collections (keeping the order of the inputs). */
  public GateVerdict {
    Objects.requireNonNull(gate, "gate");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(summary, "summary");
    inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    differences = List.copyOf(differences);
    notes = List.copyOf(notes);
  }
}
