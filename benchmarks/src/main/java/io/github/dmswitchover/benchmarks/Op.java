package io.github.dmswitchover.benchmarks;

/** The operations measured, one benchmark class each. */
public enum Op {
  PARSE, FORMAT, UNION, SUBTRACT, INTERSECTION, IS_SUBSET_OF, STREAMING_ADD
}
