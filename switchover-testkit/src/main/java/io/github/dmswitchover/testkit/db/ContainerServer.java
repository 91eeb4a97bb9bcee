package io.github.dmswitchover.testkit.db;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * A server in a container, started through Testcontainers; used for versions not installed locally
 * (MySQL 5.7, 8.0, 8.4). Members of one group share a container network and replicate from each
 * other by network alias. This class is loaded only when Testcontainers is on the class path.
 */
final class ContainerServer implements MemberRuntime {
  private static final int SERVER_PORT = 3306;

  private final Flavor flavor;
  private final String alias;
  private final Duration startTimeout;
  private final GenericContainer<?> container;
  private ServerVersion version;
  private int mappedPort;
  private boolean started;

  static boolean dockerAvailable() {
    return DockerClientFactory.instance().isDockerAvailable();
  }

  /** A network for one group's containers; closing it removes it. */
  static AutoCloseable newNetwork() {
    return Network.newNetwork();
  }

  ContainerServer(String image, Flavor flavor, AutoCloseable network, String alias, int serverId,
      Map<String, String> options, Duration startTimeout) {
    this.flavor = flavor;
    this.alias = alias;
    this.startTimeout = startTimeout;
    List<String> args = new ArrayList<>();
    args.add("--server-id=" + serverId);
    args.add("--skip-name-resolve");
    args.add("--relay-log=relay-bin");
    args.add("--report-host=" + alias);
    args.add("--binlog-format=ROW");
    if (flavor == Flavor.MYSQL) {
      args.add("--log-bin=bin");
      args.add("--gtid-mode=ON");
      args.add("--enforce-gtid-consistency=ON");
      args.add("--log-slave-updates=ON");
    } else {
      args.add("--log-bin=mariadb-bin");
      args.add("--log-slave-updates=ON");
      args.add("--gtid-strict-mode=ON");
    }
    options.forEach((k, v) -> args.add("--" + k + "=" + v));
    @SuppressWarnings("resource")
    GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(image))
        .withNetwork((Network) network)
        .withNetworkAliases(alias)
        .withExposedPorts(SERVER_PORT)
        .withCommand(args.toArray(String[]::new))
        .waitingFor(Wait.forLogMessage(".*port: " + SERVER_PORT + ".*", 1).withStartupTimeout(startTimeout));
    if (flavor == Flavor.MYSQL) {
      c.withEnv("MYSQL_ALLOW_EMPTY_PASSWORD", "yes");
    } else {
      c.withEnv("MARIADB_ALLOW_EMPTY_ROOT_PASSWORD", "1");
    }
    this.container = c;
  }

  @Override
  public String host() {
    return container.getHost();
  }

  @Override
  public int port() {
    return mappedPort;
  }

  @Override
  public String peerHost() {
    return alias;
  }

  @Override
  public int peerPort() {
    return SERVER_PORT;
  }

  @Override
  public ServerVersion version() {
    if (version == null) {
      throw new IllegalStateException(alias + " has not been started yet");
    }
    return version;
  }

  @Override
  public synchronized void start() {
    if (!started) {
      container.start();
      started = true;
    } else if (!isRunning()) {
      docker().startContainerCmd(container.getContainerId()).exec();
    } else {
      return;
    }
    mappedPort = currentMappedPort();
    if (!Poll.until(this::accepts, startTimeout)) {
      throw new IllegalStateException(alias + " (" + container.getDockerImageName()
          + ") did not accept connections within " + startTimeout + ":\n" + logTail());
    }
    if (version == null) {
      try (Connection c = Jdbc.connect(host(), mappedPort)) {
        version = ServerVersion.parse(flavor, Jdbc.value(c, "SELECT VERSION()"));
      } catch (SQLException e) {
        throw new IllegalStateException(alias + ": cannot read the version: " + e.getMessage(), e);
      }
    }
  }

  private boolean accepts() {
    try (Connection c = Jdbc.connect(host(), mappedPort)) {
      return "1".equals(Jdbc.value(c, "SELECT 1"));
    } catch (SQLException e) {
      return false;
    }
  }

  private int currentMappedPort() {
    InspectContainerResponse info = docker().inspectContainerCmd(container.getContainerId()).exec();
    Ports.Binding[] bindings = info.getNetworkSettings().getPorts().getBindings().get(ExposedPort.tcp(SERVER_PORT));
    if (bindings == null || bindings.length == 0) {
      throw new IllegalStateException(alias + ": port " + SERVER_PORT + " is not published");
    }
    return Integer.parseInt(bindings[0].getHostPortSpec());
  }

  private DockerClient docker() {
    return container.getDockerClient();
  }

  @Override
  public synchronized void stop() {
    if (isRunning()) {
      docker().stopContainerCmd(container.getContainerId()).withTimeout(60).exec();
    }
  }

  @Override
  public synchronized void kill() {
    if (isRunning()) {
      docker().killContainerCmd(container.getContainerId()).exec();
    }
  }

  @Override
  public synchronized boolean isRunning() {
    if (!started) {
      return false;
    }
    Boolean running = docker().inspectContainerCmd(container.getContainerId()).exec().getState().getRunning();
    return Boolean.TRUE.equals(running);
  }

  @Override
  public OptionalLong residentMemoryBytes() {
    return OptionalLong.empty();
  }

  @Override
  public String logTail() {
    if (!started) {
      return "(not started)";
    }
    String logs = container.getLogs();
    String[] lines = logs.split("\n");
    return String.join("\n", java.util.Arrays.asList(lines).subList(Math.max(0, lines.length - 40), lines.length));
  }

  @Override
  public synchronized void destroy() {
    container.stop();
  }
}
