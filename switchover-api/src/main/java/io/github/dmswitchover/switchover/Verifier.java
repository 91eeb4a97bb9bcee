package io.github.dmswitchover.switchover;

import io.github.dmswitchover.gtid.GtidFormatException;
import io.github.dmswitchover.switchover.spi.ConnectedReplica;
import io.github.dmswitchover.switchover.spi.DumpClient;
import io.github.dmswitchover.switchover.spi.Flavor;
import io.github.dmswitchover.switchover.spi.InstanceReading;
import io.github.dmswitchover.switchover.spi.ProbeException;
import io.github.dmswitchover.switchover.spi.UpstreamProbe;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Proves, after the switch, that DM reads the new instance: every subtask runs without error, no
 * position goes behind the frozen one and positions move once the new instance commits, the new
 * instance serves DM's binlog connection and the old one no longer does, and the relay writes to a
 * sub-directory of the new instance. Polls until all hold or the verify timeout passes.
 */
final class Verifier {

  private final Spec spec;
  private final RunState st;
  private final String id;
  private final Redactor redactor;
  private final Listeners listeners;

  Verifier(Spec spec, RunState st, String id, Clock clock, Redactor redactor) {
    this.spec = spec;
    this.st = st;
    this.id = id;
    this.redactor = redactor;
    this.listeners = spec.common().listeners();
  }

  /** One round of checks: what holds, what does not yet, and what can never hold (a rewind). */
  private record Round(List<String> held, List<String> pending, List<String> broken) {}

  /**
   * Runs the checks until all hold.
   *
   * @return what was proven, in words
   * @throws IllegalStateException naming every check that did not hold in time, or a position that went back
   */
  String verify() {
    Duration limit = spec.policy().verifyTimeout();
    Duration waited = Duration.ZERO;
    java.time.Instant waitStart = spec.common().clock().instant();
    Map<String, String> baseline = new LinkedHashMap<>();
    Round r = round(baseline);
    while (!r.pending().isEmpty() && r.broken().isEmpty() && waited.compareTo(limit) < 0) {
      Duration w = waited;
      String pendingText = String.join("; ", r.pending());
      listeners.emit(l -> l.waitProgress(id, "verification", w, pendingText));
      sleep();
      waited = Waits.next(waited, spec.policy().pollInterval(), waitStart, spec.common().clock());
      r = round(baseline);
    }
    if (!r.broken().isEmpty()) {
      throw new IllegalStateException(String.join("; ", r.broken()));
    }
    if (!r.pending().isEmpty()) {
      throw new IllegalStateException("not proven within " + limit + ": " + String.join("; ", r.pending())
          + (r.held().isEmpty() ? "" : " (proven: " + String.join("; ", r.held()) + ")"));
    }
    return String.join("; ", r.held());
  }

  private Round round(Map<String, String> baseline) {
    List<String> held = new ArrayList<>();
    List<String> pending = new ArrayList<>();
    List<String> broken = new ArrayList<>();
    DmSnapshot dm;
    try {
      dm = spec.dm().status(spec.sourceId(), spec.common().tasks());
    } catch (RuntimeException e) {
      pending.add("DM could not be read: " + redactor.describe(e));
      return new Round(held, pending, broken);
    }
    Optional<InstanceReading> n = read(spec.common().target());
    if (n.isEmpty()) {
      pending.add("the new instance could not be read");
      return new Round(held, pending, broken);
    }
    Flavor flavor = n.get().flavor();
    // 1. stages
    List<String> expectRunning = st.resumed.isEmpty() ? st.toPause : st.resumed;
    for (String t : expectRunning) {
      Optional<DmSnapshot.SubtaskInfo> sub = dm.subtasks().stream().filter(s -> s.task().equals(t)).findFirst();
      if (sub.isEmpty()) {
        pending.add("task " + t + " has no subtask on " + spec.sourceId());
      } else if (!sub.get().stage().equalsIgnoreCase("Running") || !sub.get().errors().isEmpty()) {
        pending.add("task " + t + " is " + sub.get().stage() + (sub.get().errors().isEmpty() ? "" : " with " + sub.get().errors()));
      } else if (sub.get().unit().equalsIgnoreCase("Dump") || sub.get().unit().equalsIgnoreCase("Load")) {
        broken.add("task " + t + " runs the " + sub.get().unit() + " unit: it started a full migration again instead of continuing");
      }
    }
    if (pending.isEmpty() && broken.isEmpty()) {
      held.add("tasks " + expectRunning + " run without error");
    }
    if (dm.relay().isPresent()) {
      DmSnapshot.RelayInfo relay = dm.relay().get();
      if (!relay.stage().equalsIgnoreCase("Running")) {
        boolean newServer = relay.errors().stream().anyMatch(e -> e.contains("30044"));
        if (newServer && !dm.version().isV1()) {
          try {
            spec.dm().resumeRelay(spec.sourceId());
            pending.add("the relay stopped with 30044 (it saw the new server) and was resumed");
          } catch (RuntimeException e) {
            pending.add("the relay stopped with 30044 and could not be resumed: " + redactor.describe(e));
          }
        } else {
          pending.add("the relay is " + relay.stage() + (relay.errors().isEmpty() ? "" : " with " + relay.errors()));
        }
      }
    }
    // 2. positions: never behind the frozen ones, and moving once N commits
    Gtids executed = Gates.executed(n.get());
    Map<String, String> positions = new LinkedHashMap<>();
    boolean v1 = dm.version().isV1();
    if (!v1) {
      dm.subtasks().forEach(s -> positions.put("task " + s.task(), s.syncerGtids()));
    }
    dm.relay().ifPresent(r -> positions.put("relay", r.relayGtids()));
    Map<String, String> frozen = new LinkedHashMap<>();
    st.frozen.forEach((t, g) -> frozen.put("task " + t, g));
    if (!st.frozenRelay.isEmpty()) {
      frozen.put("relay", st.frozenRelay);
    }
    for (Map.Entry<String, String> e : frozen.entrySet()) {
      String now = positions.get(e.getKey());
      if (now == null || (v1 && !e.getKey().equals("relay"))) {
        continue;
      }
      try {
        Gtids before = Gtids.parse(e.getValue(), flavor);
        Gtids after = Gtids.parse(now, flavor);
        if (!after.containsAll(before)) {
          broken.add(e.getKey() + " went behind its frozen position: " + e.getValue() + " -> " + now + " (missing "
              + before.minus(after).stream().map(Gtids.Part::gtids).toList() + ")");
          continue;
        }
        boolean nCommittedMore = !before.containsAll(executed);
        boolean moved = !before.containsAll(after);
        if (moved) {
          held.add(e.getKey() + " moved past its frozen position");
        } else if (nCommittedMore) {
          pending.add(e.getKey() + " has not moved past " + abbreviate(e.getValue()) + " although the new instance committed more");
        } else {
          baseline.putIfAbsent(e.getKey(), "the new instance committed nothing after the freeze; " + e.getKey()
              + " did not go back (moving could not be observed)");
        }
      } catch (GtidFormatException ex) {
        pending.add(e.getKey() + " has a position that is not a GTID set: " + now);
      }
    }
    baseline.values().stream().filter(b -> !held.contains(b)).forEach(held::add);
    // 3. DM's binlog connection: on N, and no longer on O
    OptionalLong serverId = dm.source().serverId();
    Optional<String> user = dm.source().user();
    if (serverId.isPresent() || user.isPresent()) {
      if (servesDm(n.get(), serverId, user)) {
        held.add("the new instance serves DM's binlog connection" + serverId.stream().mapToObj(i -> " (server id " + i + ")")
            .findFirst().orElse(""));
      } else {
        pending.add("the new instance shows no binlog connection of DM" + describe(serverId, user));
      }
      if (spec.common().old().isPresent()) {
        Optional<InstanceReading> o = read(spec.common().old().get());
        if (o.isEmpty()) {
          held.add("the old instance cannot be read, so it serves DM nothing");
        } else if (o.get().identity().equals(n.get().identity())) {
          pending.add("the old and new probes reach the same server");
        } else if (servesDm(o.get(), serverId, user) && serverId.isPresent()) {
          pending.add("the old instance still serves DM's binlog connection (server id " + serverId.getAsLong()
              + "): DM may read both servers at once; close that connection on the old instance");
        } else {
          held.add("the old instance no longer serves DM");
        }
      }
    } else {
      held.add("DM reported neither its server id nor its user, so its binlog connection cannot be told apart (not checked)");
    }
    // 4. the relay's sub-directory
    if (dm.relay().isPresent() && !st.relaySubDir.isEmpty()) {
      String dir = dm.relay().get().subDir();
      String identity = n.get().serverUuid().map(Object::toString).orElse("");
      if (dir.equals(st.relaySubDir)) {
        pending.add("the relay still writes to " + dir);
      } else if (!identity.isEmpty() && !dir.startsWith(identity)) {
        pending.add("the relay writes to " + dir + ", not to a sub-directory of the new instance " + identity);
      } else {
        held.add("the relay moved from " + st.relaySubDir + " to " + dir);
      }
    }
    return new Round(held, pending, broken);
  }

  private static boolean servesDm(InstanceReading r, OptionalLong serverId, Optional<String> user) {
    if (serverId.isPresent()) {
      for (ConnectedReplica c : r.replicas()) {
        if (c.serverId() == serverId.getAsLong()) {
          return true;
        }
      }
      for (DumpClient d : r.dumpClients()) {
        if (d.replicaServerId().isPresent() && d.replicaServerId().getAsLong() == serverId.getAsLong()) {
          return true;
        }
      }
      return false;
    }
    for (DumpClient d : r.dumpClients()) {
      if (d.user().equals(user.get())) {
        return true;
      }
    }
    return false;
  }

  private static String describe(OptionalLong serverId, Optional<String> user) {
    return serverId.isPresent() ? " (no replica registered with server id " + serverId.getAsLong() + ")"
        : " (no Binlog Dump connection of user " + user.orElse("?") + ")";
  }

  private Optional<InstanceReading> read(UpstreamProbe p) {
    try {
      return Optional.of(p.read());
    } catch (ProbeException e) {
      return Optional.empty();
    }
  }

  private void sleep() {
    try {
      spec.common().sleeper().sleep(spec.policy().pollInterval());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while verifying", e);
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 120 ? s : s.substring(0, 100) + "…";
  }
}
