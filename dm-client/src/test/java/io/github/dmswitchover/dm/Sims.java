package io.github.dmswitchover.dm;

import io.github.dmswitchover.testkit.dm.DmProfile;
import io.github.dmswitchover.testkit.dm.DmSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Simulators for the client's tests, and polling. Sources point at an unreachable upstream
 * (127.0.0.1:1) unless a test needs replication; the simulated syncers keep retrying, so subtasks
 * stay Running.
 */
final class Sims {
  static final Duration WAIT = Duration.ofSeconds(30);

  private Sims() {}

  static DmSimulator.Builder builder(DmProfile profile) {
    return DmSimulator.builder().withProfile(profile).withWorkers(3).withoutAutoResume().withReconnectAttempts(1_000_000)
        .withUnitDuration(Duration.ofMillis(50)).withElectionDelay(Duration.ofMillis(200))
        .withCheckpointFlushInterval(Duration.ofMillis(200));
  }

  static DmSimulator start(DmProfile profile) {
    return builder(profile).start();
  }

  static DmClient.Builder client(DmSimulator sim) {
    return DmClient.builder().withMasters(sim.masterAddresses()).withDmctl(fastDmctl(sim))
        .withRequestTimeout(Duration.ofSeconds(20)).withRetries(9, Duration.ofMillis(50), Duration.ofMillis(400));
  }

  private static final Map<Path, Path> FAST = new ConcurrentHashMap<>();

  /**
   * The simulator's dmctl launcher behind a wrapper that starts its JVM with C1 only and the serial
   * collector: the stand-in runs for a second, and the ITs run it a few hundred times. Its
   * arguments and output are the launcher's.
   */
  static Path fastDmctl(DmSimulator sim) {
    return FAST.computeIfAbsent(sim.dmctl(), launcher -> {
      try {
        Path dir = Files.createTempDirectory("dm-client-it-dmctl-");
        Path wrapper = dir.resolve("dmctl");
        // Registered after the folder, so deleted before it (deleteOnExit runs in reverse order).
        Files.writeString(wrapper, "#!/bin/sh\nJAVA_TOOL_OPTIONS='-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto'\n"
            + "export JAVA_TOOL_OPTIONS\nexec '" + launcher + "' \"$@\"\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
        dir.toFile().deleteOnExit();
        wrapper.toFile().deleteOnExit();
        return wrapper;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  static String sourceYaml(String id, String password) {
    return "source-id: " + id + "\nenable-gtid: true\nfrom:\n  host: 127.0.0.1\n  port: 1\n  user: dm\n"
        + "  password: '" + password + "'\n";
  }

  static String taskYaml(String name, String mode, String... sources) {
    StringBuilder sb = new StringBuilder("name: " + name + "\ntask-mode: " + mode + "\nmeta-schema: dm_meta\n"
        + "target-database:\n  host: 127.0.0.1\n  port: 4000\n  user: root\n  password: 'tidb-secret'\nmysql-instances:\n");
    for (String s : sources) {
      sb.append("- source-id: ").append(s).append('\n');
      if (mode.equals("incremental")) {
        sb.append("  meta:\n    binlog-gtid: \"\"\n");
      }
    }
    return sb.toString();
  }

  static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + WAIT + ": " + what);
      }
      LockSupport.parkNanos(Duration.ofMillis(25).toNanos());
    }
  }
}
