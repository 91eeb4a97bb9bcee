package io.github.dmswitchover.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;

/**
 * Calls {@code com.github.shyiko.mysql.binlog.GtidSet} of com.zendesk:mysql-binlog-connector-java.
 *
 * <p>That artifact and Debezium's fork (io.debezium:mysql-binlog-connector-java, which
 * debezium-connector-mysql needs) define the same classes in the same package, so they cannot share
 * a class path. The build copies the com.zendesk jar, unchanged, into this module's classes as
 * {@code peers/zendesk-binlog-connector.jar}; here a class loader of its own defines its
 * {@code com.github.shyiko} classes from it (child first), and the benchmarks call them through
 * constant method handles, which the JIT inlines like direct calls.
 */
final class ZendeskGtidSet {
  static final String JAR = "/peers/zendesk-binlog-connector.jar";
  private static final MethodHandle NEW;
  private static final MethodHandle IS_CONTAINED_WITHIN;
  private static final MethodHandle ADD_GTID;
  private static final MethodHandle NEW_GTID;

  static {
    try {
      ClassLoader loader = new IsolatingLoader(readClasses(), ZendeskGtidSet.class.getClassLoader());
      Class<?> gtidSet = Class.forName("com.github.shyiko.mysql.binlog.GtidSet", true, loader);
      Class<?> mysqlGtid = Class.forName("com.github.shyiko.mysql.binlog.event.MySqlGtid", true, loader);
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      NEW = lookup.findConstructor(gtidSet, MethodType.methodType(void.class, String.class))
          .asType(MethodType.methodType(Object.class, String.class));
      IS_CONTAINED_WITHIN = lookup.findVirtual(gtidSet, "isContainedWithin", MethodType.methodType(boolean.class, gtidSet))
          .asType(MethodType.methodType(boolean.class, Object.class, Object.class));
      ADD_GTID = lookup.findVirtual(gtidSet, "addGtid", MethodType.methodType(void.class, Object.class))
          .asType(MethodType.methodType(void.class, Object.class, Object.class));
      NEW_GTID = lookup.findConstructor(mysqlGtid, MethodType.methodType(void.class, UUID.class, long.class))
          .asType(MethodType.methodType(Object.class, UUID.class, long.class));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private ZendeskGtidSet() {}

  /** The class loader the zendesk classes live in, for tests. */
  static ClassLoader loaderOf(Object set) {
    return set.getClass().getClassLoader();
  }

  static Object parse(String text) {
    try {
      return (Object) NEW.invokeExact(text);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  static boolean isContainedWithin(Object a, Object b) {
    try {
      return (boolean) IS_CONTAINED_WITHIN.invokeExact(a, b);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  static void addGtid(Object set, UUID uuid, long gno) {
    try {
      Object gtid = (Object) NEW_GTID.invokeExact(uuid, gno);
      ADD_GTID.invokeExact(set, gtid);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  private static Map<String, byte[]> readClasses() {
    Map<String, byte[]> classes = new HashMap<>();
    try (InputStream in = ZendeskGtidSet.class.getResourceAsStream(JAR)) {
      if (in == null) {
        throw new IllegalStateException(JAR + " is missing; build the benchmarks module with Maven");
      }
      try (JarInputStream jar = new JarInputStream(in)) {
        for (JarEntry e = jar.getNextJarEntry(); e != null; e = jar.getNextJarEntry()) {
          if (e.getName().endsWith(".class")) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            jar.transferTo(bytes);
            classes.put(e.getName().substring(0, e.getName().length() - 6).replace('/', '.'), bytes.toByteArray());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return classes;
  }

  /** Defines the given classes itself (child first); everything else comes from the parent. */
  private static final class IsolatingLoader extends ClassLoader {
    static {
      registerAsParallelCapable();
    }

    private final Map<String, byte[]> classes;

    IsolatingLoader(Map<String, byte[]> classes, ClassLoader parent) {
      super("zendesk-binlog-connector", parent);
      this.classes = classes;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null) {
          byte[] bytes = classes.get(name);
          c = bytes != null ? defineClass(name, bytes, 0, bytes.length) : super.loadClass(name, false);
        }
        if (resolve) {
          resolveClass(c);
        }
        return c;
      }
    }
  }
}
