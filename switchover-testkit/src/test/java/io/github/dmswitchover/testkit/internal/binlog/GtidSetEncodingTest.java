package io.github.dmswitchover.testkit.internal.binlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class GtidSetEncodingTest {

  @Test
  void encode_emptySet_isEightZeroBytes() {
    assertThat(GtidSetEncoding.encode(StartPosition.parseMysql(""))).isEqualTo(new byte[8]);
  }

  @Test
  void encode_oneSidTwoIntervals_hasExclusiveEnds() {
    byte[] encoded = GtidSetEncoding.encode(StartPosition.parseMysql("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:7"));
    String expected = ""
        + "0100000000000000" // one SID
        + "3e11fa4771ca11e19e33c80aa9429562" // the UUID in text order
        + "0200000000000000" // two intervals
        + "0100000000000000" + "0600000000000000" // [1, 6)
        + "0700000000000000" + "0800000000000000"; // [7, 8)
    assertThat(HexFormat.of().formatHex(encoded)).isEqualTo(expected);
  }

  @Test
  void encode_twoSids_inTheOrderOfTheSet() {
    StartPosition.MysqlGtidSet set = StartPosition.parseMysql(
        "ffffffff-ffff-ffff-ffff-ffffffffffff:9223372036854775806,00000000-0000-0000-0000-000000000001:2");
    ByteReader r = new ByteReader(GtidSetEncoding.encode(set));
    assertThat(r.int8()).isEqualTo(2);
    assertThat(GtidSetEncoding.readUuid(r)).isEqualTo(UUID.fromString("00000000-0000-0000-0000-000000000001"));
    assertThat(r.int8()).isEqualTo(1);
    assertThat(r.int8()).isEqualTo(2);
    assertThat(r.int8()).isEqualTo(3);
    assertThat(GtidSetEncoding.readUuid(r)).isEqualTo(UUID.fromString("ffffffff-ffff-ffff-ffff-ffffffffffff"));
    assertThat(r.int8()).isEqualTo(1);
    assertThat(r.int8()).isEqualTo(Long.MAX_VALUE - 1);
    assertThat(r.int8()).as("exclusive end of the largest GNO").isEqualTo(Long.MAX_VALUE);
    assertThat(r.hasRemaining()).isFalse();
  }

  /**
   * The body of the PREVIOUS_GTIDS_LOG_EVENT MySQL 9.7 wrote after these GTIDs: its own tagged
   * encoding of the set.
   */
  static final String MYSQL_97_TAGGED_SET = ""
      + "0104000000000001"
      + "8fb424200755436eb4dd75080a149ef900010000000000000001000000000000000400000000000000"
      + "8fb424200755436eb4dd75080a149ef90661626301000000000000004d000000000000004e00000000000000"
      + "8fb424200755436eb4dd75080a149ef90c646d5f746167010000000000000001000000000000000200000000000000"
      + "ffffffff80000000000000000000007f107a7a5f746f705f39010000000000000000000000000000400100000000000040";

  @Test
  void encode_taggedSet_isWhatMysql97Writes() {
    StartPosition.MysqlGtidSet set = StartPosition.parseMysql("8fb42420-0755-436e-b4dd-75080a149ef9:1-3:abc:77:dm_tag:1,"
        + "ffffffff-8000-0000-0000-00000000007f:zz_top_9:4611686018427387904");
    assertThat(HexFormat.of().formatHex(GtidSetEncoding.encode(set))).isEqualTo(MYSQL_97_TAGGED_SET);
  }

  @Test
  void uuid_writeThenRead_roundTrips() {
    UUID uuid = UUID.fromString("8f6a2c5e-0b1d-4e3f-a5c7-d9e1f3a5b7c9");
    ByteWriter w = new ByteWriter();
    GtidSetEncoding.writeUuid(w, uuid);
    assertThat(HexFormat.of().formatHex(w.toByteArray())).isEqualTo("8f6a2c5e0b1d4e3fa5c7d9e1f3a5b7c9");
    assertThat(GtidSetEncoding.readUuid(new ByteReader(w.toByteArray()))).isEqualTo(uuid);
  }
}
