package io.github.dmswitchover.gtid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * GNOs of every length from 1 to 19 digits, at the end of the text and followed by every kind of
 * delimiter, so that both the eight-digits-at-a-time path and the digit-by-digit path of the parser
 * meet every case; checked against {@link Long#parseUnsignedLong}.
 */
class GnoParsingTest {
  private static final String U = "3e11fa47-71ca-11e1-9e33-c80aa9429562";
  private static final UUID UUID_U = UUID.fromString(U);
  private static final String[] AFTER = {"", ":", "-", ",", " ", "\n", ":t:1", "-9223372036854775806", ",", "x", "\u0100"};

  @Test
  void parse_gnoOfEveryLengthBeforeEveryDelimiter_readsTheSameNumberAsParseUnsignedLong() {
    Random r = Seeds.random("gno-lengths");
    for (int digits = 1; digits <= 19; digits++) {
      for (int k = 0; k < 60; k++) {
        StringBuilder sb = new StringBuilder().append((char) ('1' + r.nextInt(9)));
        for (int d = 1; d < digits; d++) {
          sb.append((char) ('0' + r.nextInt(10)));
        }
        String number = sb.toString();
        long value = Long.parseUnsignedLong(number);
        for (String after : AFTER) {
          String text = U + ":" + number + after;
          String where = "seed " + Seeds.seed() + ", <" + text + ">";
          boolean valid = Long.compareUnsigned(value, GtidSet.MAX_GNO) <= 0 && !after.equals("-") && !after.equals(":")
              && !after.equals("x") && !after.equals("\u0100");
          if (!valid) {
            assertThatThrownBy(() -> GtidSet.parse(text)).as(where).isInstanceOf(GtidFormatException.class);
            continue;
          }
          GtidSet set = GtidSet.parse(text);
          assertThat(set.contains(UUID_U, value)).as(where).isTrue();
          long expectedCount = after.startsWith("-") ? GtidSet.MAX_GNO - value + 1 : 1;
          if (!after.startsWith(":t")) {
            assertThat(set.count()).as(where).isEqualTo(expectedCount);
          }
          assertThat(GtidSet.parse(U + ":1-" + number + after.replace("-9223372036854775806", "")).count())
              .as(where).isEqualTo(value + (after.startsWith(":t") ? 1 : 0));
        }
      }
    }
  }

  @Test
  void toString_boundsCrossingEveryDigitCount_printsEachNumberExactly() {
    StringBuilder canonical = new StringBuilder(U);
    long p = 1;
    for (int digits = 1; digits < 19; digits++) {
      p *= 10;
      canonical.append(':').append(p - 2).append('-').append(p).append(':').append(p + 5);
    }
    canonical.append(":9223372036854775800-9223372036854775806");
    String text = canonical.toString().replace(U + ":-1-1:", U + ":");
    GtidSet set = GtidSet.parse(text);
    assertThat(set.toString()).isEqualTo(text);
    assertThat(GtidSet.parse(U + ":1:9:10:99:100:999:1000:9999:10000:99999:100000").toString())
        .isEqualTo(U + ":1:9-10:99-100:999-1000:9999-10000:99999-100000");
  }

  @Test
  void parse_nineteenDigitsAroundTheLimit_refusesExactlyAboveMaxGno() {
    assertThat(GtidSet.parse(U + ":9223372036854775806").contains(UUID_U, GtidSet.MAX_GNO)).isTrue();
    assertThatThrownBy(() -> GtidSet.parse(U + ":9223372036854775807")).isInstanceOf(GtidFormatException.class);
    assertThatThrownBy(() -> GtidSet.parse(U + ":9999999999999999999")).isInstanceOf(GtidFormatException.class);
    assertThatThrownBy(() -> GtidSet.parse(U + ":12345678901234567890123")).isInstanceOf(GtidFormatException.class);
    assertThat(GtidSet.parse(U + ":1000000000000000000").contains(UUID_U, 1_000_000_000_000_000_000L)).isTrue();
  }
}
