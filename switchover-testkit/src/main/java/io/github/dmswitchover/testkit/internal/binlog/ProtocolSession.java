package io.github.dmswitchover.testkit.internal.binlog;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client/server protocol connection: reading and writing payloads with failures mapped to this
 * package's exceptions, authentication, and the commands the dump needs before it starts
 * ({@code COM_QUERY} with a text result set, {@code COM_REGISTER_SLAVE}).
 *
 * <p>One thread uses the session; {@link #close()} may be called from any thread.
 */
final class ProtocolSession implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProtocolSession.class);

  static final int COM_QUERY = 0x03;
  static final int COM_BINLOG_DUMP = 0x12;
  static final int COM_REGISTER_SLAVE = 0x15;
  static final int COM_BINLOG_DUMP_GTID = 0x1e;
  /** More columns than any statement of this client selects, and than a table may have. */
  static final int MAX_COLUMNS = 4096;

  /** How authentication went, for logs and tests. */
  enum AuthPath {
    /** mysql_native_password. */
    NATIVE,
    /** caching_sha2_password accepted at once (an empty password). */
    SHA2_IMMEDIATE,
    /** caching_sha2_password's fast path: the server had the account's hash cached. */
    SHA2_FAST,
    /** caching_sha2_password's full authentication with the server's RSA public key. */
    SHA2_FULL_RSA
  }

  private final Socket socket;
  private final PacketChannel channel;
  private final String source;
  private volatile boolean closed;
  private AuthPath authPath;

  ProtocolSession(Socket socket, String source) throws IOException {
    this.socket = socket;
    this.source = source;
    this.channel = new PacketChannel(new BufferedInputStream(socket.getInputStream(), 64 * 1024),
        new BufferedOutputStream(socket.getOutputStream(), 8 * 1024));
  }

  String source() {
    return source;
  }

  boolean isClosed() {
    return closed;
  }

  /** Returns how authentication went; {@code null} before it succeeded. */
  AuthPath authPath() {
    return authPath;
  }

  /** Reads the server's Initial Handshake Packet. */
  Handshake readHandshake() {
    byte[] p = read("reading the server's handshake");
    if (p.length > 0 && (p[0] & 0xFF) == 0xFF) {
      throw new BinlogServerException(source + ": the server refused the connection", ServerError.parse(p));
    }
    try {
      Handshake handshake = Handshake.parse(p);
      LOG.debug("{}: handshake: {}", source, handshake);
      return handshake;
    } catch (MalformedPacketException e) {
      throw new BinlogProtocolException(source + ": malformed handshake packet: " + e.getMessage(), e);
    }
  }

  /**
   * Authenticates as {@code user}: the HandshakeResponse41, then auth switch requests and
   * caching_sha2_password's fast path or full authentication (RSA public key exchange, as this
   * connection has no TLS), until the server's OK.
   */
  void authenticate(Handshake handshake, String user, String password) {
    long missing = Handshake.REQUIRED_SERVER_CAPABILITIES & ~handshake.capabilities();
    if (missing != 0) {
      throw new BinlogProtocolException(source + ": the server (" + handshake.serverVersion()
          + ") lacks capabilities 0x" + Long.toHexString(missing) + " (4.1 protocol, secure connection, plugin auth)");
    }
    String plugin = AuthScrambles.supports(handshake.authPlugin()) ? handshake.authPlugin() : AuthScrambles.NATIVE;
    byte[] nonce = handshake.scramble();
    String during = "authenticating as '" + user + "'";
    LOG.debug("{}: {} with {} ({} password)", source, during, plugin, password.isEmpty() ? "empty" : "non-empty");
    write(Handshake.response(handshake.capabilities(), user, plugin, AuthScrambles.scramble(plugin, password, nonce)),
        during);
    boolean awaitingPublicKey = false;
    AuthPath path = AuthScrambles.NATIVE.equals(plugin) ? AuthPath.NATIVE : AuthPath.SHA2_IMMEDIATE;
    while (true) {
      byte[] p = read(during);
      int kind = p.length == 0 ? -1 : p[0] & 0xFF;
      if (kind == 0x00) {
        authPath = path;
        LOG.debug("{}: authenticated as '{}' ({})", source, user, path);
        return;
      }
      if (kind == 0xFF) {
        throw new BinlogServerException(source + ": " + during + " failed", ServerError.parse(p));
      }
      if (kind == 0xFE) {
        if (p.length == 1) {
          throw new BinlogProtocolException(source + ": the server asks for the pre-4.1 password method,"
              + " which this client does not support");
        }
        ByteReader r = new ByteReader(p, 1, p.length);
        plugin = r.nulTerminatedString();
        nonce = withoutTrailingNul(r.rest());
        if (!AuthScrambles.supports(plugin)) {
          throw new BinlogProtocolException(source + ": the server asks '" + user + "' to authenticate with '"
              + plugin + "'; this client supports " + AuthScrambles.NATIVE + " and " + AuthScrambles.CACHING_SHA2);
        }
        LOG.debug("{}: the server switches authentication to {}", source, plugin);
        awaitingPublicKey = false;
        path = AuthScrambles.NATIVE.equals(plugin) ? AuthPath.NATIVE : AuthPath.SHA2_IMMEDIATE;
        write(AuthScrambles.scramble(plugin, password, nonce), during);
        continue;
      }
      if (kind == 0x01 && AuthScrambles.CACHING_SHA2.equals(plugin)) {
        if (awaitingPublicKey) {
          LOG.debug("{}: received the server's RSA public key; sending the encrypted password", source);
          String pem = new String(p, 1, p.length - 1, StandardCharsets.US_ASCII);
          write(AuthScrambles.rsaEncryptedPassword(password, nonce, pem), during);
          awaitingPublicKey = false;
          path = AuthPath.SHA2_FULL_RSA;
          continue;
        }
        if (p.length == 2 && p[1] == 0x03) {
          LOG.debug("{}: caching_sha2_password fast authentication succeeded", source);
          path = AuthPath.SHA2_FAST;
          continue;
        }
        if (p.length == 2 && p[1] == 0x04) {
          LOG.debug("{}: caching_sha2_password needs full authentication; requesting the server's public key", source);
          write(new byte[] {0x02}, during);
          awaitingPublicKey = true;
          continue;
        }
      }
      throw new BinlogProtocolException(source + ": unexpected packet while " + during + " with " + plugin
          + ": first byte " + (kind < 0 ? "none" : "0x" + Integer.toHexString(kind)) + ", " + p.length + " bytes");
    }
  }

  /**
   * Runs a statement with {@code COM_QUERY} and returns the rows of its text result set (empty for
   * a statement without one); a SQL NULL is a {@code null} element.
   */
  List<List<String>> query(String sql) {
    String during = "running '" + sql + "'";
    LOG.debug("{}: {}", source, sql);
    command(new ByteWriter(sql.length() + 1).int1(COM_QUERY).bytes(sql.getBytes(StandardCharsets.UTF_8))
        .toByteArray(), during);
    byte[] first = read(during);
    int kind = first.length == 0 ? -1 : first[0] & 0xFF;
    if (kind == 0x00) {
      return List.of();
    }
    if (kind == 0xFF) {
      throw new BinlogServerException(source + ": " + during + " failed", ServerError.parse(first));
    }
    if (kind == 0xFB || kind < 0) {
      throw new BinlogProtocolException(source + ": unexpected response to '" + sql + "': first byte "
          + (kind < 0 ? "none" : "0x" + Integer.toHexString(kind)));
    }
    try {
      long columns = new ByteReader(first).lenencInt();
      if (columns > MAX_COLUMNS) {
        throw new BinlogProtocolException(source + ": '" + sql + "' answered with " + columns + " columns; at most "
            + MAX_COLUMNS + " are expected");
      }
      for (long i = 0; i < columns; i++) {
        byte[] definition = read(during);
        if (definition.length > 0 && (definition[0] & 0xFF) == 0xFF) {
          throw new BinlogServerException(source + ": " + during + " failed", ServerError.parse(definition));
        }
      }
      if (!isEof(read(during))) {
        throw new BinlogProtocolException(source + ": no EOF packet after the column definitions of '" + sql + "'");
      }
      List<List<String>> rows = new ArrayList<>();
      while (true) {
        byte[] row = read(during);
        if (isEof(row)) {
          return Collections.unmodifiableList(rows);
        }
        if (row.length > 0 && (row[0] & 0xFF) == 0xFF) {
          throw new BinlogServerException(source + ": " + during + " failed", ServerError.parse(row));
        }
        ByteReader r = new ByteReader(row);
        String[] values = new String[(int) columns];
        for (int c = 0; c < columns; c++) {
          if (r.peek() == 0xFB) {
            r.skip(1);
          } else {
            values[c] = r.lenencString();
          }
        }
        rows.add(Collections.unmodifiableList(Arrays.asList(values)));
      }
    } catch (MalformedPacketException e) {
      throw new BinlogProtocolException(source + ": malformed result set of '" + sql + "': " + e.getMessage(), e);
    }
  }

  /** Runs a statement that returns no rows. */
  void execute(String sql) {
    query(sql);
  }

  /** Sends {@code COM_REGISTER_SLAVE} and waits for the server's OK. */
  void registerReplica(long serverId, String reportHost) {
    String during = "registering as replica " + serverId;
    byte[] host = reportHost.getBytes(StandardCharsets.UTF_8);
    if (host.length > 0xFF) {
      throw new IllegalArgumentException("the report host must fit in 255 bytes, got " + host.length + ": " + reportHost);
    }
    byte[] payload = new ByteWriter(32 + host.length)
        .int1(COM_REGISTER_SLAVE)
        .int4(serverId)
        .int1(host.length).bytes(host)
        .int1(0) // report user: none
        .int1(0) // report password: none (the real password is never sent here)
        .int2(0) // report port: none
        .int4(0) // replication rank, unused
        .int4(0) // source id, filled in by the server
        .toByteArray();
    LOG.debug("{}: COM_REGISTER_SLAVE server id {} host {}", source, serverId, reportHost);
    command(payload, during);
    byte[] p = read(during);
    if (p.length > 0 && (p[0] & 0xFF) == 0xFF) {
      throw new BinlogServerException(source + ": " + during + " failed", ServerError.parse(p));
    }
    if (p.length == 0 || p[0] != 0x00) {
      throw new BinlogProtocolException(source + ": unexpected response while " + during);
    }
  }

  /** Starts a new command and sends its payload. */
  void command(byte[] payload, String during) {
    channel.resetSequence();
    write(payload, during);
  }

  /** Reads one payload; failures become this package's exceptions naming {@code during}. */
  byte[] read(String during) {
    try {
      return channel.read();
    } catch (MalformedPacketException e) {
      throw new BinlogProtocolException(source + ": " + e.getMessage() + " while " + during, e);
    } catch (IOException e) {
      throw transportFailure(during, e);
    }
  }

  void write(byte[] payload, String during) {
    try {
      channel.write(payload);
    } catch (IOException e) {
      throw transportFailure(during, e);
    }
  }

  BinlogTransportException transportFailure(String during, IOException e) {
    if (closed) {
      return new BinlogTransportException(BinlogTransportException.Reason.CLOSED,
          source + ": the client was closed while " + during, e);
    }
    if (e instanceof SocketTimeoutException) {
      return new BinlogTransportException(BinlogTransportException.Reason.READ_TIMEOUT,
          source + ": nothing arrived within the read timeout while " + during, e);
    }
    if (e instanceof EOFException) {
      return new BinlogTransportException(BinlogTransportException.Reason.CONNECTION_LOST,
          source + ": the connection ended while " + during + " (" + e.getMessage() + ")", e);
    }
    return new BinlogTransportException(BinlogTransportException.Reason.CONNECTION_LOST,
        source + ": the connection failed while " + during + ": " + e, e);
  }

  static boolean isEof(byte[] p) {
    return p.length > 0 && p.length < 9 && (p[0] & 0xFF) == 0xFE;
  }

  private static byte[] withoutTrailingNul(byte[] b) {
    return b.length > 0 && b[b.length - 1] == 0 ? Arrays.copyOf(b, b.length - 1) : b;
  }

  /** Closes the socket; a read blocked in another thread fails at once. Idempotent. */
  @Override
  public void close() {
    closed = true;
    try {
      socket.close();
    } catch (IOException e) {
      LOG.debug("{}: closing the socket failed: {}", source, e.toString());
    }
  }
}
