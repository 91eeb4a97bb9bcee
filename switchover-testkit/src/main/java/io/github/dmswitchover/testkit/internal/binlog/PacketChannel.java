package io.github.dmswitchover.testkit.internal.binlog;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The protocol's packet framing over a byte stream: each packet is a 3-byte little-endian payload
 * length, a 1-byte sequence id and the payload. A payload of {@value #MAX_PACKET_PAYLOAD} bytes or
 * more is split into packets of that size followed by a shorter (possibly empty) one. The sequence
 * id starts at 0 with each command and increases by one per packet in either direction.
 *
 * <p>Not thread-safe: one thread reads and writes.
 */
final class PacketChannel {
  /** The largest payload of one packet (16 MiB − 1); a packet this long is continued by the next. */
  static final int MAX_PACKET_PAYLOAD = 0xFF_FFFF;

  private final InputStream in;
  private final OutputStream out;
  private final byte[] header = new byte[4];
  private int sequence;

  PacketChannel(InputStream in, OutputStream out) {
    this.in = in;
    this.out = out;
  }

  /** Starts a new command: the next packet written has sequence id 0. */
  void resetSequence() {
    sequence = 0;
  }

  /**
   * Reads one payload, joining the packets of a payload of 16 MiB − 1 bytes or more.
   *
   * @throws EOFException if the stream ends, also in the middle of a packet
   * @throws MalformedPacketException if a packet's sequence id is not the expected one
   */
  byte[] read() throws IOException {
    byte[] first = readPacket();
    if (first.length < MAX_PACKET_PAYLOAD) {
      return first;
    }
    List<byte[]> parts = new ArrayList<>();
    parts.add(first);
    long total = first.length;
    byte[] part;
    do {
      part = readPacket();
      parts.add(part);
      total += part.length;
      if (total > Integer.MAX_VALUE - 16) {
        throw new MalformedPacketException("a payload of more than " + (Integer.MAX_VALUE - 16) + " bytes");
      }
    } while (part.length == MAX_PACKET_PAYLOAD);
    byte[] joined = new byte[(int) total];
    int offset = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, joined, offset, p.length);
      offset += p.length;
    }
    return joined;
  }

  /** Writes one payload, split into packets as the protocol says, and flushes. */
  void write(byte[] payload) throws IOException {
    int offset = 0;
    while (true) {
      int n = Math.min(MAX_PACKET_PAYLOAD, payload.length - offset);
      header[0] = (byte) n;
      header[1] = (byte) (n >>> 8);
      header[2] = (byte) (n >>> 16);
      header[3] = (byte) sequence;
      sequence = (sequence + 1) & 0xFF;
      out.write(header);
      out.write(payload, offset, n);
      offset += n;
      if (n < MAX_PACKET_PAYLOAD) {
        break;
      }
    }
    out.flush();
  }

  private byte[] readPacket() throws IOException {
    readFully(header, 4);
    int length = (header[0] & 0xFF) | (header[1] & 0xFF) << 8 | (header[2] & 0xFF) << 16;
    int id = header[3] & 0xFF;
    if (id != sequence) {
      throw new MalformedPacketException("packet sequence id " + id + " where " + sequence + " was expected");
    }
    sequence = (sequence + 1) & 0xFF;
    byte[] payload = new byte[length];
    readFully(payload, length);
    return payload;
  }

  private void readFully(byte[] b, int n) throws IOException {
    int done = 0;
    while (done < n) {
      int r = in.read(b, done, n - done);
      if (r < 0) {
        throw new EOFException("the connection ended after " + done + " of " + n + " bytes");
      }
      done += r;
    }
  }
}
