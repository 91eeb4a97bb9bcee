package io.github.dmswitchover.testkit.vip;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loopback TCP forwarder that stands in for a virtual IP: clients connect to {@link #port()}, and
 * each new connection is forwarded to the current {@link #target()}, which {@link #moveTo moves}
 * between servers. On a move, existing connections are either kept on the old target or cut (reset),
 * as real VIP setups do: a proxy keeps established sessions, an address moving to another host cuts
 * them.
 *
 * <pre>{@code
 * try (VipForwarder vip = VipForwarder.start(new InetSocketAddress("127.0.0.1", oldPort))) {
 *   String url = "jdbc:mysql://127.0.0.1:" + vip.port() + "/";
 *   vip.moveTo(new InetSocketAddress("127.0.0.1", newPort), VipForwarder.OnMove.CUT_CONNECTIONS);
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class VipForwarder implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(VipForwarder.class);
  private static final int BUFFER = 64 * 1024;

  /** What a move does to the connections that exist when it happens. */
  public enum OnMove {
    /** Existing connections stay with the old target; only new ones reach the new target. */
    KEEP_CONNECTIONS,
    /** Existing connections are reset (both sides see the connection end). */
    CUT_CONNECTIONS
  }

  private final ServerSocket listener;
  private final Duration connectTimeout;
  private final Set<Link> links = ConcurrentHashMap.newKeySet();
  private final AtomicLong accepted = new AtomicLong();
  private final Thread acceptor;
  private volatile InetSocketAddress target;
  private volatile boolean closed;

  private VipForwarder(ServerSocket listener, InetSocketAddress target, Duration connectTimeout) {
    this.listener = listener;
    this.target = target;
    this.connectTimeout = connectTimeout;
    this.acceptor = new Thread(this::acceptLoop, "vip-forwarder-" + listener.getLocalPort());
    this.acceptor.setDaemon(true);
  }

  /**
   * Starts a forwarder on a free loopback port, leading to {@code target}.
   *
   * @throws UncheckedIOException if no loopback port can be opened
   */
  public static VipForwarder start(InetSocketAddress target) {
    return start(target, Duration.ofSeconds(5));
  }

  /**
   * Starts a forwarder on a free loopback port, leading to {@code target}; a connection to the target
   * that does not succeed within {@code connectTimeout} closes the client's connection.
   *
   * @throws IllegalArgumentException if {@code connectTimeout} is not positive
   * @throws UncheckedIOException if no loopback port can be opened
   */
  public static VipForwarder start(InetSocketAddress target, Duration connectTimeout) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    if (connectTimeout.isZero() || connectTimeout.isNegative()) {
      throw new IllegalArgumentException("connectTimeout must be positive, got " + connectTimeout);
    }
    try {
      ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      VipForwarder forwarder = new VipForwarder(listener, target, connectTimeout);
      forwarder.acceptor.start();
      return forwarder;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a loopback port for the forwarder: " + e.getMessage(), e);
    }
  }

  /** Returns the loopback host clients connect to. */
  public String host() {
    return listener.getInetAddress().getHostAddress();
  }

  /** Returns the port clients connect to. */
  public int port() {
    return listener.getLocalPort();
  }

  /** Returns the address clients connect to. */
  public InetSocketAddress address() {
    return new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort());
  }

  /** Returns where new connections go, or empty while {@link #detach detached}. */
  public Optional<InetSocketAddress> target() {
    return Optional.ofNullable(target);
  }

  /** Returns how many forwarded connections are open now. */
  public int openConnections() {
    return links.size();
  }

  /** Returns how many open connections lead to {@code server}. */
  public int openConnectionsTo(InetSocketAddress server) {
    int n = 0;
    for (Link link : links) {
      if (link.target.equals(server)) {
        n++;
      }
    }
    return n;
  }

  /** Returns how many client connections were accepted since the start. */
  public long acceptedConnections() {
    return accepted.get();
  }

  /**
   * Leads new connections to {@code newTarget}; existing connections are kept or cut as
   * {@code onMove} says.
   */
  public void moveTo(InetSocketAddress newTarget, OnMove onMove) {
    Objects.requireNonNull(newTarget, "newTarget");
    Objects.requireNonNull(onMove, "onMove");
    InetSocketAddress old = target;
    target = newTarget;
    LOG.info("vip :{} moved from {} to {} ({})", port(), old, newTarget, onMove);
    if (onMove == OnMove.CUT_CONNECTIONS) {
      cutAll();
    }
  }

  /**
   * Leads new connections nowhere (they are closed at once), as while a VIP is between hosts;
   * existing connections are kept or cut as {@code onMove} says.
   */
  public void detach(OnMove onMove) {
    Objects.requireNonNull(onMove, "onMove");
    target = null;
    LOG.info("vip :{} detached ({})", port(), onMove);
    if (onMove == OnMove.CUT_CONNECTIONS) {
      cutAll();
    }
  }

  /** Cuts every open connection; new ones are still accepted. */
  public void cutAll() {
    for (Link link : List.copyOf(links)) {
      link.cut();
    }
  }

  /** Stops accepting and cuts every connection. */
  @Override
  public void close() {
    closed = true;
    try {
      listener.close();
    } catch (IOException e) {
      LOG.debug("closing the listener of :{}: {}", port(), e.toString());
    }
    cutAll();
  }

  private void acceptLoop() {
    while (!closed) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        if (!closed) {
          LOG.warn("vip :{} stopped accepting: {}", port(), e.toString());
        }
        return;
      }
      accepted.incrementAndGet();
      InetSocketAddress to = target;
      if (to == null) {
        reset(client);
        continue;
      }
      Thread connector = new Thread(() -> open(client, to), "vip-forwarder-" + port() + "-connect");
      connector.setDaemon(true);
      connector.start();
    }
  }

  private void open(Socket client, InetSocketAddress to) {
    Socket server = new Socket();
    try {
      server.connect(to, (int) connectTimeout.toMillis());
      client.setTcpNoDelay(true);
      server.setTcpNoDelay(true);
    } catch (IOException e) {
      LOG.debug("vip :{} cannot reach {}: {}", port(), to, e.toString());
      reset(client);
      closeQuietly(server);
      return;
    }
    Link link = new Link(client, server, to);
    links.add(link);
    if (closed) {
      link.cut();
      return;
    }
    link.pump(client, server, "up");
    link.pump(server, client, "down");
  }

  /** One forwarded connection: the client's socket and the target's. */
  private final class Link {
    final Socket client;
    final Socket server;
    final InetSocketAddress target;
    private int finished;

    Link(Socket client, Socket server, InetSocketAddress target) {
      this.client = client;
      this.server = server;
      this.target = target;
    }

    void pump(Socket from, Socket to, String direction) {
      Thread t = new Thread(() -> {
        byte[] buf = new byte[BUFFER];
        try (InputStream in = from.getInputStream()) {
          OutputStream out = to.getOutputStream();
          int n;
          while ((n = in.read(buf)) >= 0) {
            out.write(buf, 0, n);
            out.flush();
          }
          to.shutdownOutput();
        } catch (IOException e) {
          // The other side went away, or the link was cut: end both.
          cut();
          return;
        }
        halfDone();
      }, "vip-forwarder-" + port() + "-" + direction);
      t.setDaemon(true);
      t.start();
    }

    private synchronized void halfDone() {
      if (++finished == 2) {
        closeQuietly(client);
        closeQuietly(server);
        links.remove(this);
      }
    }

    void cut() {
      reset(client);
      reset(server);
      links.remove(this);
    }
  }

  /** Closes with a TCP reset, so the peer sees the connection end at once. */
  private static void reset(Socket s) {
    try {
      if (!s.isClosed()) {
        s.setSoLinger(true, 0);
      }
    } catch (SocketException e) {
      // Already unusable: closing is all that is left.
    }
    closeQuietly(s);
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // Nothing to do: the socket is gone either way.
    }
  }
}
