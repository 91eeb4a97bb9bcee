package io.github.dmswitchover.gtid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The fast path for server text ({@link ServerText}) must take every text in its form and give
 * exactly the general parser's set for it, arrays included; for any other text it must stop at the
 * first block not in that form, so that the general parser alone decides the result or the error
 * (short text: read again from the start; long text: from that block on). Texts in the form are
 * generated at random, then broken by random edits or by a block of another form.
 */
class ServerTextTest {
  private static final long MAX = GtidSet.NARROW_MAX;
  private static final String U = "3e11fa47-71ca-11e1-9e33-c80aa9429562";
  private static final String V = "4e11fa47-71ca-11e1-9e33-c80aa9429562";

  /** The bytes the parser reads for {@code text}. */
  private static byte[] latin1(String text) {
    byte[] b = new byte[text.length()];
    for (int i = 0; i < b.length; i++) {
      char c = text.charAt(i);
      b[i] = c <= 0xFF ? (byte) c : (byte) '?';
    }
    return b;
  }

  /** The short-text fast path alone: the set, or null where it gives up. */
  private static GtidSet quick(String text) {
    int colons = (int) text.chars().filter(c -> c == ':').count();
    return ServerText.parse(latin1(text), text.length(), colons);
  }

  /** Reads {@code text} with the fast path from empty arrays that must grow; returns the reader. */
  private static ServerText read(String text, int[] stop) {
    ServerText t = new ServerText(new long[1], new long[1], new String[1], new int[2], new int[2]);
    stop[0] = t.read(latin1(text), text.length());
    return t;
  }

  /**
   * Checks one text: {@code GtidSet.parse} must give the general parser's set in the same arrays,
   * or the same error; where the short-text fast path takes the text, its set must be that one too.
   * Returns whether the fast path read the whole text.
   */
  private static boolean check(String text) {
    // GtidSet.parse first, so that it meets the parser's arrays as the caller left them.
    GtidSet full = null;
    GtidFormatException fullError = null;
    try {
      full = GtidSet.parse(text);
    } catch (GtidFormatException e) {
      fullError = e;
    }
    int[] stop = new int[1];
    read(text, stop);
    boolean whole = stop[0] == text.length() && !text.isEmpty();
    GtidSet fast = text.length() < 1024 ? quick(text) : null;
    if (text.length() < 1024) {
      assertThat(fast != null).as("short-text fast path against the reader").isEqualTo(whole);
    }
    GtidSet general;
    try {
      general = GtidParser.parseGeneral(text);
    } catch (GtidFormatException e) {
      assertThat(whole).as("the fast path read text that the general parser refuses: %s", e.getMessage()).isFalse();
      assertThat(fullError).as("GtidSet.parse took text that the general parser refuses: %s", e.getMessage()).isNotNull();
      assertThat(fullError.getMessage()).isEqualTo(e.getMessage());
      assertThat(fullError.kind()).isEqualTo(e.kind());
      assertThat(fullError.offset()).isEqualTo(e.offset());
      return false;
    }
    if (fullError != null) {
      throw new AssertionError("GtidSet.parse refused text that the general parser takes", fullError);
    }
    assertSameSet(full, general);
    if (fast != null) {
      assertSameSet(fast, general);
    }
    return whole;
  }

  private static void assertSameSet(GtidSet actual, GtidSet expected) {
    assertThat(actual.toString()).isEqualTo(expected.toString());
    assertThat(actual).isEqualTo(expected);
    assertThat(actual.hashCode()).isEqualTo(expected.hashCode());
    assertThat(actual.msb).containsExactly(expected.msb);
    assertThat(actual.lsb).containsExactly(expected.lsb);
    assertThat(actual.tags).containsExactly(expected.tags);
    assertThat(actual.offsets).containsExactly(expected.offsets);
    if (expected.narrow == null) {
      assertThat(actual.narrow).isNull();
      assertThat(actual.bounds).containsExactly(expected.bounds);
    } else {
      assertThat(actual.bounds).isNull();
      assertThat(actual.narrow).containsExactly(expected.narrow);
    }
    assertThat(actual.words == null).isEqualTo(expected.words == null);
  }

  /**
   * The blocks of a text in the fast path's form: sorted distinct UUIDs, each with increasing
   * separate intervals, GNOs up to MAX; each block is its UUID and intervals, with the separator
   * before it ({@code ","} or {@code ",\n"}) if it is not the first.
   */
  private static List<String> serverBlocks(Random r, int maxUuids, int maxIntervals) {
    int uuids = 1 + r.nextInt(maxUuids);
    UUID[] us = new UUID[uuids];
    for (int k = 0; k < uuids; k++) {
      us[k] = new UUID(r.nextInt(4) == 0 ? r.nextInt(3) : r.nextLong(), r.nextInt(4) == 0 ? r.nextInt(3) : r.nextLong());
    }
    Arrays.sort(us, (x, y) -> GtidSet.compareTsid(x.getMostSignificantBits(), x.getLeastSignificantBits(), "",
        y.getMostSignificantBits(), y.getLeastSignificantBits(), ""));
    List<String> blocks = new ArrayList<>();
    UUID last = null;
    for (UUID u : us) {
      if (u.equals(last)) {
        continue;
      }
      StringBuilder sb = new StringBuilder();
      if (last != null) {
        sb.append(r.nextBoolean() ? ",\n" : ",");
      }
      last = u;
      String s = u.toString();
      sb.append(r.nextInt(5) == 0 ? s.toUpperCase() : s);
      long g = gno(r, 0);
      int intervals = 1 + r.nextInt(maxIntervals);
      for (int i = 0; i < intervals && g <= MAX; i++) {
        long end = r.nextBoolean() ? g : Math.min(MAX, g + gno(r, 0) - 1);
        sb.append(':').append(g);
        if (end > g || r.nextInt(10) == 0) {
          sb.append('-').append(end);
        }
        if (end >= MAX - 1) {
          break;
        }
        g = Math.min(MAX, end + 2 + gno(r, 0) - 1);
      }
      blocks.add(sb.toString());
    }
    return blocks;
  }

  /** Short text in the fast path's form. */
  private static String serverText(Random r, List<Object> inputs) {
    String text = String.join("", serverBlocks(r, 8, 4));
    inputs.add(text);
    return text;
  }

  /** A GNO of 1 to 10 digits at random, at least {@code atLeast + 1}, capped at MAX. */
  private static long gno(Random r, long atLeast) {
    int digits = 1 + r.nextInt(10);
    long v = 1 + (long) (r.nextDouble() * Math.pow(10, digits - 1) * 9);
    return Math.min(MAX, atLeast + v);
  }

  @Test
  void takesEveryServerText_andGivesTheGeneralParsersSet() {
    Seeds.cases("takesEveryServerText", Seeds.iterations(5_000), (r, inputs) -> {
      String text = serverText(r, inputs);
      assertThat(text.length()).isLessThan(1024);
      assertThat(check(text)).as("the fast path gave up on server text").isTrue();
    });
  }

  private static final String EDITS = "0123456789abcdefABCDEFgG:,-+ \t\n\r\0\u00ff\u0100x";

  /** Applies one to three random edits (insert, delete, replace) of characters from EDITS. */
  private static String edit(Random r, String text) {
    StringBuilder sb = new StringBuilder(text);
    int edits = 1 + r.nextInt(3);
    for (int e = 0; e < edits; e++) {
      int at = r.nextInt(sb.length() + 1);
      char c = EDITS.charAt(r.nextInt(EDITS.length()));
      switch (r.nextInt(3)) {
        case 0 -> sb.insert(at, c);
        case 1 -> {
          if (at < sb.length()) {
            sb.deleteCharAt(at);
          }
        }
        default -> {
          if (at < sb.length()) {
            sb.setCharAt(at, c);
          }
        }
      }
    }
    return sb.toString();
  }

  @Test
  void brokenServerText_isLeftToTheGeneralParser() {
    int[] taken = new int[1];
    Seeds.cases("brokenServerText", Seeds.iterations(20_000), (r, inputs) -> {
      String text = edit(r, serverText(r, inputs));
      inputs.add(text);
      if (check(text)) {
        taken[0]++;
      }
    });
    // Some edits keep the form (a digit for a digit, say); most must not have been taken.
    assertThat(taken[0]).isGreaterThan(0).isLessThan(Seeds.iterations(20_000) / 2);
  }

  /** Blocks of other forms, each valid or not, that the fast path must stop at wherever they are. */
  private static final String[] OTHER_BLOCKS = {
    U + ":tag:1-3",
    U + ":1-3:tag:5",
    U + ":1 - 3",
    U + ": 1",
    U + ":1 ",
    " " + U + ":7",
    U + ":" + (MAX + 1),
    U + ":1-" + (MAX + 1),
    U + ":5-3",
    U + ":3-5:1",
    U + ":1-3:4",
    U + ":01",
    U + ":0",
    U + ":",
    U,
    U + ":1-2x",
    U.toUpperCase().replace('A', 'G') + ":1",
  };

  /** Shortens long text for a failure report. */
  private static String excerpt(String text) {
    return text.length() <= 400 ? text : text.substring(0, 200) + " ... " + text.substring(text.length() - 200);
  }

  /**
   * Long text (read by the parser's own fast path, not the short-text one): in the form, it is read
   * whole; with one block of another form, or a UUID again after itself, the fast path stops exactly
   * at that block with the blocks before it kept, and the general parser goes on from there.
   */
  @Test
  void longText_isReadWhole_orHandedOverAtTheFirstOtherBlock() {
    Seeds.cases("longText", Seeds.iterations(1_500), (r, inputs) -> {
      List<String> blocks = serverBlocks(r, 150, 12);
      int other = -1;
      if (r.nextInt(4) != 0) {
        int repeat = r.nextInt(blocks.size());
        if (r.nextBoolean()) {
          // A UUID again: any later position, its own included, puts it after a UUID not below it.
          other = repeat + 1 + r.nextInt(blocks.size() - repeat);
          blocks.add(other, "," + blocks.get(repeat).replace(",", "").replace("\n", ""));
        } else {
          other = r.nextInt(blocks.size() + 1);
          String block = OTHER_BLOCKS[r.nextInt(OTHER_BLOCKS.length)];
          if (other == 0) {
            blocks.set(0, "," + blocks.get(0));
            blocks.add(0, block);
          } else {
            blocks.add(other, "," + block);
          }
        }
      }
      String text = String.join("", blocks);
      inputs.add(excerpt(text));
      inputs.add("other block: " + other);
      int[] stop = new int[1];
      ServerText t = read(text, stop);
      if (other < 0) {
        assertThat(stop[0]).isEqualTo(text.length());
      } else {
        int at = 0;
        int intervals = 0;
        for (int k = 0; k < other; k++) {
          at += blocks.get(k).length();
          intervals += (int) blocks.get(k).chars().filter(c -> c == ':').count();
        }
        // The ',' before the other block is read with the blocks before it.
        assertThat(stop[0]).as("where the fast path stops").isEqualTo(other == 0 ? 0 : at + 1);
        assertThat(t.tsids).isEqualTo(other);
        assertThat(t.length).isEqualTo(2 * intervals);
      }
      // What it kept (in arrays that grew from one entry) is the set of the text it read.
      if (t.tsids > 0) {
        GtidSet kept = GtidParser.parseGeneral(text.substring(0, stop[0]));
        assertThat(Arrays.copyOf(t.msb, t.tsids)).containsExactly(kept.msb);
        assertThat(Arrays.copyOf(t.lsb, t.tsids)).containsExactly(kept.lsb);
        assertThat(Arrays.copyOf(t.tags, t.tsids)).containsExactly(kept.tags);
        assertThat(Arrays.copyOf(t.offsets, t.tsids)).containsExactly(Arrays.copyOf(kept.offsets, t.tsids));
        assertThat(Arrays.copyOf(t.bounds, t.length)).containsExactly(kept.narrow);
      }
      assertThat(text.length()).isGreaterThanOrEqualTo(38);
      check(text);
    });
  }

  /**
   * Long text whose arrays outgrow the parser's first guess while the fast path reads it: many
   * short intervals (text the reused work arrays are for), more UUIDs than the guess's cap (text
   * too long for them), and both with another block at the end. The spare arrays are dropped
   * first, as they may have grown in earlier parses.
   */
  @Test
  void longText_outgrowsTheParsersArrays() {
    StringBuilder intervals = new StringBuilder(U);
    for (int k = 0; k < 3_000; k++) {
      intervals.append(':').append(1 + 2 * k);
    }
    Random r = Seeds.random("outgrows");
    UUID[] us = new UUID[7_000];
    for (int k = 0; k < us.length; k++) {
      us[k] = new UUID(r.nextLong(), r.nextLong());
    }
    Arrays.sort(us, (x, y) -> GtidSet.compareTsid(x.getMostSignificantBits(), x.getLeastSignificantBits(), "",
        y.getMostSignificantBits(), y.getLeastSignificantBits(), ""));
    StringBuilder uuids = new StringBuilder();
    for (UUID u : us) {
      uuids.append(uuids.length() == 0 ? "" : ",").append(u).append(":1");
    }
    for (String text : List.of(intervals.toString(), uuids.toString(), intervals + "," + V + ":tag:1", uuids + "," + U + ": 3")) {
      assertThat(text.length()).isGreaterThan(1024);
      int[] stop = new int[1];
      read(text, stop);
      assertThat(stop[0]).isGreaterThan(text.length() - 60);
      GtidParser.dropSpare();
      check(text);
    }
  }

  @Test
  void longText_withRandomEdits_givesTheGeneralParsersSetOrError() {
    Seeds.cases("longTextEdits", Seeds.iterations(1_500), (r, inputs) -> {
      String text = edit(r, String.join("", serverBlocks(r, 150, 12)));
      inputs.add(excerpt(text));
      check(text);
    });
  }

  @Test
  void numbersOfEveryLength_inTheMiddleAndAtTheEnd() {
    List<String> texts = new ArrayList<>();
    long v = 0;
    for (int digits = 1; digits <= 10; digits++) {
      v = v * 10 + digits % 10;
      if (v > MAX) {
        v = MAX;
      }
      texts.add(U + ":" + v);
      texts.add(U + ":1-" + v);
      texts.add(U + ":" + v + "," + V + ":1");
      texts.add(U + ":1-" + v + ",\n" + V + ":7-9");
      texts.add(U + ":" + v + ":" + MAX);
    }
    texts.add(U + ":1-" + MAX);
    texts.add(U + ":" + MAX);
    texts.add(U + ":5:7:9-10:" + (MAX - 2) + "-" + MAX);
    texts.add(U.toUpperCase() + ":1-2");
    // A separator at the end is read with the block before it, as the grammar allows.
    texts.add(U + ":1,");
    texts.add(U + ":1-2,\n");
    for (String text : texts) {
      assertThat(check(text)).as(text).isTrue();
    }
  }

  @Test
  void givesUp_onEverythingOutsideItsForm() {
    String[] texts = {
      "",
      U,
      U + ":",
      U + ",",
      U + ":1-",
      U + ":-1",
      U + ":0",
      U + ":0-5",
      U + ":01",
      U + ":1-05",
      U + ":5-0",
      U + ":5-3",
      U + ":1-3:4-6",
      U + ":1-5:3-8",
      U + ":5:1",
      U + ":5:5",
      U + ":" + (MAX + 1),
      U + ":1-" + (MAX + 1),
      U + ":12345678901",
      U + ":1-12345678901",
      U + ":9999999999",
      U + ":1," + U + ":3",
      V + ":1," + U + ":3",
      U + ":tag:1",
      U + ": 1",
      U + " :1",
      U + ":1 ",
      U + ":1-2 ,",
      U + ":1,\r\n" + V + ":2",
      U + ":1,\n\n" + V + ":2",
      U + ":1,," + V + ":2",
      " " + U + ":1",
      U + ":1\u00ff",
      U + ":1-2\u00ff",
      U + ":1\0",
      U + ":1-2\u0100",
      U + ":1:",
      U + ":1x",
      U + ":0x1",
      U + ":+1",
      U.replace('-', '_') + ":1",
      U.replace('e', 'g') + ":1",
      U.substring(1) + ":1",
      "{" + U + "}:1",
    };
    for (String text : texts) {
      assertThat(quick(text)).as(text.replace("\n", "\\n")).isNull();
      check(text);
    }
  }
}
