package io.github.dmswitchover.examples;

import io.github.dmswitchover.dm.DmClient;
import io.github.dmswitchover.switchover.Switchover;
import io.github.dmswitchover.switchover.SwitchoverBatch;
import io.github.dmswitchover.switchover.SwitchoverPlan;
import io.github.dmswitchover.switchover.SwitchoverPolicy;
import io.github.dmswitchover.switchover.spi.SwitchoverJournal;
import io.github.dmswitchover.switchover.spi.SwitchoverLock;
import io.github.dmswitchover.switchover.spi.UpstreamProbe;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Several sources at once, for example every DM source that reads from a host going into
 * maintenance: all of them are validated first and nothing runs unless every plan passes; then at
 * most {@code parallelism} switch at a time, each under its own lock and journal entries, and one
 * source's failure never leaves another half-done (each is compensated on its own).
 */
public final class BatchExample {
  private BatchExample() {}

  /**
   * One source to move by address change.
   *
   * @param sourceId the DM source
   * @param next the instance it must read from now on
   * @param old the instance it reads today
   * @param sourcePassword the upstream password for the recreated source configuration
   */
  public record Move(String sourceId, UpstreamProbe next, UpstreamProbe old, String sourcePassword) {}

  /**
   * Validates every move, and executes them all only when no plan is refused.
   *
   * @param dm the DM cluster
   * @param moves the sources to move
   * @param targetPassword the downstream password the tasks' configurations need
   * @param journal the journal shared by the batch (entries are per switchover)
   * @param lock the per-source lock
   * @param policy timeouts and what to allow, for every source
   * @param parallelism how many sources switch at the same time
   * @param out where the verdicts and the summary are printed
   * @return the batch's report, or empty when a plan was refused and nothing ran
   */
  public static Optional<SwitchoverBatch.BatchReport> switchAll(DmClient dm, List<Move> moves, String targetPassword,
      SwitchoverJournal journal, SwitchoverLock lock, SwitchoverPolicy policy, int parallelism, PrintStream out) {
    List<Switchover.Address> switchovers = new ArrayList<>();
    for (Move m : moves) {
      switchovers.add(Switchover.byAddressChange(dm, m.sourceId()).to(m.next()).from(m.old())
          .withSourcePassword(m.sourcePassword()).withTargetPassword(targetPassword)
          .withJournal(journal).withLock(lock, Duration.ofMinutes(1)).withPolicy(policy));
    }
    SwitchoverBatch batch = SwitchoverBatch.of(switchovers).withParallelism(parallelism);
    Map<String, SwitchoverPlan> plans = batch.validate();
    boolean refused = false;
    for (Map.Entry<String, SwitchoverPlan> e : plans.entrySet()) {
      SwitchoverPlan plan = e.getValue();
      out.println(e.getKey() + ": " + (plan.isRefused() ? "REFUSED" : "ready"));
      if (plan.isRefused()) {
        refused = true;
        out.println(plan.toText());
      }
    }
    if (refused) {
      out.println("nothing was changed: fix the refused sources, or leave them out of the batch");
      return Optional.empty();
    }
    SwitchoverBatch.BatchReport report = batch.execute();
    out.print(report.summary());
    out.println("took " + report.took().toMillis() + " ms");
    return Optional.of(report);
  }
}
