package io.github.dmswitchover.testkit.internal.binlog;

import java.time.Duration;
import java.util.Objects;

/**
 * What replication connection a {@link BinlogDumpClient} opens: the server, the account, the
 * replica server id it announces, where the dump starts, and its timeouts.
 *
 * <pre>{@code
 * BinlogDumpRequest request = BinlogDumpRequest.builder(ServerFlavor.MYSQL)
 *     .withAddress("127.0.0.1", 3306)
 *     .withCredentials("dm", "secret")
 *     .withReplicaServerId(429_496_001L)
 *     .withStartPosition(StartPosition.parseMysql("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5"))
 *     .build();
 * }</pre>
 *
 * <p>{@link #toString()} masks the password. Immutable and thread-safe.
 *
 * @param host the server's host name or address
 * @param port the server's port, 1 to 65535
 * @param user the account, not empty; it needs the {@code REPLICATION SLAVE} privilege
 * @param password the account's password, possibly empty; never logged nor put in a message
 * @param flavor the server family
 * @param replicaServerId the server id announced to the server, 1 to 2^32 − 1 (DM announces its
 *     source config's {@code server-id}); MariaDB ends an older dump connection that announced the
 *     same id, so concurrent clients need distinct ids
 * @param startPosition the GTIDs the replica already has, of the same flavor
 * @param connectTimeout how long the TCP connection may take to open
 * @param readTimeout how long a read may wait for the server; longer than {@code heartbeatPeriod}
 * @param heartbeatPeriod how often the server sends a heartbeat on an idle stream, 1 ms to 4294967 s
 */
public record BinlogDumpRequest(
    String host,
    int port,
    String user,
    String password,
    ServerFlavor flavor,
    long replicaServerId,
    StartPosition startPosition,
    Duration connectTimeout,
    Duration readTimeout,
    Duration heartbeatPeriod) {

  /** The largest heartbeat period the servers accept. */
  public static final Duration MAX_HEARTBEAT_PERIOD = Duration.ofSeconds(4_294_967L);

  /**
   * Checks every component.
   *
   * @throws IllegalArgumentException if a component is out of range, the start position is of
   *     another flavor, or the read timeout is not longer than the heartbeat period (the message
   *     names the component and the value)
   */
  public BinlogDumpRequest {
    checkHost(host);
    checkPort(port);
    checkUser(user);
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(flavor, "flavor");
    checkServerId(replicaServerId);
    Objects.requireNonNull(startPosition, "startPosition");
    checkPositive("connectTimeout", connectTimeout);
    checkPositive("readTimeout", readTimeout);
    checkHeartbeat(heartbeatPeriod);
    if (startPosition.flavor() != flavor) {
      throw new IllegalArgumentException("startPosition is a " + startPosition.flavor() + " position but flavor is "
          + flavor);
    }
    if (readTimeout.compareTo(heartbeatPeriod) <= 0) {
      throw new IllegalArgumentException("readTimeout (" + readTimeout + ") must be longer than heartbeatPeriod ("
          + heartbeatPeriod + "), or an idle stream would time out between heartbeats");
    }
    if (connectTimeout.toMillis() > Integer.MAX_VALUE || readTimeout.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("connectTimeout and readTimeout must be at most " + Integer.MAX_VALUE
          + " ms, got " + connectTimeout + " and " + readTimeout);
    }
  }

  /** Returns a builder for a request to a server of {@code flavor}, starting from the empty position. */
  public static Builder builder(ServerFlavor flavor) {
    return new Builder(Objects.requireNonNull(flavor, "flavor"));
  }

  /** Returns a builder holding this request's settings. */
  public Builder toBuilder() {
    Builder b = new Builder(flavor);
    b.host = host;
    b.port = port;
    b.user = user;
    b.password = password;
    b.replicaServerId = replicaServerId;
    b.startPosition = startPosition;
    b.connectTimeout = connectTimeout;
    b.readTimeout = readTimeout;
    b.heartbeatPeriod = heartbeatPeriod;
    return b;
  }

  /** Returns {@code host:port}. */
  public String address() {
    return host + ":" + port;
  }

  /** Returns the settings with the password masked. */
  @Override
  public String toString() {
    return "BinlogDumpRequest[" + flavor + " " + address() + ", user=" + user + ", password="
        + (password.isEmpty() ? "(empty)" : "****") + ", replicaServerId=" + replicaServerId + ", start='"
        + startPosition + "', connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
        + ", heartbeatPeriod=" + heartbeatPeriod + "]";
  }

  private static void checkHost(String host) {
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
  }

  private static void checkPort(int port) {
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port must be between 1 and 65535, got " + port);
    }
  }

  private static void checkUser(String user) {
    Objects.requireNonNull(user, "user");
    if (user.isEmpty()) {
      throw new IllegalArgumentException("user must not be empty");
    }
  }

  private static void checkServerId(long id) {
    if (id < 1 || id > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("replicaServerId must be between 1 and 4294967295, got " + id);
    }
  }

  private static void checkPositive(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive, got " + d);
    }
  }

  private static void checkHeartbeat(Duration d) {
    Objects.requireNonNull(d, "heartbeatPeriod");
    if (d.compareTo(Duration.ofMillis(1)) < 0 || d.compareTo(MAX_HEARTBEAT_PERIOD) > 0) {
      throw new IllegalArgumentException("heartbeatPeriod must be between 1 ms and " + MAX_HEARTBEAT_PERIOD
          + ", got " + d);
    }
  }

  /**
   * Builds a {@link BinlogDumpRequest}. Host, port and user have no default; the password defaults
   * to empty, the replica server id to 1, the start position to the empty one, the connect timeout
   * to 5 s, the heartbeat period to 5 s and the read timeout to 20 s. Not thread-safe.
   */
  public static final class Builder {
    private final ServerFlavor flavor;
    private String host;
    private int port;
    private String user;
    private String password = "";
    private long replicaServerId = 1;
    private StartPosition startPosition;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration readTimeout = Duration.ofSeconds(20);
    private Duration heartbeatPeriod = Duration.ofSeconds(5);

    private Builder(ServerFlavor flavor) {
      this.flavor = flavor;
      this.startPosition = StartPosition.empty(flavor);
    }

    /**
     * Sets the server's address.
     *
     * @throws IllegalArgumentException if the host is blank or the port is not between 1 and 65535
     */
    public Builder withAddress(String host, int port) {
      checkHost(host);
      checkPort(port);
      this.host = host;
      this.port = port;
      return this;
    }

    /**
     * Sets the account and its password (possibly empty).
     *
     * @throws IllegalArgumentException if the user is empty
     */
    public Builder withCredentials(String user, String password) {
      checkUser(user);
      this.user = user;
      this.password = Objects.requireNonNull(password, "password");
      return this;
    }

    /**
     * Sets the server id announced to the server.
     *
     * @throws IllegalArgumentException if it is not between 1 and 4294967295
     */
    public Builder withReplicaServerId(long id) {
      checkServerId(id);
      this.replicaServerId = id;
      return this;
    }

    /**
     * Sets where the dump starts.
     *
     * @throws IllegalArgumentException if the position is of another flavor than the builder's
     */
    public Builder withStartPosition(StartPosition position) {
      Objects.requireNonNull(position, "position");
      if (position.flavor() != flavor) {
        throw new IllegalArgumentException("startPosition is a " + position.flavor() + " position but the request is for "
            + flavor);
      }
      this.startPosition = position;
      return this;
    }

    /**
     * Sets how long opening the TCP connection may take.
     *
     * @throws IllegalArgumentException if it is not positive
     */
    public Builder withConnectTimeout(Duration timeout) {
      checkPositive("connectTimeout", timeout);
      this.connectTimeout = timeout;
      return this;
    }

    /**
     * Sets how long one read may wait for the server; must end up longer than the heartbeat period.
     *
     * @throws IllegalArgumentException if it is not positive
     */
    public Builder withReadTimeout(Duration timeout) {
      checkPositive("readTimeout", timeout);
      this.readTimeout = timeout;
      return this;
    }

    /**
     * Sets how often the server sends a heartbeat on an idle stream.
     *
     * @throws IllegalArgumentException if it is not between 1 ms and {@link BinlogDumpRequest#MAX_HEARTBEAT_PERIOD}
     */
    public Builder withHeartbeatPeriod(Duration period) {
      checkHeartbeat(period);
      this.heartbeatPeriod = period;
      return this;
    }

    /**
     * Builds the request.
     *
     * @throws IllegalStateException if the address or the credentials were not set
     * @throws IllegalArgumentException if the read timeout is not longer than the heartbeat period
     */
    public BinlogDumpRequest build() {
      if (host == null) {
        throw new IllegalStateException("the server address is not set: call withAddress(host, port)");
      }
      if (user == null) {
        throw new IllegalStateException("the user is not set: call withCredentials(user, password)");
      }
      return new BinlogDumpRequest(host, port, user, password, flavor, replicaServerId, startPosition,
          connectTimeout, readTimeout, heartbeatPeriod);
    }
  }
}
