package io.github.dmswitchover.switchover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dmswitchover.switchover.spi.GtidTarget;
import io.github.dmswitchover.switchover.spi.InstanceReading;
import io.github.dmswitchover.switchover.spi.ProbeException;
import io.github.dmswitchover.switchover.spi.UpstreamProbe;
import io.github.dmswitchover.switchover.spi.VipMove;
import io.github.dmswitchover.switchover.spi.VipMover;
import io.github.dmswitchover.switchover.spi.WaitProgress;
import io.github.dmswitchover.switchover.spi.WaitResult;
import io.github.dmswitchover.switchover.spi.Cancellation;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gets a clear error naming what and where; an unreachable DM gives a refused plan, not an exception. */
class SwitchoverBuilderTest {
  @TempDir
  Path dir;

  /** A DM that cannot be reached: every call fails as dm-client's adapter would report it. */
  static DmPort unreachableDm() {
    return (DmPort) Proxy.newProxyInstance(DmPort.class.getClassLoader(), new Class<?>[] {DmPort.class}, (p, m, a) -> {
      if (m.getName().startsWith("describe")) {
        return "DM at 10.0.0.1:8261 (unreachable)";
      }
      throw new DmActionException("read DM's version failed: connection refused: 10.0.0.1:8261", null);
    });
  }

  static UpstreamProbe deadProbe(String address) {
    return new UpstreamProbe() {
      @Override
      public String address() {
        return address;
      }

      @Override
      public InstanceReading read() {
        throw new ProbeException(ProbeException.Kind.UNREACHABLE, address, "connection refused", null, null);
      }

      @Override
      public WaitResult waitForExecuted(GtidTarget target, Duration timeout, WaitProgress progress, Cancellation c) {
        throw new ProbeException(ProbeException.Kind.UNREACHABLE, address, "connection refused", null, null);
      }
    };
  }

  static final VipMover NO_MOVER = new VipMover() {
    @Override
    public String describe() {
      return "none";
    }

    @Override
    public void prepare(VipMove move, Duration timeout) {}

    @Override
    public void move(VipMove move, Duration timeout) {}

    @Override
    public void verify(VipMove move, Duration timeout) {}

    @Override
    public void moveBack(VipMove move, Duration timeout) {}
  };

  @Test
  void badArguments_areRefusedAtOnce_namingTheArgument() {
    assertThatThrownBy(() -> Switchover.viaVirtualIp(unreachableDm(), " ")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sourceId must not be blank");
    Switchover.Vip vip = Switchover.viaVirtualIp(unreachableDm(), "s1");
    assertThatThrownBy(() -> vip.to(null)).isInstanceOf(NullPointerException.class).hasMessage("newInstance");
    assertThatThrownBy(() -> vip.throughVip("10.0.0.100", deadProbe("x:1"), NO_MOVER))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("the VIP address must be host:port, got '10.0.0.100'");
    assertThatThrownBy(() -> vip.tasks("orders", "")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a task name must not be blank");
    assertThatThrownBy(() -> vip.withSwitchoverId("x".repeat(129))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("switchover id must be 1 to 128 characters");
    assertThatThrownBy(() -> vip.withLock(new InProcessSwitchoverLock(), Duration.ofSeconds(-1)))
        .hasMessage("lock wait must not be negative, got PT-1S");
    assertThatThrownBy(vip::validate).isInstanceOf(IllegalStateException.class)
        .hasMessage("the new instance is missing: call to(probe) before validate() or execute()");
    vip.to(deadProbe("10.0.0.2:3306"));
    assertThatThrownBy(vip::validate).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("the VIP is missing");
    Switchover.Address address = Switchover.byAddressChange(unreachableDm(), "s1");
    assertThatThrownBy(() -> address.toAddress("db2", 0)).hasMessage("the new port must be 1-65535, got 0");
    assertThatThrownBy(() -> address.withTaskConfig(" ", "name: x")).hasMessage("the task name must not be blank");
    assertThatThrownBy(() -> SwitchoverPolicy.builder().withVipIdentityReads(0))
        .hasMessage("vipIdentityReads must be at least 1, got 0");
    assertThatThrownBy(() -> SwitchoverBatch.of(List.of(vip, Switchover.viaVirtualIp(unreachableDm(), "s1"))))
        .hasMessage("source s1 appears twice in the batch; one switchover per source");
  }

  @Test
  void anUnreachableDm_givesARefusedPlan_whoseEveryGateSaysWhy() throws Exception {
    SwitchoverPlan plan = Switchover.viaVirtualIp(unreachableDm(), "s1").to(deadProbe("10.0.0.2:3306"))
        .throughVip("10.0.0.100:3306", deadProbe("10.0.0.100:3306"), NO_MOVER).validate();
    assertThat(plan.isRefused()).isTrue();
    assertThat(plan.gates()).hasSize(10).allSatisfy(g -> {
      assertThat(g.status()).isEqualTo(GateStatus.FAILED);
      assertThat(g.summary()).isEqualTo("not evaluated: DM could not be read: DmActionException: read DM's version failed: "
          + "connection refused: 10.0.0.1:8261");
    });
    assertThat(plan.steps()).isEmpty();
    JsonNode json = new ObjectMapper().readTree(plan.toJson());
    assertThat(json.path("schema").asText()).isEqualTo("dm-switchover-report");
    assertThat(json.path("schemaVersion").asInt()).isEqualTo(1);
    assertThat(json.path("kind").asText()).isEqualTo("plan");
    assertThat(json.path("outcome").asText()).isEqualTo("REFUSED");
    assertThat(json.path("gates")).hasSize(10);
    assertThat(json.fieldNames()).toIterable().containsExactly("schema", "schemaVersion", "kind", "switchoverId", "sourceId", "flow",
        "outcome", "dm", "instances", "vipIdentities", "subtasks", "relay", "gates", "blockers", "plannedSteps", "notes",
        "createdAt");
    assertThat(plan.toText()).contains("REFUSED (dry run)").contains("[FAIL] G1");
  }

  @Test
  void executeAgainstAnUnreachableDm_actsOnNothing_andJournalsTheRefusal() {
    FileSwitchoverJournal journal = FileSwitchoverJournal.inDirectory(dir);
    SwitchoverReport r = Switchover.byAddressChange(unreachableDm(), "s1").to(deadProbe("10.0.0.2:3306"))
        .withSourcePassword("hunter2-secret").withJournal(journal).withLock(new InProcessSwitchoverLock(), Duration.ZERO).execute();
    assertThat(r.outcome()).isEqualTo(SwitchoverOutcome.REFUSED);
    assertThat(r.steps()).isEmpty();
    assertThat(r.finalState()).startsWith("nothing was done");
    assertThatThrownBy(r::throwIfNotSucceeded).isInstanceOf(GateRefusedException.class).hasMessageContaining("was refused");
    assertThat(journal.entries(r.plan().switchoverId())).extracting(e -> e.phase().name()).containsExactly("PLANNED", "FINISHED");
    assertThat(r.toJson()).doesNotContain("hunter2-secret");
  }
}
