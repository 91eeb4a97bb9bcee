package io.github.dmswitchover.gtid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every character value at every position of a UUID, so that the eight-at-a-time hex decoder and
 * the careful loop agree with {@link UUID#fromString} on what is a hex digit and what it is worth.
 */
class UuidParsingTest {
  private static final String U = "3e11fa47-71ca-11e1-9e33-c80aa9429562";

  @Test
  void parse_everyCharacterAtEveryUuidPosition_acceptsExactlyHexDigits() {
    for (int pos = 0; pos < 36; pos++) {
      for (int c = 0; c <= 0x100; c++) {
        char ch = c == 0x100 ? '\u0660' : (char) c;
        if (pos == 0 && (ch == ',' || ch == ' ' || (ch >= '\t' && ch <= '\r'))) {
          continue; // skipped before the UUID, as leading whitespace and commas are
        }
        String uuid = U.substring(0, pos) + ch + U.substring(pos + 1);
        boolean dash = pos == 8 || pos == 13 || pos == 18 || pos == 23;
        boolean valid = dash ? ch == '-' : Character.digit(ch, 16) >= 0 && ch < 0x80;
        String where = "position " + pos + ", char 0x" + Integer.toHexString(ch);
        try {
          GtidSet set = GtidSet.parse(uuid + ":1");
          assertThat(valid).as(where + " accepted").isTrue();
          assertThat(set.uuids()).as(where).containsExactly(UUID.fromString(uuid));
        } catch (GtidFormatException e) {
          assertThat(valid).as(where + " refused: " + e.getMessage()).isFalse();
          assertThat(e.offset()).as(where).isEqualTo(pos);
          assertThat(e.kind()).as(where).isEqualTo(GtidFormatException.Kind.MALFORMED_UUID);
        }
      }
    }
  }

  @Test
  void parse_uuidsWithEveryNibbleValue_matchFromString() {
    String hex = "0123456789abcdefABCDEF";
    java.util.Random r = Seeds.random("uuid-nibbles");
    for (int k = 0; k < 2000; k++) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < 36; i++) {
        sb.append(i == 8 || i == 13 || i == 18 || i == 23 ? '-' : hex.charAt(r.nextInt(hex.length())));
      }
      String uuid = sb.toString();
      assertThat(GtidSet.parse(" " + uuid + ":5").uuids()).as(uuid).containsExactly(UUID.fromString(uuid));
    }
  }
}
