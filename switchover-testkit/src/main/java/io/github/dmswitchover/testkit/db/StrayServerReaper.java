package io.github.dmswitchover.testkit.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure no server outlives the JVM that started it.
 *
 * <p>Each group folder ({@code dmsw-*} in the run folder) holds an {@code owner} file naming the JVM
 * (pid and start time). A shutdown hook stops every open group when the JVM exits; when a JVM is
 * killed so that no hook runs, the first group started by the next JVM finds the folders whose owner
 * is gone, kills the servers still running from them (a process counts only if its command line
 * names that folder) and deletes the folders.
 */
final class StrayServerReaper {
  private static final Logger LOG = LoggerFactory.getLogger(StrayServerReaper.class);
  static final String PREFIX = "dmsw-";
  private static final Duration ORPHAN_GRACE = Duration.ofMinutes(10);
  private static final AtomicBoolean REAPED = new AtomicBoolean();
  private static final AtomicBoolean HOOKED = new AtomicBoolean();
  private static final Set<ReplicationGroup> OPEN = ConcurrentHashMap.newKeySet();

  private StrayServerReaper() {}

  /** Reaps the folders of dead JVMs, once per JVM. */
  static void reapOnce() {
    if (REAPED.compareAndSet(false, true)) {
      reap(Environment.runDirectory());
    }
  }

  /** Creates a new group folder owned by this JVM. */
  static Path newGroupDirectory() {
    try {
      Path root = Environment.runDirectory();
      Files.createDirectories(root);
      Path dir = Files.createTempDirectory(root, PREFIX);
      ProcessHandle self = ProcessHandle.current();
      Files.writeString(dir.resolve("owner"), self.pid() + " " + startMillis(self).orElse(0L) + "\n",
          StandardCharsets.UTF_8);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a group folder: " + e.getMessage(), e);
    }
  }

  static void register(ReplicationGroup group) {
    OPEN.add(group);
    if (HOOKED.compareAndSet(false, true)) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        for (ReplicationGroup g : List.copyOf(OPEN)) {
          g.close();
        }
      }, "replication-group-shutdown"));
    }
  }

  static void unregister(ReplicationGroup group) {
    OPEN.remove(group);
  }

  /** Reaps every group folder in {@code root} whose owner JVM is gone. Returns how many it reaped. */
  static int reap(Path root) {
    if (!Files.isDirectory(root)) {
      return 0;
    }
    int reaped = 0;
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, PREFIX + "*")) {
      for (Path dir : dirs) {
        if (Files.isDirectory(dir) && Files.isWritable(dir) && ownerGone(dir)) {
          reapFolder(dir);
          reaped++;
        }
      }
    } catch (IOException e) {
      LOG.warn("cannot scan {} for stray servers: {}", root, e.toString());
    }
    return reaped;
  }

  private static boolean ownerGone(Path dir) throws IOException {
    Path owner = dir.resolve("owner");
    if (!Files.exists(owner)) {
      // Written right after the folder is created: a folder without one is either being created now
      // or was left by a crash at that exact moment.
      FileTime modified = Files.getLastModifiedTime(dir);
      return modified.toInstant().isBefore(Instant.now().minus(ORPHAN_GRACE));
    }
    String[] parts = Files.readString(owner, StandardCharsets.UTF_8).strip().split("\\s+");
    long pid;
    long start;
    try {
      pid = Long.parseLong(parts[0]);
      start = parts.length > 1 ? Long.parseLong(parts[1]) : 0L;
    } catch (NumberFormatException e) {
      return true;
    }
    Optional<ProcessHandle> handle = ProcessHandle.of(pid);
    if (handle.isEmpty() || !handle.get().isAlive()) {
      return true;
    }
    // The pid may have been reused by another process since.
    Optional<Long> actualStart = startMillis(handle.get());
    return start != 0L && actualStart.isPresent() && Math.abs(actualStart.get() - start) > 1000;
  }

  private static void reapFolder(Path dir) {
    String marker = dir.toAbsolutePath().toString();
    List<ProcessHandle> strays = ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(cmd -> cmd.contains(marker)).orElse(false))
        .toList();
    for (ProcessHandle p : strays) {
      LOG.warn("killing stray server pid {} left in {} by a JVM that is gone", p.pid(), dir);
      p.destroyForcibly();
    }
    for (ProcessHandle p : strays) {
      try {
        p.onExit().get(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (ExecutionException | TimeoutException e) {
        LOG.warn("stray server pid {} did not exit: {}", p.pid(), e.toString());
      }
    }
    try {
      FileTrees.deleteRecursively(dir);
    } catch (IOException e) {
      LOG.warn("cannot delete stray group folder {}: {}", dir, e.toString());
    }
  }

  private static Optional<Long> startMillis(ProcessHandle p) {
    return p.info().startInstant().map(Instant::toEpochMilli);
  }
}
