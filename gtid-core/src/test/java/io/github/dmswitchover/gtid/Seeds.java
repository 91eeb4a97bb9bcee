package io.github.dmswitchover.gtid;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The seed of the random tests: fixed by default so that every build tests the same cases,
 * overridable with {@code -Dgtid.seed=N} to explore others; failures print it.
 */
final class Seeds {
  static final long DEFAULT = 0x5EED_6D1DL;

  private Seeds() {}

  static long seed() {
    return Long.getLong("gtid.seed", DEFAULT);
  }

  /** A random source derived from the seed and the test's name, so tests do not share a stream. */
  static Random random(String test) {
    return new Random(seed() * 31 + test.hashCode());
  }

  static int iterations(int byDefault) {
    return Integer.getInteger("gtid.iterations", byDefault);
  }

  /** One random case: draws its inputs from {@code r} and records them in {@code inputs} for the report. */
  interface Case {
    void run(Random r, List<Object> inputs);
  }

  /** Runs {@code count} cases of a test; on failure reports the seed, the case number and its inputs. */
  static void cases(String test, int count, Case c) {
    Random r = random(test);
    for (int i = 0; i < count; i++) {
      List<Object> inputs = new ArrayList<>();
      try {
        c.run(r, inputs);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(test + " failed at case " + i + " with -Dgtid.seed=" + seed()
            + "; inputs:\n" + describe(inputs) + "\n" + e.getMessage(), e);
      }
    }
  }

  private static String describe(List<Object> inputs) {
    StringBuilder sb = new StringBuilder();
    for (Object o : inputs) {
      sb.append("  <").append(String.valueOf(o).replace("\n", "\\n")).append(">\n");
    }
    return sb.toString();
  }
}
