package io.github.dmswitchover.testkit.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A server process on this machine, in its own folder, on a loopback port. */
final class LocalServerProcess implements MemberRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(LocalServerProcess.class);
  private static final String HOST = "127.0.0.1";
  private static final int PORT_ATTEMPTS = 5;
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

  private final LocalInstallation installation;
  private final Path dir;
  private final String name;
  private final int serverId;
  private final Map<String, String> options;
  private final Duration startTimeout;
  private int port;
  private boolean startedOnce;
  private Process process;

  /**
   * Creates the member's folder from the template; the server is not started yet.
   *
   * @param options server options appended after the fixture's own, so that they override them
   */
  LocalServerProcess(LocalInstallation installation, Path template, Path dir, String name, int serverId,
      Map<String, String> options, Duration startTimeout) {
    this.installation = installation;
    this.dir = dir;
    this.name = name;
    this.serverId = serverId;
    this.options = Map.copyOf(options);
    this.startTimeout = startTimeout;
    try {
      Files.createDirectories(dir);
      FileTrees.copy(template, dataDir());
      if (installation.flavor() == Flavor.MYSQL) {
        Files.writeString(dataDir().resolve("auto.cnf"),
            "[auto]\nserver-uuid=" + UUID.randomUUID() + "\n", StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + name + " in " + dir + ": " + e.getMessage(), e);
    }
  }

  private Path dataDir() {
    return dir.resolve("data");
  }

  private Path errorLog() {
    return dir.resolve("error.log");
  }

  @Override
  public String host() {
    return HOST;
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public String peerHost() {
    return HOST;
  }

  @Override
  public int peerPort() {
    return port;
  }

  @Override
  public ServerVersion version() {
    return installation.version();
  }

  @Override
  public synchronized void start() {
    if (isRunning()) {
      return;
    }
    if (startedOnce) {
      launch();
      return;
    }
    // A free port can be taken by another build between choosing it and the server binding it.
    for (int attempt = 1; ; attempt++) {
      port = freePort();
      try {
        launch();
        startedOnce = true;
        return;
      } catch (PortTakenException e) {
        if (attempt == PORT_ATTEMPTS) {
          throw new IllegalStateException(name + " could not bind a free port in " + PORT_ATTEMPTS + " attempts", e);
        }
        LOG.debug("{}: port {} was taken, retrying", name, port);
      }
    }
  }

  private void launch() {
    List<String> command = installation.serverCommand(arguments());
    LOG.debug("{}: starting {}", name, String.join(" ", command));
    try {
      Files.deleteIfExists(dir.resolve("pid"));
      process = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("console.log").toFile()))
          .start();
      process.getOutputStream().close();
    } catch (IOException e) {
      throw new UncheckedIOException(name + ": cannot start " + installation.server() + ": " + e.getMessage(), e);
    }
    Poll.until(() -> !process.isAlive() || accepts(), startTimeout);
    if (process.isAlive() && accepts()) {
      return;
    }
    boolean exited = !process.isAlive();
    String tail = logTail();
    boolean portTaken = tail.contains("Address already in use") || someoneElseAnswers();
    process.destroyForcibly();
    if (portTaken) {
      throw new PortTakenException();
    }
    if (exited) {
      throw new IllegalStateException(name + " (" + installation.version() + ") exited with code "
          + process.exitValue() + " while starting; " + errorLog() + ":\n" + tail);
    }
    throw new IllegalStateException(name + " did not accept connections within " + startTimeout + "; "
        + errorLog() + ":\n" + tail);
  }

  /**
   * Whether our server answers on the port. The data folder is compared because another build on
   * the same machine may hold the port we picked: then the answer comes from its server, ours dies
   * on the bind error, and we must not mistake the one for the other.
   */
  private boolean accepts() {
    return process.isAlive() && answeringDataDir().map(this::isOurs).orElse(false);
  }

  /** Whether a server that is not ours answers on our port. */
  private boolean someoneElseAnswers() {
    return answeringDataDir().map(d -> !isOurs(d)).orElse(false);
  }

  private boolean isOurs(String datadir) {
    return Path.of(datadir).toAbsolutePath().normalize().equals(dataDir().toAbsolutePath().normalize());
  }

  /** The data folder of whatever server answers on the port, empty if none answers. */
  private Optional<String> answeringDataDir() {
    try (Connection c = Jdbc.connect(HOST, port)) {
      return Optional.of(String.valueOf(Jdbc.value(c, "SELECT @@GLOBAL.datadir")));
    } catch (SQLException e) {
      return Optional.empty();
    }
  }

  private List<String> arguments() {
    ServerVersion v = installation.version();
    List<String> a = new ArrayList<>();
    a.add("--no-defaults");
    if (Environment.isRoot()) {
      a.add("--user=root");
    }
    a.add("--datadir=" + dataDir());
    a.add("--port=" + port);
    a.add("--bind-address=" + HOST);
    a.add("--socket=" + dir.resolve("sock"));
    a.add("--pid-file=" + dir.resolve("pid"));
    a.add("--log-error=" + errorLog());
    a.add("--skip-name-resolve");
    a.add("--server-id=" + serverId);
    a.add("--report-host=" + HOST);
    a.add("--report-port=" + port);
    a.add("--relay-log=relay-bin");
    a.add("--innodb-buffer-pool-size=16M");
    a.add("--performance-schema=OFF");
    if (installation.flavor() == Flavor.MYSQL) {
      a.add("--basedir=" + installation.baseDir());
      installation.messagesDir().ifPresent(m -> a.add("--lc-messages-dir=" + m));
      a.add("--secure-file-priv=");
      a.add("--log-bin=bin");
      a.add("--gtid-mode=ON");
      a.add("--enforce-gtid-consistency=ON");
      if (v.atLeast(8, 0, 0)) {
        a.add("--mysqlx=OFF");
      } else {
        a.add("--log-slave-updates=ON");
        a.add("--binlog-format=ROW");
      }
      if (v.atLeast(8, 0, 30)) {
        a.add("--innodb-redo-log-capacity=8M");
      }
    } else {
      a.add("--log-bin=mariadb-bin");
      a.add("--binlog-format=ROW");
      a.add("--log-slave-updates=ON");
      a.add("--gtid-strict-mode=ON");
      a.add("--innodb-log-file-size=10M");
    }
    options.forEach((k, value) -> a.add("--" + k + "=" + value));
    return a;
  }

  @Override
  public synchronized void stop() {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        LOG.warn("{}: no clean shutdown within {}; killing it", name, STOP_TIMEOUT);
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping " + name, e);
    }
  }

  @Override
  public synchronized void kill() {
    if (process == null || !process.isAlive()) {
      return;
    }
    try {
      process.destroyForcibly().waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while killing " + name, e);
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** The process id, for the stray-server reaper; -1 when not running. */
  synchronized long pid() {
    return isRunning() ? process.pid() : -1;
  }

  @Override
  public synchronized OptionalLong residentMemoryBytes() {
    if (!isRunning()) {
      return OptionalLong.empty();
    }
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          String kb = line.substring("VmRSS:".length()).replace("kB", "").strip();
          return OptionalLong.of(Long.parseLong(kb) * 1024);
        }
      }
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty();
    }
    return OptionalLong.empty();
  }

  @Override
  public String logTail() {
    return FileTrees.tail(errorLog(), 40);
  }

  @Override
  public void destroy() {
    kill();
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName(HOST))) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port: " + e.getMessage(), e);
    }
  }

  /** The server exited because its port was taken; retried on another port. */
  private final class PortTakenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PortTakenException() {
      super(name + ": port " + port + " is taken by another server");
    }
  }
}
