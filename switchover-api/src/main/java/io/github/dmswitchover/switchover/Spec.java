package io.github.dmswitchover.switchover;

import io.github.dmswitchover.dm.Sleeper;
import io.github.dmswitchover.switchover.spi.SwitchoverJournal;
import io.github.dmswitchover.switchover.spi.SwitchoverLock;
import io.github.dmswitchover.switchover.spi.UpstreamProbe;
import io.github.dmswitchover.switchover.spi.VipMover;
import io.github.dmswitchover.switchover.spi.WorkerReconfigurer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything a switchover was built with; immutable. */
record Spec(Common common, Optional<VipParts> vip, Optional<AddressParts> address) {

  /** What both flows have. */
  record Common(Gates.Flow flow, DmPort dm, String sourceId, List<String> tasks, UpstreamProbe target,
      Optional<UpstreamProbe> old, SwitchoverPolicy policy, Optional<SwitchoverJournal> givenJournal, SwitchoverLock lock,
      Duration lockWait, Clock clock, Sleeper sleeper, Listeners listeners, Optional<String> switchoverId,
      Optional<String> expectedUpstream) {

    /** The journal given, or the default file journal (created only when a switchover executes). */
    SwitchoverJournal journal() {
      return givenJournal.orElseGet(FileSwitchoverJournal::defaultJournal);
    }
  }

  /** The VIP flow's parts. */
  record VipParts(String vip, UpstreamProbe probe, VipMover mover) {}

  /** The address flow's parts. */
  record AddressParts(Optional<String> host, int port, Optional<String> sourceConfig, Optional<String> sourcePassword,
      Map<String, String> taskConfigs, Optional<String> targetPassword, Optional<WorkerReconfigurer> reconfigurer) {}

  /** The same spec with its journal fixed (the default one resolved once). */
  Spec withJournal(SwitchoverJournal journal) {
    Common c = common;
    return new Spec(new Common(c.flow(), c.dm(), c.sourceId(), c.tasks(), c.target(), c.old(), c.policy(), Optional.of(journal),
        c.lock(), c.lockWait(), c.clock(), c.sleeper(), c.listeners(), c.switchoverId(), c.expectedUpstream()), vip, address);
  }

  Gates.Flow flow() {
    return common.flow();
  }

  DmPort dm() {
    return common.dm();
  }

  String sourceId() {
    return common.sourceId();
  }

  SwitchoverPolicy policy() {
    return common.policy();
  }

  /** Every secret the caller handed over, for masking. */
  Redactor redactor() {
    List<String> secrets = new ArrayList<>();
    address.ifPresent(a -> {
      a.sourcePassword().ifPresent(secrets::add);
      a.targetPassword().ifPresent(secrets::add);
      a.sourceConfig().ifPresent(y -> secrets.addAll(DmConfigs.passwords(y)));
      a.taskConfigs().values().forEach(y -> secrets.addAll(DmConfigs.passwords(y)));
    });
    return Redactor.of(secrets);
  }
}
