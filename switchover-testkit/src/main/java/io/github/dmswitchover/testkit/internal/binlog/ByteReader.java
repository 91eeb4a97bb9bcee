package io.github.dmswitchover.testkit.internal.binlog;

import java.nio.charset.StandardCharsets;

/** Reads the protocol's little-endian integers and strings from a byte array slice; not thread-safe. */
final class ByteReader {
  private final byte[] data;
  private final int limit;
  private int position;

  ByteReader(byte[] data) {
    this(data, 0, data.length);
  }

  ByteReader(byte[] data, int from, int to) {
    if (from < 0 || to > data.length || from > to) {
      throw new IndexOutOfBoundsException("slice " + from + ".." + to + " of " + data.length + " bytes");
    }
    this.data = data;
    this.position = from;
    this.limit = to;
  }

  int position() {
    return position;
  }

  int remaining() {
    return limit - position;
  }

  boolean hasRemaining() {
    return position < limit;
  }

  int peek() {
    require(1);
    return data[position] & 0xFF;
  }

  void skip(int n) {
    require(n);
    position += n;
  }

  int int1() {
    require(1);
    return data[position++] & 0xFF;
  }

  int int2() {
    require(2);
    int v = (data[position] & 0xFF) | (data[position + 1] & 0xFF) << 8;
    position += 2;
    return v;
  }

  int int3() {
    require(3);
    int v = (data[position] & 0xFF) | (data[position + 1] & 0xFF) << 8 | (data[position + 2] & 0xFF) << 16;
    position += 3;
    return v;
  }

  long int4() {
    require(4);
    long v = (data[position] & 0xFFL) | (data[position + 1] & 0xFFL) << 8 | (data[position + 2] & 0xFFL) << 16
        | (data[position + 3] & 0xFFL) << 24;
    position += 4;
    return v;
  }

  /** Reads eight bytes as a two's-complement (or, if the caller says so, unsigned) 64-bit value. */
  long int8() {
    require(8);
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = v << 8 | (data[position + i] & 0xFFL);
    }
    position += 8;
    return v;
  }

  /** Reads a length-encoded integer (1, 3, 4 or 9 bytes); {@code 0xFB} (NULL) and {@code 0xFF} are not integers. */
  long lenencInt() {
    int first = int1();
    if (first < 0xFB) {
      return first;
    }
    switch (first) {
      case 0xFC:
        return int2();
      case 0xFD:
        return int3();
      case 0xFE:
        return int8();
      default:
        throw new MalformedPacketException("0x" + Integer.toHexString(first) + " at offset " + (position - 1)
            + " does not start a length-encoded integer");
    }
  }

  byte[] bytes(int n) {
    require(n);
    byte[] out = new byte[n];
    System.arraycopy(data, position, out, 0, n);
    position += n;
    return out;
  }

  byte[] rest() {
    return bytes(remaining());
  }

  /** Reads a string that ends at a NUL byte (consumed) or, if there is none, at the end of the slice. */
  String nulTerminatedString() {
    int end = position;
    while (end < limit && data[end] != 0) {
      end++;
    }
    String s = new String(data, position, end - position, StandardCharsets.UTF_8);
    position = end < limit ? end + 1 : end;
    return s;
  }

  String fixedString(int n) {
    require(n);
    String s = new String(data, position, n, StandardCharsets.UTF_8);
    position += n;
    return s;
  }

  String restString() {
    return fixedString(remaining());
  }

  /** Reads a length-encoded string. */
  String lenencString() {
    long n = lenencInt();
    if (n > remaining()) {
      throw new MalformedPacketException("a string of " + n + " bytes at offset " + position + " but only "
          + remaining() + " remain");
    }
    return fixedString((int) n);
  }

  private void require(int n) {
    if (n < 0 || n > limit - position) {
      throw new MalformedPacketException("needs " + n + " bytes at offset " + position + " but only "
          + (limit - position) + " remain");
    }
  }
}
