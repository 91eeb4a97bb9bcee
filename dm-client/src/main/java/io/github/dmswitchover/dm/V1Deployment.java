package io.github.dmswitchover.dm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * DM 1.0's binding of sources to workers, which the master's deployment configuration fixes, as
 * far as the client has learned it from query-status. Thread-safe.
 */
final class V1Deployment {
  private final AtomicReference<Map<String, String>> bySource = new AtomicReference<>(Map.of());

  Map<String, String> map() {
    return bySource.get();
  }

  /** Adds what was just read (newer entries win) and returns the whole mapping. */
  Map<String, String> merge(Map<String, String> read) {
    return bySource.updateAndGet(old -> {
      Map<String, String> m = new LinkedHashMap<>(old);
      m.putAll(read);
      return Map.copyOf(m);
    });
  }

  void clear() {
    bySource.set(Map.of());
  }
}
