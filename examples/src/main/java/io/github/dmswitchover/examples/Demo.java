package io.github.dmswitchover.examples;

import io.github.dmswitchover.dm.DmClient;
import io.github.dmswitchover.examples.vip.ForwarderVipMover;
import io.github.dmswitchover.gtid.GtidSet;
import io.github.dmswitchover.gtid.MariadbGtidList;
import io.github.dmswitchover.switchover.FileSwitchoverJournal;
import io.github.dmswitchover.switchover.Switchover;
import io.github.dmswitchover.switchover.SwitchoverOutcome;
import io.github.dmswitchover.switchover.SwitchoverPlan;
import io.github.dmswitchover.switchover.SwitchoverPolicy;
import io.github.dmswitchover.switchover.SwitchoverReport;
import io.github.dmswitchover.switchover.mysql.DatabaseEndpoint;
import io.github.dmswitchover.switchover.mysql.JdbcUpstreamProbe;
import io.github.dmswitchover.testkit.db.GroupMember;
import io.github.dmswitchover.testkit.db.GroupSpec;
import io.github.dmswitchover.testkit.db.ReplicationGroup;
import io.github.dmswitchover.testkit.dm.DmProfile;
import io.github.dmswitchover.testkit.dm.DmSimulator;
import io.github.dmswitchover.testkit.dm.SourceConfig;
import io.github.dmswitchover.testkit.dm.TaskConfig;
import io.github.dmswitchover.testkit.vip.VipForwarder;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The whole job in one command: starts a real replication group (MySQL 9.7 by default) and the
 * DM-master simulator with a task replicating from the primary through a virtual IP, prints the
 * dry-run plan, switches DM to a replica while writes continue, printing each step as it happens,
 * and prints the report. Exits 0 when the switchover succeeded and DM replicates from the replica.
 *
 * <pre>
 * Demo [--flow vip|address] [--dm 1.0|2.0|5.4|6.0|8.5|newest] [--flavor mysql|mariadb]
 * </pre>
 */
public final class Demo {
  private static final String SOURCE = "mysql-replica-01";
  private static final String TASK = "orders";
  private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);

  private Demo() {}

  /** The demo's options. */
  record Options(boolean vip, DmProfile profile, boolean mariadb) {
    static Options parse(String[] args) {
      boolean vip = true;
      DmProfile profile = DmProfile.V8_5;
      boolean mariadb = false;
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        String value = i + 1 < args.length ? args[i + 1].toLowerCase(Locale.ROOT) : "";
        switch (a) {
          case "--flow" -> {
            vip = switch (value) {
              case "vip" -> true;
              case "address" -> false;
              default -> throw new IllegalArgumentException("--flow takes vip or address, got '" + value + "'");
            };
            i++;
          }
          case "--dm" -> {
            profile = switch (value) {
              case "1.0" -> DmProfile.V1_0;
              case "2.0" -> DmProfile.V2_0;
              case "5.4" -> DmProfile.V5_4;
              case "6.0" -> DmProfile.V6_0;
              case "8.5" -> DmProfile.V8_5;
              case "newest" -> DmProfile.NEWEST;
              default -> throw new IllegalArgumentException("--dm takes 1.0, 2.0, 5.4, 6.0, 8.5 or newest, got '" + value + "'");
            };
            i++;
          }
          case "--flavor" -> {
            mariadb = switch (value) {
              case "mysql" -> false;
              case "mariadb" -> true;
              default -> throw new IllegalArgumentException("--flavor takes mysql or mariadb, got '" + value + "'");
            };
            i++;
          }
          case "-h", "--help" -> throw new IllegalArgumentException("usage");
          default -> throw new IllegalArgumentException("unknown option '" + a + "'");
        }
      }
      return new Options(vip, profile, mariadb);
    }
  }

  /**
   * Runs the demo.
   *
   * @param args the options
   */
  public static void main(String[] args) {
    Options o;
    try {
      o = Options.parse(args);
    } catch (IllegalArgumentException e) {
      if (!e.getMessage().equals("usage")) {
        System.err.println("demo: " + e.getMessage());
      }
      System.err.println("usage: demo [--flow vip|address] [--dm 1.0|2.0|5.4|6.0|8.5|newest] [--flavor mysql|mariadb]");
      System.exit(2);
      return;
    }
    System.exit(run(o) ? 0 : 1);
  }

  static boolean run(Options o) {
    String flavor = o.mariadb() ? "MariaDB" : "MySQL";
    boolean relay = o.profile() == DmProfile.V1_0 || o.profile() == DmProfile.V8_5;
    step("Starting a " + flavor + " replication group of two (the primary and one replica)");
    GroupSpec spec = (o.mariadb() ? GroupSpec.mariadb() : GroupSpec.mysql()).withMembers(2).build();
    try (ReplicationGroup group = ReplicationGroup.start(spec)) {
      GroupMember primary = group.primary();
      GroupMember replica = group.member(1);
      say("primary " + primary.address() + ", replica " + replica.address() + " (" + group.version() + ")");
      primary.writeTransactions(10);
      group.awaitReplication(Duration.ofSeconds(60));
      try (VipForwarder vip = VipForwarder.start(new InetSocketAddress(primary.host(), primary.port()));
          DmSimulator sim = DmSimulator.builder().withProfile(o.profile()).withCheckpointFlushInterval(Duration.ofMillis(500))
              .withUnitDuration(Duration.ofMillis(200)).start()) {
        step("Starting the DM-master simulator " + o.profile().releaseVersion() + " with source " + SOURCE + " reading "
            + (o.vip() ? "through the virtual IP " + vip.host() + ":" + vip.port() : "the primary directly")
            + (relay ? ", relay on" : "") + ", and task " + TASK);
        SourceConfig.Builder source = SourceConfig.builder(SOURCE)
            .withAddress(o.vip() ? vip.host() : primary.host(), o.vip() ? vip.port() : primary.port())
            .withUser(primary.user(), primary.password()).withGtid(true).withRelay(relay).withServerId(4_294_001L);
        if (o.mariadb()) {
          source.withFlavor("mariadb");
        }
        sim.addSource(source.build());
        TaskConfig task = TaskConfig.builder(TASK).withTarget("127.0.0.1", 4000, "root", "tidb-password")
            .withSource(SOURCE, "").build();
        sim.startTask(task);
        awaitCondition(() -> sim.subtaskUnit(TASK, SOURCE).equals("Sync") && sim.checkpoint(TASK, SOURCE).isPresent());
        // Show a DM that has caught up with the primary, so the plan compares real positions.
        awaitCondition(() -> replicatedAll(sim.checkpoint(TASK, SOURCE).orElse(""), primary.gtidState().executed(), o.mariadb()));
        say("DM replicates: checkpoint " + sim.checkpoint(TASK, SOURCE).orElse(""));

        DmClient dm = DmClient.builder().withMasters(sim.masterAddresses()).withDmctl(sim.dmctl()).build();
        Path journalDir = Files.createTempDirectory("dm-switchover-demo-journal-");
        try (JdbcUpstreamProbe next = probe(primary, replica.host(), replica.port());
            JdbcUpstreamProbe old = probe(primary, primary.host(), primary.port());
            JdbcUpstreamProbe throughVip = probe(primary, vip.host(), vip.port())) {
          SwitchoverPolicy policy = SwitchoverPolicy.builder().withCatchUpTimeout(Duration.ofSeconds(30))
              .withVerifyTimeout(Duration.ofSeconds(60)).withPollInterval(Duration.ofMillis(250)).withVipIdentityReads(3).build();
          Switchover.Builder<?> builder;
          if (o.vip()) {
            builder = Switchover.viaVirtualIp(dm, SOURCE)
                .throughVip(vip.host() + ":" + vip.port(), throughVip, ForwarderVipMover.of(vip, VipForwarder.OnMove.CUT_CONNECTIONS));
          } else {
            Switchover.Address a = Switchover.byAddressChange(dm, SOURCE).withSourcePassword(primary.password())
                .withTargetPassword("tidb-password");
            if (o.profile() == DmProfile.V1_0) {
              SourceConfig newSource = source.withAddress(replica.host(), replica.port()).build();
              a.withSourceConfig(newSource.toYaml()).withTaskConfig(TASK, task.toYaml())
                  .withWorkerReconfigurer((s, yaml, timeout) -> sim.reconfigureWorker(s, SourceConfig.fromYaml(yaml)));
            }
            builder = a;
          }
          builder.to(next).from(old).withPolicy(policy).withJournal(FileSwitchoverJournal.inDirectory(journalDir))
              .withListener(new StepPrinter(OUT, "    "));

          step("Dry run: validate() reads DM and both instances and evaluates every gate; nothing is changed");
          SwitchoverPlan plan = builder.validate();
          OUT.println(indent(plan.toText()));
          if (plan.isRefused()) {
            say("the plan is refused; the demo stops here");
            return false;
          }

          step("Executing while the primary keeps committing (one transaction every 20 ms)");
          AtomicBoolean writing = new AtomicBoolean(true);
          AtomicLong written = new AtomicLong();
          Thread writer = new Thread(() -> {
            while (writing.get()) {
              try {
                primary.writeTransactions(1);
                written.incrementAndGet();
              } catch (RuntimeException e) {
                say("a write failed: " + e.getMessage());
              }
              LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            }
          }, "demo-writer");
          writer.setDaemon(true);
          writer.start();
          SwitchoverReport report = builder.execute();
          writing.set(false);
          writer.join(10_000);

          step("Report");
          OUT.println(indent(report.toText()));
          say(written.get() + " transactions were committed on the primary during the switchover");
          if (report.outcome() != SwitchoverOutcome.SUCCEEDED) {
            return false;
          }
          step("Checking that DM now replicates from the replica");
          primary.writeTransactions(5);
          group.awaitReplication(Duration.ofSeconds(60));
          String executed = replica.gtidState().executed();
          awaitCondition(() -> covered(sim.checkpoint(TASK, SOURCE).orElse(""), executed, o.mariadb()));
          say("DM's checkpoint " + sim.checkpoint(TASK, SOURCE).orElse("") + " covers everything the replica executed ("
              + executed.replace("\n", "") + ")");
          say("the journal of this switchover is in " + journalDir);
          step("Done: switchover " + report.plan().switchoverId() + " " + report.outcome());
          return true;
        }
      }
    } catch (IOException e) {
      say("failed: " + e.getMessage());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static JdbcUpstreamProbe probe(GroupMember credentials, String host, int port) {
    return JdbcUpstreamProbe.builder().withEndpoint(DatabaseEndpoint.builder().withHost(host).withPort(port)
        .withUser(credentials.user()).withPassword(credentials.password()).withAllowPublicKeyRetrieval(true).build()).build();
  }

  private static boolean covered(String dm, String executed, boolean mariadb) {
    if (mariadb) {
      return io.github.dmswitchover.gtid.MariadbGtidList.parse(dm).toPosition()
          .contains(io.github.dmswitchover.gtid.MariadbGtidList.parse(executed));
    }
    return io.github.dmswitchover.gtid.GtidSet.parse(executed).isSubsetOf(io.github.dmswitchover.gtid.GtidSet.parse(dm));
  }

  private static boolean replicatedAll(String checkpoint, String executed, boolean mariadb) {
    if (mariadb) {
      return MariadbGtidList.parse(checkpoint).toPosition().contains(MariadbGtidList.parse(executed));
    }
    return GtidSet.parse(executed).isSubsetOf(GtidSet.parse(checkpoint));
  }

  private static void awaitCondition(java.util.function.BooleanSupplier done) {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the simulator did not get there within 90 s");
      }
      LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
    }
  }

  private static void step(String text) {
    OUT.println();
    OUT.println("==> " + text);
  }

  private static void say(String text) {
    OUT.println("    " + text);
  }

  private static String indent(String text) {
    return "    " + text.replace("\n", "\n    ");
  }

  /** Prints each step as it happens. */

}
