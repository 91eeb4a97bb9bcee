package io.github.dmswitchover.switchover.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Guards the module's public surface and the house rules for logging and dependencies. */
class ApiSurfaceTest {
  static final List<Class<?>> PUBLIC_TYPES = List.of(JdbcUpstreamProbe.class, JdbcUpstreamProbe.Builder.class,
      JdbcSwitchoverJournal.class, JdbcSwitchoverJournal.Builder.class, JdbcSwitchoverLock.class,
      JdbcSwitchoverLock.Builder.class, DatabaseEndpoint.class, DatabaseEndpoint.Builder.class, SslMode.class);

  @Test
  void moduleDescriptor_exportsTheApiPackageAndRequiresNoDriverModule() {
    ModuleDescriptor d = ModuleFinder.of(Path.of("target/classes"))
        .find("io.github.dmswitchover.switchover.mysql").orElseThrow().descriptor();
    assertThat(d.exports()).extracting(ModuleDescriptor.Exports::source)
        .containsExactly("io.github.dmswitchover.switchover.mysql");
    Set<String> requires = d.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet());
    assertThat(requires).containsExactlyInAnyOrder("java.base", "java.sql", "org.slf4j", "io.github.dmswitchover.switchover");
    assertThat(d.requires()).filteredOn(r -> r.name().equals("java.sql") || r.name().equals("io.github.dmswitchover.switchover"))
        .allMatch(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE));
  }

  @Test
  void publicTypes_areExactlyTheDocumentedOnes() throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("target/classes/io/github/dmswitchover/switchover/mysql"))) {
      for (Path p : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = "io.github.dmswitchover.switchover.mysql." + p.getFileName().toString().replace(".class", "")
            .replace('$', '.');
        Class<?> c = load(p);
        if (Modifier.isPublic(c.getModifiers()) && !c.isAnonymousClass()) {
          found.add(name);
        }
      }
    }
    assertThat(found).containsExactlyInAnyOrderElementsOf(PUBLIC_TYPES.stream().map(Class::getCanonicalName).toList());
  }

  @Test
  void publicSignatures_useOnlyPublicTypes() {
    for (Class<?> c : PUBLIC_TYPES) {
      for (Method m : c.getDeclaredMethods()) {
        if (Modifier.isPublic(m.getModifiers())) {
          assertThat(Modifier.isPublic(m.getReturnType().getModifiers())).as(m.toString()).isTrue();
          for (Parameter p : m.getParameters()) {
            assertThat(Modifier.isPublic(p.getType().getModifiers())).as(m.toString()).isTrue();
          }
        }
      }
      for (Constructor<?> k : c.getDeclaredConstructors()) {
        assertThat(Modifier.isPublic(k.getModifiers())).as("no public constructors; builders instead: " + k).isFalse();
      }
    }
  }

  @Test
  void mainSources_useNeitherSystemOutNorJavaUtilLoggingNorTheDriverClasses() throws IOException {
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      List<Path> offenders = files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
        try {
          String s = Files.readString(p);
          return s.contains("System.out") || s.contains("System.err") || s.contains("java.util.logging")
              || s.contains("com.mysql.");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).toList();
      assertThat(offenders).isEmpty();
    }
  }

  private static Class<?> load(Path classFile) {
    String binary = "io.github.dmswitchover.switchover.mysql." + classFile.getFileName().toString().replace(".class", "");
    try {
      return Class.forName(binary, false, ApiSurfaceTest.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }
}
