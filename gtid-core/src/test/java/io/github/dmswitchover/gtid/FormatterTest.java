package io.github.dmswitchover.gtid;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FormatterTest {

  private static String ascii(long packed) {
    byte[] bytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(packed).array();
    return new String(bytes, StandardCharsets.US_ASCII);
  }

  @Test
  void hexDigits8_everyNibbleInEveryPosition_matchesJavaFormatting() {
    for (int position = 0; position < 8; position++) {
      for (long nibble = 0; nibble < 16; nibble++) {
        long v = nibble << (4 * position);
        assertThat(ascii(Formatter.hexDigits8(v))).as("value %x", v).isEqualTo(String.format("%08x", v));
      }
    }
  }

  @Test
  void hexDigits8_randomValues_matchJavaFormattingAndIgnoreHighBits() {
    Random r = Seeds.random("hexDigits8");
    for (int i = 0; i < 10_000; i++) {
      long v = r.nextLong();
      assertThat(ascii(Formatter.hexDigits8(v))).as("value %x", v).isEqualTo(String.format("%08x", v & 0xFFFF_FFFFL));
    }
  }

  @Test
  void digits_aroundEveryPowerOfTenAndAtTheExtremes_matchesDecimalLength() {
    long p = 1;
    for (int d = 1; d <= 19; d++) {
      for (long v : new long[] {p - 1, p, p + 1, 2 * p - 1, Math.max(1, p / 2)}) {
        if (v >= 1) {
          assertThat(Formatter.digits(v)).as("digits of %d", v).isEqualTo(Long.toString(v).length());
        }
      }
      if (d < 19) {
        p *= 10;
      }
    }
    for (long v : new long[] {1, 9, GtidSet.MAX_GNO, Long.MAX_VALUE}) {
      assertThat(Formatter.digits(v)).as("digits of %d", v).isEqualTo(Long.toString(v).length());
    }
    Random r = Seeds.random("digits");
    for (int i = 0; i < 10_000; i++) {
      long v = (r.nextLong() >>> 1) >>> r.nextInt(63);
      if (v >= 1) {
        assertThat(Formatter.digits(v)).as("digits of %d", v).isEqualTo(Long.toString(v).length());
      }
    }
  }

  @Test
  void format_randomUuids_matchUuidToString() {
    Random r = Seeds.random("formatUuids");
    for (int i = 0; i < 2_000; i++) {
      UUID uuid = new UUID(r.nextLong(), r.nextLong());
      assertThat(GtidSet.builder().add(uuid, 7).build().toString()).isEqualTo(uuid + ":7");
    }
  }
}
