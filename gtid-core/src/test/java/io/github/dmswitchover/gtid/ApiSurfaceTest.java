package io.github.dmswitchover.gtid;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Guards gtid-core's public surface: module descriptor, dependencies, logging and immutability. */
class ApiSurfaceTest {

  @Test
  void moduleDescriptor_exportsTheApiPackageOnlyAndRequiresJavaBaseOnly() {
    ModuleDescriptor d = ModuleFinder.of(Path.of("target/classes"))
        .find("io.github.dmswitchover.gtid").orElseThrow().descriptor();
    assertThat(d.exports()).extracting(ModuleDescriptor.Exports::source).containsExactly("io.github.dmswitchover.gtid");
    assertThat(d.exports()).allMatch(e -> !e.isQualified());
    assertThat(d.packages()).containsExactly("io.github.dmswitchover.gtid");
    assertThat(d.requires()).extracting(ModuleDescriptor.Requires::name).containsExactly("java.base");
  }

  @Test
  void mainSources_logNothingAndUseNoRegexOrSplitInParsers() throws IOException {
    List<Path> sources = mainSources();
    for (Path p : sources) {
      String s = read(p);
      assertThat(s).as(p.toString()).doesNotContain("System.out", "System.err", "java.util.logging", "Logger",
          "printStackTrace", "java.util.regex", ".split(", ".matches(");
    }
  }

  @Test
  void publicTypes_areFinalOrRecordsOrInterfaces() throws ClassNotFoundException {
    Set<String> names = Set.of("GtidSet", "GtidSet$Builder", "GtidDifference", "GtidDifference$Entry",
        "GtidFormatException", "GtidInterval", "Tsid", "IntervalVisitor", "MariadbGtid", "MariadbGtidPosition",
        "MariadbGtidList");
    for (String n : names) {
      Class<?> c = Class.forName("io.github.dmswitchover.gtid." + n);
      assertThat(Modifier.isPublic(c.getModifiers())).as(n).isTrue();
      assertThat(c.isInterface() || c.isRecord() || Modifier.isFinal(c.getModifiers())).as(n).isTrue();
    }
  }

  private static List<Path> mainSources() throws IOException {
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      return files.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList());
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
