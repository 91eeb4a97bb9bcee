package io.github.dmswitchover.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dmswitchover.examples.ChangeApproval;
import io.github.dmswitchover.examples.DmClientExample;
import io.github.dmswitchover.switchover.SwitchoverOutcome;
import io.github.dmswitchover.switchover.SwitchoverReport;
import io.github.dmswitchover.testkit.db.GroupSpec;
import io.github.dmswitchover.testkit.db.ReplicationGroup;
import io.github.dmswitchover.testkit.db.ReplicationGroupExtension;
import io.github.dmswitchover.testkit.dm.DmProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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
}
