package io.github.dmswitchover.switchover.mysql;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One result row as text, by column label, case-insensitive ({@code Server_id} in one version is
 * {@code Server_Id} in another). A column may be absent (another version) or SQL NULL. Immutable.
 */
final class Row {
  private final Map<String, String> values;

  private Row(Map<String, String> values) {
    this.values = values;
  }

  /** Returns a row of the given labels and values ({@code null} for SQL NULL). */
  static Row of(Map<String, String> values) {
    Map<String, String> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    m.putAll(values);
    return new Row(Collections.unmodifiableMap(m));
  }

  /** Returns whether the row has a column of this label (NULL or not). */
  boolean has(String label) {
    return values.containsKey(label);
  }

  /** Returns the value of the first of {@code labels} the row has, empty if none or if that value is NULL. */
  Optional<String> get(String... labels) {
    for (String label : labels) {
      if (values.containsKey(label)) {
        return Optional.ofNullable(values.get(label));
      }
    }
    return Optional.empty();
  }

  /** Returns the value of the first of {@code labels} the row has, {@code ""} if none or NULL. */
  String text(String... labels) {
    return get(labels).orElse("");
  }

  /** Returns the value of the first of {@code labels} as a number, {@code 0} if absent, NULL or empty. */
  long number(String... labels) {
    String v = text(labels).strip();
    if (v.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      return Long.parseUnsignedLong(v);
    }
  }

  /** Returns the labels and values. */
  Map<String, String> values() {
    return values;
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
