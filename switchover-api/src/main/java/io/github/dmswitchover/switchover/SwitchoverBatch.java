package io.github.dmswitchover.switchover;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Switches several DM sources with bounded parallelism, one lock per source, and reports per
 * source. Each switchover runs to its own end (success, compensation or "needs attention"), so a
 * failure on one source never leaves another half-done; with {@link #stopAfterFirstFailure()},
 * switchovers not yet started when one fails are skipped and reported as such.
 *
 * <pre>{@code
 * BatchReport r = SwitchoverBatch.of(List.of(
 *         Switchover.viaVirtualIp(dm, "mysql-01").to(n1).from(o1).throughVip(vip1, vp1, mover),
 *         Switchover.viaVirtualIp(dm, "mysql-02").to(n2).from(o2).throughVip(vip2, vp2, mover)))
 *     .withParallelism(2)
 *     .execute();
 * }</pre>
 *
 * <p>Not thread-safe while being built; {@link #execute()} and {@link #validate()} may run once or
 * several times.
 */
public final class SwitchoverBatch {
  private final List<Switchover.Builder<?>> switchovers;
  private int parallelism = 1;
  private boolean stopAfterFirstFailure;
  private Clock clock = Clock.systemUTC();

  private SwitchoverBatch(List<Switchover.Builder<?>> switchovers) {
    this.switchovers = switchovers;
  }

  /**
   * A batch of switchovers, each of a different source.
   *
   * @throws IllegalArgumentException if the list is empty or names a source twice
   */
  public static SwitchoverBatch of(List<? extends Switchover.Builder<?>> switchovers) {
    Objects.requireNonNull(switchovers, "switchovers");
    if (switchovers.isEmpty()) {
      throw new IllegalArgumentException("a batch needs at least one switchover");
    }
    List<String> seen = new ArrayList<>();
    for (Switchover.Builder<?> b : switchovers) {
      Objects.requireNonNull(b, "switchover");
      if (seen.contains(b.sourceId)) {
        throw new IllegalArgumentException("source " + b.sourceId + " appears twice in the batch; one switchover per source");
      }
      seen.add(b.sourceId);
    }
    return new SwitchoverBatch(List.copyOf(switchovers));
  }

  /**
   * Runs at most {@code n} switchovers at the same time (default 1).
   *
   * @throws IllegalArgumentException if {@code n} is below 1
   */
  public SwitchoverBatch withParallelism(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, got " + n);
    }
    this.parallelism = n;
    return this;
  }

  /** Skips the switchovers not yet started once one does not succeed. */
  public SwitchoverBatch stopAfterFirstFailure() {
    this.stopAfterFirstFailure = true;
    return this;
  }

  /** Sets the clock for the batch's timings. */
  public SwitchoverBatch withClock(Clock c) {
    this.clock = Objects.requireNonNull(c, "clock");
    return this;
  }

  /** Validates every source (in parallel, bounded) and returns the plans by source id, in batch order. */
  public Map<String, SwitchoverPlan> validate() {
    Map<String, SwitchoverPlan> out = new LinkedHashMap<>();
    List<Object> results = run(b -> b.validate(), new AtomicBoolean());
    for (int i = 0; i < switchovers.size(); i++) {
      Object r = results.get(i);
      if (r instanceof RuntimeException e) {
        throw e;
      }
      out.put(switchovers.get(i).sourceId, (SwitchoverPlan) r);
    }
    return out;
  }

  /** Executes every switchover and returns the per-source reports. */
  public BatchReport execute() {
    Instant started = clock.instant();
    AtomicBoolean failed = new AtomicBoolean();
    List<Object> results = run(b -> {
      if (stopAfterFirstFailure && failed.get()) {
        return null;
      }
      SwitchoverReport r = b.execute();
      if (!r.succeeded()) {
        failed.set(true);
      }
      return r;
    }, failed);
    Map<String, SwitchoverReport> reports = new LinkedHashMap<>();
    Map<String, String> notRun = new LinkedHashMap<>();
    for (int i = 0; i < switchovers.size(); i++) {
      String s = switchovers.get(i).sourceId;
      Object r = results.get(i);
      if (r instanceof SwitchoverReport rep) {
        reports.put(s, rep);
      } else if (r instanceof RuntimeException e) {
        notRun.put(s, "could not run: " + e);
      } else {
        notRun.put(s, "skipped: an earlier switchover of the batch did not succeed");
      }
    }
    return new BatchReport(reports, notRun, Duration.between(started, clock.instant()));
  }

  private interface Job {
    Object run(Switchover.Builder<?> b);
  }

  private List<Object> run(Job job, AtomicBoolean failed) {
    List<Object> results = Collections.synchronizedList(new ArrayList<>(Collections.nCopies(switchovers.size(), null)));
    AtomicInteger n = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, switchovers.size()), r -> {
      Thread t = new Thread(r, "dm-switchover-batch-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < switchovers.size(); i++) {
        int idx = i;
        futures.add(pool.submit(() -> {
          try {
            results.set(idx, job.run(switchovers.get(idx)));
          } catch (RuntimeException e) {
            failed.set(true);
            results.set(idx, e);
          }
        }));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (ExecutionException e) {
          throw new IllegalStateException("a batch worker failed unexpectedly", e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while the batch ran; running switchovers finish on their own", e);
        }
      }
    } finally {
      pool.shutdown();
    }
    return new ArrayList<>(results);
  }

  /**
   * The outcome of a batch: a report per source that ran, and why the others did not.
   *
   * @param reports the reports by source id, in batch order
   * @param notRun why a source did not run, by source id
   * @param took how long the batch took
   */
  public record BatchReport(Map<String, SwitchoverReport> reports, Map<String, String> notRun, Duration took) {
    /** Copies the maps, keeping their order. */
    public BatchReport {
      reports = Collections.unmodifiableMap(new LinkedHashMap<>(reports));
      notRun = Collections.unmodifiableMap(new LinkedHashMap<>(notRun));
      Objects.requireNonNull(took, "took");
    }

    /** Returns whether every source ran and succeeded. */
    public boolean allSucceeded() {
      return notRun.isEmpty() && reports.values().stream().allMatch(SwitchoverReport::succeeded);
    }

    /** Returns one line per source: its outcome and final state. */
    public String summary() {
      StringBuilder sb = new StringBuilder();
      reports.forEach((s, r) -> sb.append(s).append(": ").append(r.outcome()).append(" - ").append(r.finalState()).append('\n'));
      notRun.forEach((s, why) -> sb.append(s).append(": not run - ").append(why).append('\n'));
      return sb.toString();
    }
  }
}
