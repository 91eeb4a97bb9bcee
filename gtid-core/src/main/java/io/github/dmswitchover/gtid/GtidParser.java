package io.github.dmswitchover.gtid;

import io.github.dmswitchover.gtid.GtidFormatException.Kind;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one-pass MySQL GTID set parser: a hand-written scanner over the grammar of GTID-FACTS 1a
 * (no regular expressions, no splitting, no boxing).
 *
 * <p>Text that is already in canonical order (what servers print) is written straight into the
 * flat arrays of the result. At the first TSID or interval out of that order, everything read so
 * far moves into a {@link GtidSet.Builder}, which sorts and merges once at the end. One instance
 * per parse; not thread-safe. {@link ServerText} first reads the text as far as it has the exact
 * form servers print, faster; this parser reads the rest: short text from the start, long text
 * from the first block not in that form.
 */
final class GtidParser {
  /** Hex digit values for ASCII, -1 for anything else. */
  private static final byte[] HEX_VALUE = new byte[128];

  static {
    Arrays.fill(HEX_VALUE, (byte) -1);
    for (int c = '0'; c <= '9'; c++) {
      HEX_VALUE[c] = (byte) (c - '0');
    }
    for (int c = 'a'; c <= 'f'; c++) {
      HEX_VALUE[c] = (byte) (c - 'a' + 10);
      HEX_VALUE[c - 'a' + 'A'] = (byte) (c - 'a' + 10);
    }
  }

  static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ZEROS = 0x3030_3030_3030_3030L;
  private static final long HIGH_BITS = 0x8080_8080_8080_8080L;
  /** Added to a byte, sets its high bit if the byte is above '9' (any carry lands beyond the first non-digit). */
  private static final long ABOVE_NINE = 0x4646_4646_4646_4646L;
  private static final long[] POW10 = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L};

  /** The largest value whose tenfold plus a digit may still be a valid GNO. */
  private static final long GNO_TENTH = GtidSet.MAX_GNO / 10;
  private static final int GNO_LAST_DIGIT = (int) (GtidSet.MAX_GNO % 10);

  /**
   * The work arrays of the fast path, kept between parses of text of {@link #MIN_TEXT} to
   * {@link #MAX_TEXT} characters: a parse of a few kilobytes then writes into arrays that are
   * already in the cache instead of fresh zeroed ones. The result is always copied out at its
   * exact size. There is one spare for the whole JVM, taken with an atomic swap; a parse that
   * finds none (another thread has it) allocates its own. At most about 290 KB stay reachable.
   * The tags are not kept: storing a reference into an array that has aged out of the young
   * generation costs a memory fence in G1's write barrier, per TSID; a fresh array avoids it.
   * Only {@code int} bounds are kept; a parse that meets a larger GNO widens into its own array.
   */
  private static final class Spare {
    /** Below this, fresh arrays are cheaper than the two atomic operations. */
    static final int MIN_TEXT = 1024;
    static final int MAX_TEXT = 256 * 1024;
    static final int MAX_BOUNDS = 32 * 1024;
    static final int MAX_TSIDS = 8 * 1024;

    int[] narrow = new int[0];
    long[] msb = new long[0];
    long[] lsb = new long[0];
    int[] offsets = new int[1];
  }

  private static final AtomicReference<Spare> SPARE = new AtomicReference<>();

  private final CharSequence text;
  /** The spare whose arrays this parse uses, or null for text too long to keep them. */
  private final Spare spare;
  /**
   * The text as ISO-8859-1 bytes, scanned instead of {@code text} for speed. A char above 0xFF
   * becomes {@code '?'}, which the grammar refuses wherever it refuses the original char, with the
   * same kind; errors quote the original text.
   */
  private final byte[] b;
  private final int n;
  /** Created at the first input out of canonical order; null while the fast path holds. */
  private GtidSet.Builder builder;
  private int builderSlot = -1;
  /** Fast path: TSIDs in canonical order with their intervals, as in GtidSet. */
  private long[] fastMsb;
  private long[] fastLsb;
  private String[] fastTags;
  private int[] fastOffsets;
  private int fastTsids;
  /**
   * Fast path: the bounds, in {@code int}s while every GNO read is at most
   * {@link GtidSet#NARROW_MAX} (then they become the result's narrow bounds without a pass over
   * them), in {@code long}s from the first larger one on; exactly one is non-null.
   */
  private int[] fastNarrow;
  private long[] fastBounds;
  private int fastLength;
  /** Where the last number read ended. */
  private int pos;
  private long uuidMsb;
  private long uuidLsb;

  /** {@code colons} is the number of ':' in short text (below {@link Spare#MIN_TEXT}), else unused. */
  private GtidParser(CharSequence text, byte[] b, int colons, Spare spare) {
    this.text = text;
    this.b = b;
    this.n = b.length;
    this.spare = spare;
    int bounds;
    int tsids;
    if (n < Spare.MIN_TEXT) {
      // Every interval and every TSID follows a ':' of its own, so the colons bound both; for
      // servers' text (one interval per UUID) the bound is exact and the arrays become the result's.
      colons = Math.max(1, colons);
      bounds = 2 * colons;
      tsids = colons;
    } else {
      // About two bounds per 16 characters of canonical text; grows if needed.
      bounds = n >> 3;
      // A UUID set takes at least 39 characters ("uuid:1,"), so servers' text (untagged, one block
      // per UUID) rarely needs more than n / 39 + 1 TSIDs; a guess capped so that text with few
      // UUIDs and many intervals does not reserve much.
      tsids = Math.min(n / 39 + 1, 4096);
    }
    if (spare != null && spare.narrow.length >= bounds) {
      fastNarrow = spare.narrow;
    } else {
      fastNarrow = new int[bounds];
    }
    if (spare != null && spare.msb.length >= tsids) {
      fastMsb = spare.msb;
      fastLsb = spare.lsb;
      fastTags = new String[spare.msb.length];
      fastOffsets = spare.offsets;
    } else {
      fastMsb = new long[tsids];
      fastLsb = new long[tsids];
      fastTags = new String[tsids];
      fastOffsets = new int[tsids + 1];
    }
  }

  static GtidSet parse(CharSequence text) {
    return parse(text, true);
  }

  /** The general parser alone, without {@link ServerText}: for tests that compare the two. */
  static GtidSet parseGeneral(CharSequence text) {
    return parse(text, false);
  }

  private static GtidSet parse(CharSequence text, boolean quick) {
    Objects.requireNonNull(text, "text");
    int length = text.length();
    byte[] b = latin1(text);
    int colons = 0;
    if (length < Spare.MIN_TEXT) {
      colons = colons(text, b);
      GtidSet set = quick ? ServerText.parse(b, length, colons) : null;
      if (set != null) {
        return set;
      }
    }
    Spare spare = null;
    if (length >= Spare.MIN_TEXT && length <= Spare.MAX_TEXT) {
      spare = SPARE.getAndSet(null);
      if (spare == null) {
        spare = new Spare();
      }
    }
    GtidParser p = new GtidParser(text, b, colons, spare);
    try {
      p.gtidSet(quick && length >= Spare.MIN_TEXT ? p.serverText() : 0);
      return p.result();
    } finally {
      if (spare != null) {
        p.giveBack(spare);
      }
    }
  }

  /** Forgets the spare, as at start-up; for tests of the first parses. */
  static void dropSpare() {
    SPARE.set(null);
  }

  /** Keeps this parse's work arrays in the spare for the next parse, unless they grew too large. */
  private void giveBack(Spare spare) {
    if (fastNarrow != null && fastNarrow.length <= Spare.MAX_BOUNDS) {
      spare.narrow = fastNarrow;
    }
    if (fastMsb.length <= Spare.MAX_TSIDS) {
      spare.msb = fastMsb;
      spare.lsb = fastLsb;
      spare.offsets = fastOffsets;
    }
    SPARE.set(spare);
  }

  private GtidSet result() {
    if (builder != null) {
      return builder.build();
    }
    if (fastTsids == 0) {
      return GtidSet.empty();
    }
    int t = fastTsids;
    fastOffsets[t] = fastLength;
    // Spare arrays are reused by the next parse, so the result never keeps them.
    boolean exact = spare == null && fastMsb.length == t;
    long[] msb = exact ? fastMsb : Arrays.copyOf(fastMsb, t);
    long[] lsb = exact ? fastLsb : Arrays.copyOf(fastLsb, t);
    String[] tags = exact ? fastTags : Arrays.copyOf(fastTags, t);
    int[] offsets = exact ? fastOffsets : Arrays.copyOf(fastOffsets, t + 1);
    int[] nb = fastNarrow;
    if (nb == null) {
      // A GNO above NARROW_MAX was kept: bounds are only ever appended or raised on this path.
      return GtidSet.of(msb, lsb, tags, offsets, fastBounds, fastLength, spare == null);
    }
    boolean keep = spare == null && nb.length == fastLength;
    return Dense.densify(new GtidSet(msb, lsb, tags, offsets, null, keep ? nb : Arrays.copyOf(nb, fastLength)));
  }

  /** Takes in one non-empty interval of a TSID; the common case is kept small enough to inline. */
  private void emit(long m, long l, String tag, long start, long end) {
    int last = fastTsids - 1;
    int len = fastLength;
    int[] nb = fastNarrow;
    if (nb != null && last >= 0 && fastTags[last] == tag && fastMsb[last] == m && fastLsb[last] == l
        && end <= GtidSet.NARROW_MAX && start > nb[len - 1] + 1L && len + 2 <= nb.length) {
      nb[len] = (int) start;
      nb[len + 1] = (int) end;
      fastLength = len + 2;
      return;
    }
    emitOther(m, l, tag, start, end);
  }

  private void emitOther(long m, long l, String tag, long start, long end) {
    if (builder == null) {
      int last = fastTsids - 1;
      if (last >= 0 && fastMsb[last] == m && fastLsb[last] == l && fastTags[last] == tag) {
        long lastEnd = fastBound(fastLength - 1);
        if (start > lastEnd + 1) {
          fastAppend(start, end);
          return;
        }
        if (start >= fastBound(fastLength - 2)) {
          if (end > lastEnd) {
            if (end > GtidSet.NARROW_MAX) {
              widen();
            }
            if (fastNarrow != null) {
              fastNarrow[fastLength - 1] = (int) end;
            } else {
              fastBounds[fastLength - 1] = end;
            }
          }
          return;
        }
      } else if (last < 0 || GtidSet.compareTsid(fastMsb[last], fastLsb[last], fastTags[last], m, l, tag) < 0) {
        if (fastTsids == fastMsb.length) {
          int cap = fastTsids * 2;
          fastMsb = Arrays.copyOf(fastMsb, cap);
          fastLsb = Arrays.copyOf(fastLsb, cap);
          fastTags = Arrays.copyOf(fastTags, cap);
          fastOffsets = Arrays.copyOf(fastOffsets, cap + 1);
        }
        fastMsb[fastTsids] = m;
        fastLsb[fastTsids] = l;
        fastTags[fastTsids] = tag;
        fastOffsets[fastTsids] = fastLength;
        fastTsids++;
        fastAppend(start, end);
        return;
      }
      leaveFastPath();
    }
    if (builderSlot < 0 || !builder.isSlot(builderSlot, m, l, tag)) {
      builderSlot = builder.slot(m, l, tag);
    }
    builder.append(builderSlot, start, end);
  }

  private void fastAppend(long start, long end) {
    if (end > GtidSet.NARROW_MAX) {
      widen();
    }
    int[] nb = fastNarrow;
    if (nb != null) {
      if (fastLength + 2 > nb.length) {
        fastNarrow = nb = Arrays.copyOf(nb, Math.max(2, nb.length * 2));
      }
      nb[fastLength] = (int) start;
      nb[fastLength + 1] = (int) end;
    } else {
      if (fastLength + 2 > fastBounds.length) {
        fastBounds = Arrays.copyOf(fastBounds, Math.max(2, fastBounds.length * 2));
      }
      fastBounds[fastLength] = start;
      fastBounds[fastLength + 1] = end;
    }
    fastLength += 2;
  }

  /** Bound {@code i} of the fast path, whichever array holds it. */
  private long fastBound(int i) {
    int[] nb = fastNarrow;
    return nb != null ? nb[i] : fastBounds[i];
  }

  /** Moves the fast path's bounds into {@code long}s, before the first one above NARROW_MAX. */
  private void widen() {
    int[] nb = fastNarrow;
    if (nb == null) {
      return;
    }
    long[] wide = new long[Math.max(2, nb.length)];
    for (int i = 0; i < fastLength; i++) {
      wide[i] = nb[i];
    }
    fastBounds = wide;
    fastNarrow = null;
  }

  /** Moves what was read in canonical order into a builder, which takes any order from now on. */
  private void leaveFastPath() {
    builder = new GtidSet.Builder();
    for (int k = 0; k < fastTsids; k++) {
      int slot = builder.slot(fastMsb[k], fastLsb[k], fastTags[k]);
      int to = k + 1 < fastTsids ? fastOffsets[k + 1] : fastLength;
      for (int i = fastOffsets[k]; i < to; i += 2) {
        builder.append(slot, fastBound(i), fastBound(i + 1));
      }
    }
    fastNarrow = null;
    fastBounds = null;
  }

  /** Counts the ':' of the text: with the JDK's vectorised search in a String, else over its bytes. */
  private static int colons(CharSequence text, byte[] b) {
    int count = 0;
    if (text instanceof String) {
      String s = (String) text;
      for (int i = s.indexOf(':'); i >= 0; i = s.indexOf(':', i + 1)) {
        count++;
      }
      return count;
    }
    for (byte c : b) {
      if (c == ':') {
        count++;
      }
    }
    return count;
  }

  private static byte[] latin1(CharSequence text) {
    if (text instanceof String) {
      return ((String) text).getBytes(StandardCharsets.ISO_8859_1);
    }
    byte[] out = new byte[text.length()];
    for (int i = 0; i < out.length; i++) {
      char c = text.charAt(i);
      out[i] = c <= 0xFF ? (byte) c : (byte) '?';
    }
    return out;
  }

  private char at(int i) {
    return (char) (b[i] & 0xFF);
  }

  static boolean isSpace(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
  }

  /** Like {@link #skipSpace}, with the common case (no whitespace here) decided by one comparison. */
  private int skipSpaceFrom(int i) {
    return i < n && b[i] <= ' ' && b[i] >= 0 ? skipSpace(i) : i;
  }

  private int skipSpace(int i) {
    while (i < n && isSpace(at(i))) {
      i++;
    }
    return i;
  }

  /**
   * Reads long text through {@link ServerText} into the fast-path arrays, as far as it has the form
   * servers print; returns where the general loop goes on.
   */
  private int serverText() {
    ServerText t = new ServerText(fastMsb, fastLsb, fastTags, fastOffsets, fastNarrow);
    int from = t.read(b, n);
    fastMsb = t.msb;
    fastLsb = t.lsb;
    fastTags = t.tags;
    fastOffsets = t.offsets;
    fastNarrow = t.bounds;
    fastTsids = t.tsids;
    fastLength = t.length;
    return from;
  }

  /** Reads the text from {@code from}, where a UUID block or a separator may start. */
  private void gtidSet(int from) {
    int i = from;
    while (true) {
      i = skipSpace(i);
      if (i == n) {
        return;
      }
      if (at(i) == ',') {
        i++;
        continue;
      }
      i = uuidSet(i);
      if (i == n) {
        return;
      }
      if (at(i) != ',') {
        throw error(Kind.UNEXPECTED_CHARACTER, "expected ',' or the end after a UUID set", i);
      }
      i++;
    }
  }

  /** Reads {@code uuid (":" (tag | interval))*} and the whitespace after it; returns the next index. */
  private int uuidSet(int i) {
    uuid(i);
    i += 36;
    if (i < n) {
      char c = at(i);
      if (!isSpace(c) && c != ':' && c != ',') {
        throw error(Kind.UNEXPECTED_CHARACTER, "expected ':', ',' or the end after a UUID", i);
      }
    }
    long m = uuidMsb;
    long l = uuidLsb;
    String tag = "";
    i = skipSpace(i);
    while (i < n && at(i) == ':') {
      i = skipSpaceFrom(i + 1);
      if (i == n) {
        throw error(Kind.MISSING_INTERVAL, "expected a tag or an interval after ':'", i);
      }
      char c = at(i);
      if (c >= '0' && c <= '9') {
        long start = number(i, false);
        i = skipSpaceFrom(pos);
        long end = start;
        if (i < n && at(i) == '-') {
          i = skipSpaceFrom(i + 1);
          if (i == n || !isDigit(at(i))) {
            throw notANumber(i);
          }
          end = number(i, true);
          i = skipSpaceFrom(pos);
        }
        if (i < n) {
          c = at(i);
          if (c != ':' && c != ',') {
            throw error(Kind.UNEXPECTED_CHARACTER, "expected '-', ':', ',' or the end after a number", i);
          }
        }
        if (end >= start) {
          emit(m, l, tag, start, end);
        }
      } else if (Tags.isTagStart(c)) {
        int from = i;
        do {
          i++;
        } while (i < n && Tags.isTagPart(at(i)));
        if (i - from > Tags.MAX_LENGTH) {
          throw error(Kind.TAG_TOO_LONG, "a tag has at most 32 characters", from + Tags.MAX_LENGTH);
        }
        tag = Tags.canonical(text, from, i);
        i = skipSpace(i);
        if (i < n) {
          c = at(i);
          if (c != ':' && c != ',') {
            throw error(Kind.UNEXPECTED_CHARACTER, "expected ':', ',' or the end after a tag", i);
          }
        }
      } else if (c == ':') {
        throw error(Kind.EMPTY_TAG, "empty tag", i);
      } else if (c == ',') {
        throw error(Kind.MISSING_INTERVAL, "expected a tag or an interval after ':'", i);
      } else if (c == '+' || c == '-') {
        throw error(Kind.MALFORMED_NUMBER, "a GNO has no sign", i);
      } else {
        throw error(Kind.UNEXPECTED_CHARACTER, "expected a tag or an interval after ':'", i);
      }
    }
    return i;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private GtidFormatException notANumber(int i) {
    if (i < n && (at(i) == '+' || at(i) == '-')) {
      return error(Kind.MALFORMED_NUMBER, "a GNO has no sign", i);
    }
    return error(Kind.MALFORMED_NUMBER, "expected a number after '-'", i);
  }

  /**
   * Reads a 36-character dashed UUID at {@code i} into {@link #uuidMsb} and {@link #uuidLsb}: the
   * common case eight characters at a time without a branch per character, checked once for all
   * four words; the careful loop only to locate an error. {@link ServerText} reads UUIDs with the
   * same pieces; one shared method returning each half measured 5% slower on text with many UUIDs.
   */
  private void uuid(int i) {
    if (i + 36 <= n && hasUuidDashes(b, i)) {
      long w0 = (long) LONG_LE.get(b, i);
      long w1 = uuidWord1(b, i);
      long w2 = uuidWord2(b, i);
      long w3 = (long) LONG_LE.get(b, i + 28);
      if (allHex(w0, w1, w2, w3)) {
        uuidMsb = hex16(w0, w1);
        uuidLsb = hex16(w2, w3);
        return;
      }
    }
    uuidCarefully(i);
  }

  /** Whether the four dashes of a UUID at {@code i} are in place; the 36 bytes must exist. */
  static boolean hasUuidDashes(byte[] b, int i) {
    return b[i + 8] == '-' && b[i + 13] == '-' && b[i + 18] == '-' && b[i + 23] == '-';
  }

  /** The UUID's hex digits 9 to 16, around its first two dashes, as one word (digits 1 to 8 are a plain load). */
  static long uuidWord1(byte[] b, int i) {
    return ((int) INT_LE.get(b, i + 9) & 0xFFFF_FFFFL) | (long) (int) INT_LE.get(b, i + 14) << 32;
  }

  /** The UUID's hex digits 17 to 24, around its last two dashes, as one word (25 to 32 are a plain load). */
  static long uuidWord2(byte[] b, int i) {
    return ((int) INT_LE.get(b, i + 19) & 0xFFFF_FFFFL) | (long) (int) INT_LE.get(b, i + 24) << 32;
  }

  /** Whether all 32 bytes of the four words are hex digits. */
  static boolean allHex(long w0, long w1, long w2, long w3) {
    return (notHex(w0) | notHex(w1) | notHex(w2) | notHex(w3)) == 0;
  }

  /** The 64-bit value of two words of eight hex digits, already checked, {@code high} first. */
  static long hex16(long high, long low) {
    return hex8(high) << 32 | hex8(low);
  }

  /**
   * Returns 0 if all eight ASCII bytes of {@code w} are hex digits, else non-zero. Every byte is
   * classified at once (SWAR): with all bytes below 0x80, adding a constant sets a byte's high bit
   * exactly when the byte is at least some bound, and no carry crosses into the next byte.
   */
  private static long notHex(long w) {
    long digit = (w + 0x5050_5050_5050_5050L) & ~(w + 0x4646_4646_4646_4646L);
    long lower = w | 0x2020_2020_2020_2020L;
    long letter = (lower + 0x1F1F_1F1F_1F1F_1F1FL) & ~(lower + 0x1919_1919_1919_1919L);
    return (w | ~(digit | letter)) & HIGH_BITS;
  }

  /**
   * Converts eight ASCII hex digits (the first in the lowest byte), already checked by
   * {@link #notHex}, to their 32-bit value: letters are the bytes with bit 6 set, worth 9 more
   * than their low nibble; then pairs of nibbles, bytes and halves are joined in three steps.
   */
  private static long hex8(long w) {
    long t = (w & 0x0F0F_0F0F_0F0F_0F0FL) + (w >>> 6 & 0x0101_0101_0101_0101L) * 9;
    t = (t << 4 | t >>> 8) & 0x00FF_00FF_00FF_00FFL;
    t = (t << 8 | t >>> 16) & 0x0000_FFFF_0000_FFFFL;
    return (t << 16 | t >>> 32) & 0xFFFF_FFFFL;
  }

  /** Reads a UUID character by character, reporting the first one that is wrong. */
  private void uuidCarefully(int i) {
    long hi = 0;
    long lo = 0;
    for (int k = 0; k < 36; k++) {
      int idx = i + k;
      if (idx >= n) {
        throw error(Kind.MALFORMED_UUID, "a UUID has 36 characters (8-4-4-4-12 hex digits)", idx);
      }
      char c = at(idx);
      if (k == 8 || k == 13 || k == 18 || k == 23) {
        if (c != '-') {
          throw error(Kind.MALFORMED_UUID, "expected '-' in the UUID", idx);
        }
        continue;
      }
      int v = c < 128 ? HEX_VALUE[c] : -1;
      if (v < 0) {
        throw error(Kind.MALFORMED_UUID,
            k == 0 ? "expected a UUID" : "expected a hex digit in the UUID", idx);
      }
      if (k < 18) {
        hi = (hi << 4) | v;
      } else {
        lo = (lo << 4) | v;
      }
    }
    uuidMsb = hi;
    uuidLsb = lo;
  }

  /** Reads a plain decimal GNO starting at digit {@code i}; sets {@link #pos} after it. */
  private long number(int i, boolean zeroAllowed) {
    int from = i;
    char c = at(i);
    if (c == '0') {
      if (i + 1 < n) {
        char d = at(i + 1);
        if (isDigit(d)) {
          throw error(Kind.LEADING_ZERO,
              "a GNO has no leading zero (MySQL's parsers disagree on whether it means octal)", from);
        }
        if (d == 'x' || d == 'X') {
          throw error(Kind.MALFORMED_NUMBER, "a GNO is decimal, not hex", from);
        }
      }
      if (!zeroAllowed) {
        throw error(Kind.NUMBER_ZERO, "a GNO starts at 1", from);
      }
      pos = i + 1;
      return 0;
    }
    // Eight bytes at a time (SWAR): find how many digits lead the word, convert them with three
    // multiplications; numbers of up to 18 digits cannot overflow, longer ones take the careful loop.
    long v = 0;
    while (i + 8 <= n) {
      long w = (long) LONG_LE.get(b, i);
      int k = leadingDigits(w);
      if (k == 0) {
        break;
      }
      if (i - from + k > 18) {
        return numberCarefully(from);
      }
      v = v * POW10[k] + digitsValue(w, k);
      i += k;
      if (k < 8) {
        pos = i;
        return v;
      }
    }
    while (i < n) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        break;
      }
      if (i - from >= 18) {
        return numberCarefully(from);
      }
      v = v * 10 + d;
      i++;
    }
    pos = i;
    return v;
  }

  /** How many bytes of {@code w}, from the lowest, are ASCII digits before the first that is not (0 to 8). */
  static int leadingDigits(long w) {
    return Long.numberOfTrailingZeros(((w + ABOVE_NINE) | (w - ZEROS)) & HIGH_BITS) >>> 3;
  }

  /** The value of the first {@code d} (1 to 8) bytes of {@code w}, all ASCII digits, the first the most significant. */
  static long digitsValue(long w, int d) {
    return eightDigits((w - ZEROS) << ((8 - d) << 3));
  }

  /** Converts eight digit values (0-9, one per byte, the first in the lowest byte) to a number. */
  private static long eightDigits(long x) {
    x = x * 10 + (x >>> 8);
    return (((x & 0x0000_00FF_0000_00FFL) * (100 + (1_000_000L << 32)))
        + (((x >>> 16) & 0x0000_00FF_0000_00FFL) * (1 + (10_000L << 32)))) >>> 32;
  }

  /** Reads a GNO of 19 or more digits at {@code from} digit by digit, refusing values above MAX_GNO. */
  private long numberCarefully(int from) {
    long v = 0;
    int i = from;
    while (i < n) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        break;
      }
      if (v >= GNO_TENTH && (v > GNO_TENTH || d > GNO_LAST_DIGIT)) {
        throw error(Kind.NUMBER_TOO_LARGE, "a GNO is at most " + GtidSet.MAX_GNO, from);
      }
      v = v * 10 + d;
      i++;
    }
    pos = i;
    return v;
  }

  private GtidFormatException error(Kind kind, String detail, int offset) {
    return new GtidFormatException(kind, detail, text, offset);
  }
}
