package io.github.dmswitchover.testkit.internal.binlog;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * Decodes the events of one binlog dump stream, in order: it checks each event's CRC32, tracks the
 * current binary log from rotate events, the checksum algorithm and post-header lengths from format
 * description events, and where each transaction ends.
 *
 * <p>An event is a 19-byte v4 header (all little-endian: 4 bytes timestamp, 1 byte type, 4 bytes
 * server id, 4 bytes event size, 4 bytes next position, 2 bytes flags), a body, and, when the binary
 * log's checksum algorithm is CRC32, the 4-byte CRC32 of everything before it. A format description
 * event always ends with the algorithm byte and 4 checksum bytes (meaningless when the algorithm is
 * off). Not thread-safe.
 */
final class EventDecoder {
  static final int QUERY = 2;
  static final int ROTATE = 4;
  static final int FORMAT_DESCRIPTION = 15;
  static final int XID = 16;
  static final int HEARTBEAT = 27;
  static final int GTID = 33;
  static final int ANONYMOUS_GTID = 34;
  static final int XA_PREPARE = 38;
  static final int TRANSACTION_PAYLOAD = 40;
  static final int HEARTBEAT_V2 = 41;
  static final int GTID_TAGGED = 42;
  static final int MARIADB_GTID = 162;

  static final int HEADER_LENGTH = 19;
  static final int CHECKSUM_LENGTH = 4;
  static final int CHECKSUM_OFF = 0;
  static final int CHECKSUM_CRC32 = 1;
  static final int LOG_EVENT_ARTIFICIAL_F = 0x20;

  /** binlog version (2) + server version (50) + create timestamp (4) + header length (1). */
  private static final int FDE_FIXED_BODY = 57;
  private static final int QUERY_MINIMAL_POST_HEADER = 13;
  private static final int ROTATE_POST_HEADER = 8;
  private static final int KEYWORD_PREFIX = 64;

  /** Where the stream is in a transaction (event group). */
  private enum Group {
    /** Between transactions. */
    NONE,
    /** Right after a GTID event: a {@code BEGIN} or the single statement of a DDL follows. */
    AFTER_GTID,
    /** After {@code BEGIN} (or {@code XA START}): the transaction ends with XID, COMMIT and the like. */
    IN_TRANSACTION
  }

  private final String source;
  private int checksumAlgorithm;
  private String file = "";
  private byte[] postHeaderLengths = new byte[0];
  private Group group = Group.NONE;

  /**
   * @param source the server, for messages
   * @param announcedChecksum the algorithm the replica announced ({@code @master_binlog_checksum}),
   *     which the events before the first format description event use
   */
  EventDecoder(String source, int announcedChecksum) {
    this.source = source;
    this.checksumAlgorithm = announcedChecksum;
  }

  /** Returns the binary log the stream is in, from the last rotate event; empty before the first. */
  String file() {
    return file;
  }

  /**
   * Decodes the event in {@code data[from, to)}.
   *
   * @return the event, or {@code null} for an event of a type the simulator does not need
   * @throws BinlogProtocolException if the event is malformed or its CRC32 does not match
   */
  BinlogEvent decode(byte[] data, int from, int to) {
    if (to - from < HEADER_LENGTH) {
      throw new BinlogProtocolException(source + ": an event of " + (to - from) + " bytes after " + position()
          + " is shorter than the 19-byte event header");
    }
    ByteReader header = new ByteReader(data, from, from + HEADER_LENGTH);
    long timestamp = header.int4();
    int type = header.int1();
    long serverId = header.int4();
    long size = header.int4();
    long nextPosition = header.int4();
    int flags = header.int2();
    if (size != to - from) {
      throw new BinlogProtocolException(source + ": " + typeName(type) + " event after " + position() + " says it has "
          + size + " bytes but the packet holds " + (to - from));
    }
    try {
      if (type == FORMAT_DESCRIPTION) {
        return formatDescription(data, from, to, nextPosition);
      }
      int bodyEnd = to;
      if (checksumAlgorithm == CHECKSUM_CRC32) {
        if (to - from < HEADER_LENGTH + CHECKSUM_LENGTH) {
          throw new BinlogProtocolException(source + ": " + typeName(type) + " event after " + position()
              + " has no room for its CRC32");
        }
        bodyEnd = to - CHECKSUM_LENGTH;
        verifyCrc(data, from, to, type, nextPosition);
      }
      ByteReader body = new ByteReader(data, from + HEADER_LENGTH, bodyEnd);
      return decodeBody(type, timestamp, serverId, nextPosition, flags, body);
    } catch (MalformedPacketException e) {
      throw new BinlogProtocolException(source + ": malformed " + typeName(type) + " event ending at " + file + ":"
          + nextPosition + ": " + e.getMessage(), e);
    }
  }

  private BinlogEvent decodeBody(int type, long timestamp, long serverId, long nextPosition, int flags, ByteReader body) {
    switch (type) {
      case ROTATE: {
        long position = body.int8();
        body.skip(Math.max(0, postHeaderLength(ROTATE, ROTATE_POST_HEADER) - ROTATE_POST_HEADER));
        String next = body.restString();
        boolean fake = (flags & LOG_EVENT_ARTIFICIAL_F) != 0 || (timestamp == 0 && nextPosition == 0);
        file = next;
        return new BinlogEvent.Rotate(next, position, fake);
      }
      case HEARTBEAT:
        return new BinlogEvent.Heartbeat(body.restString(), nextPosition);
      case HEARTBEAT_V2:
        return new BinlogEvent.Unsupported(type, file, nextPosition);
      case GTID: {
        body.int1(); // flags
        UUID sid = GtidSetEncoding.readUuid(body);
        long gno = body.int8();
        group = Group.AFTER_GTID;
        return new BinlogEvent.MysqlGtid(sid, "", gno, file, nextPosition);
      }
      case ANONYMOUS_GTID:
        group = Group.AFTER_GTID;
        return null;
      case GTID_TAGGED:
        group = Group.AFTER_GTID;
        return taggedGtid(body, nextPosition);
      case MARIADB_GTID: {
        long sequence = body.int8();
        long domainId = body.int4();
        group = Group.AFTER_GTID;
        return new BinlogEvent.MariadbGtid(domainId, serverId, sequence, file, nextPosition);
      }
      case QUERY:
        return query(body, nextPosition);
      case XID:
      case XA_PREPARE:
      case TRANSACTION_PAYLOAD:
        return endTransaction(nextPosition);
      default:
        return null;
    }
  }

  /**
   * Decodes a {@code GTID_TAGGED_LOG_EVENT}, a {@link MysqlSerialization} message whose first fields
   * are: 0 the flags, 1 the 16 UUID bytes (each a variable-length integer), 2 the GNO (signed),
   * 3 the tag (a string); later fields (commit timestamps, lengths, versions) are not needed.
   */
  private BinlogEvent taggedGtid(ByteReader body, long nextPosition) {
    long version = MysqlSerialization.readUnsigned(body);
    if (version != MysqlSerialization.FORMAT_VERSION) {
      return new BinlogEvent.Unsupported(GTID_TAGGED, file, nextPosition);
    }
    MysqlSerialization.readUnsigned(body); // message size
    MysqlSerialization.readUnsigned(body); // last non-ignorable field id
    long field = MysqlSerialization.readUnsigned(body);
    if (field == 0) {
      MysqlSerialization.readUnsigned(body); // flags
      field = nextField(body);
    }
    UUID sid = null;
    if (field == 1) {
      long msb = 0;
      long lsb = 0;
      for (int i = 0; i < 16; i++) {
        long b = MysqlSerialization.readUnsigned(body);
        if (b > 0xFF) {
          throw new MalformedPacketException("UUID byte " + i + " is " + b);
        }
        if (i < 8) {
          msb = msb << 8 | b;
        } else {
          lsb = lsb << 8 | b;
        }
      }
      sid = new UUID(msb, lsb);
      field = nextField(body);
    }
    Long gno = null;
    if (field == 2) {
      gno = MysqlSerialization.readSigned(body);
      field = nextField(body);
    }
    String tag = "";
    if (field == 3) {
      long length = MysqlSerialization.readUnsigned(body);
      if (length > body.remaining()) {
        throw new MalformedPacketException("a tag of " + length + " bytes but only " + body.remaining() + " remain");
      }
      tag = body.fixedString((int) length);
    }
    if (sid == null || gno == null) {
      throw new MalformedPacketException("no " + (sid == null ? "UUID" : "GNO") + " field");
    }
    return new BinlogEvent.MysqlGtid(sid, tag, gno, file, nextPosition);
  }

  private static long nextField(ByteReader body) {
    return body.hasRemaining() ? MysqlSerialization.readUnsigned(body) : -1;
  }

  private BinlogEvent query(ByteReader body, long nextPosition) {
    int postHeader = postHeaderLength(QUERY, QUERY_MINIMAL_POST_HEADER);
    body.int4(); // thread id
    body.int4(); // execution time
    int schemaLength = body.int1();
    body.int2(); // error code
    int statusLength = postHeader >= QUERY_MINIMAL_POST_HEADER ? body.int2() : 0;
    body.skip(Math.max(0, postHeader - QUERY_MINIMAL_POST_HEADER));
    body.skip(statusLength);
    body.skip(schemaLength + 1);
    int length = body.remaining();
    String prefix = body.fixedString(Math.min(length, KEYWORD_PREFIX)).strip().toUpperCase(Locale.ROOT);
    boolean whole = length <= KEYWORD_PREFIX;
    if (whole && prefix.equals("BEGIN") || prefix.startsWith("XA START") || prefix.startsWith("XA BEGIN")) {
      if (group != Group.NONE) {
        group = Group.IN_TRANSACTION;
      }
      return null;
    }
    if (group == Group.AFTER_GTID) {
      return endTransaction(nextPosition);
    }
    if (group == Group.IN_TRANSACTION
        && (whole && (prefix.equals("COMMIT") || prefix.equals("ROLLBACK")) || prefix.startsWith("XA PREPARE"))) {
      return endTransaction(nextPosition);
    }
    return null;
  }

  private BinlogEvent endTransaction(long nextPosition) {
    if (group == Group.NONE) {
      return null;
    }
    group = Group.NONE;
    return new BinlogEvent.TransactionEnd(file, nextPosition);
  }

  private BinlogEvent formatDescription(byte[] data, int from, int to, long nextPosition) {
    int algorithmOffset = to - CHECKSUM_LENGTH - 1;
    if (algorithmOffset < from + HEADER_LENGTH + FDE_FIXED_BODY) {
      throw new BinlogProtocolException(source + ": FORMAT_DESCRIPTION event after " + position() + " has only "
          + (to - from) + " bytes; a checksum-aware server writes at least "
          + (HEADER_LENGTH + FDE_FIXED_BODY + 1 + CHECKSUM_LENGTH));
    }
    int algorithm = data[algorithmOffset] & 0xFF;
    if (algorithm != CHECKSUM_OFF && algorithm != CHECKSUM_CRC32) {
      throw new BinlogProtocolException(source + ": FORMAT_DESCRIPTION event after " + position()
          + " names checksum algorithm " + algorithm + "; this client knows 0 (off) and 1 (CRC32)");
    }
    if (algorithm == CHECKSUM_CRC32) {
      verifyCrc(data, from, to, FORMAT_DESCRIPTION, nextPosition);
    }
    ByteReader body = new ByteReader(data, from + HEADER_LENGTH, algorithmOffset);
    body.int2(); // binlog version
    byte[] version = body.bytes(50);
    body.int4(); // create timestamp
    int headerLength = body.int1();
    if (headerLength != HEADER_LENGTH) {
      throw new BinlogProtocolException(source + ": FORMAT_DESCRIPTION event after " + position()
          + " announces " + headerLength + "-byte event headers; this client reads 19-byte (v4) headers");
    }
    postHeaderLengths = body.rest();
    checksumAlgorithm = algorithm;
    int end = 0;
    while (end < version.length && version[end] != 0) {
      end++;
    }
    return new BinlogEvent.FormatDescription(new String(version, 0, end, StandardCharsets.UTF_8));
  }

  private int postHeaderLength(int type, int fallback) {
    return type - 1 < postHeaderLengths.length ? postHeaderLengths[type - 1] & 0xFF : fallback;
  }

  private void verifyCrc(byte[] data, int from, int to, int type, long nextPosition) {
    CRC32 crc = new CRC32();
    crc.update(data, from, to - from - CHECKSUM_LENGTH);
    long stored = new ByteReader(data, to - CHECKSUM_LENGTH, to).int4();
    if (crc.getValue() != stored) {
      throw new BinlogProtocolException(source + ": CRC32 mismatch in " + typeName(type) + " event ending at " + file
          + ":" + nextPosition + ": the event says 0x" + Long.toHexString(stored) + ", its bytes give 0x"
          + Long.toHexString(crc.getValue()));
    }
  }

  private String position() {
    return file.isEmpty() ? "the start of the stream" : "the last event in " + file;
  }

  static String typeName(int type) {
    switch (type) {
      case QUERY:
        return "QUERY";
      case ROTATE:
        return "ROTATE";
      case FORMAT_DESCRIPTION:
        return "FORMAT_DESCRIPTION";
      case XID:
        return "XID";
      case HEARTBEAT:
        return "HEARTBEAT";
      case GTID:
        return "GTID";
      case ANONYMOUS_GTID:
        return "ANONYMOUS_GTID";
      case XA_PREPARE:
        return "XA_PREPARE";
      case TRANSACTION_PAYLOAD:
        return "TRANSACTION_PAYLOAD";
      case HEARTBEAT_V2:
        return "HEARTBEAT_V2";
      case GTID_TAGGED:
        return "GTID_TAGGED";
      case MARIADB_GTID:
        return "MARIADB_GTID";
      default:
        return "type-" + type;
    }
  }

  @Override
  public String toString() {
    return "EventDecoder[" + source + " at " + file + ", checksum " + checksumAlgorithm + ", post-header lengths "
        + Arrays.toString(postHeaderLengths) + "]";
  }
}
