package io.github.dmswitchover.gtid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The fast path for short server text ({@link ServerText}) must take every text in its form and
 * give exactly the general parser's set for it, arrays included; for any other text it must give
 * up, so that the general parser alone decides the result or the error. Texts in the form are
 * generated at random, then broken by random edits.
 */
class ServerTextTest {
  private static final long MAX = GtidSet.NARROW_MAX;
  private static final String U = "3e11fa47-71ca-11e1-9e33-c80aa9429562";
  private static final String V = "4e11fa47-71ca-11e1-9e33-c80aa9429562";

  /** The fast path alone, on the bytes the parser gives it: the set, or null where it gives up. */
  private static GtidSet quick(String text) {
    byte[] b = new byte[text.length()];
    int colons = 0;
    for (int i = 0; i < b.length; i++) {
      char c = text.charAt(i);
      b[i] = c <= 0xFF ? (byte) c : (byte) '?';
      if (c == ':') {
        colons++;
      }
    }
    return ServerText.parse(b, b.length, colons);
  }

  /**
   * Checks one text: if the fast path takes it, the general parser must give the same set in the
   * same arrays; either way {@code GtidSet.parse} must agree with the general parser, error included.
   * Returns whether the fast path took it.
   */
  private static boolean check(String text) {
    GtidSet fast = quick(text);
    GtidSet general;
    try {
      general = GtidParser.parseGeneral(text);
    } catch (GtidFormatException e) {
      assertThat(fast).as("the fast path took text that the general parser refuses: %s", e.getMessage()).isNull();
      try {
        GtidSet.parse(text);
        fail("GtidSet.parse took text that the general parser refuses: " + e.getMessage());
      } catch (GtidFormatException again) {
        assertThat(again.getMessage()).isEqualTo(e.getMessage());
        assertThat(again.kind()).isEqualTo(e.kind());
        assertThat(again.offset()).isEqualTo(e.offset());
      }
      return false;
    }
    assertThat(GtidSet.parse(text)).isEqualTo(general);
    if (fast == null) {
      return false;
    }
    assertThat(fast.toString()).isEqualTo(general.toString());
    assertThat(fast).isEqualTo(general);
    assertThat(fast.hashCode()).isEqualTo(general.hashCode());
    assertThat(fast.msb).containsExactly(general.msb);
    assertThat(fast.lsb).containsExactly(general.lsb);
    assertThat(fast.tags).containsExactly(general.tags);
    assertThat(fast.offsets).containsExactly(general.offsets);
    assertThat(fast.bounds).isNull();
    assertThat(general.narrow).isNotNull();
    assertThat(fast.narrow).containsExactly(general.narrow);
    assertThat(fast.words).isNull();
    return true;
  }

  /** Text in the fast path's form: sorted distinct UUIDs, increasing separate intervals, GNOs up to MAX. */
  private static String serverText(Random r, List<Object> inputs) {
    int uuids = 1 + r.nextInt(8);
    UUID[] us = new UUID[uuids];
    for (int k = 0; k < uuids; k++) {
      us[k] = new UUID(r.nextInt(4) == 0 ? r.nextInt(3) : r.nextLong(), r.nextInt(4) == 0 ? r.nextInt(3) : r.nextLong());
    }
    Arrays.sort(us, (x, y) -> GtidSet.compareTsid(x.getMostSignificantBits(), x.getLeastSignificantBits(), "",
        y.getMostSignificantBits(), y.getLeastSignificantBits(), ""));
    StringBuilder sb = new StringBuilder();
    UUID last = null;
    for (UUID u : us) {
      if (u.equals(last)) {
        continue;
      }
      if (last != null) {
        sb.append(r.nextBoolean() ? ",\n" : ",");
      }
      last = u;
      String s = u.toString();
      sb.append(r.nextInt(5) == 0 ? s.toUpperCase() : s);
      long g = gno(r, 0);
      int intervals = 1 + r.nextInt(4);
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
    }
    String text = sb.toString();
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

  @Test
  void brokenServerText_isLeftToTheGeneralParser() {
    int[] taken = new int[1];
    Seeds.cases("brokenServerText", Seeds.iterations(20_000), (r, inputs) -> {
      StringBuilder sb = new StringBuilder(serverText(r, inputs));
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
      String text = sb.toString();
      inputs.add(text);
      if (check(text)) {
        taken[0]++;
      }
    });
    // Some edits keep the form (a digit for a digit, say); most must not have been taken.
    assertThat(taken[0]).isGreaterThan(0).isLessThan(Seeds.iterations(20_000) / 2);
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
      U + ":1,",
      U + ":1,\n",
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
