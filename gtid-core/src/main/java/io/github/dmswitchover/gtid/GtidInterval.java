package io.github.dmswitchover.gtid;

/**
 * An inclusive range {@code start..end} of GNOs (transaction numbers) of one TSID.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param start the first GNO, at least 1
 * @param end the last GNO, at least {@code start} and at most {@link GtidSet#MAX_GNO}
 */
public record GtidInterval(long start, long end) {

  /**
   * Creates an interval.
   *
   * @throws IllegalArgumentException if {@code start < 1}, {@code end < start} or
   *     {@code end > GtidSet.MAX_GNO}
   */
  public GtidInterval {
    GtidSet.checkInterval(start, end);
  }

  /**
   * Returns the number of GNOs in this interval.
   *
   * @return {@code end - start + 1}
   */
  public long count() {
    return end - start + 1;
  }

  /**
   * Returns the interval as MySQL writes it: {@code n} for a single GNO, {@code a-b} otherwise.
   *
   * @return the text form
   */
  @Override
  public String toString() {
    return start == end ? Long.toString(start) : start + "-" + end;
  }
}
