package io.github.dmswitchover.testkit.db;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a server to run, in this order: system properties or environment variables, the
 * provisioning script's cache, binaries on this machine (MariaDB), then Testcontainers where a
 * Docker engine runs. When nothing is found, the exception says what was tried and what to install.
 */
final class ServerLocator {
  static final String MYSQL_ROOT_PROPERTY = "dmswitchover.mysql.root";
  static final String MYSQL_ROOT_VARIABLE = "DMSWITCHOVER_MYSQL_ROOT";
  static final String MYSQLD_PROPERTY = "dmswitchover.mysqld";
  static final String MYSQLD_VARIABLE = "DMSWITCHOVER_MYSQLD";
  static final String MARIADBD_PROPERTY = "dmswitchover.mariadbd";
  static final String MARIADBD_VARIABLE = "DMSWITCHOVER_MARIADBD";

  /** The image used when no version is asked for and nothing is installed locally. */
  static final String DEFAULT_MYSQL_IMAGE_TAG = "8.4";
  static final String DEFAULT_MARIADB_IMAGE_TAG = "10.11";

  private ServerLocator() {}

  /** Where a server comes from. */
  sealed interface Location permits Local, Container {}

  /** Binaries on this machine. */
  record Local(LocalInstallation installation) implements Location {}

  /** A container image, started through Testcontainers. */
  record Container(String image) implements Location {}

  static Location locate(Flavor flavor, Optional<String> version) {
    List<String> tried = new ArrayList<>();
    for (Candidate candidate : candidates(flavor)) {
      LocalInstallation installation;
      try {
        installation = candidate.open();
      } catch (ServerUnavailableException e) {
        if (candidate.explicit()) {
          throw e;
        }
        tried.add(e.getMessage());
        continue;
      }
      if (version.isEmpty() || installation.version().matches(version.get())) {
        return new Local(installation);
      }
      tried.add(installation + " is not the requested version " + version.get());
    }
    String image = (flavor == Flavor.MYSQL ? "mysql:" : "mariadb:")
        + version.orElse(flavor == Flavor.MYSQL ? DEFAULT_MYSQL_IMAGE_TAG : DEFAULT_MARIADB_IMAGE_TAG);
    Optional<String> docker = dockerUnavailableReason();
    if (docker.isEmpty()) {
      return new Container(image);
    }
    tried.add("Testcontainers (" + image + "): " + docker.get());
    throw new ServerUnavailableException(flavor, explain(flavor, version, tried));
  }

  private record Candidate(boolean explicit, Opener opener) {
    LocalInstallation open() {
      return opener.open();
    }
  }

  @FunctionalInterface
  private interface Opener {
    LocalInstallation open();
  }

  private static List<Candidate> candidates(Flavor flavor) {
    List<Candidate> list = new ArrayList<>();
    Map<String, String> provisioned = Environment.provisioned();
    Path cache = Environment.cacheDirectory();
    if (flavor == Flavor.MYSQL) {
      Environment.setting(MYSQL_ROOT_PROPERTY, MYSQL_ROOT_VARIABLE).ifPresent(s -> list.add(
          new Candidate(true, () -> LocalInstallation.mysqlPackageRoot(Path.of(s.value()), s.origin()))));
      Environment.setting(MYSQLD_PROPERTY, MYSQLD_VARIABLE).ifPresent(s -> list.add(
          new Candidate(true, () -> LocalInstallation.mysqld(Path.of(s.value()), s.origin()))));
      String root = provisioned.get(MYSQL_ROOT_VARIABLE);
      Path fromScript = root != null ? Path.of(root) : cache.resolve("mysql-9.7");
      list.add(new Candidate(false, () -> LocalInstallation.mysqlPackageRoot(fromScript,
          "the provisioning script's cache " + cache)));
    } else {
      Environment.setting(MARIADBD_PROPERTY, MARIADBD_VARIABLE).ifPresent(s -> list.add(
          new Candidate(true, () -> LocalInstallation.mariadbd(Path.of(s.value()), s.origin()))));
      String recorded = provisioned.get(MARIADBD_VARIABLE);
      if (recorded != null) {
        list.add(new Candidate(false, () -> LocalInstallation.mariadbd(Path.of(recorded),
            "the provisioning script's record in " + cache)));
      }
      for (String dir : List.of("/usr/sbin", "/usr/local/sbin", "/usr/bin", "/usr/local/bin")) {
        Path mariadbd = Path.of(dir, "mariadbd");
        if (Files.isExecutable(mariadbd) && (recorded == null || !Path.of(recorded).equals(mariadbd))) {
          list.add(new Candidate(false, () -> LocalInstallation.mariadbd(mariadbd, "this machine's " + dir)));
        }
      }
    }
    return list;
  }

  /** Returns why Testcontainers cannot be used here, or empty when it can. */
  static Optional<String> dockerUnavailableReason() {
    try {
      Class.forName("org.testcontainers.DockerClientFactory", false, ServerLocator.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return Optional.of("org.testcontainers:testcontainers is not on the test class path");
    }
    try {
      return ContainerServer.dockerAvailable()
          ? Optional.empty()
          : Optional.of("no Docker engine is reachable");
    } catch (RuntimeException | LinkageError e) {
      return Optional.of("Testcontainers cannot reach a Docker engine: " + e.getMessage());
    }
  }

  private static String explain(Flavor flavor, Optional<String> version, List<String> tried) {
    StringBuilder sb = new StringBuilder();
    sb.append("No ").append(flavor.displayName()).append(version.map(v -> " " + v).orElse(""))
        .append(" server for the test fixtures. Tried:");
    for (String t : tried) {
      sb.append("\n  - ").append(t);
    }
    sb.append("\nTo get one, either:");
    if (flavor == Flavor.MYSQL) {
      sb.append("\n  - run scripts/provision-test-databases.sh (Debian or Ubuntu: MySQL 9.7 from Debian's packages,"
          + " unpacked under ").append(Environment.cacheDirectory()).append("), or")
          .append("\n  - set -D").append(MYSQL_ROOT_PROPERTY).append(" / ").append(MYSQL_ROOT_VARIABLE)
          .append(" to an unpacked MySQL package root, or -D").append(MYSQLD_PROPERTY).append(" / ")
          .append(MYSQLD_VARIABLE).append(" to a mysqld, or");
    } else {
      sb.append("\n  - run scripts/provision-test-databases.sh, or as root: apt-get install -y mariadb-server mariadb-client, or")
          .append("\n  - set -D").append(MARIADBD_PROPERTY).append(" / ").append(MARIADBD_VARIABLE)
          .append(" to a mariadbd, or");
    }
    sb.append("\n  - run a Docker engine and put org.testcontainers:testcontainers on the test class path.");
    return sb.toString();
  }
}
