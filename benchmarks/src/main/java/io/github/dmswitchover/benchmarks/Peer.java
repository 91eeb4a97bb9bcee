package io.github.dmswitchover.benchmarks;

import io.github.dmswitchover.gtid.GtidSet;
import java.util.Optional;
import java.util.UUID;

/**
 * One implementation under measurement, behind a common face. Sets are passed as {@code Object};
 * each benchmark JVM runs a single implementation, so the calls stay monomorphic. An operation the
 * library does not have is reported by {@link #unsupported(Op)}; it is never emulated with others.
 */
public interface Peer {

  /** Why this peer cannot do {@code op}, or empty if it can. */
  Optional<String> unsupported(Op op);

  /** Why a supported cell is not measured (for example quadratic cost), or empty to measure it. */
  default Optional<String> notMeasured(Op op, Shape shape) {
    return Optional.empty();
  }

  /** Parses MySQL GTID set text. */
  default Object parse(String text) {
    throw new UnsupportedOperationException();
  }

  /** Returns the peer's own GTID set text. */
  default String format(Object set) {
    throw new UnsupportedOperationException();
  }

  default Object union(Object a, Object b) {
    throw new UnsupportedOperationException();
  }

  default Object subtract(Object a, Object b) {
    throw new UnsupportedOperationException();
  }

  default Object intersection(Object a, Object b) {
    throw new UnsupportedOperationException();
  }

  default boolean isSubsetOf(Object a, Object b) {
    throw new UnsupportedOperationException();
  }

  /** Adds {@code count} GTIDs of one UUID, one at a time, as a binlog reader would. */
  default Object stream(UUID uuid, int count) {
    throw new UnsupportedOperationException();
  }

  /** Builds the peer's structure holding exactly {@code set} (through its parser if it has one). */
  Object from(GtidSet set);

  /** Reads the peer's structure back into a GtidSet, for checking answers. */
  GtidSet toGtidSet(Object set);
}
