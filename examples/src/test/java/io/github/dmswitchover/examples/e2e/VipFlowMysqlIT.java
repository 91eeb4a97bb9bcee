package io.github.dmswitchover.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dmswitchover.switchover.SwitchoverOutcome;
import io.github.dmswitchover.switchover.SwitchoverPlan;
import io.github.dmswitchover.switchover.SwitchoverReport;
import io.github.dmswitchover.testkit.db.GroupSpec;
import io.github.dmswitchover.testkit.db.ReplicationGroup;
import io.github.dmswitchover.testkit.db.ReplicationGroupExtension;
import io.github.dmswitchover.testkit.dm.DmProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class VipFlowMysqlIT {
  @RegisterExtension
  final ReplicationGroupExtension groups = ReplicationGroupExtension.of(GroupSpec.mysql().build());

  @Test
  void healthyReplica_validatesThenSwitches_whileWritesContinue(ReplicationGroup group) {
    try (Rig rig = Rig.start(group, DmProfile.V8_5, false)) {
      SwitchoverPlan plan = rig.vipSwitchover().validate();
      System.out.println(plan.toText());
      assertThat(plan.isRefused()).as(plan.toText()).isFalse();
      rig.startWriting();
      SwitchoverReport r = rig.vipSwitchover().execute();
      System.out.println(r.toText());
      assertThat(r.outcome()).as(r.toText()).isEqualTo(SwitchoverOutcome.SUCCEEDED);
    }
  }
}
