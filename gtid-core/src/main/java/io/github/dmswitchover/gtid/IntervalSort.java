package io.github.dmswitchover.gtid;

/** Sorts {@code start, end} pairs in a {@code long[]} by start; static helpers only. */
final class IntervalSort {
  private static final int SMALL = 24;

  private IntervalSort() {}

  /** Sorts the first {@code len} longs of {@code b}, taken as pairs, by their first element. */
  static void sortByStart(long[] b, int len) {
    int pairs = len >> 1;
    if (pairs < 2) {
      return;
    }
    long[] tmp = new long[len];
    sort(b, tmp, 0, pairs);
  }

  /** Merge sort of pairs {@code [from, to)} (pair indexes): stable, O(n log n), no recursion deeper than log n. */
  private static void sort(long[] b, long[] tmp, int from, int to) {
    if (to - from <= SMALL) {
      insertionSort(b, from, to);
      return;
    }
    int mid = (from + to) >>> 1;
    sort(b, tmp, from, mid);
    sort(b, tmp, mid, to);
    if (b[2 * (mid - 1)] <= b[2 * mid]) {
      return;
    }
    System.arraycopy(b, 2 * from, tmp, 2 * from, 2 * (to - from));
    int i = from;
    int j = mid;
    for (int k = from; k < to; k++) {
      if (j >= to || (i < mid && tmp[2 * i] <= tmp[2 * j])) {
        b[2 * k] = tmp[2 * i];
        b[2 * k + 1] = tmp[2 * i + 1];
        i++;
      } else {
        b[2 * k] = tmp[2 * j];
        b[2 * k + 1] = tmp[2 * j + 1];
        j++;
      }
    }
  }

  private static void insertionSort(long[] b, int from, int to) {
    for (int i = from + 1; i < to; i++) {
      long s = b[2 * i];
      long e = b[2 * i + 1];
      int j = i - 1;
      while (j >= from && b[2 * j] > s) {
        b[2 * j + 2] = b[2 * j];
        b[2 * j + 3] = b[2 * j + 1];
        j--;
      }
      b[2 * j + 2] = s;
      b[2 * j + 3] = e;
    }
  }
}
