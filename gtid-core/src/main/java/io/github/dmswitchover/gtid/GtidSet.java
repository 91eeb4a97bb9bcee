package io.github.dmswitchover.gtid;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * An immutable set of MySQL GTIDs, tagged GTIDs (MySQL 8.3+) included, always held in MySQL's
 * canonical form.
 *
 * <pre>{@code
 * GtidSet executed = GtidSet.parse("3E11FA47-71CA-11E1-9E33-C80AA9429562:1-5:7, 3e11fa47-71ca-11e1-9e33-c80aa9429562:6");
 * GtidSet replicated = GtidSet.parse("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-3");
 * executed.toString();                     // "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-7"
 * executed.subtract(replicated).count();   // 4
 * replicated.isSubsetOf(executed);         // true
 * }</pre>
 *
 * <p><b>Canonical form.</b> {@link #toString()} prints exactly what MySQL prints for
 * {@code @@GLOBAL.gtid_executed} or {@code GTID_SUBTRACT(x, '')}: one block per UUID in ascending
 * byte order (lower-case hex), blocks joined by a comma and a line feed ({@code ",\n"}); in a block
 * the untagged intervals come first, then each tag in ascending byte order as {@code :tag:intervals};
 * intervals ascending, disjoint and not adjacent, written {@code n} or {@code a-b} and joined by
 * {@code :}; the empty set is {@code ""}. For example, with {@code a1} and {@code b2} standing for
 * two full UUIDs ({@code a1} sorting first), the text
 * <pre>{@code
 *  b2 : 7 ,, A1:tag_B:5:1-3, a1:4:tag_a:9,a1:2:9-8,
 * }</pre>
 * is the set printed as
 * <pre>{@code
 * a1:2:4:tag_a:9:tag_b:1-3:5,
 * b2:7
 * }</pre>
 * (the reversed interval {@code 9-8} is empty, as in MySQL). Because the form is
 * canonical, {@code parse(s).toString()} normalises {@code s}, and {@link #equals}, {@link #hashCode}
 * and {@link #toString} agree.
 *
 * <p><b>Storage.</b> UUIDs are held as two {@code long}s, tags interned, and every interval of the
 * set as two {@code int}s in one flat array when all GNOs of the set are below 2<sup>31</sup>
 * (about 8 bytes per interval), else as two {@code long}s (about 16). A dense TSID, one with at
 * least 4,096 intervals whose GNOs are packed so tightly that one bit per GNO takes at most half
 * the memory of its intervals (such as a source with a gap every few transactions), also has a
 * bitmap, in sets whose GNOs are all below 2<sup>31</sup>. Queries ({@link #contains},
 * {@link #isSubsetOf}, {@link #intersects}, {@link #count}, {@link #equals}) allocate nothing; the
 * algebra ({@link #union}, {@link #subtract}, {@link #intersection}) is a linear merge per TSID into
 * new arrays, over 64 GNOs at a time for two dense TSIDs. A result whose dense TSIDs came out of
 * that bitmap merge holds them only as bitmaps until a method that reads intervals (every method
 * but these three) first needs them; that first call turns them into intervals, about 4 ms per
 * million intervals, and keeps them.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class GtidSet {

  /** The largest GNO MySQL accepts, 2<sup>63</sup>&minus;2 (9223372036854775806). */
  public static final long MAX_GNO = Long.MAX_VALUE - 1;

  /**
   * The largest bound kept in 32 bits. One below {@link Integer#MAX_VALUE}, so that {@code end + 1}
   * never overflows in the merges over {@code int} bounds.
   */
  static final long NARROW_MAX = Integer.MAX_VALUE - 1;

  private static final GtidSet EMPTY =
      new GtidSet(new long[0], new long[0], new String[0], new int[1], null, new int[0]);

  /** Per TSID, in canonical order: UUID halves and tag ({@code ""} = untagged, interned). */
  final long[] msb;
  final long[] lsb;
  final String[] tags;
  /** {@code offsets[k]..offsets[k+1]} are the indexes of TSID k's interval bounds. */
  final int[] offsets;
  /**
   * Interval bounds, {@code start, end} pairs (inclusive), for all TSIDs one after the other, in
   * exactly one of two arrays: {@link #narrow} when every bound is at most {@link #NARROW_MAX}
   * (servers rarely pass two billion transactions per UUID), which halves the memory and the memory
   * traffic of the merges, else {@link #bounds}. Which one is used follows from the values alone,
   * so equal sets have equal arrays.
   */
  final long[] bounds;
  final int[] narrow;
  /**
   * Per TSID, its bitmap or {@code null}, and the GNO of bit 0 of the bitmap; both {@code null}
   * for a set without bitmaps, which is what every method but the merges works on (see
   * {@link Dense} and {@link #plain()}).
   */
  final long[][] words;
  final long[] wordBase;
  /** The same GTIDs without bitmaps: this set itself, or made when first asked (racy single-check). */
  private GtidSet plain;

  /** Cached hash code; 0 = not computed (racy single-check, as in {@link String}). */
  private int hash;

  /**
   * Creates a set from canonical arrays whose bounds are the first {@code length} longs of
   * {@code bounds}, keeping them in 32 bits when they all fit. {@code bounds} itself becomes the
   * set's only if they do not fit, it has exactly that length and {@code mayKeep} says so.
   */
  static GtidSet of(long[] msb, long[] lsb, String[] tags, int[] offsets, long[] bounds, int length, boolean mayKeep) {
    if (fitsNarrow(offsets, bounds)) {
      int[] nb = new int[length];
      for (int i = 0; i < length; i++) {
        nb[i] = (int) bounds[i];
      }
      return new GtidSet(msb, lsb, tags, offsets, null, nb);
    }
    return new GtidSet(msb, lsb, tags, offsets, mayKeep && bounds.length == length ? bounds : Arrays.copyOf(bounds, length), null);
  }

  /** Creates a set over the given arrays as they are; exactly one of the bounds arrays is non-null. */
  GtidSet(long[] msb, long[] lsb, String[] tags, int[] offsets, long[] bounds, int[] narrow) {
    this.msb = msb;
    this.lsb = lsb;
    this.tags = tags;
    this.offsets = offsets;
    this.bounds = bounds;
    this.narrow = narrow;
    this.words = null;
    this.wordBase = null;
  }

  /**
   * Creates a set with bitmaps over the given arrays as they are ({@link Dense}); {@code plain} is
   * the same GTIDs without bitmaps, or {@code null} to make it when first asked.
   */
  GtidSet(long[] msb, long[] lsb, String[] tags, int[] offsets, int[] narrow, long[][] words, long[] wordBase, GtidSet plain) {
    this.msb = msb;
    this.lsb = lsb;
    this.tags = tags;
    this.offsets = offsets;
    this.bounds = null;
    this.narrow = narrow;
    this.words = words;
    this.wordBase = wordBase;
    this.plain = plain;
  }

  /**
   * Returns the same GTIDs with every TSID in intervals and no bitmap: this set if it has none.
   * Every method but the merges reads a set with bitmaps through this.
   */
  GtidSet plain() {
    if (words == null) {
      return this;
    }
    GtidSet p = plain;
    if (p == null) {
      p = Dense.expand(this);
      plain = p;
    }
    return p;
  }

  /** Whether every bound fits {@link #NARROW_MAX}: the last bound of each TSID is its largest. */
  static boolean fitsNarrow(int[] offsets, long[] bounds) {
    for (int k = 1; k < offsets.length; k++) {
      if (offsets[k] > offsets[k - 1] && bounds[offsets[k] - 1] > NARROW_MAX) {
        return false;
      }
    }
    return true;
  }

  /** The number of bounds (twice the number of intervals). */
  int boundsLength() {
    int[] nb = narrow;
    return nb != null ? nb.length : bounds.length;
  }

  /** Bound {@code i}, whichever array holds it. */
  long bound(int i) {
    int[] nb = narrow;
    return nb != null ? nb[i] : bounds[i];
  }

  /**
   * This set with its bounds in a {@code long[]}: itself if they already are, else a copy that is
   * not canonical and only serves the merges of a narrow set with a wide one.
   */
  GtidSet widened() {
    int[] nb = narrow;
    if (nb == null) {
      return this;
    }
    long[] b = new long[nb.length];
    for (int i = 0; i < b.length; i++) {
      b[i] = nb[i];
    }
    return new GtidSet(msb, lsb, tags, offsets, b, null);
  }

  /**
   * Returns the empty set.
   *
   * @return the set without GTIDs, printed as {@code ""}
   */
  public static GtidSet empty() {
    return EMPTY;
  }

  /**
   * Parses MySQL GTID set text, accepting exactly what both MySQL parsers (the legacy one and the
   * one of MySQL 9.6+) accept and mean the same by.
   *
   * <p>Accepted: whitespace (ASCII 9&ndash;13 and space) around every token; empty, leading and
   * trailing commas; a UUID repeated, or without intervals; intervals in any order, overlapping or
   * adjacent (they are merged); a reversed interval such as {@code 5-3}, which MySQL silently
   * ignores; tags {@code [A-Za-z_][A-Za-z0-9_]{0,31}} (stored in lower case), several in a row;
   * GNOs from 1 to {@link #MAX_GNO} in plain decimal. Refused: everything else, including numbers
   * with a sign, a {@code 0x} prefix or a leading zero (the legacy parser reads {@code 010} as
   * octal 8, the new one as 10), UUIDs without dashes or in braces, an empty or over-long tag, and
   * a colon followed by nothing ({@code uuid:} and {@code uuid: }).
   *
   * @param text the GTID set text, for example {@code @@GLOBAL.gtid_executed}
   * @return the set, in canonical form
   * @throws GtidFormatException if the text is not a valid GTID set; its kind and offset say why
   *     and where
   */
  public static GtidSet parse(CharSequence text) {
    return GtidParser.parse(text);
  }

  /**
   * Returns a new, empty builder, for streaming GTIDs into a set.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the union of many sets, merging them all at once rather than pair by pair.
   *
   * @param sets the sets to unite
   * @return every GTID that is in at least one of the sets
   * @throws NullPointerException if {@code sets} or one of its elements is null
   */
  public static GtidSet unionAll(Collection<GtidSet> sets) {
    GtidSet[] all = sets.toArray(new GtidSet[0]);
    for (GtidSet s : all) {
      Objects.requireNonNull(s, "sets contains null");
    }
    return Algebra.unionAll(all);
  }

  /**
   * Tells whether this set has no GTID.
   *
   * @return {@code true} for the empty set
   */
  public boolean isEmpty() {
    return msb.length == 0;
  }

  /**
   * Returns the exact number of GTIDs in this set.
   *
   * @return the number of transactions
   * @throws ArithmeticException if the number exceeds {@link Long#MAX_VALUE}
   */
  public long count() {
    if (words != null) {
      return plain().count();
    }
    int[] nb = narrow;
    long total = 0;
    if (nb != null) {
      // Each TSID has fewer than 2^31 GNOs and a set fewer than 2^31 TSIDs: no overflow.
      for (int i = 0; i < nb.length; i += 2) {
        total += (long) nb[i + 1] - nb[i] + 1;
      }
      return total;
    }
    long[] b = bounds;
    for (int i = 0; i < b.length; i += 2) {
      total = Math.addExact(total, b[i + 1] - b[i] + 1);
    }
    return total;
  }

  /**
   * Tells whether this set has the untagged GTID {@code uuid:gno}.
   *
   * @param uuid the source UUID
   * @param gno the transaction number; any value is allowed, those out of range are never contained
   * @return {@code true} if the GTID is in this set
   */
  public boolean contains(UUID uuid, long gno) {
    GtidSet p = plain();
    int k = p.indexOf(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits(), "");
    return k >= 0 && p.containsGno(k, gno);
  }

  /**
   * Tells whether this set has the GTID {@code uuid:tag:gno}.
   *
   * @param uuid the source UUID
   * @param tag the tag in any case, or {@code ""} for an untagged GTID
   * @param gno the transaction number; any value is allowed, those out of range are never contained
   * @return {@code true} if the GTID is in this set
   * @throws IllegalArgumentException if the tag is neither {@code ""} nor a valid MySQL tag
   */
  public boolean contains(UUID uuid, String tag, long gno) {
    GtidSet p = plain();
    int k = p.indexOf(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits(), Tags.canonical(tag));
    return k >= 0 && p.containsGno(k, gno);
  }

  private boolean containsGno(int k, long gno) {
    // Binary search over the intervals of TSID k for the last one starting at or before gno.
    int lo = offsets[k] >> 1;
    int hi = (offsets[k + 1] >> 1) - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (bound(2 * mid) <= gno) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return hi >= offsets[k] >> 1 && bound(2 * hi + 1) >= gno;
  }

  /** Returns the index of a TSID, or a negative number if this set has no GTID of it. */
  int indexOf(long m, long l, String tag) {
    int lo = 0;
    int hi = msb.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = compareTsid(msb[mid], lsb[mid], tags[mid], m, l, tag);
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  /**
   * Tells whether every GTID of this set is also in {@code other}, like MySQL's
   * {@code GTID_SUBSET(this, other)}; allocates nothing.
   *
   * @param other the possible superset
   * @return {@code true} if this set is a subset of {@code other} (the empty set is a subset of
   *     every set)
   */
  public boolean isSubsetOf(GtidSet other) {
    if (words != null || other.words != null) {
      return plain().isSubsetOf(other.plain());
    }
    long[] m = msb;
    long[] l = lsb;
    String[] t = tags;
    int[] off = offsets;
    long[] om = other.msb;
    long[] ol = other.lsb;
    String[] ot = other.tags;
    int[] ooff = other.offsets;
    int n = m.length;
    int on = om.length;
    if (n > on) {
      return false;
    }
    int[] nb = narrow;
    int[] onb = other.narrow;
    if (nb == null && onb != null) {
      // This set has a GNO above NARROW_MAX, which the other cannot have.
      return false;
    }
    int j = 0;
    for (int i = 0; i < n; i++) {
      // Usually the next TSID of the other set is this one; otherwise skip the other's extra TSIDs.
      if (m[i] != om[j] || l[i] != ol[j] || t[i] != ot[j]) {
        int c = -1;
        while (j < on && (c = compareTsid(om[j], ol[j], ot[j], m[i], l[i], t[i])) < 0) {
          j++;
        }
        if (c != 0 || n - i > on - j) {
          return false;
        }
      }
      int xs = off[i];
      int xe = off[i + 1];
      int ys = ooff[j];
      int ye = ooff[j + 1];
      if (nb != null && onb != null) {
        if (xe - xs == 2 && ye - ys == 2) {
          // One interval on each side, the usual case for gtid_executed: compare it in place.
          if (nb[xs] < onb[ys] || nb[xs + 1] > onb[ys + 1]) {
            return false;
          }
        } else if (!Algebra.isSubset(nb, xs, xe, onb, ys, ye)) {
          return false;
        }
      } else if (!(nb == null ? Algebra.isSubset(bounds, xs, xe, other.bounds, ys, ye)
          : Algebra.isSubset(this, xs, xe, other, ys, ye))) {
        return false;
      }
      if (++j == on && i + 1 < n) {
        return false;
      }
    }
    return true;
  }

  /**
   * Tells whether this set and {@code other} have a GTID in common; allocates nothing.
   *
   * @param other the other set
   * @return {@code true} if the intersection is not empty
   */
  public boolean intersects(GtidSet other) {
    if (words != null || other.words != null) {
      return plain().intersects(other.plain());
    }
    int n = msb.length;
    int on = other.msb.length;
    int i = 0;
    int j = 0;
    while (i < n && j < on) {
      int c = compareTsidAt(this, i, other, j);
      if (c < 0) {
        i++;
      } else if (c > 0) {
        j++;
      } else {
        if (Algebra.intersects(this, offsets[i], offsets[i + 1], other, other.offsets[j], other.offsets[j + 1])) {
          return true;
        }
        i++;
        j++;
      }
    }
    return false;
  }

  /**
   * Returns every GTID that is in this set or in {@code other}.
   *
   * @param other the set to add
   * @return the union
   */
  public GtidSet union(GtidSet other) {
    return Algebra.union(this, other);
  }

  /**
   * Returns the GTIDs of this set that are not in {@code other}, like MySQL's
   * {@code GTID_SUBTRACT(this, other)}.
   *
   * @param other the set to remove
   * @return the difference
   */
  public GtidSet subtract(GtidSet other) {
    return Algebra.subtract(this, other);
  }

  /**
   * Returns the GTIDs that are in both this set and {@code other}.
   *
   * @param other the other set
   * @return the intersection
   */
  public GtidSet intersection(GtidSet other) {
    return Algebra.intersection(this, other);
  }

  /**
   * Returns the UUIDs that have at least one GTID in this set, in canonical (byte) order.
   *
   * @return an unmodifiable set iterating in canonical order
   */
  public Set<UUID> uuids() {
    Set<UUID> out = new LinkedHashSet<>();
    for (int k = 0; k < msb.length; k++) {
      if (k == 0 || msb[k] != msb[k - 1] || lsb[k] != lsb[k - 1]) {
        out.add(new UUID(msb[k], lsb[k]));
      }
    }
    return Collections.unmodifiableSet(out);
  }

  /**
   * Returns the TSIDs (UUID and tag) that have at least one GTID in this set, in canonical order.
   *
   * @return an unmodifiable list in canonical order
   */
  public List<Tsid> tsids() {
    List<Tsid> out = new ArrayList<>(msb.length);
    UUID uuid = null;
    for (int k = 0; k < msb.length; k++) {
      if (uuid == null || msb[k] != msb[k - 1] || lsb[k] != lsb[k - 1]) {
        uuid = new UUID(msb[k], lsb[k]);
      }
      out.add(new Tsid(uuid, tags[k]));
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Returns the intervals of one TSID, ascending, disjoint and not adjacent.
   *
   * @param tsid the UUID and tag
   * @return an unmodifiable list, empty if this set has no GTID of {@code tsid}
   */
  public List<GtidInterval> intervals(Tsid tsid) {
    if (words != null) {
      return plain().intervals(tsid);
    }
    UUID u = tsid.uuid();
    int k = indexOf(u.getMostSignificantBits(), u.getLeastSignificantBits(), tsid.tag());
    if (k < 0) {
      return List.of();
    }
    List<GtidInterval> out = new ArrayList<>((offsets[k + 1] - offsets[k]) / 2);
    for (int i = offsets[k]; i < offsets[k + 1]; i += 2) {
      out.add(new GtidInterval(bound(i), bound(i + 1)));
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Passes every interval of this set to {@code visitor} in canonical order, allocating nothing.
   *
   * @param visitor receives UUID halves, tag, start and end of each interval
   */
  public void forEachInterval(IntervalVisitor visitor) {
    Objects.requireNonNull(visitor, "visitor");
    if (words != null) {
      plain().forEachInterval(visitor);
      return;
    }
    for (int k = 0; k < msb.length; k++) {
      long m = msb[k];
      long l = lsb[k];
      String tag = tags[k];
      for (int i = offsets[k]; i < offsets[k + 1]; i += 2) {
        visitor.visit(m, l, tag, bound(i), bound(i + 1));
      }
    }
  }

  /** Returns the number of TSIDs; for package use. */
  int tsidCount() {
    return msb.length;
  }

  /** Returns the set made of TSID k only. */
  GtidSet tsidSubset(int k) {
    if (words != null) {
      return plain().tsidSubset(k);
    }
    if (msb.length == 1) {
      return this;
    }
    SetWriter w = new SetWriter(1, offsets[k + 1] - offsets[k], narrow != null);
    w.copyTsid(this, k);
    return w.build();
  }

  /** Returns the number of GTIDs of TSID k; exact, cannot overflow (at most MAX_GNO). */
  long countOf(int k) {
    if (words != null) {
      return plain().countOf(k);
    }
    long total = 0;
    for (int i = offsets[k]; i < offsets[k + 1]; i += 2) {
      total += bound(i + 1) - bound(i) + 1;
    }
    return total;
  }

  /**
   * Returns MySQL's canonical text of this set, byte for byte as MySQL prints it, with
   * {@code ",\n"} between UUID blocks; {@code ""} for the empty set.
   *
   * @return the canonical text
   */
  @Override
  public String toString() {
    return Formatter.format(this, true);
  }

  /**
   * Returns the canonical text with {@code ","} instead of {@code ",\n"} between UUID blocks, as
   * clients that cannot take a newline expect.
   *
   * @return the canonical text on one line
   */
  public String toCompactString() {
    return Formatter.format(this, false);
  }

  /**
   * Tells whether {@code obj} is a {@code GtidSet} with exactly the same GTIDs.
   *
   * @param obj the object to compare with
   * @return {@code true} if both sets have the same GTIDs
   */
  @Override
  public boolean equals(Object obj) {
    if (obj == this) {
      return true;
    }
    if (!(obj instanceof GtidSet)) {
      return false;
    }
    GtidSet t = plain();
    GtidSet o = ((GtidSet) obj).plain();
    return t.equalArrays(o);
  }

  private boolean equalArrays(GtidSet o) {
    return Arrays.equals(msb, o.msb) && Arrays.equals(lsb, o.lsb) && Arrays.equals(offsets, o.offsets)
        && Arrays.equals(narrow, o.narrow) && Arrays.equals(bounds, o.bounds) && Arrays.equals(tags, o.tags);
  }

  /**
   * Returns a hash code consistent with {@link #equals}.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    if (words != null) {
      return plain().hashCode();
    }
    int h = hash;
    if (h == 0) {
      h = Arrays.hashCode(msb);
      h = 31 * h + Arrays.hashCode(lsb);
      h = 31 * h + Arrays.hashCode(tags);
      h = 31 * h + Arrays.hashCode(offsets);
      // For values below 2^31, Arrays.hashCode(int[]) equals Arrays.hashCode(long[]).
      h = 31 * h + (narrow != null ? Arrays.hashCode(narrow) : Arrays.hashCode(bounds));
      hash = h;
    }
    return h;
  }

  /** Compares two TSIDs in MySQL's order: UUID bytes (unsigned halves), then tag bytes. */
  static int compareTsid(long m1, long l1, String t1, long m2, long l2, String t2) {
    if (m1 != m2) {
      return Long.compareUnsigned(m1, m2);
    }
    if (l1 != l2) {
      return Long.compareUnsigned(l1, l2);
    }
    return t1 == t2 ? 0 : t1.compareTo(t2);
  }

  static int compareTsidAt(GtidSet a, int i, GtidSet b, int j) {
    return compareTsid(a.msb[i], a.lsb[i], a.tags[i], b.msb[j], b.lsb[j], b.tags[j]);
  }

  /** Checks the bounds of an interval given by a caller. */
  static void checkInterval(long start, long end) {
    if (start < 1 || end < start || end > MAX_GNO) {
      throw new IllegalArgumentException(
          "interval must satisfy 1 <= start <= end <= " + MAX_GNO + ": start=" + start + ", end=" + end);
    }
  }

  static void checkGno(long gno) {
    if (gno < 1 || gno > MAX_GNO) {
      throw new IllegalArgumentException("gno must be between 1 and " + MAX_GNO + ": " + gno);
    }
  }

  /**
   * A mutable collector of GTIDs that builds {@link GtidSet}s; made for streaming one GTID at a
   * time.
   *
   * <p>Adding a GNO one past the last one added for the same UUID and tag costs amortised O(1)
   * (the last interval is extended); GTIDs in any other order are collected and sorted and merged
   * once, at the next {@link #build()}, so building from n GTIDs never costs more than
   * O(n log n).
   *
   * <p>Not thread-safe: confine a builder to one thread or guard it.
   */
  public static final class Builder {
    private long[] slotMsb = new long[4];
    private long[] slotLsb = new long[4];
    private String[] slotTag = new String[4];
    /** Per slot: interval bounds, appended as start, end pairs. */
    private long[][] slotBounds = new long[4][];
    private int[] slotLength = new int[4];
    /** Per slot: whether its bounds are sorted, disjoint and not adjacent. */
    private boolean[] slotSorted = new boolean[4];
    private int slots;
    /** Whether slots were created in canonical order. */
    private boolean slotsInOrder = true;
    /** Open addressing table of slot index + 1; 0 = free. */
    private int[] table = new int[16];
    private int last = -1;
    /**
     * The streaming fast path: the bounds array of the last untagged slot appended to and the
     * index of its last end, so that the next GNO of the same UUID extends it in a few
     * instructions; {@code hotBounds == null} when there is none.
     */
    private long[] hotBounds;
    private int hotEnd;
    private long hotMsb;
    private long hotLsb;
    private String lastRawTag = "";
    private String lastTag = "";

    Builder() {}

    /**
     * Adds the untagged GTID {@code uuid:gno}.
     *
     * @param uuid the source UUID
     * @param gno the transaction number
     * @return this builder
     * @throws IllegalArgumentException if {@code gno} is not between 1 and {@link #MAX_GNO}
     */
    public Builder add(UUID uuid, long gno) {
      return add(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits(), gno);
    }

    /**
     * Adds the untagged GTID whose UUID has the given halves, without allocating a {@link UUID}.
     *
     * @param uuidMsb the most significant 64 bits of the UUID
     * @param uuidLsb the least significant 64 bits of the UUID
     * @param gno the transaction number
     * @return this builder
     * @throws IllegalArgumentException if {@code gno} is not between 1 and {@link #MAX_GNO}
     */
    public Builder add(long uuidMsb, long uuidLsb, long gno) {
      long[] hot = hotBounds;
      if (hot != null && uuidMsb == hotMsb && uuidLsb == hotLsb && gno == hot[hotEnd] + 1 && gno <= MAX_GNO) {
        hot[hotEnd] = gno;
        return this;
      }
      checkGno(gno);
      int s = last;
      if (s < 0 || slotMsb[s] != uuidMsb || slotLsb[s] != uuidLsb || slotTag[s] != "") {
        s = slot(uuidMsb, uuidLsb, "");
      }
      append(s, gno, gno);
      return this;
    }

    /**
     * Adds the GTID {@code uuid:tag:gno}.
     *
     * @param uuid the source UUID
     * @param tag the tag in any case, or {@code ""} for an untagged GTID
     * @param gno the transaction number
     * @return this builder
     * @throws IllegalArgumentException if the tag is not valid or {@code gno} is not between 1
     *     and {@link #MAX_GNO}
     */
    public Builder add(UUID uuid, String tag, long gno) {
      return addInterval(uuid, tag, gno, gno);
    }

    /**
     * Adds the untagged GTIDs {@code uuid:start-end}.
     *
     * @param uuid the source UUID
     * @param start the first GNO
     * @param end the last GNO, inclusive
     * @return this builder
     * @throws IllegalArgumentException unless {@code 1 <= start <= end <= MAX_GNO}
     */
    public Builder addInterval(UUID uuid, long start, long end) {
      return addInterval(uuid, "", start, end);
    }

    /**
     * Adds the GTIDs {@code uuid:tag:start-end}.
     *
     * @param uuid the source UUID
     * @param tag the tag in any case, or {@code ""} for untagged GTIDs
     * @param start the first GNO
     * @param end the last GNO, inclusive
     * @return this builder
     * @throws IllegalArgumentException if the tag is not valid, or unless
     *     {@code 1 <= start <= end <= MAX_GNO}
     */
    public Builder addInterval(UUID uuid, String tag, long start, long end) {
      long m = uuid.getMostSignificantBits();
      long l = uuid.getLeastSignificantBits();
      String t;
      if (tag == lastRawTag) {
        t = lastTag;
      } else {
        t = Tags.canonical(tag);
        lastRawTag = tag;
        lastTag = t;
      }
      checkInterval(start, end);
      int s = last;
      if (s < 0 || slotMsb[s] != m || slotLsb[s] != l || slotTag[s] != t) {
        s = slot(m, l, t);
      }
      append(s, start, end);
      return this;
    }

    /**
     * Adds every GTID of a set.
     *
     * @param set the GTIDs to add
     * @return this builder
     */
    public Builder addAll(GtidSet set) {
      set = set.plain();
      for (int k = 0; k < set.msb.length; k++) {
        int s = slot(set.msb[k], set.lsb[k], set.tags[k]);
        for (int i = set.offsets[k]; i < set.offsets[k + 1]; i += 2) {
          append(s, set.bound(i), set.bound(i + 1));
        }
      }
      return this;
    }

    /**
     * Returns a set of everything added so far; the builder stays usable and later additions do
     * not change the returned set.
     *
     * @return the set, in canonical form
     */
    public GtidSet build() {
      int[] order = new int[slots];
      int total = 0;
      int nonEmpty = 0;
      for (int s = 0; s < slots; s++) {
        order[s] = s;
        normalise(s);
        total += slotLength[s];
        if (slotLength[s] > 0) {
          nonEmpty++;
        }
      }
      if (!slotsInOrder) {
        sortSlots(order);
      }
      SetWriter w = new SetWriter(nonEmpty, total);
      for (int s : order) {
        if (slotLength[s] > 0) {
          w.begin(slotMsb[s], slotLsb[s], slotTag[s]);
          w.copy(slotBounds[s], 0, slotLength[s]);
          w.end();
        }
      }
      return w.build();
    }

    /** Returns the slot of a TSID (tag canonical), creating it if needed, and makes it the last. */
    int slot(long m, long l, String tag) {
      int mask = table.length - 1;
      int h = mix(m, l, tag) & mask;
      while (true) {
        int e = table[h];
        if (e == 0) {
          break;
        }
        int s = e - 1;
        if (slotMsb[s] == m && slotLsb[s] == l && slotTag[s] == tag) {
          last = s;
          return s;
        }
        h = (h + 1) & mask;
      }
      int s = slots;
      if (s == slotMsb.length) {
        int cap = s * 2;
        slotMsb = Arrays.copyOf(slotMsb, cap);
        slotLsb = Arrays.copyOf(slotLsb, cap);
        slotTag = Arrays.copyOf(slotTag, cap);
        slotBounds = Arrays.copyOf(slotBounds, cap);
        slotLength = Arrays.copyOf(slotLength, cap);
        slotSorted = Arrays.copyOf(slotSorted, cap);
      }
      slotMsb[s] = m;
      slotLsb[s] = l;
      slotTag[s] = tag;
      slotBounds[s] = new long[8];
      slotSorted[s] = true;
      if (s > 0 && compareTsid(slotMsb[s - 1], slotLsb[s - 1], slotTag[s - 1], m, l, tag) > 0) {
        slotsInOrder = false;
      }
      slots = s + 1;
      table[h] = s + 1;
      if (slots * 2 > table.length) {
        rehash();
      }
      last = s;
      return s;
    }

    private static int mix(long m, long l, String tag) {
      long x = m * 0x9E3779B97F4A7C15L + l;
      x ^= x >>> 29;
      x *= 0xBF58476D1CE4E5B9L;
      x ^= x >>> 32;
      return (int) x ^ tag.hashCode();
    }

    private void rehash() {
      int[] t = new int[table.length * 2];
      int mask = t.length - 1;
      for (int s = 0; s < slots; s++) {
        int h = mix(slotMsb[s], slotLsb[s], slotTag[s]) & mask;
        while (t[h] != 0) {
          h = (h + 1) & mask;
        }
        t[h] = s + 1;
      }
      table = t;
    }

    /** Tells whether slot {@code s} is the given TSID (tag canonical). */
    boolean isSlot(int s, long m, long l, String tag) {
      return slotMsb[s] == m && slotLsb[s] == l && slotTag[s] == tag;
    }

    /** Appends an interval (valid, start <= end) to a slot, extending its last interval if they touch. */
    void append(int s, long start, long end) {
      long[] b = slotBounds[s];
      int len = slotLength[s];
      if (len > 0) {
        long lastStart = b[len - 2];
        if (start >= lastStart) {
          if (start <= b[len - 1] + 1) {
            if (end > b[len - 1]) {
              b[len - 1] = end;
            }
            remember(s, b, len - 1);
            return;
          }
        } else {
          slotSorted[s] = false;
        }
      }
      if (len == b.length) {
        b = Arrays.copyOf(b, len * 2);
        slotBounds[s] = b;
      }
      b[len] = start;
      b[len + 1] = end;
      slotLength[s] = len + 2;
      remember(s, b, len + 1);
    }

    /** Makes slot s the streaming fast path if it is untagged and its intervals are in order. */
    private void remember(int s, long[] b, int endIndex) {
      if (slotTag[s].isEmpty() && slotSorted[s]) {
        hotBounds = b;
        hotEnd = endIndex;
        hotMsb = slotMsb[s];
        hotLsb = slotLsb[s];
      } else {
        hotBounds = null;
      }
    }

    /** Sorts and merges the intervals of a slot in place, once, so later builds find it ready. */
    private void normalise(int s) {
      if (slotSorted[s]) {
        return;
      }
      hotBounds = null;
      long[] b = slotBounds[s];
      int len = slotLength[s];
      IntervalSort.sortByStart(b, len);
      int w = 0;
      for (int i = 0; i < len; i += 2) {
        long st = b[i];
        long en = b[i + 1];
        if (w > 0 && st <= b[w - 1] + 1) {
          if (en > b[w - 1]) {
            b[w - 1] = en;
          }
        } else {
          b[w] = st;
          b[w + 1] = en;
          w += 2;
        }
      }
      slotLength[s] = w;
      slotSorted[s] = true;
    }

    /** Sorts slot indexes into canonical TSID order (insertion sort for few, merge sort for many). */
    private void sortSlots(int[] order) {
      int[] tmp = new int[order.length];
      mergeSort(order, tmp, 0, order.length);
    }

    private void mergeSort(int[] a, int[] tmp, int from, int to) {
      if (to - from < 16) {
        for (int i = from + 1; i < to; i++) {
          int x = a[i];
          int j = i - 1;
          while (j >= from && compareSlots(a[j], x) > 0) {
            a[j + 1] = a[j];
            j--;
          }
          a[j + 1] = x;
        }
        return;
      }
      int mid = (from + to) >>> 1;
      mergeSort(a, tmp, from, mid);
      mergeSort(a, tmp, mid, to);
      System.arraycopy(a, from, tmp, from, to - from);
      int i = from;
      int j = mid;
      for (int k = from; k < to; k++) {
        if (j >= to || (i < mid && compareSlots(tmp[i], tmp[j]) <= 0)) {
          a[k] = tmp[i++];
        } else {
          a[k] = tmp[j++];
        }
      }
    }

    private int compareSlots(int x, int y) {
      return compareTsid(slotMsb[x], slotLsb[x], slotTag[x], slotMsb[y], slotLsb[y], slotTag[y]);
    }
  }
}
