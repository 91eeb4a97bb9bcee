package io.github.dmswitchover.testkit.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A JVM killed with SIGKILL leaves its servers running; the next run stops them and deletes their folder. */
class StrayServerReaperIT {

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void reap_afterTheOwnerJvmWasKilled_stopsItsServersAndDeletesTheFolder(Flavor flavor) throws Exception {
    requireServer(flavor);
    Path shortRoot = Files.createTempDirectory(Path.of("/tmp"), "reaper-test-");
    try {
      Process holder = new ProcessBuilder(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"),
          "-Ddmswitchover.tmpdir=" + shortRoot,
          StrayGroupHolder.class.getName(), flavor.name())
          .redirectError(ProcessBuilder.Redirect.INHERIT)
          .start();
      String ready;
      try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
        ready = out.readLine();
        assertThat(ready).as("the holder JVM started a group").startsWith("READY ");
        Path groupDir = Path.of(ready.substring("READY ".length()));
        List<ProcessHandle> servers = serversIn(groupDir);
        assertThat(servers).as("servers running from " + groupDir).hasSize(2);

        holder.destroyForcibly();
        assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(servers).as("killing the JVM leaves its servers running").allMatch(ProcessHandle::isAlive);

        assertThat(StrayServerReaper.reap(shortRoot)).isEqualTo(1);
        assertThat(Poll.until(() -> servers.stream().noneMatch(ProcessHandle::isAlive), Duration.ofSeconds(30)))
            .as("the reaper stopped the stray servers").isTrue();
        assertThat(groupDir).doesNotExist();
      }
    } finally {
      StrayServerReaper.reap(shortRoot);
      FileTrees.deleteRecursively(shortRoot);
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void reap_liveOwner_leavesTheGroupAlone(Flavor flavor) throws IOException {
    requireServer(flavor);
    Path shortRoot = Files.createTempDirectory(Path.of("/tmp"), "reaper-test-");
    System.setProperty("dmswitchover.tmpdir", shortRoot.toString());
    try (ReplicationGroup group = ReplicationGroup.start(GroupSpec.builder(flavor).withMembers(1).build())) {
      assertThat(StrayServerReaper.reap(shortRoot)).isZero();
      assertThat(group.primary().isRunning()).isTrue();
      assertThat(group.directory()).exists();
    } finally {
      System.clearProperty("dmswitchover.tmpdir");
      FileTrees.deleteRecursively(shortRoot);
    }
  }

  private static void requireServer(Flavor flavor) {
    try {
      ServerLocator.locate(flavor, java.util.Optional.empty());
    } catch (ServerUnavailableException e) {
      if (Environment.isCi()) {
        throw e;
      }
      Assumptions.abort(e.getMessage());
    }
  }

  private static List<ProcessHandle> serversIn(Path groupDir) {
    String marker = groupDir.toAbsolutePath().toString();
    List<ProcessHandle> list = new ArrayList<>();
    ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
        .forEach(list::add);
    return list;
  }
}
