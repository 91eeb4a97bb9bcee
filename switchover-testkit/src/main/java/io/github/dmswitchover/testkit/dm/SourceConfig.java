package io.github.dmswitchover.testkit.dm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;

/**
 * A DM source configuration (the YAML given to {@code operate-source create}): source id, upstream
 * address and credentials, GTID and relay settings. Immutable; built with {@link #builder(String)}
 * or read from DM's YAML with {@link #fromYaml(String)}.
 *
 * <pre>{@code
 * SourceConfig source = SourceConfig.builder("mysql-replica-01")
 *     .withAddress("127.0.0.1", vip.port())
 *     .withUser("root", "")
 *     .withGtid(true)
 *     .build();
 * }</pre>
 */
public final class SourceConfig {
  private final String sourceId;
  private final String host;
  private final int port;
  private final String user;
  private final String password;
  private final boolean enableGtid;
  private final boolean enableRelay;
  private final Optional<String> flavor;
  private final Optional<Long> serverId;
  private final Optional<String> relayBinlogGtid;

  private SourceConfig(Builder b) {
    this.sourceId = b.sourceId;
    this.host = b.host;
    this.port = b.port;
    this.user = b.user;
    this.password = b.password;
    this.enableGtid = b.enableGtid;
    this.enableRelay = b.enableRelay;
    this.flavor = Optional.ofNullable(b.flavor);
    this.serverId = Optional.ofNullable(b.serverId);
    this.relayBinlogGtid = Optional.ofNullable(b.relayBinlogGtid);
  }

  /**
   * Returns a builder for a source with the given id.
   *
   * @throws IllegalArgumentException if the id is blank
   */
  public static Builder builder(String sourceId) {
    return new Builder(sourceId);
  }

  /**
   * Reads DM's source YAML ({@code source-id}, {@code enable-gtid}, {@code enable-relay},
   * {@code flavor}, {@code server-id}, {@code relay-binlog-gtid}, {@code from: {host, port, user, password}}).
   *
   * @throws IllegalArgumentException if the YAML cannot be read or a required item is missing; the
   *     message names the item
   */
  public static SourceConfig fromYaml(String yaml) {
    JsonNode n = Yaml.read(yaml, "source configuration");
    return fromTree(n);
  }

  static SourceConfig fromTree(JsonNode n) {
    String id = Yaml.text(n, "source-id").orElseThrow(() -> new IllegalArgumentException("source configuration: `source-id` is missing"));
    JsonNode from = n.path("from");
    if (!from.isObject()) {
      throw new IllegalArgumentException("source configuration " + id + ": `from` is missing");
    }
    Builder b = builder(id)
        .withAddress(Yaml.text(from, "host").orElseThrow(() -> new IllegalArgumentException("source configuration " + id + ": `from.host` is missing")),
            from.path("port").asInt(3306))
        .withUser(Yaml.text(from, "user").orElse("root"), Yaml.text(from, "password").orElse(""))
        .withGtid(n.path("enable-gtid").asBoolean(false))
        .withRelay(n.path("enable-relay").asBoolean(false));
    Yaml.text(n, "flavor").filter(f -> !f.isEmpty()).ifPresent(b::withFlavor);
    if (n.hasNonNull("server-id")) {
      b.withServerId(n.path("server-id").asLong());
    }
    Yaml.text(n, "relay-binlog-gtid").filter(g -> !g.isEmpty()).ifPresent(b::withRelayBinlogGtid);
    return b.build();
  }

  /** Returns this configuration as DM's source YAML (password included, as DM expects it). */
  public String toYaml() {
    return Yaml.write(toTree(false));
  }

  ObjectNode toTree(boolean maskPassword) {
    ObjectNode n = Yaml.object();
    n.put("source-id", sourceId);
    n.put("enable-gtid", enableGtid);
    n.put("enable-relay", enableRelay);
    flavor.ifPresent(f -> n.put("flavor", f));
    serverId.ifPresent(s -> n.put("server-id", s));
    relayBinlogGtid.ifPresent(g -> n.put("relay-binlog-gtid", g));
    ObjectNode from = n.putObject("from");
    from.put("host", host);
    from.put("port", port);
    from.put("user", user);
    from.put("password", maskPassword ? "******" : password);
    return n;
  }

  /** Returns a builder holding this configuration. */
  public Builder toBuilder() {
    Builder b = builder(sourceId).withAddress(host, port).withUser(user, password).withGtid(enableGtid).withRelay(enableRelay);
    flavor.ifPresent(b::withFlavor);
    serverId.ifPresent(b::withServerId);
    relayBinlogGtid.ifPresent(b::withRelayBinlogGtid);
    return b;
  }

  /** Returns the source id. */
  public String sourceId() {
    return sourceId;
  }

  /** Returns the upstream host. */
  public String host() {
    return host;
  }

  /** Returns the upstream port. */
  public int port() {
    return port;
  }

  /** Returns the upstream user. */
  public String user() {
    return user;
  }

  /** Returns the upstream password. */
  public String password() {
    return password;
  }

  /** Returns {@code enable-gtid}. */
  public boolean enableGtid() {
    return enableGtid;
  }

  /** Returns {@code enable-relay}. */
  public boolean enableRelay() {
    return enableRelay;
  }

  /** Returns {@code flavor} ({@code mysql} or {@code mariadb}) when given; DM detects it otherwise. */
  public Optional<String> flavor() {
    return flavor;
  }

  /** Returns {@code server-id} when given; DM generates one otherwise. */
  public Optional<Long> serverId() {
    return serverId;
  }

  /** Returns {@code relay-binlog-gtid} when given. */
  public Optional<String> relayBinlogGtid() {
    return relayBinlogGtid;
  }

  /** Returns the source id and address; never the password. */
  @Override
  public String toString() {
    return "SourceConfig[" + sourceId + " " + user + "@" + host + ":" + port + ", enable-gtid=" + enableGtid
        + ", enable-relay=" + enableRelay + "]";
  }

  /** Builds a {@link SourceConfig}; not thread-safe. */
  public static final class Builder {
    private final String sourceId;
    private String host = "127.0.0.1";
    private int port = 3306;
    private String user = "root";
    private String password = "";
    private boolean enableGtid;
    private boolean enableRelay;
    private String flavor;
    private Long serverId;
    private String relayBinlogGtid;

    private Builder(String sourceId) {
      Objects.requireNonNull(sourceId, "sourceId");
      if (sourceId.isBlank()) {
        throw new IllegalArgumentException("sourceId must not be blank");
      }
      this.sourceId = sourceId;
    }

    /**
     * Sets the upstream address.
     *
     * @throws IllegalArgumentException if the host is blank or the port is not 1–65535
     */
    public Builder withAddress(String host, int port) {
      Objects.requireNonNull(host, "host");
      if (host.isBlank()) {
        throw new IllegalArgumentException("host must not be blank");
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port must be between 1 and 65535, got " + port);
      }
      this.host = host;
      this.port = port;
      return this;
    }

    /** Sets the upstream user and password. */
    public Builder withUser(String user, String password) {
      this.user = Objects.requireNonNull(user, "user");
      this.password = Objects.requireNonNull(password, "password");
      return this;
    }

    /** Sets {@code enable-gtid} (default false, as in DM). */
    public Builder withGtid(boolean enableGtid) {
      this.enableGtid = enableGtid;
      return this;
    }

    /** Sets {@code enable-relay} (default false). */
    public Builder withRelay(boolean enableRelay) {
      this.enableRelay = enableRelay;
      return this;
    }

    /**
     * Sets {@code flavor}.
     *
     * @throws IllegalArgumentException unless it is {@code mysql} or {@code mariadb}
     */
    public Builder withFlavor(String flavor) {
      Objects.requireNonNull(flavor, "flavor");
      if (!flavor.equals("mysql") && !flavor.equals("mariadb")) {
        throw new IllegalArgumentException("flavor must be mysql or mariadb, got '" + flavor + "'");
      }
      this.flavor = flavor;
      return this;
    }

    /**
     * Sets {@code server-id}, the id DM announces to the upstream.
     *
     * @throws IllegalArgumentException if it is not between 1 and 4294967295
     */
    public Builder withServerId(long serverId) {
      if (serverId < 1 || serverId > 0xFFFF_FFFFL) {
        throw new IllegalArgumentException("server-id must be between 1 and 4294967295, got " + serverId);
      }
      this.serverId = serverId;
      return this;
    }

    /** Sets {@code relay-binlog-gtid}, where a new relay starts. */
    public Builder withRelayBinlogGtid(String gtid) {
      this.relayBinlogGtid = Objects.requireNonNull(gtid, "gtid");
      return this;
    }

    /** Builds the configuration. */
    public SourceConfig build() {
      return new SourceConfig(this);
    }
  }
}
