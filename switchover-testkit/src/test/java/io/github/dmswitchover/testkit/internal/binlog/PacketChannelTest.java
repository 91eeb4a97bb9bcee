package io.github.dmswitchover.testkit.internal.binlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PacketChannelTest {
  private static final int MAX = PacketChannel.MAX_PACKET_PAYLOAD;

  static byte[] packet(int sequence, byte[] payload) {
    return new ByteWriter().int3(payload.length).int1(sequence).bytes(payload).toByteArray();
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  static byte[] filled(int n, int seed) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (i * 31 + seed);
    }
    return b;
  }

  private static PacketChannel reading(byte[] stream) {
    return new PacketChannel(new ByteArrayInputStream(stream), new ByteArrayOutputStream());
  }

  @Test
  void read_smallPackets_inSequence() throws IOException {
    PacketChannel channel = reading(concat(packet(0, new byte[] {1, 2}), packet(1, new byte[0])));
    assertThat(channel.read()).containsExactly(1, 2);
    assertThat(channel.read()).isEmpty();
  }

  @Test
  void read_payloadOfExactlyMaxBytes_joinsTheEmptyTrailingPacket() throws IOException {
    byte[] payload = filled(MAX, 1);
    PacketChannel channel = reading(concat(packet(0, payload), packet(1, new byte[0]), packet(2, new byte[] {9})));
    assertThat(channel.read()).isEqualTo(payload);
    assertThat(channel.read()).containsExactly(9);
  }

  @Test
  void read_payloadLongerThanTwoPackets_isJoined() throws IOException {
    byte[] payload = filled(2 * MAX + 1000, 7);
    PacketChannel channel = reading(concat(packet(0, Arrays.copyOfRange(payload, 0, MAX)),
        packet(1, Arrays.copyOfRange(payload, MAX, 2 * MAX)), packet(2, Arrays.copyOfRange(payload, 2 * MAX,
            payload.length))));
    assertThat(channel.read()).isEqualTo(payload);
  }

  @Test
  void read_sequenceWrapsAfter255() throws IOException {
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    for (int i = 0; i < 300; i++) {
      stream.writeBytes(packet(i & 0xFF, new byte[] {(byte) i}));
    }
    PacketChannel channel = reading(stream.toByteArray());
    for (int i = 0; i < 300; i++) {
      assertThat(channel.read()).containsExactly((byte) i);
    }
  }

  @Test
  void read_wrongSequenceId_fails() {
    PacketChannel channel = reading(packet(3, new byte[] {1}));
    assertThatThrownBy(channel::read).isInstanceOf(MalformedPacketException.class)
        .hasMessageContaining("sequence id 3 where 0 was expected");
  }

  @Test
  void read_streamEndsInsideAPacket_failsWithEof() {
    byte[] p = packet(0, new byte[] {1, 2, 3, 4});
    PacketChannel channel = reading(Arrays.copyOf(p, p.length - 2));
    assertThatThrownBy(channel::read).isInstanceOf(EOFException.class);
  }

  @Test
  void read_streamDeliveredOneByteAtATime_isReassembled() throws IOException {
    byte[] stream = packet(0, filled(1000, 3));
    InputStream trickle = new InputStream() {
      private int next;

      @Override
      public int read() {
        return next < stream.length ? stream[next++] & 0xFF : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (next >= stream.length) {
          return -1;
        }
        b[off] = stream[next++];
        return 1;
      }
    };
    assertThat(new PacketChannel(trickle, new ByteArrayOutputStream()).read()).isEqualTo(filled(1000, 3));
  }

  @Test
  void write_smallPayload_afterReset_hasSequenceZero() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PacketChannel channel = new PacketChannel(new ByteArrayInputStream(new byte[0]), out);
    channel.write(new byte[] {5});
    channel.resetSequence();
    channel.write(new byte[] {6, 7});
    assertThat(out.toByteArray()).isEqualTo(concat(packet(0, new byte[] {5}), packet(0, new byte[] {6, 7})));
  }

  @Test
  void write_payloadOfExactlyMaxBytes_addsAnEmptyPacket() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] payload = filled(MAX, 5);
    new PacketChannel(new ByteArrayInputStream(new byte[0]), out).write(payload);
    assertThat(out.toByteArray()).isEqualTo(concat(packet(0, payload), packet(1, new byte[0])));
  }

  @Test
  void write_thenRead_roundTripsALargePayload() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] payload = filled(MAX + 17, 11);
    new PacketChannel(new ByteArrayInputStream(new byte[0]), out).write(payload);
    assertThat(reading(out.toByteArray()).read()).isEqualTo(payload);
  }

  @Test
  void lengthEncodedIntegers_roundTripAtEveryWidth() {
    long[] values = {0, 250, 251, 65_535, 65_536, 16_777_215, 16_777_216, Long.MAX_VALUE, -1};
    ByteWriter w = new ByteWriter();
    for (long v : values) {
      w.lenencInt(v);
    }
    ByteReader r = new ByteReader(w.toByteArray());
    for (long v : values) {
      assertThat(r.lenencInt()).isEqualTo(v);
    }
    assertThat(r.hasRemaining()).isFalse();
    assertThatThrownBy(() -> new ByteReader(new byte[] {(byte) 0xFB}).lenencInt())
        .isInstanceOf(MalformedPacketException.class);
  }
}
