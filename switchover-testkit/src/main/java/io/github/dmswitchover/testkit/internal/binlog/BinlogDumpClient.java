package io.github.dmswitchover.testkit.internal.binlog;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real replication connection to a MySQL or MariaDB server, reading its binary log as DM's
 * syncer and relay do: the server lists it as a replica and shows a {@code Binlog Dump GTID}
 * (MySQL) or {@code Binlog Dump} (MariaDB) thread for it.
 *
 * <pre>{@code
 * try (BinlogDumpClient client = BinlogDumpClient.connect(request)) {
 *   ServerIdentity upstream = client.serverIdentity();
 *   while (running) {
 *     BinlogEvent event = client.next();
 *     if (event instanceof BinlogEvent.TransactionEnd end) {
 *       // one more transaction applied, ending at (end.file(), end.endPosition())
 *     }
 *   }
 * }
 * }</pre>
 *
 * <p>{@link #connect} does, on one connection: handshake and authentication
 * ({@code mysql_native_password} or {@code caching_sha2_password}, no TLS), reads the
 * {@link ServerIdentity}, announces checksum awareness, the heartbeat period and (MariaDB) the GTID
 * start position as user variables, sends {@code COM_REGISTER_SLAVE}, then {@code COM_BINLOG_DUMP_GTID}
 * (MySQL) or {@code COM_BINLOG_DUMP} (MariaDB), and waits for the server's first answer, so that a
 * refused start position (error 1236) fails {@code connect} itself.
 *
 * <p>Thread safety: one thread calls {@link #next()}; {@link #close()} may be called from any
 * thread and makes a blocked {@code next()} fail at once with reason
 * {@link BinlogTransportException.Reason#CLOSED CLOSED}. After {@code next()} has thrown, the
 * connection is closed and every later call throws.
 */
public final class BinlogDumpClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BinlogDumpClient.class);

  /** {@code BINLOG_THROUGH_GTID}: the dump command carries a GTID set; without the non-blocking flag (1). */
  static final int DUMP_GTID_FLAGS = 0x04;
  /** MariaDB's {@code MARIA_SLAVE_CAPABILITY_GTID}: the replica understands GTID events. */
  static final int MARIADB_SLAVE_CAPABILITY_GTID = 4;
  /** The position a dump from a GTID set starts from: after the 4-byte binary log magic. */
  static final long BINLOG_START = 4;

  private final ProtocolSession session;
  private final ServerIdentity identity;
  private final long connectionId;
  private final EventDecoder decoder;
  private final long replicaServerId;
  private BinlogEvent pending;
  private volatile boolean failed;

  private BinlogDumpClient(ProtocolSession session, ServerIdentity identity, long connectionId, EventDecoder decoder,
      long replicaServerId) {
    this.session = session;
    this.identity = identity;
    this.connectionId = connectionId;
    this.decoder = decoder;
    this.replicaServerId = replicaServerId;
  }

  /**
   * Opens a replication connection and starts the dump from the request's start position.
   *
   * @throws BinlogServerException if the server refuses: access denied (1045), a missing privilege,
   *     or a start position it cannot serve (1236, e.g. it purged GTIDs the position lacks)
   * @throws BinlogTransportException if the connection cannot be opened or breaks, or the server
   *     does not answer within the read timeout
   * @throws BinlogProtocolException if the server is of another flavor than the request's, asks for
   *     an unsupported authentication method, or sends something malformed
   */
  public static BinlogDumpClient connect(BinlogDumpRequest request) throws BinlogDumpException {
    Objects.requireNonNull(request, "request");
    String source = request.flavor() + " " + request.address();
    Socket socket = open(request, source);
    ProtocolSession session = null;
    try {
      session = new ProtocolSession(socket, source);
      Handshake handshake = session.readHandshake();
      checkFlavor(request, handshake, source);
      session.authenticate(handshake, request.user(), request.password());
      ServerIdentity identity = readIdentity(session, request.flavor());
      int checksum = announceChecksum(session);
      session.execute("SET @master_heartbeat_period = " + request.heartbeatPeriod().toNanos());
      String reportHost = socket.getLocalAddress().getHostAddress();
      EventDecoder decoder = new EventDecoder(source, checksum);
      if (request.flavor() == ServerFlavor.MYSQL) {
        String uuid = UUID.randomUUID().toString();
        session.execute("SET @slave_uuid = '" + uuid + "', @replica_uuid = '" + uuid + "'");
        session.registerReplica(request.replicaServerId(), reportHost);
        byte[] gtids = GtidSetEncoding.encode((StartPosition.MysqlGtidSet) request.startPosition());
        session.command(new ByteWriter(32 + gtids.length)
            .int1(ProtocolSession.COM_BINLOG_DUMP_GTID)
            .int2(DUMP_GTID_FLAGS)
            .int4(request.replicaServerId())
            .int4(0) // binary log name length: none, the GTID set decides
            .int8(BINLOG_START)
            .int4(gtids.length)
            .bytes(gtids)
            .toByteArray(), "starting the binlog dump");
      } else {
        // The position was validated to digits, dashes and commas, so it is a safe SQL literal.
        session.execute("SET @mariadb_slave_capability = " + MARIADB_SLAVE_CAPABILITY_GTID);
        session.execute("SET @slave_connect_state = '" + request.startPosition() + "'");
        session.execute("SET @slave_gtid_strict_mode = 1");
        session.execute("SET @slave_gtid_ignore_duplicates = 0");
        session.registerReplica(request.replicaServerId(), reportHost);
        session.command(new ByteWriter(16)
            .int1(ProtocolSession.COM_BINLOG_DUMP)
            .int4(BINLOG_START)
            .int2(0) // blocking, no annotate rows events
            .int4(request.replicaServerId())
            .toByteArray(), "starting the binlog dump"); // empty file name: the GTID position decides
      }
      BinlogDumpClient client = new BinlogDumpClient(session, identity, handshake.connectionId(), decoder,
          request.replicaServerId());
      client.pending = client.readEvent("waiting for the start of the binlog dump");
      LOG.info("{}: binlog dump started as replica {} from '{}' on connection {} ({})", source,
          request.replicaServerId(), request.startPosition(), handshake.connectionId(), identity.version());
      return client;
    } catch (RuntimeException | Error e) {
      if (session != null) {
        session.close();
      } else {
        closeQuietly(socket, source);
      }
      throw e;
    } catch (IOException e) {
      closeQuietly(socket, source);
      throw new BinlogTransportException(BinlogTransportException.Reason.CONNECTION_LOST,
          source + ": cannot use the connection: " + e, e);
    }
  }

  /** Returns who the server is, as read on this connection before the dump started. */
  public ServerIdentity serverIdentity() {
    return identity;
  }

  /** Returns the server's id for this connection (the processlist {@code Id}), from the handshake. */
  public long connectionId() {
    return connectionId;
  }

  /** Returns how this connection authenticated. */
  ProtocolSession.AuthPath authPath() {
    return session.authPath();
  }

  /** Returns the server id this client announced. */
  public long replicaServerId() {
    return replicaServerId;
  }

  /**
   * Blocks until the next event of interest arrives and returns it; other event types are skipped.
   *
   * @throws BinlogServerException if the server ends the dump with an error packet (e.g. 1236)
   * @throws BinlogTransportException if nothing arrives within the read timeout, the connection
   *     breaks, the server ends the dump (EOF packet), or the client is or gets closed
   * @throws BinlogProtocolException if an event is malformed or its CRC32 does not match
   */
  public BinlogEvent next() throws BinlogDumpException {
    if (pending != null) {
      BinlogEvent event = pending;
      pending = null;
      return event;
    }
    while (true) {
      BinlogEvent event = readEvent("reading the binlog dump");
      if (event != null) {
        return event;
      }
    }
  }

  /** Closes the connection; a {@link #next()} blocked in another thread fails at once. Idempotent. */
  @Override
  public void close() {
    if (!session.isClosed()) {
      LOG.debug("{}: closing the binlog dump connection {}", session.source(), connectionId);
    }
    session.close();
  }

  @Override
  public String toString() {
    return "BinlogDumpClient[" + session.source() + ", connection " + connectionId + ", replica " + replicaServerId
        + ", at " + decoder.file() + (session.isClosed() ? ", closed" : "") + "]";
  }

  private BinlogEvent readEvent(String during) {
    if (session.isClosed()) {
      throw new BinlogTransportException(BinlogTransportException.Reason.CLOSED, session.source()
          + ": the client is closed" + (failed ? " after an earlier failure" : ""), null);
    }
    try {
      byte[] p = session.read(during);
      int kind = p.length == 0 ? -1 : p[0] & 0xFF;
      if (kind == 0x00) {
        BinlogEvent event = decoder.decode(p, 1, p.length);
        if (event != null) {
          LOG.debug("{}: {}", session.source(), event);
        }
        return event;
      }
      if (kind == 0xFF) {
        throw new BinlogServerException(session.source() + ": the binlog dump failed", ServerError.parse(p));
      }
      if (ProtocolSession.isEof(p)) {
        throw new BinlogTransportException(BinlogTransportException.Reason.END_OF_STREAM,
            session.source() + ": the server ended the binlog dump (EOF packet)", null);
      }
      throw new BinlogProtocolException(session.source() + ": unexpected packet in the binlog dump: first byte "
          + (kind < 0 ? "none" : "0x" + Integer.toHexString(kind)) + ", " + p.length + " bytes");
    } catch (RuntimeException e) {
      failed = true;
      session.close();
      throw e;
    }
  }

  private static Socket open(BinlogDumpRequest request, String source) {
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.setKeepAlive(true);
      socket.connect(new InetSocketAddress(request.host(), request.port()), (int) request.connectTimeout().toMillis());
      socket.setSoTimeout((int) request.readTimeout().toMillis());
      return socket;
    } catch (SocketTimeoutException e) {
      closeQuietly(socket, source);
      throw new BinlogTransportException(BinlogTransportException.Reason.CONNECT_FAILED,
          source + ": cannot connect within " + request.connectTimeout(), e);
    } catch (IOException e) {
      closeQuietly(socket, source);
      throw new BinlogTransportException(BinlogTransportException.Reason.CONNECT_FAILED,
          source + ": cannot connect: " + e, e);
    }
  }

  private static void checkFlavor(BinlogDumpRequest request, Handshake handshake, String source) {
    boolean mariadb = handshake.isMariadb();
    if (mariadb != (request.flavor() == ServerFlavor.MARIADB)) {
      throw new BinlogProtocolException(source + ": the request is for " + request.flavor() + " but the server is "
          + (mariadb ? "MariaDB" : "not MariaDB") + " (version " + handshake.serverVersion() + ")");
    }
  }

  private static ServerIdentity readIdentity(ProtocolSession session, ServerFlavor flavor) {
    String sql = flavor == ServerFlavor.MYSQL
        ? "SELECT @@GLOBAL.server_uuid, @@GLOBAL.server_id, VERSION()"
        : "SELECT @@GLOBAL.gtid_domain_id, @@GLOBAL.server_id, VERSION()";
    List<List<String>> rows = session.query(sql);
    if (rows.size() != 1 || rows.get(0).size() != 3 || rows.get(0).contains(null)) {
      throw new BinlogProtocolException(session.source() + ": '" + sql + "' returned " + rows
          + " instead of one row of three values");
    }
    List<String> row = rows.get(0);
    try {
      long serverId = Long.parseLong(row.get(1));
      if (flavor == ServerFlavor.MYSQL) {
        return new ServerIdentity(flavor, Optional.of(UUID.fromString(row.get(0))), serverId, OptionalLong.empty(),
            row.get(2));
      }
      return new ServerIdentity(flavor, Optional.empty(), serverId, OptionalLong.of(Long.parseLong(row.get(0))),
          row.get(2));
    } catch (IllegalArgumentException e) {
      throw new BinlogProtocolException(session.source() + ": '" + sql + "' returned " + row
          + ", which is not a server identity: " + e.getMessage(), e);
    }
  }

  /**
   * Tells the server this replica handles its event checksums and returns the algorithm announced,
   * which the events before the first format description event use.
   */
  private static int announceChecksum(ProtocolSession session) {
    session.execute("SET @master_binlog_checksum = @@global.binlog_checksum");
    List<List<String>> rows = session.query("SELECT @master_binlog_checksum");
    String algorithm = rows.isEmpty() || rows.get(0).isEmpty() ? null : rows.get(0).get(0);
    if ("CRC32".equalsIgnoreCase(algorithm)) {
      return EventDecoder.CHECKSUM_CRC32;
    }
    if ("NONE".equalsIgnoreCase(algorithm)) {
      return EventDecoder.CHECKSUM_OFF;
    }
    throw new BinlogProtocolException(session.source() + ": the server's binlog_checksum is '" + algorithm
        + "'; this client knows NONE and CRC32");
  }

  private static void closeQuietly(Socket socket, String source) {
    try {
      socket.close();
    } catch (IOException e) {
      LOG.debug("{}: closing the socket failed: {}", source, e.toString());
    }
  }
}
