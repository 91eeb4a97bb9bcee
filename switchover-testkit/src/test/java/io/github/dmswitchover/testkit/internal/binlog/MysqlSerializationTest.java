package io.github.dmswitchover.testkit.internal.binlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class MysqlSerializationTest {

  private static String unsigned(long v) {
    ByteWriter w = new ByteWriter();
    MysqlSerialization.writeUnsigned(w, v);
    return HexFormat.of().formatHex(w.toByteArray());
  }

  private static String signed(long v) {
    ByteWriter w = new ByteWriter();
    MysqlSerialization.writeSigned(w, v);
    return HexFormat.of().formatHex(w.toByteArray());
  }

  /** The examples of the library's documentation, written there big-endian, here little-endian. */
  @Test
  void documentedExamples() {
    assertThat(unsigned(65_535)).isEqualTo("fbff07"); // 00000111 11111111 11111011
    assertThat(signed(65_535)).isEqualTo("f3ff0f"); // 00001111 11111111 11110011
    assertThat(signed(-65_535)).isEqualTo("ebff0f"); // 00001111 11111111 11101011
    assertThat(signed(-65_536)).isEqualTo("fbff0f"); // 00001111 11111111 11111011
  }

  @Test
  void widths_changeAtMultiplesOfSevenBits_andNineBytesAboveFiftySixBits() {
    assertThat(unsigned(0)).isEqualTo("00");
    assertThat(unsigned(127)).isEqualTo("fe");
    assertThat(unsigned(128)).hasSize(4);
    assertThat(unsigned((1L << 56) - 1)).hasSize(16);
    assertThat(unsigned(1L << 56)).isEqualTo("ff" + "0000000000000001");
    assertThat(unsigned(-1L)).isEqualTo("ff" + "ffffffffffffffff");
  }

  @Test
  void readBack_roundTripsEdgeValues() {
    long[] values = {0, 1, 127, 128, 16_383, 16_384, (1L << 49) - 1, 1L << 49, (1L << 56) - 1, 1L << 56,
        Long.MAX_VALUE, Long.MIN_VALUE, -1};
    ByteWriter w = new ByteWriter();
    for (long v : values) {
      MysqlSerialization.writeUnsigned(w, v);
      MysqlSerialization.writeSigned(w, v);
    }
    ByteReader r = new ByteReader(w.toByteArray());
    for (long v : values) {
      assertThat(MysqlSerialization.readUnsigned(r)).isEqualTo(v);
      assertThat(MysqlSerialization.readSigned(r)).isEqualTo(v);
    }
    assertThat(r.hasRemaining()).isFalse();
  }
}
