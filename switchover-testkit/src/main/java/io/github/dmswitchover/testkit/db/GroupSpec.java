package io.github.dmswitchover.testkit.db;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What replication group to start: flavor, number of members, optional server version and extra
 * server options. Immutable and thread-safe; built with {@link #mysql()}, {@link #mariadb()} or
 * {@link #builder(Flavor)}.
 *
 * <pre>{@code
 * GroupSpec spec = GroupSpec.mysql()
 *     .withMembers(3)
 *     .withMemberOption(2, "log_replica_updates", "OFF")
 *     .build();
 * }</pre>
 */
public final class GroupSpec {
  /** The most members a group may have. */
  public static final int MAX_MEMBERS = 9;

  private static final Pattern OPTION_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
  private static final Pattern VERSION = Pattern.compile("\\d+(\\.\\d+){0,2}");

  private final Flavor flavor;
  private final int members;
  private final Optional<String> version;
  private final Map<String, String> serverOptions;
  private final Map<Integer, Map<String, String>> memberOptions;
  private final Duration startTimeout;

  private GroupSpec(Builder b) {
    this.flavor = b.flavor;
    this.members = b.members;
    this.version = Optional.ofNullable(b.version);
    this.serverOptions = Collections.unmodifiableMap(new LinkedHashMap<>(b.serverOptions));
    Map<Integer, Map<String, String>> perMember = new TreeMap<>();
    b.memberOptions.forEach((k, v) -> perMember.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
    this.memberOptions = Collections.unmodifiableMap(perMember);
    this.startTimeout = b.startTimeout;
  }

  /** Returns a builder for a MySQL group of three members. */
  public static Builder mysql() {
    return builder(Flavor.MYSQL);
  }

  /** Returns a builder for a MariaDB group of three members. */
  public static Builder mariadb() {
    return builder(Flavor.MARIADB);
  }

  /** Returns a builder for a group of three members of the given flavor. */
  public static Builder builder(Flavor flavor) {
    return new Builder(Objects.requireNonNull(flavor, "flavor"));
  }

  /** Returns a builder holding this spec's settings. */
  public Builder toBuilder() {
    Builder b = new Builder(flavor);
    b.members = members;
    b.version = version.orElse(null);
    b.serverOptions.putAll(serverOptions);
    memberOptions.forEach((k, v) -> b.memberOptions.put(k, new LinkedHashMap<>(v)));
    b.startTimeout = startTimeout;
    return b;
  }

  /** Returns the server family. */
  public Flavor flavor() {
    return flavor;
  }

  /** Returns the number of members; member 0 starts as the primary. */
  public int members() {
    return members;
  }

  /** Returns the requested server version prefix (e.g. {@code "8.0"}), if any. */
  public Optional<String> version() {
    return version;
  }

  /** Returns the options given to every member's server, in order. */
  public Map<String, String> serverOptions() {
    return serverOptions;
  }

  /** Returns the options of one member (after the ones for all members), possibly empty. */
  public Map<String, String> memberOptions(int index) {
    return memberOptions.getOrDefault(index, Map.of());
  }

  /** Returns how long one member may take to start. */
  public Duration startTimeout() {
    return startTimeout;
  }

  @Override
  public String toString() {
    return flavor.displayName() + version.map(v -> " " + v).orElse("") + " group of " + members;
  }

  /** Builds a {@link GroupSpec}; not thread-safe. */
  public static final class Builder {
    private final Flavor flavor;
    private int members = 3;
    private String version;
    private final Map<String, String> serverOptions = new LinkedHashMap<>();
    private final Map<Integer, Map<String, String>> memberOptions = new TreeMap<>();
    private Duration startTimeout = Duration.ofSeconds(60);

    private Builder(Flavor flavor) {
      this.flavor = flavor;
    }

    /**
     * Sets the number of members (default 3): one primary and {@code count - 1} replicas.
     *
     * @throws IllegalArgumentException if {@code count} is not between 1 and {@value #MAX_MEMBERS}
     */
    public Builder withMembers(int count) {
      if (count < 1 || count > MAX_MEMBERS) {
        throw new IllegalArgumentException("members must be between 1 and " + MAX_MEMBERS + ", got " + count);
      }
      this.members = count;
      return this;
    }

    /**
     * Asks for a server version, as a prefix such as {@code "8.0"} or {@code "5.7"}. Local
     * binaries of another version are then not used; a container image of that version is.
     *
     * @throws IllegalArgumentException if {@code version} is not one to three dot-separated numbers
     */
    public Builder withVersion(String version) {
      Objects.requireNonNull(version, "version");
      if (!VERSION.matcher(version).matches()) {
        throw new IllegalArgumentException("version must look like 8, 8.0 or 8.0.36, got '" + version + "'");
      }
      this.version = version;
      return this;
    }

    /**
     * Adds a server option for every member, e.g. {@code ("binlog_expire_logs_seconds", "3600")};
     * it is passed as {@code --name=value} after the fixture's own options, so it overrides them.
     *
     * @throws IllegalArgumentException if the name is not an option name
     */
    public Builder withServerOption(String name, String value) {
      serverOptions.put(checkName(name), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Adds a server option for one member (0 is the first primary), after the options for all.
     *
     * @throws IllegalArgumentException if the index is negative or the name is not an option name
     */
    public Builder withMemberOption(int index, String name, String value) {
      if (index < 0 || index >= MAX_MEMBERS) {
        throw new IllegalArgumentException("member index must be between 0 and " + (MAX_MEMBERS - 1) + ", got " + index);
      }
      memberOptions.computeIfAbsent(index, k -> new LinkedHashMap<>())
          .put(checkName(name), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Sets how long one member may take to become ready (default 60 s).
     *
     * @throws IllegalArgumentException if the timeout is not positive
     */
    public Builder withStartTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isZero() || timeout.isNegative()) {
        throw new IllegalArgumentException("startTimeout must be positive, got " + timeout);
      }
      this.startTimeout = timeout;
      return this;
    }

    /**
     * Builds the spec.
     *
     * @throws IllegalArgumentException if a member option names a member beyond {@code members}
     */
    public GroupSpec build() {
      for (Integer index : memberOptions.keySet()) {
        if (index >= members) {
          throw new IllegalArgumentException(
              "an option is set for member " + index + " but the group has only " + members + " members");
        }
      }
      return new GroupSpec(this);
    }

    private static String checkName(String name) {
      Objects.requireNonNull(name, "name");
      if (!OPTION_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("not a server option name: '" + name + "'");
      }
      return name;
    }
  }
}
