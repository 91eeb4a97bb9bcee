package io.github.dmswitchover.testkit.dm;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A fault a simulated master injects into matching requests: an answer of the test's choosing, a
 * delay, or a connection dropped without an answer. Immutable; see {@link DmSimulator#inject}.
 *
 * <pre>{@code
 * sim.inject(Fault.on("PUT", "/apis/v1alpha1/tasks/.*").times(1).dropConnection());
 * sim.inject(Fault.on("GET", "/api/v1/tasks/.*&#47;status").delay(Duration.ofSeconds(2)));
 * }</pre>
 */
public final class Fault {
  /** What the fault does. */
  enum Action { RESPOND, DELAY, DROP }

  private final String method;
  private final Pattern path;
  private final Optional<String> master;
  private final int times;
  private final Action action;
  private final int status;
  private final String body;
  private final Duration delay;

  private Fault(String method, Pattern path, Optional<String> master, int times, Action action, int status, String body,
      Duration delay) {
    this.method = method;
    this.path = path;
    this.master = master;
    this.times = times;
    this.action = action;
    this.status = status;
    this.body = body;
    this.delay = delay;
  }

  /**
   * Matches requests with this method ({@code *} for any) whose path matches the regular expression
   * entirely; by default it fires once and answers 500.
   */
  public static Fault on(String method, String pathRegex) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(pathRegex, "pathRegex");
    return new Fault(method, Pattern.compile(pathRegex), Optional.empty(), 1, Action.RESPOND, 500, "", Duration.ZERO);
  }

  /** Only on the named master. */
  public Fault onMaster(String name) {
    return new Fault(method, path, Optional.of(Objects.requireNonNull(name, "name")), times, action, status, body, delay);
  }

  /**
   * Fires for the next {@code n} matching requests.
   *
   * @throws IllegalArgumentException if {@code n} is not positive
   */
  public Fault times(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("times must be positive, got " + n);
    }
    return new Fault(method, path, master, n, action, status, body, delay);
  }

  /** Fires for every matching request until cleared. */
  public Fault always() {
    return new Fault(method, path, master, Integer.MAX_VALUE, action, status, body, delay);
  }

  /**
   * Answers with this status and JSON body instead of handling the request.
   *
   * @throws IllegalArgumentException if the status is not 100–599
   */
  public Fault respond(int status, String jsonBody) {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status must be an HTTP status, got " + status);
    }
    return new Fault(method, path, master, times, Action.RESPOND, status, Objects.requireNonNull(jsonBody, "jsonBody"), delay);
  }

  /**
   * Waits this long, then handles the request normally.
   *
   * @throws IllegalArgumentException if the delay is negative
   */
  public Fault delay(Duration d) {
    Objects.requireNonNull(d, "d");
    if (d.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative, got " + d);
    }
    return new Fault(method, path, master, times, Action.DELAY, status, body, d);
  }

  /** Closes the connection without an answer (after reading the request). */
  public Fault dropConnection() {
    return new Fault(method, path, master, times, Action.DROP, status, body, delay);
  }

  boolean matches(String masterName, String m, String p) {
    return (method.equals("*") || method.equalsIgnoreCase(m)) && path.matcher(p).matches()
        && master.map(masterName::equals).orElse(true);
  }

  int times() {
    return times;
  }

  Action action() {
    return action;
  }

  int status() {
    return status;
  }

  String body() {
    return body;
  }

  Duration delayBy() {
    return delay;
  }

  @Override
  public String toString() {
    return "Fault[" + method + " " + path.pattern() + master.map(m -> " on " + m).orElse("") + " x"
        + (times == Integer.MAX_VALUE ? "always" : times) + " " + action + "]";
  }
}
