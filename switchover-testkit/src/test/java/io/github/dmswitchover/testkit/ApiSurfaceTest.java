package io.github.dmswitchover.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Guards the module's public surface and the logging rules of the house style. */
class ApiSurfaceTest {

  @Test
  void moduleDescriptor_exportsTheApiPackagesOnly() {
    ModuleDescriptor d = ModuleFinder.of(Path.of("target/classes"))
        .find("io.github.dmswitchover.testkit").orElseThrow().descriptor();
    Set<String> exported = d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
    assertThat(exported).containsExactlyInAnyOrder(
        "io.github.dmswitchover.testkit.db", "io.github.dmswitchover.testkit.vip", "io.github.dmswitchover.testkit.dm");
    assertThat(d.exports()).allMatch(e -> !e.isQualified());
    assertThat(d.packages()).containsAll(exported);
    assertThat(d.packages()).filteredOn(p -> !exported.contains(p))
        .as("packages that are not exported must be internal")
        .allMatch(p -> p.startsWith("io.github.dmswitchover.testkit.internal."));
  }

  @Test
  void mainSources_useNeitherSystemOutNorJavaUtilLogging() throws IOException {
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      // DmctlMain is a command-line program: its standard output is its interface.
      List<Path> offenders = files.filter(p -> p.toString().endsWith(".java"))
          .filter(p -> !p.getFileName().toString().equals("DmctlMain.java")).filter(p -> {
        try {
          String s = Files.readString(p);
          return s.contains("System.out") || s.contains("System.err") || s.contains("java.util.logging");
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).toList();
      assertThat(offenders).isEmpty();
    }
  }
}
