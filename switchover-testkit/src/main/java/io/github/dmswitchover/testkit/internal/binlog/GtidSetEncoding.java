package io.github.dmswitchover.testkit.internal.binlog;

import java.util.UUID;

/**
 * The binary form of an untagged MySQL GTID set, as {@code COM_BINLOG_DUMP_GTID} carries it (all
 * integers little-endian): 8 bytes number of SIDs; per SID its 16 UUID bytes in text order, 8 bytes
 * number of intervals, and per interval 8 bytes start and 8 bytes end, the end exclusive.
 */
final class GtidSetEncoding {
  private GtidSetEncoding() {}

  static byte[] encode(StartPosition.MysqlGtidSet set) {
    int size = 8;
    for (SidIntervals s : set.sids()) {
      size += 16 + 8 + 16 * s.intervals().size();
    }
    ByteWriter w = new ByteWriter(size);
    w.int8(set.sids().size());
    for (SidIntervals s : set.sids()) {
      writeUuid(w, s.sid());
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
