package io.github.dmswitchover.switchover.mysql;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Where and how to connect to a MySQL, MariaDB or TiDB server through mysql-connector-j: host,
 * port, user, password, TLS and timeouts. Immutable and thread-safe; its {@link #toString()} never
 * shows a password.
 *
 * <pre>{@code
 * DatabaseEndpoint db1 = DatabaseEndpoint.builder()
 *     .withHost("db1.example.com").withPort(3306)
 *     .withUser("dmsw_probe").withPassword(System.getenv("PROBE_PASSWORD"))
 *     .withSslMode(SslMode.VERIFY_CA)
 *     .withTrustStore(Path.of("/etc/dmsw/ca.p12"), "PKCS12", "changeit")
 *     .build();
 * }</pre>
 *
 * <p>Passwords are handed to the driver as connection properties, never in the JDBC URL, so they
 * cannot appear in a driver message that quotes the URL.
 */
public final class DatabaseEndpoint {
  private final String host;
  private final int port;
  private final String user;
  private final String password;
  private final SslMode sslMode;
  private final Store trustStore;
  private final Store clientCertificate;
  private final Duration connectTimeout;
  private final Duration socketTimeout;
  private final boolean allowPublicKeyRetrieval;
  private final Map<String, String> driverProperties;

  private DatabaseEndpoint(Builder b) {
    this.host = b.host;
    this.port = b.port;
    this.user = b.user;
    this.password = b.password;
    this.sslMode = b.sslMode;
    this.trustStore = b.trustStore;
    this.clientCertificate = b.clientCertificate;
    this.connectTimeout = b.connectTimeout;
    this.socketTimeout = b.socketTimeout;
    this.allowPublicKeyRetrieval = b.allowPublicKeyRetrieval;
    this.driverProperties = Collections.unmodifiableMap(new TreeMap<>(b.driverProperties));
  }

  /** Returns a new builder; host and user must be set, everything else has a default. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder holding this endpoint's settings, for a changed copy. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.host = host;
    b.port = port;
    b.user = user;
    b.password = password;
    b.sslMode = sslMode;
    b.trustStore = trustStore;
    b.clientCertificate = clientCertificate;
    b.connectTimeout = connectTimeout;
    b.socketTimeout = socketTimeout;
    b.allowPublicKeyRetrieval = allowPublicKeyRetrieval;
    b.driverProperties.putAll(driverProperties);
    return b;
  }

  /** Returns the host name or address. */
  public String host() {
    return host;
  }

  /** Returns the TCP port. */
  public int port() {
    return port;
  }

  /** Returns {@code host:port} (an IPv6 literal in brackets); never credentials. */
  public String address() {
    return Masking.hostPort(host, port);
  }

  /** Returns the user name. */
  public String user() {
    return user;
  }

  /** Returns the TLS mode. */
  public SslMode sslMode() {
    return sslMode;
  }

  /** Returns how long opening a connection may take. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** Returns how long the driver waits for any one answer from the server. */
  public Duration socketTimeout() {
    return socketTimeout;
  }

  /** Returns the trust store file, if one is set. */
  public Optional<Path> trustStore() {
    return Optional.ofNullable(trustStore).map(Store::path);
  }

  /** Returns the client certificate key store file, if one is set. */
  public Optional<Path> clientCertificate() {
    return Optional.ofNullable(clientCertificate).map(Store::path);
  }

  /** The JDBC URL: host and port only; every setting travels as a property. */
  String jdbcUrl() {
    return "jdbc:mysql://" + address() + "/";
  }

  /** The connection properties for {@code DriverManager.getConnection(url, properties)}. */
  Properties connectionProperties() {
    Properties p = new Properties();
    p.putAll(driverProperties);
    p.setProperty("user", user);
    p.setProperty("password", password);
    p.setProperty("sslMode", sslMode.name());
    p.setProperty("connectTimeout", Long.toString(connectTimeout.toMillis()));
    p.setProperty("socketTimeout", Long.toString(socketTimeout.toMillis()));
    p.setProperty("allowPublicKeyRetrieval", Boolean.toString(allowPublicKeyRetrieval));
    if (trustStore != null) {
      p.setProperty("trustCertificateKeyStoreUrl", trustStore.path().toUri().toString());
      p.setProperty("trustCertificateKeyStoreType", trustStore.type());
      p.setProperty("trustCertificateKeyStorePassword", trustStore.password());
    }
    if (clientCertificate != null) {
      p.setProperty("clientCertificateKeyStoreUrl", clientCertificate.path().toUri().toString());
      p.setProperty("clientCertificateKeyStoreType", clientCertificate.type());
      p.setProperty("clientCertificateKeyStorePassword", clientCertificate.password());
    }
    return p;
  }

  /** Every secret of this endpoint, for masking text. */
  List<String> secrets() {
    List<String> s = new ArrayList<>();
    s.add(password);
    if (trustStore != null) {
      s.add(trustStore.password());
    }
    if (clientCertificate != null) {
      s.add(clientCertificate.password());
    }
    driverProperties.forEach((k, v) -> {
      if (Masking.isSecretProperty(k)) {
        s.add(v);
      }
    });
    return s;
  }

  /** Returns a description with the user, address and TLS settings; passwords are shown as {@code ****}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("DatabaseEndpoint[").append(user).append('@').append(address())
        .append(", password=").append(password.isEmpty() ? "(empty)" : Masking.MASK)
        .append(", sslMode=").append(sslMode);
    if (trustStore != null) {
      sb.append(", trustStore=").append(trustStore.path()).append(" (").append(trustStore.type()).append(')');
    }
    if (clientCertificate != null) {
      sb.append(", clientCertificate=").append(clientCertificate.path()).append(" (").append(clientCertificate.type())
          .append(')');
    }
    sb.append(", connectTimeout=").append(connectTimeout).append(", socketTimeout=").append(socketTimeout);
    if (allowPublicKeyRetrieval) {
      sb.append(", allowPublicKeyRetrieval");
    }
    driverProperties.forEach((k, v) -> sb.append(", ").append(k).append('=')
        .append(Masking.isSecretProperty(k) ? Masking.MASK : v));
    return sb.append(']').toString();
  }

  /** A key store file for the driver. */
  private record Store(Path path, String type, String password) {}

  /** Builds a {@link DatabaseEndpoint}; not thread-safe. */
  public static final class Builder {
    private String host;
    private int port = 3306;
    private String user;
    private String password = "";
    private SslMode sslMode = SslMode.PREFERRED;
    private Store trustStore;
    private Store clientCertificate;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration socketTimeout = Duration.ofSeconds(60);
    private boolean allowPublicKeyRetrieval;
    private final Map<String, String> driverProperties = new TreeMap<>();

    private Builder() {}

    /**
     * Sets the host name or address (an IPv6 literal with or without brackets).
     *
     * @throws IllegalArgumentException if it is blank or holds whitespace, {@code /}, {@code @} or {@code ?}
     */
    public Builder withHost(String host) {
      Objects.requireNonNull(host, "host");
      String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
      if (h.isBlank() || h.chars().anyMatch(c -> Character.isWhitespace(c) || c == '/' || c == '@' || c == '?')) {
        throw new IllegalArgumentException("host must be a host name or address, got '" + host + "'");
      }
      this.host = h;
      return this;
    }

    /**
     * Sets the TCP port (default 3306).
     *
     * @throws IllegalArgumentException if it is not between 1 and 65535
     */
    public Builder withPort(int port) {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port must be between 1 and 65535, got " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Sets the user name.
     *
     * @throws IllegalArgumentException if it is empty
     */
    public Builder withUser(String user) {
      Objects.requireNonNull(user, "user");
      if (user.isEmpty()) {
        throw new IllegalArgumentException("user must not be empty");
      }
      this.user = user;
      return this;
    }

    /** Sets the password (default empty); it is never shown by {@code toString}, logs or exceptions. */
    public Builder withPassword(String password) {
      this.password = Objects.requireNonNull(password, "password");
      return this;
    }

    /** Sets the TLS mode (default {@link SslMode#PREFERRED}, the driver's). */
    public Builder withSslMode(SslMode sslMode) {
      this.sslMode = Objects.requireNonNull(sslMode, "sslMode");
      return this;
    }

    /**
     * Sets the trust store holding the CA certificates that sign the server's certificate (needed for
     * {@link SslMode#VERIFY_CA} and {@link SslMode#VERIFY_IDENTITY} unless the JVM's default trust
     * store has them). A PEM CA file can be imported into a PKCS12 store with
     * {@code keytool -importcert -storetype PKCS12}.
     *
     * @param path the key store file
     * @param type its type, e.g. {@code PKCS12} or {@code JKS}
     * @param password its password, possibly empty
     * @throws IllegalArgumentException if the file does not exist or the type is blank
     */
    public Builder withTrustStore(Path path, String type, String password) {
      this.trustStore = store("trustStore", path, type, password);
      return this;
    }

    /**
     * Sets the key store holding the client certificate and key, for servers that require one.
     *
     * @param path the key store file
     * @param type its type, e.g. {@code PKCS12} or {@code JKS}
     * @param password its password, possibly empty
     * @throws IllegalArgumentException if the file does not exist or the type is blank
     */
    public Builder withClientCertificate(Path path, String type, String password) {
      this.clientCertificate = store("clientCertificate", path, type, password);
      return this;
    }

    private static Store store(String field, Path path, String type, String password) {
      Objects.requireNonNull(path, field + " path");
      Objects.requireNonNull(type, field + " type");
      Objects.requireNonNull(password, field + " password");
      if (!Files.isRegularFile(path)) {
        throw new IllegalArgumentException(field + " must be an existing file, got " + path);
      }
      if (type.isBlank()) {
        throw new IllegalArgumentException(field + " type must not be blank");
      }
      return new Store(path.toAbsolutePath(), type, password);
    }

    /**
     * Sets how long opening a connection may take (default 5 s).
     *
     * @throws IllegalArgumentException if it is not positive or exceeds {@code Integer.MAX_VALUE} ms
     */
    public Builder withConnectTimeout(Duration timeout) {
      this.connectTimeout = positiveMillis("connectTimeout", timeout);
      return this;
    }

    /**
     * Sets how long the driver waits for any one answer from the server (default 60 s); it must
     * exceed the longest statement (the probes' query timeout).
     *
     * @throws IllegalArgumentException if it is not positive or exceeds {@code Integer.MAX_VALUE} ms
     */
    public Builder withSocketTimeout(Duration timeout) {
      this.socketTimeout = positiveMillis("socketTimeout", timeout);
      return this;
    }

    /**
     * Lets the driver fetch the server's RSA public key for {@code caching_sha2_password} over a
     * connection without TLS (default off: a man in the middle could supply its own key).
     */
    public Builder withAllowPublicKeyRetrieval(boolean allow) {
      this.allowPublicKeyRetrieval = allow;
      return this;
    }

    /**
     * Adds a mysql-connector-j connection property not covered above (e.g.
     * {@code serverRsaPublicKeyFile}). Values of properties whose names contain {@code password},
     * {@code secret}, {@code token} or {@code key} are masked in {@code toString}.
     *
     * @throws IllegalArgumentException if the name is blank or is one this builder sets itself
     */
    public Builder withDriverProperty(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      if (name.isBlank()) {
        throw new IllegalArgumentException("driver property name must not be blank");
      }
      if (List.of("user", "password", "sslMode", "connectTimeout", "socketTimeout", "allowPublicKeyRetrieval")
          .contains(name) || name.startsWith("trustCertificateKeyStore") || name.startsWith("clientCertificateKeyStore")) {
        throw new IllegalArgumentException("driver property " + name + " has its own builder method");
      }
      driverProperties.put(name, value);
      return this;
    }

    private static Duration positiveMillis(String field, Duration d) {
      Objects.requireNonNull(d, field);
      if (d.isNegative() || d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(field + " must be positive and at most " + Integer.MAX_VALUE + " ms, got " + d);
      }
      return d;
    }

    /**
     * Builds the endpoint.
     *
     * @throws IllegalStateException if the host or the user is not set
     */
    public DatabaseEndpoint build() {
      if (host == null) {
        throw new IllegalStateException("host is not set");
      }
      if (user == null) {
        throw new IllegalStateException("user is not set");
      }
      return new DatabaseEndpoint(this);
    }
  }
}
