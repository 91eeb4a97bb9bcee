package io.github.dmswitchover.gtid;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dmswitchover.gtid.GtidFormatException.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every recorded MariaDB behaviour quoted in GTID-FACTS 1c, as a unit test. */
class MariadbFactsTest {

  static GtidFormatException rejected(String text) {
    try {
      MariadbGtidList list = MariadbGtidList.parse(text);
      throw new AssertionError("accepted '" + text + "' as " + list);
    } catch (GtidFormatException e) {
      return e;
    }
  }

  @Test
  void parse_limitsOfIds_fact1c() {
    assertThat(MariadbGtidPosition.parse("4294967295-4294967295-18446744073709551615").toString())
        .isEqualTo("4294967295-4294967295-18446744073709551615");
    assertThat(rejected("4294967296-1-1").kind()).isEqualTo(Kind.NUMBER_TOO_LARGE);
    assertThat(rejected("1-4294967296-1").offset()).isEqualTo(2);
    GtidFormatException seq = rejected("0-1-18446744073709551616");
    assertThat(seq.kind()).isEqualTo(Kind.NUMBER_TOO_LARGE);
    assertThat(seq.offset()).isEqualTo(4);
  }

  @Test
  void parse_sequenceZero_isAccepted_fact1c() {
    assertThat(MariadbGtidPosition.parse("0-1-0").toString()).isEqualTo("0-1-0");
    assertThat(MariadbGtidPosition.parse("0-0-0").toString()).isEqualTo("0-0-0");
  }

  @ParameterizedTest(name = "''{0}'' -> ''{1}''")
  @CsvSource(delimiter = '|', value = {
      "' 1-2-3' | 1-2-3",
      "'1-2-3, 2-4-6' | 1-2-3,2-4-6",
      "'1- 2-3' | 1-2-3",
      "'1-2-\t3' | 1-2-3",
      "'01-02-03' | 1-2-3",
      "'+1-2-3' | 1-2-3",
      "' +1-+2-+3' | 1-2-3",
      "'0-1-000000000000000000000000018446744073709551615' | 0-1-18446744073709551615",
      "'' | ''",
  })
  void parse_acceptedLists_normalise_fact1c(String text, String expected) {
    assertThat(MariadbGtidPosition.parse(text).toString()).isEqualTo(expected);
    assertThat(MariadbGtidList.parse(text).toString()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "''{0}''")
  @CsvSource(delimiter = '|', value = {
      "'1-2-3,' | EMPTY_ENTRY | 6",
      "',1-2-3' | EMPTY_ENTRY | 0",
      "'1-2-3,,2-4-6' | EMPTY_ENTRY | 6",
      "'1-2-3 ' | UNEXPECTED_CHARACTER | 5",
      "'1-2 -3' | UNEXPECTED_CHARACTER | 3",
      "'1-2-3 ,2-4-6' | UNEXPECTED_CHARACTER | 5",
      "'-1-2-3' | MALFORMED_NUMBER | 0",
      "'0-1--1' | MALFORMED_NUMBER | 4",
      "'0x1-2-3' | UNEXPECTED_CHARACTER | 1",
      "'1e5-1-2' | UNEXPECTED_CHARACTER | 1",
      "' ' | MALFORMED_NUMBER | 1",
      "'1-2' | UNEXPECTED_CHARACTER | 3",
      "'+ 1-2-3' | MALFORMED_NUMBER | 1",
      "'1-2-3-4' | UNEXPECTED_CHARACTER | 5",
      "'1-2-3\n' | UNEXPECTED_CHARACTER | 5",
  })
  void parse_rejectedLists_fact1c(String text, Kind kind, int offset) {
    GtidFormatException e = rejected(text);
    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.offset()).isEqualTo(offset);
  }

  @ParameterizedTest(name = "whitespace {0}")
  @ValueSource(strings = {"\n", "\r", "\u000b", "\f", " ", "\t"})
  void parse_anyAsciiWhitespaceBeforeANumber_isAccepted_liveMariadb1011(String space) {
    // GTID-FACTS 1c names space and tab; LiveMariadbGtidIT found MariaDB 10.11 skipping ASCII 9-13 too.
    assertThat(MariadbGtidPosition.parse(space + "1-" + space + "2-" + space + "+3," + space + "4-5-6").toString())
        .isEqualTo("1-2-3,4-5-6");
    assertThat(rejected("1-2-3" + space).kind()).isEqualTo(Kind.UNEXPECTED_CHARACTER);
    assertThat(rejected("+" + space + "1-2-3").kind()).isEqualTo(Kind.MALFORMED_NUMBER);
  }

  @Test
  void toString_sortsNumericallyByDomain_fact1c() {
    String sorted = "0-1-1,1-1-1,10-1-1,89-2-1,100-1-1,1000-2-1,99999-1-1,10100000-2-1,2147483648-1-1,4294967295-1-1";
    String shuffled = "4294967295-1-1,10-1-1,100-1-1,0-1-1,99999-1-1,89-2-1,2147483648-1-1,1-1-1,10100000-2-1,1000-2-1";
    assertThat(MariadbGtidPosition.parse(shuffled).toString()).isEqualTo(sorted);
    assertThat(MariadbGtidPosition.parse("2-1-5,1-1-3,10-1-1").toString()).isEqualTo("1-1-3,2-1-5,10-1-1");
  }

  @Test
  void parsePosition_duplicateDomain_isError1943_fact1c() {
    GtidFormatException e = null;
    try {
      MariadbGtidPosition.parse("0-2-20,0-1-10");
    } catch (GtidFormatException x) {
      e = x;
    }
    assertThat(e).isNotNull();
    assertThat(e.kind()).isEqualTo(Kind.DUPLICATE_DOMAIN);
    assertThat(e.offset()).isEqualTo(7);
    assertThat(e.getMessage()).contains("duplicate domain id 0");
  }

  @Test
  void binlogState_keepsListOrderWithinDomain_andPositionTakesTheLast_fact1c() {
    MariadbGtidList state = MariadbGtidList.parse("0-1-10,1-2-20,0-3-30");
    assertThat(state.toString()).isEqualTo("0-1-10,0-3-30,1-2-20");
    assertThat(state.toPosition().toString()).isEqualTo("0-3-30,1-2-20");
    assertThat(MariadbGtidList.parse("0-3-30,0-1-10").toPosition().toString())
        .as("the GTID listed last is the most recent, even with a lower seq_no").isEqualTo("0-1-10");
  }

  @ParameterizedTest(name = "0-1-100,1-2-50 contains ''{0}'' = {1}")
  @CsvSource({
      "0-7-100, true",
      "0-1-101, false",
      "2-1-1, false",
      "2-1-0, true",
      "'', true",
      "'0-1-50,0-2-100', true",
      "'0-1-50,1-1-51', false",
  })
  void contains_serverRuleOfMasterGtidWait_fact1c(String wanted, boolean expected) {
    MariadbGtidPosition pos = MariadbGtidPosition.parse("0-1-100,1-2-50");
    assertThat(pos.contains(MariadbGtidList.parse(wanted))).isEqualTo(expected);
  }

  @Test
  void containsPerDomainAndServer_dmRuleDiffersFromServerRule_fact1c() {
    MariadbGtidList have = MariadbGtidList.parse("0-963-200");
    MariadbGtidList wanted = MariadbGtidList.parse("0-1013-100");
    assertThat(have.toPosition().contains(wanted)).as("server").isTrue();
    assertThat(have.containsPerDomainAndServer(wanted)).as("DM / go-mysql 1.8-1.14").isFalse();
    assertThat(MariadbGtidList.parse("0-963-200,0-1013-100").containsPerDomainAndServer(wanted)).isTrue();
    assertThat(MariadbGtidList.parse("0-1013-99").containsPerDomainAndServer(wanted)).isFalse();
  }

  @Test
  void sequence_aboveLongMaxValue_comparesUnsigned() {
    MariadbGtidPosition pos = MariadbGtidPosition.parse("0-1-18446744073709551615");
    assertThat(pos.contains(MariadbGtid.parse("0-1-9223372036854775808"))).isTrue();
    assertThat(MariadbGtidPosition.parse("0-1-9223372036854775807").contains(MariadbGtid.parse("0-1-9223372036854775808"))).isFalse();
    assertThat(pos.get(0).orElseThrow().sequence()).isEqualTo(-1L);
    assertThat(pos.get(1)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(longs = {-1, 4294967296L})
  void mariadbGtid_idOutOfRange_isRejected(long id) {
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> new MariadbGtid(id, 1, 1));
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> new MariadbGtid(1, id, 1));
  }
}
