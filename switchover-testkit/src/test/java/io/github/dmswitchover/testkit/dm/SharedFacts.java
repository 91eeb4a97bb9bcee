package io.github.dmswitchover.testkit.dm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds DM's real spec and outputs ({@code shared/dm} beside the repository, or
 * {@code -Ddmswitchover.shared=<folder>}). They are not part of the project: contract tests that
 * need them skip, saying so, where they are absent.
 */
final class SharedFacts {
  private SharedFacts() {}

  static Optional<Path> dmFolder() {
    String explicit = System.getProperty("dmswitchover.shared");
    if (explicit != null && !explicit.isBlank()) {
      return Optional.of(Path.of(explicit, "dm")).filter(Files::isDirectory);
    }
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.isDirectory(dir.resolve(".mvn"))) {
        Path candidate = dir.resolveSibling("shared").resolve("dm");
        return Files.isDirectory(candidate) ? Optional.of(candidate) : Optional.empty();
      }
      dir = dir.getParent();
    }
    return Optional.empty();
  }

  /** The folder, or the test is skipped with a message naming what is missing. */
  static Path requireDmFolder() {
    Optional<Path> dm = dmFolder();
    Assumptions.assumeTrue(dm.isPresent(),
        "DM's spec and samples (shared/dm beside the repository, or -Ddmswitchover.shared) are absent here; "
            + "the contract tests need them");
    return dm.get();
  }
}
