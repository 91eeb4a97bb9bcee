package io.github.dmswitchover.dm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds DM's real spec and outputs: {@code -Ddmswitchover.shared=<folder>} (holding {@code dm/}),
 * else {@code ../shared/dm} beside the repository root (the folder holding {@code .mvn}); in a git
 * worktree, also beside the main working tree. They are not part of the project: tests that need
 * them skip, saying so, where they are absent.
 */
final class SharedFacts {
  private SharedFacts() {}

  static Optional<Path> dmFolder() {
    String explicit = System.getProperty("dmswitchover.shared");
    if (explicit != null && !explicit.isBlank()) {
      return Optional.of(Path.of(explicit, "dm")).filter(Files::isDirectory);
    }
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve(".mvn"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      return Optional.empty();
    }
    Path beside = dir.resolveSibling("shared").resolve("dm");
    if (Files.isDirectory(beside)) {
      return Optional.of(beside);
    }
    return mainWorkingTree(dir).map(main -> main.resolveSibling("shared").resolve("dm")).filter(Files::isDirectory);
  }

  /** In a git worktree {@code .git} is a file: {@code gitdir: <main>/.git/worktrees/<name>}. */
  private static Optional<Path> mainWorkingTree(Path root) {
    Path dotGit = root.resolve(".git");
    if (!Files.isRegularFile(dotGit)) {
      return Optional.empty();
    }
    try {
      String line = Files.readString(dotGit, StandardCharsets.UTF_8).strip();
      if (!line.startsWith("gitdir:")) {
        return Optional.empty();
      }
      Path gitDir = root.resolve(line.substring("gitdir:".length()).strip()).normalize();
      Path common = gitDir;
      Path commondir = gitDir.resolve("commondir");
      if (Files.isRegularFile(commondir)) {
        common = gitDir.resolve(Files.readString(commondir, StandardCharsets.UTF_8).strip()).normalize();
      }
      return Optional.ofNullable(common.getParent());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The folder, or the test is skipped with a message naming what is missing. */
  static Path requireDmFolder() {
    Optional<Path> dm = dmFolder();
    Assumptions.assumeTrue(dm.isPresent(),
        "DM's spec and samples (shared/dm beside the repository, or -Ddmswitchover.shared=<folder holding dm/>) are "
            + "absent here; the sample and contract tests need them");
    return dm.get();
  }

  static String sample(String relative) throws IOException {
    return Files.readString(requireDmFolder().resolve("samples").resolve(relative), StandardCharsets.UTF_8);
  }
}
