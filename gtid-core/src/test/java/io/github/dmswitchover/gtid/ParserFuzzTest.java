package io.github.dmswitchover.gtid;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz tests of both parsers. Every input must give either a value or a
 * {@link GtidFormatException} (with an offset inside the input); a value must survive a round
 * trip through its text. Without {@code JAZZER_FUZZ} these run as regression tests over the saved
 * inputs; the build runs each in fuzzing mode for a few seconds in its own Surefire execution
 * (Jazzer fuzzes one test per JVM), and {@code -Pfuzz} runs them longer.
 */
class ParserFuzzTest {
  private static final String[] UUIDS = {
      "3e11fa47-71ca-11e1-9e33-c80aa9429562", "3E11FA47-71CA-11E1-9E33-C80AA9429562",
      "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff",
      "80000000-0000-0000-8000-000000000000"};
  private static final String[] NUMBERS = {
      "0", "1", "2", "10", "010", "0x10", "9223372036854775806", "9223372036854775807",
      "18446744073709551615", "18446744073709551616", "4294967295", "4294967296", "+1", "-1"};
  private static final char[] SEPARATORS = {':', ':', ',', '-', ' ', '\t', '\n', '\u000b', '\f', '\r', '+', '_'};

  @FuzzTest(maxDuration = "4s")
  void gtidSetParse_anyText_givesASetThatRoundTripsOrAFormatError(FuzzedDataProvider data) {
    checkMysql(data.consumeBoolean() ? data.consumeRemainingAsString() : assembleMysql(data));
  }

  @FuzzTest(maxDuration = "4s")
  void mariadbParse_anyText_givesAListThatRoundTripsOrAFormatError(FuzzedDataProvider data) {
    checkMariadb(data.consumeBoolean() ? data.consumeRemainingAsString() : assembleMariadb(data));
  }

  private static String assembleMysql(FuzzedDataProvider data) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 80 && data.remainingBytes() > 0; i++) {
      switch (data.consumeInt(0, 7)) {
        case 0 -> sb.append(data.pickValue(UUIDS));
        case 1, 2 -> sb.append(data.pickValue(SEPARATORS));
        case 3 -> sb.append(data.pickValue(NUMBERS));
        case 4 -> sb.append(data.consumeLong(1, 2_000));
        case 5 -> sb.append(data.consumeAsciiString(36));
        case 6 -> sb.append(data.consumeLong());
        default -> sb.append(data.consumeChar());
      }
    }
    return sb.toString();
  }

  private static String assembleMariadb(FuzzedDataProvider data) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 60 && data.remainingBytes() > 0; i++) {
      switch (data.consumeInt(0, 6)) {
        case 0, 1 -> sb.append(data.consumeLong(0, 300));
        case 2 -> sb.append(data.pickValue(NUMBERS));
        case 3 -> sb.append(Long.toUnsignedString(data.consumeLong()));
        case 4 -> sb.append(data.pickValue(SEPARATORS));
        case 5 -> sb.append(data.pickValue(new char[] {'-', '-', ',', ' ', '\t', '+', '0'}));
        default -> sb.append(data.consumeChar());
      }
    }
    return sb.toString();
  }

  static void checkMysql(String text) {
    GtidSet set;
    try {
      set = GtidSet.parse(text);
    } catch (GtidFormatException e) {
      checkError(text, e);
      return;
    }
    String canonical = set.toString();
    GtidSet again = GtidSet.parse(canonical);
    if (!again.equals(set) || !again.toString().equals(canonical) || again.hashCode() != set.hashCode()) {
      throw new AssertionError("round trip changed the set: <" + text + "> -> <" + canonical + ">");
    }
    if (!GtidSet.parse(set.toCompactString()).equals(set)) {
      throw new AssertionError("compact round trip changed the set: <" + text + ">");
    }
    if (!GtidSet.builder().addAll(set).build().equals(set) || !set.isSubsetOf(again)
        || !set.subtract(again).isEmpty() || !set.union(again).equals(set)) {
      throw new AssertionError("set is not equal to itself: <" + text + ">");
    }
  }

  static void checkMariadb(String text) {
    MariadbGtidList list;
    try {
      list = MariadbGtidList.parse(text);
    } catch (GtidFormatException e) {
      checkError(text, e);
      return;
    }
    if (!MariadbGtidList.parse(list.toString()).equals(list)) {
      throw new AssertionError("list round trip changed it: <" + text + "> -> <" + list + ">");
    }
    MariadbGtidPosition pos = list.toPosition();
    if (!MariadbGtidPosition.parse(pos.toString()).equals(pos) || !pos.contains(list.toPosition().gtids().isEmpty()
        ? MariadbGtidList.empty() : MariadbGtidList.parse(pos.toString()))) {
      throw new AssertionError("position round trip changed it: <" + text + "> -> <" + pos + ">");
    }
    try {
      MariadbGtidPosition direct = MariadbGtidPosition.parse(text);
      if (!direct.equals(pos)) {
        throw new AssertionError("position differs from the list's: <" + text + ">");
      }
    } catch (GtidFormatException e) {
      if (e.kind() != GtidFormatException.Kind.DUPLICATE_DOMAIN) {
        throw new AssertionError("list accepted but position refused with " + e.kind() + ": <" + text + ">", e);
      }
    }
  }

  private static void checkError(String text, GtidFormatException e) {
    if (e.offset() < 0 || e.offset() > text.length()) {
      throw new AssertionError("offset " + e.offset() + " outside the input of length " + text.length(), e);
    }
    // At most 56 input characters, each escaped to at most 6 ("\\u0001"), plus quotes, dots and mark.
    if (e.excerpt().length() > 56 * 6 + 14) {
      throw new AssertionError("excerpt too long: " + e.excerpt(), e);
    }
    if (e.getMessage().length() > 600) {
      throw new AssertionError("message too long: " + e.getMessage(), e);
    }
  }
}
