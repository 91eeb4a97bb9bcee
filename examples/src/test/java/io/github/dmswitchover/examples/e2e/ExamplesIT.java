package io.github.dmswitchover.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dmswitchover.examples.AddressChangeExample;
import io.github.dmswitchover.examples.BatchExample;
import io.github.dmswitchover.examples.ChangeApproval;
import io.github.dmswitchover.examples.CommandVipMover;
import io.github.dmswitchover.examples.DmClientExample;
import io.github.dmswitchover.switchover.Switchover;
import io.github.dmswitchover.switchover.SwitchoverBatch;
import io.github.dmswitchover.switchover.SwitchoverOutcome;
import io.github.dmswitchover.switchover.SwitchoverReport;
import io.github.dmswitchover.testkit.db.GroupSpec;
import io.github.dmswitchover.testkit.db.ReplicationGroup;
import io.github.dmswitchover.testkit.db.ReplicationGroupExtension;
import io.github.dmswitchover.switchover.mysql.DatabaseEndpoint;
import io.github.dmswitchover.testkit.db.GroupMember;
import io.github.dmswitchover.testkit.dm.DmProfile;
import io.github.dmswitchover.testkit.dm.SourceConfig;
import io.github.dmswitchover.testkit.dm.TaskConfig;
import io.github.dmswitchover.testkit.vip.VipForwarder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The README's examples against a real group and the simulator. */
class ExamplesIT {
  @RegisterExtension
  final ReplicationGroupExtension groups = ReplicationGroupExtension.of(GroupSpec.mysql().withMembers(2).build());

  @TempDir
  Path tickets;

  @Test
  void dmClientExample_describesTheSource(ReplicationGroup group) {
    try (Rig rig = Rig.start(group, DmProfile.V8_5, true)) {
      List<String> lines = DmClientExample.describeSource(rig.dm, Rig.SOURCE);
      assertThat(lines.get(0)).isEqualTo("DM v8.5.7");
      assertThat(lines).anyMatch(l -> l.startsWith("task orders: Running / Sync, syncerBinlogGtid "));
      assertThat(lines.get(lines.size() - 1)).contains(", relay Running in " + rig.old.serverUuid().orElseThrow());
    }
  }

  @Test
  void changeApproval_filesThePlan_thenExecutesItUnderTheSameId(ReplicationGroup group) throws Exception {
    try (Rig rig = Rig.start(group, DmProfile.V8_5, false)) {
      Optional<String> id = ChangeApproval.fileForApproval(rig.vipSwitchover(), tickets);
      assertThat(id).isPresent();
      assertThat(Files.readString(tickets.resolve(id.get() + ".json"))).contains("\"kind\" : \"plan\"");
      assertThat(Files.readString(tickets.resolve(id.get() + ".txt"))).contains("PLANNED (dry run, nothing executed)");
      SwitchoverReport r = ChangeApproval.executeApproved(rig.vipSwitchover(), id.get(), tickets);
      assertThat(r.outcome()).as(r.toText()).isEqualTo(SwitchoverOutcome.SUCCEEDED);
      assertThat(r.plan().switchoverId()).isEqualTo(id.get());
      SwitchoverReport again = ChangeApproval.executeApproved(rig.vipSwitchover(), id.get(), tickets);
      assertThat(again.outcome()).isEqualTo(SwitchoverOutcome.ALREADY_DONE);
    }
  }

  static DatabaseEndpoint endpoint(GroupMember m) {
    return DatabaseEndpoint.builder().withHost(m.host()).withPort(m.port()).withUser(m.user()).withPassword(m.password())
        .withConnectTimeout(Duration.ofSeconds(5)).withAllowPublicKeyRetrieval(true).build();
  }

  static String text(ByteArrayOutputStream out) {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void addressChangeExample_refusesTheOldInstanceItself_thenMovesTheSource(ReplicationGroup group) {
    try (Rig rig = Rig.startDirect(group, DmProfile.V8_5, false)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      AddressChangeExample.Result refused = AddressChangeExample.switchSource(rig.dm, Rig.SOURCE, endpoint(rig.old),
          endpoint(rig.old), rig.old.password(), Rig.TARGET_PASSWORD, rig.journal, Rig.fastPolicy().build(),
          new PrintStream(out, true, StandardCharsets.UTF_8));
      assertThat(refused.plan().isRefused()).isTrue();
      assertThat(refused.report()).isEmpty();
      assertThat(text(out)).contains("the new instance is the old one").doesNotContain("[step]");
      assertThat(rig.dm.getSource(Rig.SOURCE).port().orElse(0)).isEqualTo(rig.old.port());

      out.reset();
      AddressChangeExample.Result moved = AddressChangeExample.switchSource(rig.dm, Rig.SOURCE, endpoint(rig.next),
          endpoint(rig.old), rig.old.password(), Rig.TARGET_PASSWORD, rig.journal, Rig.fastPolicy().build(),
          new PrintStream(out, true, StandardCharsets.UTF_8));
      SwitchoverReport r = moved.report().orElseThrow();
      assertThat(r.outcome()).as(r.toText()).isEqualTo(SwitchoverOutcome.SUCCEEDED);
      assertThat(text(out)).contains("[ ok ] remove-source").contains("[ ok ] create-source").contains("SUCCEEDED");
      assertThat(rig.dm.getSource(Rig.SOURCE).port().orElse(0)).isEqualTo(rig.next.port());
      rig.old.writeTransactions(3);
      Rig.await("DM replicates from the new instance", () -> rig.dmHasAllOf(rig.next));
    }
  }

  @Test
  void batchExample_runsNothingWhenOnePlanIsRefused_thenSwitchesBothSources(ReplicationGroup group) {
    try (Rig rig = Rig.startDirect(group, DmProfile.V8_5, false)) {
      String second = "mysql-replica-02";
      rig.sim.addSource(SourceConfig.builder(second).withAddress(rig.old.host(), rig.old.port())
          .withUser(rig.old.user(), rig.old.password()).withGtid(true).withServerId(4_294_002L).build());
      rig.sim.startTask(TaskConfig.builder("audit").withTarget("127.0.0.1", 4000, "root", Rig.TARGET_PASSWORD)
          .withSource(second, "").build());
      Rig.await("the second task replicates", () -> rig.sim.subtaskStage("audit", second).equals("Running")
          && rig.sim.checkpoint("audit", second).isPresent());
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);

      Optional<SwitchoverBatch.BatchReport> none = BatchExample.switchAll(rig.dm, List.of(
              new BatchExample.Move(Rig.SOURCE, rig.newProbe, rig.oldProbe, rig.old.password()),
              new BatchExample.Move(second, rig.oldProbe, rig.oldProbe, rig.old.password())),
          Rig.TARGET_PASSWORD, rig.journal, rig.locks, Rig.fastPolicy().build(), 2, print);
      assertThat(none).isEmpty();
      assertThat(text(out)).contains(Rig.SOURCE + ": ready").contains(second + ": REFUSED").contains("nothing was changed");
      assertThat(rig.dm.getSource(Rig.SOURCE).port().orElse(0)).isEqualTo(rig.old.port());
      assertThat(rig.dm.getSource(second).port().orElse(0)).isEqualTo(rig.old.port());

      out.reset();
      SwitchoverBatch.BatchReport batch = BatchExample.switchAll(rig.dm, List.of(
              new BatchExample.Move(Rig.SOURCE, rig.newProbe, rig.oldProbe, rig.old.password()),
              new BatchExample.Move(second, rig.newProbe, rig.oldProbe, rig.old.password())),
          Rig.TARGET_PASSWORD, rig.journal, rig.locks, Rig.fastPolicy().build(), 2, print).orElseThrow();
      assertThat(batch.allSucceeded()).as(batch.summary()).isTrue();
      assertThat(rig.dm.getSource(Rig.SOURCE).port().orElse(0)).isEqualTo(rig.next.port());
      assertThat(rig.dm.getSource(second).port().orElse(0)).isEqualTo(rig.next.port());
    }
  }

  /**
   * A keepalived-style mover: commands change a state file, and a watcher standing in for
   * keepalived moves the VIP when the file changes and acknowledges it; the move command returns
   * only once the VIP has really moved, as a real notify script must.
   */
  @Test
  void commandVipMover_drivesARealVipSwitchover(ReplicationGroup group) throws Exception {
    try (Rig rig = Rig.start(group, DmProfile.V8_5, false)) {
      Path wanted = tickets.resolve("vip.wanted");
      Path applied = tickets.resolve("vip.applied");
      String oldAddress = rig.old.host() + ":" + rig.old.port();
      Files.writeString(wanted, oldAddress + "\n");
      Files.writeString(applied, oldAddress + "\n");
      AtomicBoolean watching = new AtomicBoolean(true);
      Thread keepalived = new Thread(() -> {
        String current = oldAddress;
        while (watching.get()) {
          try {
            String w = Files.readString(wanted).strip();
            if (!w.isEmpty() && !w.equals(current)) {
              int colon = w.lastIndexOf(':');
              rig.vip.moveTo(new InetSocketAddress(w.substring(0, colon), Integer.parseInt(w.substring(colon + 1))),
                  VipForwarder.OnMove.CUT_CONNECTIONS);
              Files.writeString(applied, w + "\n");
              current = w;
            }
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
      }, "keepalived-stand-in");
      keepalived.setDaemon(true);
      keepalived.start();
      try {
        String waitApplied = "for i in $(seq 250); do grep -qx '%s' " + applied + " && exit 0; sleep 0.02; done; exit 1";
        CommandVipMover mover = CommandVipMover.builder("keepalived stand-in (state file " + wanted.getFileName() + ")")
            .prepare("sh", "-c", "grep -qx '{from}' " + applied)
            .move("sh", "-c", "echo '{to}' > " + wanted + "; " + waitApplied.formatted("{to}"))
            .verify("sh", "-c", "grep -qx '{to}' " + applied)
            .moveBack("sh", "-c", "echo '{from}' > " + wanted + "; " + waitApplied.formatted("{from}"))
            .build();
        SwitchoverReport r = Switchover.viaVirtualIp(rig.dm, Rig.SOURCE).to(rig.newProbe).from(rig.oldProbe)
            .throughVip(rig.vip.host() + ":" + rig.vip.port(), rig.vipProbe, mover)
            .withJournal(rig.journal).withLock(rig.locks, Duration.ZERO).withPolicy(Rig.fastPolicy().build())
            .execute();
        assertThat(r.outcome()).as(r.toText()).isEqualTo(SwitchoverOutcome.SUCCEEDED);
        assertThat(r.toText()).contains("keepalived stand-in");
        assertThat(rig.vip.target()).contains(new InetSocketAddress(rig.next.host(), rig.next.port()));
        assertThat(Files.readString(applied).strip()).isEqualTo(rig.next.host() + ":" + rig.next.port());
      } finally {
        watching.set(false);
        keepalived.join(5_000);
      }
    }
  }
}
