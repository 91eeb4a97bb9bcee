package io.github.dmswitchover.gtid;

/**
 * Receives the intervals of a {@link GtidSet} one at a time, in canonical order, without any
 * object allocated per interval; see {@link GtidSet#forEachInterval(IntervalVisitor)}.
 *
 * <p>Thread safety is the implementer's: the set calls it from the thread that called
 * {@code forEachInterval}.
 */
@FunctionalInterface
public interface IntervalVisitor {

  /**
   * Receives one interval.
   *
   * @param uuidMsb the most significant 64 bits of the source UUID
   * @param uuidLsb the least significant 64 bits of the source UUID
   * @param tag the tag in lower case, or {@code ""} for untagged GTIDs
   * @param start the first GNO of the interval
   * @param end the last GNO of the interval, inclusive
   */
  void visit(long uuidMsb, long uuidLsb, String tag, long start, long end);
}
