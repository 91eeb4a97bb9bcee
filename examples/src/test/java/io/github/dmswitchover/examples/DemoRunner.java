package io.github.dmswitchover.examples;

/** Runs the demo in the test JVM (its main exits the JVM). */
public final class DemoRunner {
  private DemoRunner() {}

  /** Runs the demo with these options and returns whether it succeeded. */
  public static boolean run(String... args) {
    return Demo.run(Demo.Options.parse(args));
  }
}
