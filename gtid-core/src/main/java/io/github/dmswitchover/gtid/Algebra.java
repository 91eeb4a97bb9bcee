package io.github.dmswitchover.gtid;

/**
 * Set algebra over the flat interval arrays of {@link GtidSet}: linear merges, one TSID at a time.
 * Interval lists are given as {@code bounds[from..to)} with {@code start, end} pairs, ascending,
 * disjoint and not adjacent. Static helpers only.
 */
final class Algebra {
  private Algebra() {}

  static GtidSet union(GtidSet a, GtidSet b) {
    if (b.isEmpty() || a == b) {
      return a;
    }
    if (a.isEmpty()) {
      return b;
    }
    boolean narrow = a.narrow != null && b.narrow != null;
    if (a.words != null || b.words != null) {
      if (narrow) {
        return Dense.union(a, b);
      }
      a = a.plain();
      b = b.plain();
    }
    if (!narrow) {
      a = a.widened();
      b = b.widened();
    }
    int an = a.msb.length;
    int bn = b.msb.length;
    // Sized for the usual outcome, as many intervals as the larger set; grows if the sets interleave.
    SetWriter w = new SetWriter(an + bn, Math.max(a.boundsLength(), b.boundsLength()), narrow);
    int i = 0;
    int j = 0;
    while (i < an || j < bn) {
      int c = i == an ? 1 : j == bn ? -1 : GtidSet.compareTsidAt(a, i, b, j);
      if (c < 0) {
        w.copyTsid(a, i++);
      } else if (c > 0) {
        w.copyTsid(b, j++);
      } else {
        w.begin(a.msb[i], a.lsb[i], a.tags[i]);
        if (narrow) {
          unionIntervals(a.narrow, a.offsets[i], a.offsets[i + 1], b.narrow, b.offsets[j], b.offsets[j + 1], w);
        } else {
          unionIntervals(a.bounds, a.offsets[i], a.offsets[i + 1], b.bounds, b.offsets[j], b.offsets[j + 1], w);
        }
        w.end();
        i++;
        j++;
      }
    }
    return w.build();
  }

  /** Writes the union of two interval lists; both must be non-empty. */
  private static void unionIntervals(long[] x, int xi, int xe, long[] y, int yi, int ye, SetWriter w) {
    long[] o = w.reserve(Math.max(xe - xi, ye - yi));
    int op = w.length();
    long cs;
    long ce;
    if (x[xi] <= y[yi]) {
      cs = x[xi];
      ce = x[xi + 1];
      xi += 2;
    } else {
      cs = y[yi];
      ce = y[yi + 1];
      yi += 2;
    }
    while (xi < xe && yi < ye) {
      long s;
      long e;
      if (x[xi] <= y[yi]) {
        s = x[xi];
        e = x[xi + 1];
        xi += 2;
      } else {
        s = y[yi];
        e = y[yi + 1];
        yi += 2;
      }
      if (s <= ce + 1) {
        ce = Math.max(ce, e);
      } else {
        if (op + 2 > o.length) {
          o = grow(w, op, (xe - xi) + (ye - yi) + 2);
        }
        o[op] = cs;
        o[op + 1] = ce;
        op += 2;
        cs = s;
        ce = e;
      }
    }
    long[] r = xi < xe ? x : y;
    int ri = xi < xe ? xi : yi;
    int re = xi < xe ? xe : ye;
    while (ri < re && r[ri] <= ce + 1) {
      ce = Math.max(ce, r[ri + 1]);
      ri += 2;
    }
    if (op + 2 + (re - ri) > o.length) {
      o = grow(w, op, 2 + (re - ri));
    }
    o[op] = cs;
    o[op + 1] = ce;
    op += 2;
    System.arraycopy(r, ri, o, op, re - ri);
    w.length(op + (re - ri));
  }

  /** {@link #unionIntervals(long[], int, int, long[], int, int, SetWriter)} over narrow bounds. */
  static void unionIntervals(int[] x, int xi, int xe, int[] y, int yi, int ye, SetWriter w) {
    int[] o = w.reserveNarrow(Math.max(xe - xi, ye - yi));
    int op = w.length();
    int cs;
    int ce;
    if (x[xi] <= y[yi]) {
      cs = x[xi];
      ce = x[xi + 1];
      xi += 2;
    } else {
      cs = y[yi];
      ce = y[yi + 1];
      yi += 2;
    }
    while (xi < xe && yi < ye) {
      int s;
      int e;
      if (x[xi] <= y[yi]) {
        s = x[xi];
        e = x[xi + 1];
        xi += 2;
      } else {
        s = y[yi];
        e = y[yi + 1];
        yi += 2;
      }
      if (s <= ce + 1) {
        ce = Math.max(ce, e);
      } else {
        if (op + 2 > o.length) {
          o = growNarrow(w, op, (xe - xi) + (ye - yi) + 2);
        }
        o[op] = cs;
        o[op + 1] = ce;
        op += 2;
        cs = s;
        ce = e;
      }
    }
    int[] r = xi < xe ? x : y;
    int ri = xi < xe ? xi : yi;
    int re = xi < xe ? xe : ye;
    while (ri < re && r[ri] <= ce + 1) {
      ce = Math.max(ce, r[ri + 1]);
      ri += 2;
    }
    if (op + 2 + (re - ri) > o.length) {
      o = growNarrow(w, op, 2 + (re - ri));
    }
    o[op] = cs;
    o[op + 1] = ce;
    op += 2;
    System.arraycopy(r, ri, o, op, re - ri);
    w.length(op + (re - ri));
  }

  /**
   * Grows the writer's array when a merge outgrows the usual size it reserved: keeps the {@code op}
   * longs written, makes room for {@code more} after them, returns the new array.
   */
  private static long[] grow(SetWriter w, int op, int more) {
    w.length(op);
    return w.reserve(more);
  }

  /** {@link #grow} for a narrow writer. */
  private static int[] growNarrow(SetWriter w, int op, int more) {
    w.length(op);
    return w.reserveNarrow(more);
  }

  static GtidSet subtract(GtidSet original, GtidSet b) {
    if (original.isEmpty() || b.isEmpty()) {
      return original;
    }
    if (original == b) {
      return GtidSet.empty();
    }
    GtidSet a = original;
    boolean narrow = a.narrow != null && b.narrow != null;
    if (a.words != null || b.words != null) {
      if (narrow) {
        return Dense.subtract(a, b);
      }
      a = a.plain();
      b = b.plain();
    }
    if (!narrow) {
      a = a.widened();
      b = b.widened();
    }
    int an = a.msb.length;
    int bn = b.msb.length;
    // Sized for the usual outcome, at most as many intervals as a; grows if b splits them.
    SetWriter w = new SetWriter(an, a.boundsLength(), narrow);
    int j = 0;
    boolean changed = false;
    for (int i = 0; i < an; i++) {
      int c = -1;
      while (j < bn && (c = GtidSet.compareTsidAt(b, j, a, i)) < 0) {
        j++;
      }
      if (c != 0) {
        w.copyTsid(a, i);
      } else {
        w.begin(a.msb[i], a.lsb[i], a.tags[i]);
        if (narrow) {
          changed |= subtractIntervals(a.narrow, a.offsets[i], a.offsets[i + 1], b.narrow, b.offsets[j], b.offsets[j + 1], w);
        } else {
          changed |= subtractIntervals(a.bounds, a.offsets[i], a.offsets[i + 1], b.bounds, b.offsets[j], b.offsets[j + 1], w);
        }
        w.end();
        j++;
      }
    }
    return changed ? w.build() : original;
  }

  /** Writes x minus y; returns whether anything was removed. */
  private static boolean subtractIntervals(long[] x, int xi, int xe, long[] y, int yi, int ye, SetWriter w) {
    // Each interval of y splits at most one interval of x in two, so the output fits in |x| + |y|;
    // usually it fits in |x|, which is what is reserved first.
    long[] o = w.reserve(xe - xi);
    int op = w.length();
    boolean changed = false;
    for (; xi < xe; xi += 2) {
      long s = x[xi];
      long e = x[xi + 1];
      while (yi < ye && y[yi + 1] < s) {
        yi += 2;
      }
      if (op + 2 > o.length) {
        o = grow(w, op, (xe - xi) + (ye - yi));
      }
      if (yi == ye || y[yi] > e) {
        o[op] = s;
        o[op + 1] = e;
        op += 2;
        continue;
      }
      changed = true;
      boolean covered = false;
      while (yi < ye && y[yi] <= e) {
        if (y[yi] > s) {
          if (op + 2 > o.length) {
            o = grow(w, op, (xe - xi) + (ye - yi) + 2);
          }
          o[op] = s;
          o[op + 1] = y[yi] - 1;
          op += 2;
        }
        if (y[yi + 1] >= e) {
          covered = true;
          break;
        }
        s = y[yi + 1] + 1;
        yi += 2;
      }
      if (!covered) {
        if (op + 2 > o.length) {
          o = grow(w, op, (xe - xi) + (ye - yi) + 2);
        }
        o[op] = s;
        o[op + 1] = e;
        op += 2;
      }
    }
    w.length(op);
    return changed;
  }

  /** {@link #subtractIntervals(long[], int, int, long[], int, int, SetWriter)} over narrow bounds. */
  static boolean subtractIntervals(int[] x, int xi, int xe, int[] y, int yi, int ye, SetWriter w) {
    // Each interval of y splits at most one interval of x in two, so the output fits in |x| + |y|;
    // usually it fits in |x|, which is what is reserved first.
    int[] o = w.reserveNarrow(xe - xi);
    int op = w.length();
    boolean changed = false;
    for (; xi < xe; xi += 2) {
      int s = x[xi];
      int e = x[xi + 1];
      while (yi < ye && y[yi + 1] < s) {
        yi += 2;
      }
      if (op + 2 > o.length) {
        o = growNarrow(w, op, (xe - xi) + (ye - yi));
      }
      if (yi == ye || y[yi] > e) {
        o[op] = s;
        o[op + 1] = e;
        op += 2;
        continue;
      }
      changed = true;
      boolean covered = false;
      while (yi < ye && y[yi] <= e) {
        if (y[yi] > s) {
          if (op + 2 > o.length) {
            o = growNarrow(w, op, (xe - xi) + (ye - yi) + 2);
          }
          o[op] = s;
          o[op + 1] = y[yi] - 1;
          op += 2;
        }
        if (y[yi + 1] >= e) {
          covered = true;
          break;
        }
        s = y[yi + 1] + 1;
        yi += 2;
      }
      if (!covered) {
        if (op + 2 > o.length) {
          o = growNarrow(w, op, (xe - xi) + (ye - yi) + 2);
        }
        o[op] = s;
        o[op + 1] = e;
        op += 2;
      }
    }
    w.length(op);
    return changed;
  }

  static GtidSet intersection(GtidSet a, GtidSet b) {
    if (a == b) {
      return a;
    }
    int an = a.msb.length;
    int bn = b.msb.length;
    if (an == 0 || bn == 0) {
      return GtidSet.empty();
    }
    boolean narrow = a.narrow != null && b.narrow != null;
    if (a.words != null || b.words != null) {
      if (narrow) {
        return Dense.intersection(a, b);
      }
      a = a.plain();
      b = b.plain();
    }
    if (!narrow) {
      a = a.widened();
      b = b.widened();
    }
    // Sized for the usual outcome, as many intervals as the smaller set; grows if it is more.
    SetWriter w = new SetWriter(Math.min(an, bn), Math.min(a.boundsLength(), b.boundsLength()), narrow);
    int i = 0;
    int j = 0;
    while (i < an && j < bn) {
      int c = GtidSet.compareTsidAt(a, i, b, j);
      if (c < 0) {
        i++;
      } else if (c > 0) {
        j++;
      } else {
        w.begin(a.msb[i], a.lsb[i], a.tags[i]);
        if (narrow) {
          intersectIntervals(a.narrow, a.offsets[i], a.offsets[i + 1], b.narrow, b.offsets[j], b.offsets[j + 1], w);
        } else {
          intersectIntervals(a.bounds, a.offsets[i], a.offsets[i + 1], b.bounds, b.offsets[j], b.offsets[j + 1], w);
        }
        w.end();
        i++;
        j++;
      }
    }
    return w.build();
  }

  private static void intersectIntervals(long[] x, int xi, int xe, long[] y, int yi, int ye, SetWriter w) {
    long[] o = w.reserve(Math.min(xe - xi, ye - yi));
    int op = w.length();
    while (xi < xe && yi < ye) {
      long xEnd = x[xi + 1];
      long yEnd = y[yi + 1];
      long lo = Math.max(x[xi], y[yi]);
      long hi = Math.min(xEnd, yEnd);
      if (lo <= hi) {
        if (op + 2 > o.length) {
          o = grow(w, op, (xe - xi) + (ye - yi));
        }
        o[op] = lo;
        o[op + 1] = hi;
        op += 2;
      }
      if (xEnd < yEnd) {
        xi += 2;
      } else {
        yi += 2;
      }
    }
    w.length(op);
  }

  /** {@link #intersectIntervals(long[], int, int, long[], int, int, SetWriter)} over narrow bounds. */
  static void intersectIntervals(int[] x, int xi, int xe, int[] y, int yi, int ye, SetWriter w) {
    int[] o = w.reserveNarrow(Math.min(xe - xi, ye - yi));
    int op = w.length();
    while (xi < xe && yi < ye) {
      int xEnd = x[xi + 1];
      int yEnd = y[yi + 1];
      int lo = Math.max(x[xi], y[yi]);
      int hi = Math.min(xEnd, yEnd);
      if (lo <= hi) {
        if (op + 2 > o.length) {
          o = growNarrow(w, op, (xe - xi) + (ye - yi));
        }
        o[op] = lo;
        o[op + 1] = hi;
        op += 2;
      }
      if (xEnd < yEnd) {
        xi += 2;
      } else {
        yi += 2;
      }
    }
    w.length(op);
  }

  /** Tells whether every interval of x lies inside an interval of y. */
  static boolean isSubset(long[] x, int xi, int xe, long[] y, int yi, int ye) {
    for (; xi < xe; xi += 2) {
      long s = x[xi];
      while (yi < ye && y[yi + 1] < s) {
        yi += 2;
      }
      if (yi == ye || y[yi] > s || y[yi + 1] < x[xi + 1]) {
        return false;
      }
    }
    return true;
  }

  /** {@link #isSubset(long[], int, int, long[], int, int)} over narrow bounds. */
  static boolean isSubset(int[] x, int xi, int xe, int[] y, int yi, int ye) {
    for (; xi < xe; xi += 2) {
      int s = x[xi];
      while (yi < ye && y[yi + 1] < s) {
        yi += 2;
      }
      if (yi == ye || y[yi] > s || y[yi + 1] < x[xi + 1]) {
        return false;
      }
    }
    return true;
  }

  /** {@link #isSubset(long[], int, int, long[], int, int)} over the bounds of two sets held either way. */
  static boolean isSubset(GtidSet x, int xi, int xe, GtidSet y, int yi, int ye) {
    for (; xi < xe; xi += 2) {
      long s = x.bound(xi);
      while (yi < ye && y.bound(yi + 1) < s) {
        yi += 2;
      }
      if (yi == ye || y.bound(yi) > s || y.bound(yi + 1) < x.bound(xi + 1)) {
        return false;
      }
    }
    return true;
  }

  /** Tells whether an interval of set x in {@code [xi, xe)} meets one of set y in {@code [yi, ye)}. */
  static boolean intersects(GtidSet x, int xi, int xe, GtidSet y, int yi, int ye) {
    if (x.narrow != null && y.narrow != null) {
      return intersects(x.narrow, xi, xe, y.narrow, yi, ye);
    }
    if (x.bounds != null && y.bounds != null) {
      return intersects(x.bounds, xi, xe, y.bounds, yi, ye);
    }
    while (xi < xe && yi < ye) {
      if (x.bound(xi + 1) < y.bound(yi)) {
        xi += 2;
      } else if (y.bound(yi + 1) < x.bound(xi)) {
        yi += 2;
      } else {
        return true;
      }
    }
    return false;
  }

  private static boolean intersects(long[] x, int xi, int xe, long[] y, int yi, int ye) {
    while (xi < xe && yi < ye) {
      if (x[xi + 1] < y[yi]) {
        xi += 2;
      } else if (y[yi + 1] < x[xi]) {
        yi += 2;
      } else {
        return true;
      }
    }
    return false;
  }

  private static boolean intersects(int[] x, int xi, int xe, int[] y, int yi, int ye) {
    while (xi < xe && yi < ye) {
      if (x[xi + 1] < y[yi]) {
        xi += 2;
      } else if (y[yi + 1] < x[xi]) {
        yi += 2;
      } else {
        return true;
      }
    }
    return false;
  }

  /** Unites many sets with one k-way merge of TSIDs and, per TSID, one k-way merge of intervals. */
  static GtidSet unionAll(GtidSet[] sets) {
    int k = sets.length;
    int nonEmpty = 0;
    for (GtidSet s : sets) {
      if (!s.isEmpty()) {
        nonEmpty++;
      }
    }
    if (nonEmpty == 0) {
      return GtidSet.empty();
    }
    if (nonEmpty == 1) {
      for (GtidSet s : sets) {
        if (!s.isEmpty()) {
          return s;
        }
      }
    }
    // The k-way merge reads intervals only: sets with bitmaps take part through their plain form.
    int tsidCap = 0;
    int boundsCap = 0;
    for (int s = 0; s < k; s++) {
      sets[s] = sets[s].plain();
      tsidCap += sets[s].msb.length;
      boundsCap += sets[s].boundsLength();
    }
    // The k-way merge reads bounds of either kind and writes longs; the writer narrows the result
    // again if it fits.
    SetWriter w = new SetWriter(tsidCap, boundsCap);
    int[] tsidPos = new int[k];
    // Heap of set indexes ordered by their current TSID.
    int[] heap = new int[k];
    int size = 0;
    for (int s = 0; s < k; s++) {
      if (!sets[s].isEmpty()) {
        heap[size++] = s;
        siftUpTsid(heap, size - 1, sets, tsidPos);
      }
    }
    // Per TSID: the sets that have it, their cursors into bounds, and a heap over those cursors.
    int[] members = new int[k];
    int[] cursor = new int[k];
    int[] limit = new int[k];
    int[] ivHeap = new int[k];
    while (size > 0) {
      int first = heap[0];
      GtidSet fs = sets[first];
      int fk = tsidPos[first];
      long m = fs.msb[fk];
      long l = fs.lsb[fk];
      String t = fs.tags[fk];
      int count = 0;
      while (size > 0) {
        int top = heap[0];
        GtidSet ts = sets[top];
        int tk = tsidPos[top];
        if (GtidSet.compareTsid(ts.msb[tk], ts.lsb[tk], ts.tags[tk], m, l, t) != 0) {
          break;
        }
        members[count++] = top;
        tsidPos[top] = tk + 1;
        if (tk + 1 < ts.msb.length) {
          siftDownTsid(heap, 0, size, sets, tsidPos);
        } else {
          heap[0] = heap[--size];
          siftDownTsid(heap, 0, size, sets, tsidPos);
        }
      }
      if (count == 1) {
        int s = members[0];
        w.copyTsid(sets[s], tsidPos[s] - 1);
      } else {
        w.begin(m, l, t);
        int hs = 0;
        for (int c = 0; c < count; c++) {
          int s = members[c];
          int tk = tsidPos[s] - 1;
          cursor[s] = sets[s].offsets[tk];
          limit[s] = sets[s].offsets[tk + 1];
          ivHeap[hs++] = s;
          siftUpInterval(ivHeap, hs - 1, sets, cursor);
        }
        while (hs > 0) {
          int s = ivHeap[0];
          GtidSet b = sets[s];
          int at = cursor[s];
          w.merge(b.bound(at), b.bound(at + 1));
          cursor[s] = at + 2;
          if (at + 2 >= limit[s]) {
            ivHeap[0] = ivHeap[--hs];
          }
          siftDownInterval(ivHeap, 0, hs, sets, cursor);
        }
        w.end();
      }
    }
    return w.build();
  }

  private static int compareHeadTsid(GtidSet[] sets, int[] pos, int x, int y) {
    return GtidSet.compareTsidAt(sets[x], pos[x], sets[y], pos[y]);
  }

  private static void siftUpTsid(int[] heap, int i, GtidSet[] sets, int[] pos) {
    int x = heap[i];
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (compareHeadTsid(sets, pos, heap[parent], x) <= 0) {
        break;
      }
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = x;
  }

  private static void siftDownTsid(int[] heap, int i, int size, GtidSet[] sets, int[] pos) {
    if (size == 0) {
      return;
    }
    int x = heap[i];
    while (true) {
      int child = 2 * i + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && compareHeadTsid(sets, pos, heap[child + 1], heap[child]) < 0) {
        child++;
      }
      if (compareHeadTsid(sets, pos, heap[child], x) >= 0) {
        break;
      }
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = x;
  }

  private static void siftUpInterval(int[] heap, int i, GtidSet[] sets, int[] cursor) {
    int x = heap[i];
    long key = sets[x].bound(cursor[x]);
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (sets[heap[parent]].bound(cursor[heap[parent]]) <= key) {
        break;
      }
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = x;
  }

  private static void siftDownInterval(int[] heap, int i, int size, GtidSet[] sets, int[] cursor) {
    if (size == 0) {
      return;
    }
    int x = heap[i];
    long key = sets[x].bound(cursor[x]);
    while (true) {
      int child = 2 * i + 1;
      if (child >= size) {
        break;
      }
      long ck = sets[heap[child]].bound(cursor[heap[child]]);
      if (child + 1 < size) {
        long rk = sets[heap[child + 1]].bound(cursor[heap[child + 1]]);
        if (rk < ck) {
          child++;
          ck = rk;
        }
      }
      if (ck >= key) {
        break;
      }
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = x;
  }
}
