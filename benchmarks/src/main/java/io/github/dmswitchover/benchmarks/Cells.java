package io.github.dmswitchover.benchmarks;

/** Skips a benchmark cell that is unsupported or not measured, with the reason in JMH's output. */
final class Cells {
  private Cells() {}

  /**
   * Throws, with the reason, if {@code peer} cannot or is not measured doing {@code op} on
   * {@code shape}; JMH then reports the cell as failed with that message and goes on.
   */
  static void requireMeasured(String impl, Peer peer, Op op, Shape shape) {
    peer.unsupported(op).ifPresent(why -> {
      throw new UnsupportedOperationException("SKIPPED (unsupported) " + impl + " " + op + ": " + why);
    });
    if (shape != null) {
      peer.notMeasured(op, shape).ifPresent(why -> {
        throw new UnsupportedOperationException("SKIPPED " + impl + " " + op + " " + shape + ": " + why);
      });
    }
  }

  /** Whether the cell is measured at all (the same rule as {@link #requireMeasured}). */
  static boolean isMeasured(Peer peer, Op op, Shape shape) {
    return peer.unsupported(op).isEmpty() && (shape == null || peer.notMeasured(op, shape).isEmpty());
  }
}
