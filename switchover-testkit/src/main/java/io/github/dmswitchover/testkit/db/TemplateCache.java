package io.github.dmswitchover.testkit.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Initialised data folders, one per installation, kept in the cache folder so that a member starts
 * from a copy instead of initialising (seconds saved per member). Safe across JVMs: creation holds a
 * file lock, and a template counts only once its {@code READY} marker exists.
 */
final class TemplateCache {
  /** Bumped whenever what a template holds changes, so that old templates are not reused. */
  private static final String LAYOUT = "t1";
  private static final Duration INIT_TIMEOUT = Duration.ofMinutes(3);

  private TemplateCache() {}

  /** Returns the template data folder for this installation, creating it when missing. */
  static Path template(LocalInstallation installation) {
    Path dir = Environment.cacheDirectory().resolve("templates").resolve(key(installation));
    Path data = dir.resolve("data");
    Path ready = dir.resolve("READY");
    if (Files.exists(ready)) {
      return data;
    }
    try {
      Files.createDirectories(dir);
      // The lock is released when the channel closes.
      try (FileChannel channel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        channel.lock();
        if (Files.exists(ready)) {
          return data;
        }
        Path partial = dir.resolve("data.partial");
        Files.deleteIfExists(ready);
        FileTrees.deleteRecursively(partial);
        FileTrees.deleteRecursively(data);
        initialise(installation, dir, partial);
        Files.move(partial, data);
        Files.writeString(ready, installation.version().text() + "\n", StandardCharsets.UTF_8);
        return data;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the " + installation.flavor().displayName()
          + " template data folder in " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void initialise(LocalInstallation inst, Path dir, Path partial) throws IOException {
    Path log = dir.resolve("initialise.log");
    List<String> command;
    if (inst.flavor() == Flavor.MYSQL) {
      Path initFile = dir.resolve("init.sql");
      // --initialize-insecure creates only root@localhost, reachable through the socket; the fixtures
      // connect over TCP to 127.0.0.1. Initialisation runs without a binary log, so this creates no GTID.
      Files.writeString(initFile,
          "CREATE USER 'root'@'127.0.0.1' IDENTIFIED BY '';\n"
              + "GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;\n",
          StandardCharsets.UTF_8);
      List<String> args = new ArrayList<>(List.of(
          "--no-defaults",
          "--initialize-insecure",
          "--datadir=" + partial,
          "--basedir=" + inst.baseDir(),
          "--log-error=" + log,
          "--init-file=" + initFile));
      inst.messagesDir().ifPresent(m -> args.add("--lc-messages-dir=" + m));
      if (Environment.isRoot()) {
        args.add("--user=root");
      }
      if (inst.version().atLeast(8, 0, 30)) {
        args.add("--innodb-redo-log-capacity=8M");
      }
      command = inst.serverCommand(args);
    } else {
      List<String> args = new ArrayList<>(List.of(
          "--no-defaults",
          "--datadir=" + partial,
          "--basedir=" + inst.baseDir(),
          "--auth-root-authentication-method=normal",
          "--skip-test-db",
          "--skip-name-resolve",
          "--innodb-log-file-size=10M"));
      if (Environment.isRoot()) {
        args.add("--user=root");
      }
      command = inst.programCommand(inst.installDb().orElseThrow(), args);
    }
    Process p = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
    p.getOutputStream().close();
    boolean done;
    try {
      done = p.waitFor(INIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while initialising " + partial, e);
    }
    if (!done) {
      p.destroyForcibly();
      throw new IOException("initialising took longer than " + INIT_TIMEOUT + "; log " + log + ":\n" + FileTrees.tail(log, 30));
    }
    if (p.exitValue() != 0) {
      throw new IOException("initialising failed with exit code " + p.exitValue() + ": " + String.join(" ", command)
          + "\nlog " + log + ":\n" + FileTrees.tail(log, 30));
    }
    // Every member must get its own server_uuid: the copies write their own auto.cnf.
    Files.deleteIfExists(partial.resolve("auto.cnf"));
  }

  private static String key(LocalInstallation inst) {
    String version = inst.version().text().replaceAll("[^A-Za-z0-9.+-]", "_");
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(inst.server().toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8));
      return inst.flavor().name().toLowerCase(java.util.Locale.ROOT) + "-" + version + "-"
          + HexFormat.of().formatHex(digest, 0, 4) + "-" + LAYOUT;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
