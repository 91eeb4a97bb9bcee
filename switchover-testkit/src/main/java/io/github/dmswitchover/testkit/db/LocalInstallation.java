package io.github.dmswitchover.testkit.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Server binaries installed on this machine: how to run them, and their version.
 *
 * <p>MySQL unpacked from Debian's packages (the provisioning script) runs through the loader and
 * libraries of its own dependency closure; a system MySQL or MariaDB runs directly.
 */
final class LocalInstallation {
  private static final String LIB_DIR = "usr/lib/x86_64-linux-gnu";

  private final Flavor flavor;
  private final List<String> launcher;
  private final Path server;
  private final Path baseDir;
  private final Optional<Path> messagesDir;
  private final Optional<Path> installDb;
  private final String origin;
  private final ServerVersion version;

  private LocalInstallation(
      Flavor flavor, List<String> launcher, Path server, Path baseDir, Optional<Path> messagesDir,
      Optional<Path> installDb, String origin) {
    this.flavor = flavor;
    this.launcher = List.copyOf(launcher);
    this.server = server;
    this.baseDir = baseDir;
    this.messagesDir = messagesDir;
    this.installDb = installDb;
    this.origin = origin;
    this.version = ServerVersion.parse(flavor, probeVersion());
  }

  /**
   * A MySQL package root as the provisioning script unpacks it: {@code root/usr/sbin/mysqld}, run
   * through {@code root/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2}.
   */
  static LocalInstallation mysqlPackageRoot(Path root, String origin) {
    Path mysqld = root.resolve("usr/sbin/mysqld");
    require(mysqld, origin);
    Path libs = root.resolve(LIB_DIR);
    Path loader = libs.resolve("ld-linux-x86-64.so.2");
    List<String> launcher = Files.isExecutable(loader)
        ? List.of(loader.toString(), "--library-path", libs.toString())
        : List.of();
    Path base = root.resolve("usr");
    return new LocalInstallation(Flavor.MYSQL, launcher, mysqld, base,
        existing(base.resolve("share/mysql")), Optional.empty(), origin);
  }

  /** A {@code mysqld} that runs directly, e.g. {@code /usr/sbin/mysqld}. */
  static LocalInstallation mysqld(Path mysqld, String origin) {
    require(mysqld, origin);
    Path base = prefixOf(mysqld);
    return new LocalInstallation(Flavor.MYSQL, List.of(), mysqld, base,
        existing(base.resolve("share/mysql")).or(() -> existing(base.resolve("share"))), Optional.empty(), origin);
  }

  /** A {@code mariadbd} (or {@code mysqld} of MariaDB) that runs directly, with its {@code mariadb-install-db}. */
  static LocalInstallation mariadbd(Path mariadbd, String origin) {
    require(mariadbd, origin);
    Path base = prefixOf(mariadbd);
    Optional<Path> installDb = existing(base.resolve("bin/mariadb-install-db"))
        .or(() -> existing(base.resolve("scripts/mariadb-install-db")))
        .or(() -> existing(mariadbd.resolveSibling("mariadb-install-db")))
        .or(() -> existing(base.resolve("bin/mysql_install_db")));
    if (installDb.isEmpty()) {
      throw new ServerUnavailableException(Flavor.MARIADB,
          "mariadb-install-db not found next to " + mariadbd + " (from " + origin + "); install the mariadb-server package");
    }
    return new LocalInstallation(Flavor.MARIADB, List.of(), mariadbd, base, Optional.empty(), installDb, origin);
  }

  Flavor flavor() {
    return flavor;
  }

  ServerVersion version() {
    return version;
  }

  Path server() {
    return server;
  }

  Path baseDir() {
    return baseDir;
  }

  Optional<Path> messagesDir() {
    return messagesDir;
  }

  Optional<Path> installDb() {
    return installDb;
  }

  /** Where these binaries were found, e.g. "environment variable DMSWITCHOVER_MYSQLD". */
  String origin() {
    return origin;
  }

  /** Returns the command that runs the server with the given arguments. */
  List<String> serverCommand(List<String> args) {
    List<String> command = new ArrayList<>(launcher);
    command.add(server.toString());
    command.addAll(args);
    return command;
  }

  /** Returns the command that runs another program of this installation (e.g. install-db). */
  List<String> programCommand(Path program, List<String> args) {
    List<String> command = new ArrayList<>(launcher);
    command.add(program.toString());
    command.addAll(args);
    return command;
  }

  @Override
  public String toString() {
    return version + " at " + server + " (from " + origin + ")";
  }

  private String probeVersion() {
    List<String> command = serverCommand(List.of("--version"));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new ServerUnavailableException(flavor, server + " --version did not answer in 30 s (from " + origin + ")");
      }
      String text = new String(out, StandardCharsets.UTF_8).strip();
      if (p.exitValue() != 0) {
        throw new ServerUnavailableException(flavor,
            server + " --version failed with exit code " + p.exitValue() + " (from " + origin + "): " + text);
      }
      int ver = text.indexOf("Ver ");
      return ver >= 0 ? text.substring(ver + 4) : text;
    } catch (IOException e) {
      throw new ServerUnavailableException(flavor, "cannot run " + server + " (from " + origin + "): " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServerUnavailableException(flavor, "interrupted while running " + server + " --version");
    }
  }

  private static void require(Path binary, String origin) {
    if (!Files.isRegularFile(binary)) {
      throw new ServerUnavailableException(
          binary.getFileName().toString().startsWith("mariadb") ? Flavor.MARIADB : Flavor.MYSQL,
          origin + " leads to " + binary + ", which does not exist");
    }
    if (!Files.isExecutable(binary)) {
      throw new ServerUnavailableException(
          binary.getFileName().toString().startsWith("mariadb") ? Flavor.MARIADB : Flavor.MYSQL,
          origin + " leads to " + binary + ", which is not executable");
    }
  }

  /** {@code /usr/sbin/mysqld} → {@code /usr}. */
  private static Path prefixOf(Path binary) {
    Path dir = binary.toAbsolutePath().getParent();
    Path parent = dir.getParent();
    return parent != null ? parent : dir;
  }

  private static Optional<Path> existing(Path path) {
    return Files.exists(path) ? Optional.of(path) : Optional.empty();
  }
}
