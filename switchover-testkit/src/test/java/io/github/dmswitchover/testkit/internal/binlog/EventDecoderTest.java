package io.github.dmswitchover.testkit.internal.binlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventDecoderTest {
  private static final UUID SID = UUID.fromString("3e11fa47-71ca-11e1-9e33-c80aa9429562");
  private static final int CRC = EventDecoder.CHECKSUM_CRC32;

  private final EventDecoder decoder = new EventDecoder("test server", CRC);

  /** Decodes as the client does: the event follows the packet's 0x00 byte. */
  private BinlogEvent decode(byte[] event) {
    byte[] packet = new byte[event.length + 1];
    System.arraycopy(event, 0, packet, 1, event.length);
    return decoder.decode(packet, 1, packet.length);
  }

  private List<BinlogEvent> decodeAll(byte[]... events) {
    List<BinlogEvent> out = new ArrayList<>();
    for (byte[] e : events) {
      BinlogEvent decoded = decode(e);
      if (decoded != null) {
        out.add(decoded);
      }
    }
    return out;
  }

  private void startStream() {
    decode(Events.rotate("bin.000003", 4, true, true));
    decode(Events.formatDescription("9.7.4", CRC));
  }

  @Test
  void streamStart_fakeRotateThenFormatDescription() {
    assertThat(decodeAll(Events.rotate("bin.000003", 4, true, true), Events.formatDescription("9.7.4-log", CRC)))
        .containsExactly(new BinlogEvent.Rotate("bin.000003", 4, true), new BinlogEvent.FormatDescription("9.7.4-log"));
    assertThat(decoder.file()).isEqualTo("bin.000003");
  }

  @Test
  void realRotate_isNotFakeAndMovesTheFile() {
    startStream();
    assertThat(decode(Events.rotate("bin.000004", 4, false, true))).isEqualTo(new BinlogEvent.Rotate("bin.000004", 4,
        false));
    assertThat(decode(Events.mysqlGtid(SID, 9, 200, true)))
        .isEqualTo(new BinlogEvent.MysqlGtid(SID, "", 9, "bin.000004", 200));
  }

  @Test
  void transaction_gtidBeginRowsXid_endsAtTheXid() {
    startStream();
    byte[] rows = Events.event(30, 400, new byte[] {1, 2, 3}, true); // WRITE_ROWS, skipped
    assertThat(decodeAll(Events.mysqlGtid(SID, 7, 200, true), Events.query("BEGIN", 280, true), rows,
        Events.xid(431, true)))
        .containsExactly(new BinlogEvent.MysqlGtid(SID, "", 7, "bin.000003", 200),
            new BinlogEvent.TransactionEnd("bin.000003", 431));
  }

  @Test
  void transaction_commitQuery_endsIt_butNotAStatementInside() {
    startStream();
    assertThat(decodeAll(Events.mysqlGtid(SID, 7, 200, true), Events.query("BEGIN", 280, true),
        Events.query("INSERT INTO t VALUES (1)", 350, true), Events.query("ROLLBACK TO SAVEPOINT s", 390, true),
        Events.query("COMMIT", 431, true)))
        .containsExactly(new BinlogEvent.MysqlGtid(SID, "", 7, "bin.000003", 200),
            new BinlogEvent.TransactionEnd("bin.000003", 431));
  }

  @Test
  void transaction_ddlWithoutBegin_endsAtItsOnlyStatement() {
    startStream();
    assertThat(decodeAll(Events.mysqlGtid(SID, 8, 500, true), Events.query("CREATE TABLE t (id INT)", 620, true)))
        .containsExactly(new BinlogEvent.MysqlGtid(SID, "", 8, "bin.000003", 500),
            new BinlogEvent.TransactionEnd("bin.000003", 620));
  }

  @Test
  void transaction_xaPrepareAndXaCommit_eachEndTheirGroup() {
    startStream();
    byte[] xaPrepare = Events.event(EventDecoder.XA_PREPARE, 900, new byte[12], true);
    assertThat(decodeAll(Events.mysqlGtid(SID, 1, 200, true), Events.query("XA START X'01',X'',1", 300, true),
        Events.query("XA END X'01',X'',1", 400, true), xaPrepare,
        Events.mysqlGtid(SID, 2, 1000, true), Events.query("XA COMMIT X'01',X'',1", 1100, true)))
        .containsExactly(new BinlogEvent.MysqlGtid(SID, "", 1, "bin.000003", 200),
            new BinlogEvent.TransactionEnd("bin.000003", 900),
            new BinlogEvent.MysqlGtid(SID, "", 2, "bin.000003", 1000),
            new BinlogEvent.TransactionEnd("bin.000003", 1100));
  }

  @Test
  void transaction_compressedPayload_endsAtThePayloadEvent() {
    startStream();
    byte[] payload = Events.event(EventDecoder.TRANSACTION_PAYLOAD, 800, new byte[40], true);
    assertThat(decodeAll(Events.mysqlGtid(SID, 3, 200, true), payload))
        .containsExactly(new BinlogEvent.MysqlGtid(SID, "", 3, "bin.000003", 200),
            new BinlogEvent.TransactionEnd("bin.000003", 800));
  }

  @Test
  void xidWithoutAGtid_isNotATransactionEnd() {
    startStream();
    assertThat(decode(Events.xid(300, true))).isNull();
  }

  /** A GTID_TAGGED_LOG_EVENT MySQL 9.7 wrote for {@code SET GTID_NEXT = 'AUTOMATIC:dm_tag'}, with its CRC32. */
  static final String TAGGED_DM_TAG_1 = "bfa0016b2a01000000510000003504000000000274000000023d02d10248400eaa86dcd1027503ea"
      + "1014287902e5030404060c646d5f74616708080a100c7f02690b97c9600610bd041283120bafc748aa";
  /**
   * One MySQL 9.7 wrote for {@code ffffffff-8000-0000-0000-00000000007f:zz_top_9:4611686018427387904}:
   * UUID bytes of 2 encoded bytes, a 9-byte GNO.
   */
  static final String TAGGED_ZZ_TOP_9 = "bfa0016b2a010000005a0000009a0600000000028600000002fd03fd03fd03fd0301020000000000"
      + "0000000000fe04ff000000000000008006107a7a5f746f705f3908080a180c7f980c0c97c9600610e1041283120bb7873107";

  @Test
  void taggedGtid_fromMysql97_isDecoded_andItsEndCounts() {
    startStream();
    assertThat(decodeAll(HexFormat.of().parseHex(TAGGED_DM_TAG_1), Events.query("BEGIN", 1150, true),
        Events.xid(1300, true), HexFormat.of().parseHex(TAGGED_ZZ_TOP_9), Events.query("BEGIN", 1750, true),
        Events.xid(1900, true)))
        .containsExactly(
            new BinlogEvent.MysqlGtid(UUID.fromString("8fb42420-0755-436e-b4dd-75080a149ef9"), "dm_tag", 1,
                "bin.000003", 1077),
            new BinlogEvent.TransactionEnd("bin.000003", 1300),
            new BinlogEvent.MysqlGtid(UUID.fromString("ffffffff-8000-0000-0000-00000000007f"), "zz_top_9",
                4_611_686_018_427_387_904L, "bin.000003", 1690),
            new BinlogEvent.TransactionEnd("bin.000003", 1900));
  }

  @Test
  void taggedGtid_ofAnotherSerializationVersion_isSurfacedAsUnsupported() {
    startStream();
    byte[] body = new ByteWriter().int1(2 << 1).int1(4 << 1).int1(0).int1(0).int1(0).toByteArray();
    assertThat(decodeAll(Events.event(EventDecoder.GTID_TAGGED, 260, body, true), Events.query("BEGIN", 300, true),
        Events.xid(400, true)))
        .containsExactly(new BinlogEvent.Unsupported(42, "bin.000003", 260),
            new BinlogEvent.TransactionEnd("bin.000003", 400));
  }

  @Test
  void taggedGtid_withoutGno_failsAsMalformed() {
    startStream();
    ByteWriter body = new ByteWriter().int1(1 << 1).int1(30 << 1).int1(0).int1(1 << 1);
    for (int i = 0; i < 16; i++) {
      body.int1(i << 1);
    }
    body.int1(3 << 1).int1(2 << 1).bytes("dm".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> decode(Events.event(EventDecoder.GTID_TAGGED, 260, body.toByteArray(), true)))
        .isInstanceOf(BinlogProtocolException.class).hasMessageContaining("no GNO field");
  }

  @Test
  void mariadbGtid_sequenceIsUnsigned64Bit() {
    decode(Events.rotate("mariadb-bin.000001", 4, true, true));
    decode(Events.formatDescription("10.11.19-MariaDB", CRC));
    BinlogEvent e = decode(Events.mariadbGtid(4_000_000_000L, 4_294_967_295L, -2L, 0, 372, true));
    assertThat(e).isEqualTo(new BinlogEvent.MariadbGtid(4_294_967_295L, 4_000_000_000L, -2L, "mariadb-bin.000001", 372));
    assertThat(((BinlogEvent.MariadbGtid) e).gtid()).isEqualTo("4294967295-4000000000-18446744073709551614");
    assertThat(e.toString()).contains("18446744073709551614");
  }

  @Test
  void mariadbStandaloneGtid_endsAtItsDdl() {
    decode(Events.rotate("mariadb-bin.000001", 4, true, true));
    decode(Events.formatDescription("10.11.19-MariaDB", CRC));
    assertThat(decodeAll(Events.mariadbGtid(1, 0, 5, 1, 400, true), Events.query("CREATE DATABASE d", 500, true)))
        .containsExactly(new BinlogEvent.MariadbGtid(0, 1, 5, "mariadb-bin.000001", 400),
            new BinlogEvent.TransactionEnd("mariadb-bin.000001", 500));
  }

  @Test
  void heartbeat_carriesFileAndPosition() {
    startStream();
    assertThat(decode(Events.heartbeat("bin.000003", 1297, true)))
        .isEqualTo(new BinlogEvent.Heartbeat("bin.000003", 1297));
  }

  @Test
  void otherEventTypes_areSkipped() {
    startStream();
    assertThat(decode(Events.event(35, 191, new byte[8], true))).as("PREVIOUS_GTIDS").isNull();
    assertThat(decode(Events.event(19, 300, new byte[20], true))).as("TABLE_MAP").isNull();
  }

  @Test
  void crcMismatch_failsNamingTheEvent() {
    startStream();
    byte[] gtid = Events.mysqlGtid(SID, 7, 200, true);
    gtid[25] ^= 0x40;
    assertThatThrownBy(() -> decode(gtid)).isInstanceOf(BinlogProtocolException.class)
        .hasMessageContaining("CRC32 mismatch in GTID event ending at bin.000003:200");
  }

  @Test
  void crcMismatchInFormatDescription_fails() {
    byte[] fde = Events.formatDescription("9.7.4", CRC);
    fde[fde.length - 1] ^= 1;
    assertThatThrownBy(() -> decode(fde)).isInstanceOf(BinlogProtocolException.class)
        .hasMessageContaining("CRC32 mismatch in FORMAT_DESCRIPTION");
  }

  @Test
  void checksumOff_eventsHaveNoTrailingCrc() {
    EventDecoder plain = new EventDecoder("test server", EventDecoder.CHECKSUM_OFF);
    List<BinlogEvent> out = new ArrayList<>();
    for (byte[] e : List.of(Events.rotate("bin.000001", 4, true, false),
        Events.formatDescription("9.7.4", EventDecoder.CHECKSUM_OFF), Events.mysqlGtid(SID, 1, 200, false),
        Events.query("COMMIT", 300, false), Events.heartbeat("bin.000001", 300, false))) {
      BinlogEvent decoded = plain.decode(e, 0, e.length);
      if (decoded != null) {
        out.add(decoded);
      }
    }
    assertThat(out).containsExactly(new BinlogEvent.Rotate("bin.000001", 4, true),
        new BinlogEvent.FormatDescription("9.7.4"), new BinlogEvent.MysqlGtid(SID, "", 1, "bin.000001", 200),
        new BinlogEvent.TransactionEnd("bin.000001", 300), new BinlogEvent.Heartbeat("bin.000001", 300));
  }

  @Test
  void formatDescription_switchesTheChecksumForLaterEvents() {
    EventDecoder announcedCrc = new EventDecoder("test server", CRC);
    byte[] rotate = Events.rotate("bin.000001", 4, true, true);
    byte[] fde = Events.formatDescription("9.7.4", EventDecoder.CHECKSUM_OFF);
    byte[] gtid = Events.mysqlGtid(SID, 1, 200, false);
    announcedCrc.decode(rotate, 0, rotate.length);
    announcedCrc.decode(fde, 0, fde.length);
    assertThat(announcedCrc.decode(gtid, 0, gtid.length)).isInstanceOf(BinlogEvent.MysqlGtid.class);
  }

  @Test
  void unknownChecksumAlgorithm_fails() {
    byte[] fde = Events.formatDescription("9.7.4", EventDecoder.CHECKSUM_OFF);
    fde[fde.length - 5] = 7;
    assertThatThrownBy(() -> decode(fde)).hasMessageContaining("checksum algorithm 7");
  }

  @Test
  void sizeMismatch_fails() {
    startStream();
    byte[] gtid = Events.mysqlGtid(SID, 7, 200, true);
    assertThatThrownBy(() -> decode(Arrays.copyOf(gtid, gtid.length + 1)))
        .isInstanceOf(BinlogProtocolException.class).hasMessageContaining("says it has");
  }

  @Test
  void truncatedBody_failsAsMalformed() {
    startStream();
    byte[] shortGtid = Events.event(EventDecoder.GTID, 200, new byte[10], true);
    assertThatThrownBy(() -> decode(shortGtid)).isInstanceOf(BinlogProtocolException.class)
        .hasMessageContaining("malformed GTID event ending at bin.000003:200");
  }

  @Test
  void tooShortForAHeader_fails() {
    assertThatThrownBy(() -> decode(new byte[10])).isInstanceOf(BinlogProtocolException.class)
        .hasMessageContaining("19-byte event header");
  }
}
