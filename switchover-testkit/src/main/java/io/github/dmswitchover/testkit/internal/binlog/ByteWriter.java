package io.github.dmswitchover.testkit.internal.binlog;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Builds a packet payload from the protocol's little-endian integers and strings; not thread-safe. */
final class ByteWriter {
  private byte[] buffer;
  private int length;

  ByteWriter() {
    this(64);
  }

  ByteWriter(int capacity) {
    buffer = new byte[Math.max(16, capacity)];
  }

  int length() {
    return length;
  }

  ByteWriter int1(int v) {
    ensure(1);
    buffer[length++] = (byte) v;
    return this;
  }

  ByteWriter int2(int v) {
    ensure(2);
    buffer[length++] = (byte) v;
    buffer[length++] = (byte) (v >>> 8);
    return this;
  }

  ByteWriter int3(int v) {
    ensure(3);
    buffer[length++] = (byte) v;
    buffer[length++] = (byte) (v >>> 8);
    buffer[length++] = (byte) (v >>> 16);
    return this;
  }

  ByteWriter int4(long v) {
    ensure(4);
    for (int i = 0; i < 4; i++) {
      buffer[length++] = (byte) (v >>> (8 * i));
    }
    return this;
  }

  ByteWriter int8(long v) {
    ensure(8);
    for (int i = 0; i < 8; i++) {
      buffer[length++] = (byte) (v >>> (8 * i));
    }
    return this;
  }

  ByteWriter bytes(byte[] b) {
    return bytes(b, 0, b.length);
  }

  ByteWriter bytes(byte[] b, int offset, int n) {
    ensure(n);
    System.arraycopy(b, offset, buffer, length, n);
    length += n;
    return this;
  }

  ByteWriter zeros(int n) {
    ensure(n);
    length += n;
    return this;
  }

  /** Writes the string's UTF-8 bytes followed by a NUL. */
  ByteWriter nulTerminatedString(String s) {
    return bytes(s.getBytes(StandardCharsets.UTF_8)).int1(0);
  }

  /** Writes a length-encoded integer. */
  ByteWriter lenencInt(long v) {
    if (v >= 0 && v < 0xFB) {
      return int1((int) v);
    }
    if (v >= 0 && v < 1 << 16) {
      return int1(0xFC).int2((int) v);
    }
    if (v >= 0 && v < 1 << 24) {
      return int1(0xFD).int3((int) v);
    }
    return int1(0xFE).int8(v);
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buffer, length);
  }

  private void ensure(int n) {
    if (length + n > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + n));
    }
  }
}
