package io.github.dmswitchover.gtid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dmswitchover.gtid.GtidFormatException.Kind;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every recorded MySQL behaviour quoted in GTID-FACTS (section 1a/1b), as a unit test; each
 * test names the fact it checks. U0..U3 stand for four UUIDs in ascending order.
 */
class GtidFactsTest {
  static final String U0 = "00000000-0000-0000-0000-000000000000";
  static final String U1 = "3e11fa47-71ca-11e1-9e33-c80aa9429562";
  static final String U2 = "aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa";
  static final String U3 = "ffffffff-ffff-ffff-ffff-ffffffffffff";

  static String canonical(String text) {
    return GtidSet.parse(text).toString();
  }

  static GtidFormatException rejected(String text) {
    try {
      GtidSet set = GtidSet.parse(text);
      throw new AssertionError("accepted " + text + " as " + set);
    } catch (GtidFormatException e) {
      return e;
    }
  }

  // GTID-FACTS 1a.1: commas and whitespace

  @Test
  void parse_onlyWhitespaceAndCommas_isEmpty_fact1a1() {
    assertThat(canonical("\r,, ,\t")).isEmpty();
    assertThat(GtidSet.parse("\r,, ,\t")).isEqualTo(GtidSet.empty());
  }

  @Test
  void parse_uuidsWithoutIntervalsAndRepeatedCommas_isEmpty_fact1a1() {
    assertThat(canonical(" " + U0 + " , " + U1 + ",," + U0)).isEmpty();
  }

  @Test
  void parse_trailingCommaAndReversedInterval_countsFive_fact1a1() {
    assertThat(GtidSet.parse(U2 + ":1-3:5-4," + U3 + ":1:3,").count()).isEqualTo(5);
  }

  @Test
  void parse_formFeedNewlineTabAroundTokens_isAccepted_fact1a1() {
    assertThat(canonical("\f\f\n" + U3 + "\t \t:\n1\r")).isEqualTo(U3 + ":1");
  }

  @Test
  void parse_whitespaceAroundColonAndDashOfReversedInterval_isEmpty_fact1a1() {
    assertThat(canonical(" " + U0 + " : 99 - 1 ")).isEmpty();
  }

  @Test
  void parse_verticalTabAroundEveryToken_isAccepted_fact1a1() {
    assertThat(canonical("\u000b" + U1 + "\u000b:\u000bx\u000b:\u000b1\u000b-\u000b2\u000b,\u000b"))
        .isEqualTo(U1 + ":x:1-2");
  }

  @Test
  void parse_whitespaceInsideANumber_isRejected_fact1a1() {
    GtidFormatException e = rejected(U1 + ":33 33");
    assertThat(e.kind()).isEqualTo(Kind.UNEXPECTED_CHARACTER);
    assertThat(e.offset()).isEqualTo(40);
  }

  @Test
  void parse_repeatedUuidWithOverlaps_mergesIntoOneInterval_fact1a1() {
    assertThat(canonical(U0 + ":1-100:50-200,\n" + U0 + ":150-300,\n")).isEqualTo(U0 + ":1-300");
  }

  // GTID-FACTS 1a.2: UUIDs

  @Test
  void parse_upperCaseUuid_printsLowerCase_fact1a2() {
    assertThat(canonical("3E11FA47-71CA-11E1-9E33-C80AA9429562:21-57")).isEqualTo(U1 + ":21-57");
  }

  @Test
  void parse_garbageAfterUuid_isRejectedAtIt_fact1a2() {
    GtidFormatException e = rejected(U0 + "!");
    assertThat(e.kind()).isEqualTo(Kind.UNEXPECTED_CHARACTER);
    assertThat(e.offset()).isEqualTo(36);
  }

  @Test
  void parse_uuidWithoutDashes_isRejected_fact1a2() {
    GtidFormatException e = rejected("3e11fa4771ca11e19e33c80aa9429562:1");
    assertThat(e.kind()).isEqualTo(Kind.MALFORMED_UUID);
    assertThat(e.offset()).isEqualTo(8);
  }

  @Test
  void parse_uuidInBraces_isRejected_fact1a2() {
    GtidFormatException e = rejected("{" + U1 + "}:1");
    assertThat(e.kind()).isEqualTo(Kind.MALFORMED_UUID);
    assertThat(e.offset()).isZero();
  }

  @Test
  void toString_uuidsInByteOrder_notJavaSignedOrder_fact1a2() {
    // java.util.UUID compares signed halves and would put U3 (ffff...) first.
    assertThat(canonical(U3 + ":1," + U2 + ":1," + U0 + ":1")).isEqualTo(U0 + ":1,\n" + U2 + ":1,\n" + U3 + ":1");
  }

  // GTID-FACTS 1a.3: numbers and intervals

  @Test
  void parse_largestGno_isAcceptedAndPrinted_fact1a3() {
    assertThat(canonical(U2 + ":1-9223372036854775806")).isEqualTo(U2 + ":1-9223372036854775806");
    assertThat(GtidSet.parse(U2 + ":1-9223372036854775806").count()).isEqualTo(GtidSet.MAX_GNO);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      ":1-9223372036854775807 | NUMBER_TOO_LARGE | 39",
      ":9223372036854775807 | NUMBER_TOO_LARGE | 37",
      ":99999999999999999999999 | NUMBER_TOO_LARGE | 37",
      ":0 | NUMBER_ZERO | 37",
      ":0-1 | NUMBER_ZERO | 37",
      ":-1 | MALFORMED_NUMBER | 37",
      ":tag:0 | NUMBER_ZERO | 41",
      ":0x10 | MALFORMED_NUMBER | 37",
      ":010 | LEADING_ZERO | 37",
      ":08 | LEADING_ZERO | 37",
      ":+1 | MALFORMED_NUMBER | 37",
      ":1-+2 | MALFORMED_NUMBER | 39",
      ":1-010 | LEADING_ZERO | 39",
      ":1- | MALFORMED_NUMBER | 39",
  })
  void parse_numberOutsideCommonGround_isRejected_fact1a3(String suffix, Kind kind, int offset) {
    GtidFormatException e = rejected(U0 + suffix.strip());
    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.offset()).isEqualTo(offset);
  }

  @Test
  void parse_reversedIntervals_areDroppedSilently_fact1a3() {
    assertThat(canonical(U0 + ":2-1")).isEmpty();
    assertThat(canonical(U0 + ":2-1," + U1 + ":a123456789:99-7")).isEmpty();
    assertThat(GtidSet.parse(U2 + ":1-3:5-4").count()).isEqualTo(3);
    assertThat(canonical(U0 + ":5-0")).as("an end of 0 is a reversed interval too").isEmpty();
  }

  @Test
  void parse_unsortedOverlappingAdjacent_areMerged_fact1a3() {
    assertThat(canonical(U0 + ":1-100:50-200:150-300")).isEqualTo(U0 + ":1-300");
    assertThat(canonical(U0 + ":9:7:5:3:1")).isEqualTo(U0 + ":1:3:5:7:9");
    assertThat(canonical(U0 + ":80-100:50-59:60-79")).isEqualTo(U0 + ":50-100");
    assertThat(canonical(U0 + ":7-7")).isEqualTo(U0 + ":7");
  }

  @Test
  void union_singlesThatInterleave_becomeOneInterval_fact1a3() {
    assertThat(GtidSet.parse(U0 + ":1:3").union(GtidSet.parse(U0 + ":2:4")).toString()).isEqualTo(U0 + ":1-4");
  }

  // GTID-FACTS 1a.4: tags

  @Test
  void parse_tagWithoutIntervals_vanishes_fact1a4() {
    assertThat(canonical(U1 + ":a:1-2:999-1000:baz:foo:1-100")).isEqualTo(U1 + ":a:1-2:999-1000:foo:1-100");
    assertThat(canonical(U0 + " : a123456789")).isEmpty();
  }

  @Test
  void toString_untaggedFirstThenTagsInByteOrder_fact1a4() {
    assertThat(canonical(U1 + ":1-2:999-1000:foo:1-100:bar:1-2000"))
        .isEqualTo(U1 + ":1-2:999-1000:bar:1-2000:foo:1-100");
    assertThat(canonical(U1 + ":3:1:a:1:_b:2")).isEqualTo(U1 + ":1:3:_b:2:a:1");
  }

  @Test
  void parse_mixedCaseTag_isLowerCased_fact1a4() {
    assertThat(canonical(U1 + ":Domain_1:5")).isEqualTo(U1 + ":domain_1:5");
    assertThat(GtidSet.parse(U1 + ":DOMAIN_1:5")).isEqualTo(GtidSet.parse(U1 + ":domain_1:5"));
  }

  @Test
  void parse_tagOf32Characters_isAccepted_fact1a4() {
    String tag = "t".repeat(32);
    assertThat(canonical(U1 + ":" + tag + ":1")).isEqualTo(U1 + ":" + tag + ":1");
  }

  @Test
  void parse_tagOf33Characters_isRejected_fact1a4() {
    GtidFormatException e = rejected(U1 + ":" + "t".repeat(33) + ":1");
    assertThat(e.kind()).isEqualTo(Kind.TAG_TOO_LONG);
    assertThat(e.offset()).isEqualTo(37 + 32);
  }

  @Test
  void parse_digitStartingTag_isAnIntervalError_fact1a4() {
    GtidFormatException e = rejected(U1 + ":1abc");
    assertThat(e.kind()).isEqualTo(Kind.UNEXPECTED_CHARACTER);
    assertThat(e.offset()).isEqualTo(38);
  }

  @Test
  void parse_tagWithoutUuid_isRejected_fact1a4() {
    GtidFormatException e = rejected("tag:1");
    assertThat(e.kind()).isEqualTo(Kind.MALFORMED_UUID);
    assertThat(e.offset()).isZero();
  }

  @Test
  void parse_emptyTag_isRejected_fact1a4() {
    GtidFormatException e = rejected(U1 + "::1");
    assertThat(e.kind()).isEqualTo(Kind.EMPTY_TAG);
    assertThat(e.offset()).isEqualTo(37);
  }

  // GTID-FACTS 1a.5: canonical output

  @Test
  void toString_severalUuids_joinsBlocksWithCommaNewline_fact1a5() {
    GtidSet set = GtidSet.parse(U3 + ":1-3," + U2 + ":1-3");
    assertThat(set.toString()).isEqualTo(U2 + ":1-3,\n" + U3 + ":1-3");
    assertThat(set.toCompactString()).isEqualTo(U2 + ":1-3," + U3 + ":1-3");
    assertThat(GtidSet.empty().toString()).isEmpty();
  }

  // GTID-FACTS 1a.6: recorded malformed inputs

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', value = {
      ". | MALFORMED_UUID | 0",
      "/ | MALFORMED_UUID | 0",
      "%U1 | MALFORMED_UUID | 0",
      "1-2 | MALFORMED_UUID | 1",
      "tag:1 | MALFORMED_UUID | 0",
      ":1 | MALFORMED_UUID | 0",
      "-1 | MALFORMED_UUID | 0",
      "U0! | UNEXPECTED_CHARACTER | 36",
      "U0: | MISSING_INTERVAL | 37",
      "U0:: | EMPTY_TAG | 37",
      "U0::1-2 | EMPTY_TAG | 37",
      "U0:1-2: | MISSING_INTERVAL | 41",
      "U0:1-2::3-4 | EMPTY_TAG | 41",
      "U0:,U1 | MISSING_INTERVAL | 37",
      "U0,:U1 | MALFORMED_UUID | 37",
      "U0:U3 | UNEXPECTED_CHARACTER | 45",
      "U0:0 | NUMBER_ZERO | 37",
      "U0:0-1 | NUMBER_ZERO | 37",
      "U0:-1 | MALFORMED_NUMBER | 37",
      "U0:9223372036854775807 | NUMBER_TOO_LARGE | 37",
      "U0:1-9223372036854775807 | NUMBER_TOO_LARGE | 39",
      "U0:t: | MISSING_INTERVAL | 39",
      "U0:t::1 | EMPTY_TAG | 39",
      "U0:t:1-2: | MISSING_INTERVAL | 43",
      "U0:t:0 | NUMBER_ZERO | 39",
      "U0:t:-1 | MALFORMED_NUMBER | 39",
      "U0:t:9223372036854775807 | NUMBER_TOO_LARGE | 39",
      "U0:t:U3 | UNEXPECTED_CHARACTER | 47",
      "U0:t,:U1 | MALFORMED_UUID | 39",
  })
  void parse_recordedMalformedInput_isRejected_fact1a6(String input, Kind kind, int offset) {
    String text = input.strip().replace("U0", U0).replace("U1", U1).replace("U3", U2);
    GtidFormatException e = rejected(text);
    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.offset()).isEqualTo(offset);
  }

  // GTID-FACTS 1a.7: colon followed by whitespace only

  @Test
  void parse_colonFollowedByWhitespaceOnly_isRejectedLikeTheNewParser_fact1a7() {
    assertThat(rejected(U0 + ": ").kind()).isEqualTo(Kind.MISSING_INTERVAL);
    assertThat(rejected(U0 + ":").kind()).isEqualTo(Kind.MISSING_INTERVAL);
  }

  // GTID-FACTS 1b: GTID_SUBSET / GTID_SUBTRACT examples from the manual and mysql-test

  @ParameterizedTest(name = "{0} subset of {1} = {2}")
  @CsvSource({
      "23, 21-57, true",
      "23-25, 21-57, true",
      "20-25, 21-57, false",
  })
  void isSubsetOf_manualExamples_fact1b(String sub, String sup, boolean expected) {
    assertThat(GtidSet.parse(U1 + ":" + sub).isSubsetOf(GtidSet.parse(U1 + ":" + sup))).isEqualTo(expected);
  }

  @Test
  void isSubsetOf_emptySets_fact1b() {
    GtidSet big = GtidSet.parse(U2 + ":1-9223372036854775806");
    assertThat(GtidSet.empty().isSubsetOf(big)).isTrue();
    assertThat(big.isSubsetOf(GtidSet.empty())).isFalse();
  }

  @ParameterizedTest(name = "21-57 minus {0} = ''{1}''")
  @CsvSource({
      "21, :22-57",
      "20-25, :26-57",
      "23-24, :21-22:25-57",
      "21-57, ''",
  })
  void subtract_manualExamples_fact1b(String subtrahend, String expectedIntervals) {
    GtidSet result = GtidSet.parse("3E11FA47-71CA-11E1-9E33-C80AA9429562:21-57")
        .subtract(GtidSet.parse("3E11FA47-71CA-11E1-9E33-C80AA9429562:" + subtrahend));
    assertThat(result.toString()).isEqualTo(expectedIntervals.isEmpty() ? "" : U1 + expectedIntervals);
  }

  @Test
  void contains_gnoOutOfRange_isFalse() {
    GtidSet set = GtidSet.parse(U1 + ":1-9223372036854775806");
    UUID u = UUID.fromString(U1);
    assertThat(set.contains(u, 0)).isFalse();
    assertThat(set.contains(u, -5)).isFalse();
    assertThat(set.contains(u, Long.MAX_VALUE)).isFalse();
    assertThat(set.contains(u, GtidSet.MAX_GNO)).isTrue();
  }

  @Test
  void parse_nonAsciiWhitespace_isRejected() {
    assertThatThrownBy(() -> GtidSet.parse("\u00a0" + U1 + ":1")).isInstanceOf(GtidFormatException.class);
    assertThatThrownBy(() -> GtidSet.parse(U1 + ":1\u2003")).isInstanceOf(GtidFormatException.class);
  }
}
