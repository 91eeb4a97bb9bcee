package io.github.dmswitchover.switchover.mysql;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Whether a Docker engine is reachable for Testcontainers. The cheap checks come first (an engine
 * address or socket must exist), so that a machine without Docker does not make Testcontainers
 * probe and log every strategy it has.
 */
final class DockerEngine {
  private DockerEngine() {}

  /** Returns why no Docker engine can be used, or empty when one can. */
  static Optional<String> unavailableReason() {
    try {
      Class.forName("org.testcontainers.DockerClientFactory", false, DockerEngine.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return Optional.of("org.testcontainers:testcontainers is not on the test class path");
    }
    if (addressCandidates().isEmpty()) {
      return Optional.of("no Docker engine is reachable: DOCKER_HOST is not set, no docker.host is configured for"
          + " Testcontainers, and no Docker socket exists (" + String.join(", ", socketPaths()) + ")");
    }
    try {
      return org.testcontainers.DockerClientFactory.instance().isDockerAvailable()
          ? Optional.empty()
          : Optional.of("Testcontainers found no working Docker engine at " + addressCandidates());
    } catch (RuntimeException | LinkageError e) {
      return Optional.of("Testcontainers cannot reach a Docker engine: " + e.getMessage());
    }
  }

  private static List<String> addressCandidates() {
    List<String> found = new ArrayList<>();
    String env = System.getenv("DOCKER_HOST");
    if (env != null && !env.isBlank()) {
      found.add("DOCKER_HOST=" + env);
    }
    Path props = Path.of(System.getProperty("user.home"), ".testcontainers.properties");
    if (Files.isRegularFile(props)) {
      Properties p = new Properties();
      try (InputStream in = Files.newInputStream(props)) {
        p.load(in);
      } catch (IOException e) {
        // An unreadable file configures nothing.
      }
      if (p.getProperty("docker.host") != null) {
        found.add("docker.host=" + p.getProperty("docker.host"));
      }
    }
    for (String s : socketPaths()) {
      if (Files.exists(Path.of(s))) {
        found.add(s);
      }
    }
    return found;
  }

  private static List<String> socketPaths() {
    List<String> paths = new ArrayList<>(List.of("/var/run/docker.sock",
        Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock").toString(),
        Path.of(System.getProperty("user.home"), ".docker", "desktop", "docker.sock").toString()));
    String runtime = System.getenv("XDG_RUNTIME_DIR");
    if (runtime != null && !runtime.isBlank()) {
      paths.add(Path.of(runtime, "docker.sock").toString());
    }
    return paths;
  }
}
