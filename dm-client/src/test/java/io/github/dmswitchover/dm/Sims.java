package io.github.dmswitchover.dm;

import io.github.dmswitchover.testkit.dm.DmProfile;
import io.github.dmswitchover.testkit.dm.DmSimulator;
import io.github.dmswitchover.testkit.dm.DmctlMain;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
   * This JVM's class path with the project's own jars copied aside when the class loads: other
   * worktrees install their own {@code 0.1.0-SNAPSHOT} into the shared local repository, and a
   * dmctl stand-in started later must run the testkit these tests were compiled against.
   */
  private static final String STAND_IN_CLASS_PATH = privateClassPath();

  private static String privateClassPath() {
    try {
      Path dir = Files.createTempDirectory("dm-client-it-classpath-");
      dir.toFile().deleteOnExit();
      List<String> out = new ArrayList<>();
      for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
        Path p = Path.of(entry);
        if (entry.contains("io" + File.separator + "github" + File.separator + "dmswitchover") && Files.isRegularFile(p)) {
          Path copy = dir.resolve(p.getFileName());
          Files.copy(p, copy, StandardCopyOption.REPLACE_EXISTING);
          copy.toFile().deleteOnExit();
          out.add(copy.toString());
        } else {
          out.add(entry);
        }
      }
      return String.join(File.pathSeparator, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A dmctl stand-in for this simulator: the testkit's {@code DmctlMain}, as {@link
   * DmSimulator#dmctl()} runs it (same arguments, same output), started with C1 only and the serial
   * collector (the ITs run it a few hundred times) and with the class path copied at start.
   */
  static Path fastDmctl(DmSimulator sim) {
    return FAST.computeIfAbsent(sim.dmctl(), launcher -> {
      try {
        Path dir = Files.createTempDirectory("dm-client-it-dmctl-");
        Path wrapper = dir.resolve("dmctl");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(wrapper, "#!/bin/sh\nexec '" + java + "' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -cp '"
            + STAND_IN_CLASS_PATH + "' " + DmctlMain.class.getName() + " \"$@\"\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
        // Registered after the folder, so deleted before it (deleteOnExit runs in reverse order).
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
