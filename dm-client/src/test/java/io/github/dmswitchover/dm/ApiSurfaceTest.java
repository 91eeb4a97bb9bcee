package io.github.dmswitchover.dm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Guards the module's public surface and the house rules on logging, nulls and documentation. */
class ApiSurfaceTest {
  private static final Path MAIN = Path.of("src/main/java/io/github/dmswitchover/dm");

  @Test
  void moduleDescriptor_exportsTheApiPackageOnly_andRequiresWhatTheBriefAllows() {
    ModuleDescriptor d = ModuleFinder.of(Path.of("target/classes")).find("io.github.dmswitchover.dm").orElseThrow().descriptor();
    assertThat(d.exports()).extracting(ModuleDescriptor.Exports::source).containsExactly("io.github.dmswitchover.dm");
    assertThat(d.exports()).allMatch(e -> !e.isQualified());
    Set<String> requires = d.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet());
    assertThat(requires).containsExactlyInAnyOrder("java.base", "java.net.http", "io.github.dmswitchover.gtid",
        "com.fasterxml.jackson.core", "com.fasterxml.jackson.databind", "org.slf4j");
    assertThat(d.requires()).filteredOn(r -> r.name().equals("io.github.dmswitchover.gtid"))
        .allMatch(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE));
  }

  private static List<Class<?>> publicTypes() throws IOException, ClassNotFoundException {
    List<Class<?>> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("target/classes/io/github/dmswitchover/dm"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
        String name = f.getFileName().toString().replace(".class", "");
        if (name.matches(".*\\$\\d+.*") || name.equals("module-info") || name.equals("package-info")) {
          continue;
        }
        Class<?> c = Class.forName("io.github.dmswitchover.dm." + name, false, ApiSurfaceTest.class.getClassLoader());
        if (Modifier.isPublic(c.getModifiers()) && (c.getEnclosingClass() == null || Modifier.isPublic(c.getEnclosingClass()
            .getModifiers()))) {
          out.add(c);
        }
      }
    }
    return out;
  }

  @Test
  void publicSignatures_useOnlyPublicTypes() throws Exception {
    List<String> leaks = new ArrayList<>();
    for (Class<?> c : publicTypes()) {
      List<Executable> members = new ArrayList<>(List.of(c.getConstructors()));
      members.addAll(List.of(c.getMethods()));
      for (Executable m : members) {
        if (m.getDeclaringClass() != c) {
          continue;
        }
        List<Type> types = new ArrayList<>(List.of(m.getGenericParameterTypes()));
        if (m instanceof Method method) {
          types.add(method.getGenericReturnType());
        }
        for (Type t : types) {
          check(t, c.getSimpleName() + "." + m.getName(), leaks);
        }
      }
    }
    assertThat(leaks).as("package-private types in public signatures").isEmpty();
  }

  private static void check(Type t, String where, List<String> leaks) {
    if (t instanceof ParameterizedType p) {
      check(p.getRawType(), where, leaks);
      for (Type a : p.getActualTypeArguments()) {
        check(a, where, leaks);
      }
    } else if (t instanceof Class<?> c) {
      Class<?> base = c.isArray() ? c.getComponentType() : c;
      if (base.getPackageName().equals("io.github.dmswitchover.dm") && !Modifier.isPublic(base.getModifiers())) {
        leaks.add(where + " uses " + base.getName());
      }
    }
  }

  private static List<Path> mainSources() throws IOException {
    try (Stream<Path> files = Files.walk(MAIN)) {
      return files.filter(p -> p.toString().endsWith(".java")).toList();
    }
  }

  @Test
  void mainSources_useNeitherSystemOutNorJavaUtilLogging_norTodoMarkers() throws IOException {
    List<String> offenders = new ArrayList<>();
    for (Path p : mainSources()) {
      // Javadoc examples may print; code may not.
      String s = Files.readAllLines(p).stream().filter(l -> !l.strip().startsWith("*")).collect(Collectors.joining("\n"));
      if (s.contains("System.out") || s.contains("System.err") || s.contains("java.util.logging") || s.contains("TO" + "DO")
          || s.contains("FIX" + "ME")) {
        offenders.add(p.getFileName().toString());
      }
    }
    assertThat(offenders).isEmpty();
  }

  @Test
  void everyPublicDeclaration_hasJavadoc() throws IOException {
    List<String> undocumented = new ArrayList<>();
    for (Path p : mainSources()) {
      List<String> lines = Files.readAllLines(p);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i).strip();
        boolean publicDecl = line.startsWith("public ") || line.matches("(default|static) .*\\(.*") && isInInterface(lines, i);
        if (!publicDecl || p.getFileName().toString().equals("module-info.java")) {
          continue;
        }
        int j = i - 1;
        while (j >= 0 && lines.get(j).strip().startsWith("@")) {
          j--;
        }
        if (j < 0 || !lines.get(j).strip().endsWith("*/")) {
          undocumented.add(p.getFileName() + ":" + (i + 1) + " " + line);
        }
      }
    }
    assertThat(undocumented).isEmpty();
  }

  /** Whether a line is a member of a public interface (its members are public without saying so). */
  private static boolean isInInterface(List<String> lines, int index) {
    for (int i = index; i >= 0; i--) {
      String l = lines.get(i);
      if (l.startsWith("public interface") || l.startsWith("public sealed interface")) {
        return lines.get(index).startsWith("  ") && !lines.get(index).startsWith("    ");
      }
      if (l.startsWith("public ")) {
        return false;
      }
    }
    return false;
  }

  @Test
  void everyPublicType_saysWhetherItIsThreadSafe() throws IOException {
    List<String> silent = new ArrayList<>();
    for (Path p : mainSources()) {
      String s = Files.readString(p);
      int decl = s.indexOf("\npublic ");
      if (decl < 0 || p.getFileName().toString().endsWith("-info.java")) {
        continue;
      }
      String doc = s.substring(Math.max(0, s.lastIndexOf("/**", decl)), decl);
      if (!doc.toLowerCase(java.util.Locale.ROOT).contains("thread-safe")) {
        silent.add(p.getFileName().toString());
      }
    }
    assertThat(silent).isEmpty();
  }

  @Test
  void packageInfo_statesTheNoNullsRule() throws IOException {
    assertThat(Files.readString(MAIN.resolve("package-info.java"))).contains("No method of this package accepts or returns")
        .contains("{@code null}");
  }
}
