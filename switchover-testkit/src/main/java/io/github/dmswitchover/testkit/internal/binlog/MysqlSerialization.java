package io.github.dmswitchover.testkit.internal.binlog;

/**
 * The variable-length integers of the MySQL serialization library (MySQL 8.3+), which the tagged GTID
 * event and the tagged GTID set encoding use.
 *
 * <p>An unsigned value takes 1 to 9 bytes, little-endian. The number of trailing one bits of the
 * first byte, plus one, is the number of bytes n; for n up to 8 a zero bit follows the ones and the
 * value fills the remaining 8n − n bits ({@code value << n | (1 << (n − 1)) − 1}); a first byte of
 * eight ones is followed by the full 64-bit value. A signed value x is first mapped to unsigned:
 * {@code x << 1} for x ≥ 0, {@code (−(x + 1) << 1) | 1} for x < 0.
 *
 * <p>A serialized message is its format version, its size and its last non-ignorable field id (each
 * such an integer), then fields, each its id (such an integer) and its data: integers as above,
 * strings as their length and bytes, fixed arrays element by element.
 */
final class MysqlSerialization {
  /** The serialization format version this client reads. */
  static final int FORMAT_VERSION = 1;

  private MysqlSerialization() {}

  static long readUnsigned(ByteReader r) {
    int first = r.peek();
    int n = Integer.numberOfTrailingZeros(~first & 0xFF) + 1;
    if (n > 8) {
      r.skip(1);
      return r.int8();
    }
    long raw = 0;
    for (int i = 0; i < n; i++) {
      raw |= (long) r.int1() << (8 * i);
    }
    return raw >>> n;
  }

  static long readSigned(ByteReader r) {
    long u = readUnsigned(r);
    return (u & 1) == 0 ? u >>> 1 : -(u >>> 1) - 1;
  }

  static void writeUnsigned(ByteWriter w, long value) {
    int bits = 64 - Long.numberOfLeadingZeros(value);
    int n = Math.max(1, (bits + 6) / 7);
    if (n > 8) {
      w.int1(0xFF).int8(value);
      return;
    }
    long raw = value << n | ((1L << (n - 1)) - 1);
    for (int i = 0; i < n; i++) {
      w.int1((int) (raw >>> (8 * i)));
    }
  }

  static void writeSigned(ByteWriter w, long value) {
    writeUnsigned(w, value >= 0 ? value << 1 : (-(value + 1)) << 1 | 1);
  }
}
