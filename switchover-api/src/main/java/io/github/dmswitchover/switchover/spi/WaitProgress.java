package io.github.dmswitchover.switchover.spi;

import java.time.Duration;

/** Receives progress while a probe waits for an instance to catch up. */
@FunctionalInterface
public interface WaitProgress {
  /** Ignores progress. */
  WaitProgress NONE = (elapsed, remaining) -> { };

  /**
   * Called about once a second while waiting.
   *
   * @param elapsed how long it has waited so far
   * @param remaining what is still missing, as the server prints GTIDs (possibly abbreviated)
   */
  void onProgress(Duration elapsed, String remaining);
}
