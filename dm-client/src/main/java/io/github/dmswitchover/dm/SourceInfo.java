package io.github.dmswitchover.dm;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A source's configuration as DM returns it; DM never returns the password, and this type never
 * holds one.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param source the source id
 * @param host the upstream host, if DM printed it
 * @param port the upstream port, if DM printed it
 * @param user the upstream user, if DM printed it
 * @param enableGtid {@code enable-gtid}
 * @param enabled whether the source is enabled (OpenAPI v6.0+ and source YAML)
 * @param relayEnabled {@code enable-relay}, when DM printed it
 * @param flavor {@code mysql} or {@code mariadb}, when DM printed it
 * @param config the configuration text DM returned (YAML from {@code get-config}, JSON from the
 *     OpenAPI), passwords masked
 */
public record SourceInfo(String source, Optional<String> host, OptionalInt port, Optional<String> user, boolean enableGtid,
    Optional<Boolean> enabled, Optional<Boolean> relayEnabled, Optional<String> flavor, String config) {
  /**
   * Checks the fields and masks the configuration text.
   *
   * @throws NullPointerException if a field is null
   */
  public SourceInfo {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(port, "port");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(enabled, "enabled");
    Objects.requireNonNull(relayEnabled, "relayEnabled");
    Objects.requireNonNull(flavor, "flavor");
    config = Secrets.mask(Objects.requireNonNull(config, "config"));
  }

  /**
   * Returns whether the upstream is MariaDB, when DM said.
   *
   * @return true for {@code mariadb}, false for {@code mysql}, empty when not printed
   */
  public Optional<Boolean> isMariadb() {
    return flavor.filter(f -> !f.isBlank()).map(f -> f.equalsIgnoreCase("mariadb"));
  }
}
