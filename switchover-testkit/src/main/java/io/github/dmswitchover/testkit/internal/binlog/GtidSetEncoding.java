package io.github.dmswitchover.testkit.internal.binlog;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The binary form of a MySQL GTID set, as {@code COM_BINLOG_DUMP_GTID} carries it (all fixed-width
 * integers little-endian).
 *
 * <p>Untagged: 8 bytes number of SIDs; per SID its 16 UUID bytes in text order, 8 bytes number of
 * intervals, and per interval 8 bytes start and 8 bytes end, the end exclusive.
 *
 * <p>Tagged (MySQL 8.3+, used only when the set holds a tagged GTID, as MySQL's own replica does):
 * 1 byte format (1), 6 bytes number of entries, 1 byte format (1); per entry (SID and tag) the 16
 * UUID bytes, the tag's length as a {@link MysqlSerialization} variable-length integer and its bytes
 * (length 0 when untagged), then the intervals as above. MySQL 9.7 writes its
 * {@code PREVIOUS_GTIDS_LOG_EVENT} the same way; the unit test compares with one it wrote.
 */
final class GtidSetEncoding {
  static final int TAGGED_FORMAT = 1;

  private GtidSetEncoding() {}

  static byte[] encode(StartPosition.MysqlGtidSet set) {
    boolean tagged = set.isTagged();
    int size = 8;
    for (SidIntervals s : set.sids()) {
      size += 16 + (tagged ? 1 + s.tag().length() : 0) + 8 + 16 * s.intervals().size();
    }
    ByteWriter w = new ByteWriter(size);
    if (tagged) {
      w.int1(TAGGED_FORMAT);
      long n = set.sids().size();
      for (int i = 0; i < 6; i++) {
        w.int1((int) (n >>> (8 * i)));
      }
      w.int1(TAGGED_FORMAT);
    } else {
      w.int8(set.sids().size());
    }
    for (SidIntervals s : set.sids()) {
      writeUuid(w, s.sid());
      if (tagged) {
        byte[] tag = s.tag().getBytes(StandardCharsets.US_ASCII);
        MysqlSerialization.writeUnsigned(w, tag.length);
        w.bytes(tag);
      }
      w.int8(s.intervals().size());
      for (SidIntervals.Interval interval : s.intervals()) {
        w.int8(interval.start());
        w.int8(interval.endInclusive() + 1);
      }
    }
    return w.toByteArray();
  }

  /** Writes the UUID's 16 bytes in the order of its text form (big-endian). */
  static void writeUuid(ByteWriter w, UUID uuid) {
    long msb = uuid.getMostSignificantBits();
    long lsb = uuid.getLeastSignificantBits();
    for (int i = 7; i >= 0; i--) {
      w.int1((int) (msb >>> (8 * i)));
    }
    for (int i = 7; i >= 0; i--) {
      w.int1((int) (lsb >>> (8 * i)));
    }
  }

  /** Reads 16 bytes in text order as a UUID. */
  static UUID readUuid(ByteReader r) {
    long msb = 0;
    long lsb = 0;
    for (int i = 0; i < 8; i++) {
      msb = msb << 8 | r.int1();
    }
    for (int i = 0; i < 8; i++) {
      lsb = lsb << 8 | r.int1();
    }
    return new UUID(msb, lsb);
  }
}
