package io.github.dmswitchover.examples;

import io.github.dmswitchover.dm.DmClient;
import io.github.dmswitchover.switchover.Switchover;
import io.github.dmswitchover.switchover.SwitchoverPlan;
import io.github.dmswitchover.switchover.SwitchoverPolicy;
import io.github.dmswitchover.switchover.SwitchoverReport;
import io.github.dmswitchover.switchover.mysql.DatabaseEndpoint;
import io.github.dmswitchover.switchover.mysql.JdbcUpstreamProbe;
import io.github.dmswitchover.switchover.spi.SwitchoverJournal;
import java.io.PrintStream;
import java.util.Optional;

/**
 * An address change: no virtual IP, DM's source is recreated with the new instance's address. DM
 * returns passwords masked, so the flow needs the source's password (to write the new source
 * configuration) and the downstream's (to start the tasks again from their checkpoints).
 *
 * <pre>{@code
 * AddressChangeExample.Result r = AddressChangeExample.switchSource(dm, "mysql-replica-01", db2, db1,
 *     System.getenv("SOURCE_PASSWORD"), System.getenv("TIDB_PASSWORD"), journal, policy, System.out);
 * }</pre>
 */
public final class AddressChangeExample {
  private AddressChangeExample() {}

  /**
   * Validates, prints the plan, and executes only when no gate refuses.
   *
   * @param dm the DM cluster
   * @param sourceId the DM source to move
   * @param next the instance DM must read from now on
   * @param old the instance DM reads today (read for the gates and for verification)
   * @param sourcePassword the upstream password DM's source configuration needs
   * @param targetPassword the downstream password the tasks' configurations need
   * @param journal where every step is recorded before and after it runs
   * @param policy timeouts and what to allow
   * @param out where the plan and the steps are printed
   * @return the plan, and the execution's report unless a gate refused
   */
  public static Result switchSource(DmClient dm, String sourceId, DatabaseEndpoint next, DatabaseEndpoint old,
      String sourcePassword, String targetPassword, SwitchoverJournal journal, SwitchoverPolicy policy, PrintStream out) {
    try (JdbcUpstreamProbe nextProbe = JdbcUpstreamProbe.builder().withEndpoint(next).build();
        JdbcUpstreamProbe oldProbe = JdbcUpstreamProbe.builder().withEndpoint(old).build()) {
      Switchover.Address switchover = Switchover.byAddressChange(dm, sourceId)
          .to(nextProbe).from(oldProbe)
          .withSourcePassword(sourcePassword).withTargetPassword(targetPassword)
          .withJournal(journal).withPolicy(policy)
          .withListener(new StepPrinter(out, "  "));
      SwitchoverPlan plan = switchover.validate();
      out.println(plan.toText());
      if (plan.isRefused()) {
        return new Result(plan, Optional.empty());
      }
      // execute() reads and checks everything again: the plan above is advice, not a licence.
      SwitchoverReport report = switchover.execute();
      out.println(report.toText());
      return new Result(plan, Optional.of(report));
    }
  }

  /**
   * What happened.
   *
   * @param plan the dry run
   * @param report the execution's report; empty when the plan was refused and nothing was done
   */
  public record Result(SwitchoverPlan plan, Optional<SwitchoverReport> report) {}
}
