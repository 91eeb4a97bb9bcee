package io.github.dmswitchover.testkit.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Where the fixtures look for settings and keep their cache; reads system properties, then the environment. */
final class Environment {
  /** The file that {@code scripts/provision-test-databases.sh} writes into the cache folder. */
  static final String PROVISIONED_FILE = "test-databases.env";

  private Environment() {}

  /** Returns whether this is a CI run ({@code CI=true}), where a missing server fails instead of skipping. */
  static boolean isCi() {
    String ci = System.getenv("CI");
    return ci != null && ci.strip().toLowerCase(Locale.ROOT).equals("true");
  }

  /** Returns a non-blank system property or environment variable, with the name it came from. */
  static Optional<Setting> setting(String property, String variable) {
    String value = System.getProperty(property);
    if (value != null && !value.isBlank()) {
      return Optional.of(new Setting("system property " + property, value.strip()));
    }
    value = System.getenv(variable);
    if (value != null && !value.isBlank()) {
      return Optional.of(new Setting("environment variable " + variable, value.strip()));
    }
    return Optional.empty();
  }

  /**
   * Returns the cache folder: {@code dmswitchover.cache} or {@code DMSWITCHOVER_CACHE}, else
   * {@code $XDG_CACHE_HOME/dm-switchover}, else {@code ~/.cache/dm-switchover} (the provisioning
   * script uses the same rule).
   */
  static Path cacheDirectory() {
    Optional<Setting> explicit = setting("dmswitchover.cache", "DMSWITCHOVER_CACHE");
    if (explicit.isPresent()) {
      return Path.of(explicit.get().value());
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("dm-switchover");
  }

  /** Returns the {@code KEY=value} lines the provisioning script recorded, or an empty map. */
  static Map<String, String> provisioned() {
    Path file = cacheDirectory().resolve(PROVISIONED_FILE);
    Map<String, String> values = new LinkedHashMap<>();
    if (!Files.isRegularFile(file)) {
      return values;
    }
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (String line : lines) {
        String l = line.strip();
        int eq = l.indexOf('=');
        if (l.isEmpty() || l.startsWith("#") || eq <= 0) {
          continue;
        }
        values.put(l.substring(0, eq).strip(), l.substring(eq + 1).strip());
      }
    } catch (IOException e) {
      // An unreadable file is the same as no file: the locator then explains what to install.
      return Map.of();
    }
    return values;
  }

  /** Returns the folder for running groups: short, because a server's socket path is limited to 107 bytes. */
  static Path runDirectory() {
    Optional<Setting> explicit = setting("dmswitchover.tmpdir", "DMSWITCHOVER_TMPDIR");
    if (explicit.isPresent()) {
      return Path.of(explicit.get().value());
    }
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    if (tmp.toAbsolutePath().toString().length() > 40 && Files.isDirectory(Path.of("/tmp"))) {
      return Path.of("/tmp");
    }
    return tmp;
  }

  /** Returns whether this process runs as root (servers then need {@code --user=root}). */
  static boolean isRoot() {
    try {
      Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
      return Integer.valueOf(0).equals(uid);
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }

  /** A value and where it came from, for messages. */
  record Setting(String origin, String value) {}
}
