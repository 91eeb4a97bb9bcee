package io.github.dmswitchover.testkit.internal.binlog;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.zip.CRC32;

/** Builds binary log events byte by byte, as the replication protocol documentation lays them out. */
final class Events {
  private Events() {}

  /** Returns header + body, with a CRC32 appended when {@code crc}. */
  static byte[] event(int type, long timestamp, long serverId, long nextPosition, int flags, byte[] body, boolean crc) {
    int size = 19 + body.length + (crc ? 4 : 0);
    ByteWriter w = new ByteWriter(size).int4(timestamp).int1(type).int4(serverId).int4(size).int4(nextPosition)
        .int2(flags).bytes(body);
    if (crc) {
      CRC32 c = new CRC32();
      byte[] withoutCrc = w.toByteArray();
      c.update(withoutCrc);
      w.int4(c.getValue());
    }
    return w.toByteArray();
  }

  static byte[] event(int type, long nextPosition, byte[] body, boolean crc) {
    return event(type, 1_700_000_000L, 1, nextPosition, 0, body, crc);
  }

  /** A FORMAT_DESCRIPTION_EVENT of a checksum-aware server with the given algorithm. */
  static byte[] formatDescription(String version, int algorithm) {
    byte[] postHeaderLengths = new byte[41];
    postHeaderLengths[EventDecoder.QUERY - 1] = 13;
    postHeaderLengths[EventDecoder.ROTATE - 1] = 8;
    postHeaderLengths[EventDecoder.GTID - 1] = 42;
    byte[] versionField = new byte[50];
    byte[] v = version.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(v, 0, versionField, 0, v.length);
    byte[] body = new ByteWriter().int2(4).bytes(versionField).int4(0).int1(19).bytes(postHeaderLengths)
        .int1(algorithm).toByteArray();
    if (algorithm == EventDecoder.CHECKSUM_CRC32) {
      return event(EventDecoder.FORMAT_DESCRIPTION, 126, body, true);
    }
    return event(EventDecoder.FORMAT_DESCRIPTION, 126, new ByteWriter().bytes(body).int4(0).toByteArray(), false);
  }

  static byte[] rotate(String file, long position, boolean fake, boolean crc) {
    byte[] body = new ByteWriter().int8(position).bytes(file.getBytes(StandardCharsets.US_ASCII)).toByteArray();
    return fake ? event(EventDecoder.ROTATE, 0, 1, 0, EventDecoder.LOG_EVENT_ARTIFICIAL_F, body, crc)
        : event(EventDecoder.ROTATE, 1_700_000_000L, 1, 1200, 0, body, crc);
  }

  static byte[] mysqlGtid(UUID sid, long gno, long nextPosition, boolean crc) {
    ByteWriter w = new ByteWriter().int1(1);
    GtidSetEncoding.writeUuid(w, sid);
    w.int8(gno).int1(2).int8(gno - 1).int8(gno);
    return event(EventDecoder.GTID, nextPosition, w.toByteArray(), crc);
  }

  static byte[] mariadbGtid(long serverId, long domain, long sequence, int flags2, long nextPosition, boolean crc) {
    byte[] body = new ByteWriter().int8(sequence).int4(domain).int1(flags2).zeros(6).toByteArray();
    return event(EventDecoder.MARIADB_GTID, 1_700_000_000L, serverId, nextPosition, 0, body, crc);
  }

  /** A QUERY_EVENT with one status variable and a schema. */
  static byte[] query(String sql, long nextPosition, boolean crc) {
    byte[] status = {0x00, 0, 0, 0, 0}; // Q_FLAGS2_CODE and its 4 bytes
    byte[] schema = "dmsw".getBytes(StandardCharsets.US_ASCII);
    byte[] body = new ByteWriter().int4(42).int4(0).int1(schema.length).int2(0).int2(status.length).bytes(status)
        .bytes(schema).int1(0).bytes(sql.getBytes(StandardCharsets.UTF_8)).toByteArray();
    return event(EventDecoder.QUERY, nextPosition, body, crc);
  }

  static byte[] xid(long nextPosition, boolean crc) {
    return event(EventDecoder.XID, nextPosition, new ByteWriter().int8(77).toByteArray(), crc);
  }

  static byte[] heartbeat(String file, long position, boolean crc) {
    return event(EventDecoder.HEARTBEAT, 0, 1, position, 0, file.getBytes(StandardCharsets.US_ASCII), crc);
  }
}
