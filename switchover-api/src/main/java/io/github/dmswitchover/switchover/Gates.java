package io.github.dmswitchover.switchover;

import io.github.dmswitchover.gtid.GtidFormatException;
import io.github.dmswitchover.switchover.spi.Flavor;
import io.github.dmswitchover.switchover.spi.GtidState;
import io.github.dmswitchover.switchover.spi.InstanceReading;
import io.github.dmswitchover.switchover.spi.InstanceSettings;
import io.github.dmswitchover.switchover.spi.ReplicationChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The gates G1–G10 of PROCEDURES.md as pure functions of what was read: every gate is evaluated,
 * even when an earlier one fails, and each verdict carries its inputs and differences.
 */
final class Gates {
  private Gates() {}

  /** The flows a switchover can take. */
  enum Flow { VIP, ADDRESS }

  /**
   * Everything the gates decide on.
   *
   * @param flow VIP or address change
   * @param dm what DM reported
   * @param target the new instance N
   * @param old the old instance O, if it could be read
   * @param vipIdentities the identities read through the VIP (VIP flow; each read once)
   * @param vipError why the VIP could not be read, if it could not
   * @param expectedUpstream the identity (VIP flow) or address (address flow) the caller expects now, if given
   * @param policy the caller's policies
   * @param catchUp what the bounded catch-up wait did, if one ran
   */
  record Context(Flow flow, DmSnapshot dm, InstanceReading target, Optional<InstanceReading> old,
      List<String> vipIdentities, Optional<String> vipError, Optional<String> expectedUpstream,
      SwitchoverPolicy policy, Optional<CatchUp> catchUp) {}

  /** A catch-up wait that ran before the gates were evaluated. */
  record CatchUp(boolean reached, Duration waited, String target) {}

  /** DM's positions on the source, parsed: each subtask's S_i and the relay's W. */
  record Positions(Map<String, Gtids> subtasks, Optional<Gtids> relay, List<String> problems) {
    /** ∪S_i ∪ W: everything DM has, that the new instance must have executed. */
    Gtids union(Flavor flavor) {
      Gtids u = Gtids.empty(flavor);
      for (Gtids s : subtasks.values()) {
        u = u.union(s);
      }
      return relay.map(u::union).orElse(u);
    }
  }

  static Positions positions(DmSnapshot dm, Flavor flavor) {
    Map<String, Gtids> subtasks = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    boolean v1 = dm.version().isV1();
    if (!v1) {
      for (DmSnapshot.SubtaskInfo st : dm.subtasks()) {
        try {
          subtasks.put(st.task(), Gtids.parse(st.syncerGtids(), flavor));
        } catch (GtidFormatException e) {
          problems.add("subtask " + st.task() + ": DM's syncerBinlogGtid '" + st.syncerGtids() + "' is not a "
              + flavor + " GTID set: " + e.getMessage());
        }
      }
    }
    Optional<Gtids> relay = Optional.empty();
    if (dm.relay().isPresent()) {
      try {
        relay = Optional.of(Gtids.parse(dm.relay().get().relayGtids(), flavor));
      } catch (GtidFormatException e) {
        problems.add("relay: DM's relayBinlogGtid '" + dm.relay().get().relayGtids() + "' is not a " + flavor
            + " GTID set: " + e.getMessage());
      }
    }
    return new Positions(subtasks, relay, problems);
  }

  /** E: what the new instance executed (MariaDB: its binlog state with its binlog position). */
  static Gtids executed(InstanceReading r) {
    if (r.gtids() instanceof GtidState.Mysql m) {
      return new Gtids.Mysql(m.executed());
    }
    GtidState.Mariadb m = (GtidState.Mariadb) r.gtids();
    return new Gtids.Mariadb(m.binlogState()).union(Gtids.of(m.binlogPos()));
  }

  /** P: what the new instance no longer has in its binary logs. */
  static Gtids purged(InstanceReading r) {
    if (r.gtids() instanceof GtidState.Mysql m) {
      return new Gtids.Mysql(m.purged());
    }
    return Gtids.of(((GtidState.Mariadb) r.gtids()).purged());
  }

  static List<GateVerdict> evaluate(Context ctx) {
    Flavor flavor = ctx.target().flavor();
    Positions pos = positions(ctx.dm(), flavor);
    List<GateVerdict> out = new ArrayList<>();
    out.add(g1(ctx));
    out.add(g2(ctx, pos));
    out.add(g3(ctx, pos));
    out.add(g4(ctx));
    out.add(g5(ctx, pos));
    out.add(g6(ctx, pos));
    out.add(g7(ctx));
    out.add(g8(ctx));
    out.add(g9(ctx));
    out.add(g10(ctx));
    return out;
  }

  private static GateVerdict verdict(Gate gate, GateStatus status, String summary, Map<String, String> inputs,
      List<GtidDelta> diffs, List<String> notes) {
    return new GateVerdict(gate, status, summary, inputs, diffs, notes);
  }

  // ---- G1 ----

  static GateVerdict g1(Context ctx) {
    Map<String, String> in = new LinkedHashMap<>();
    InstanceReading n = ctx.target();
    in.put("source enable-gtid", Boolean.toString(ctx.dm().source().enableGtid()));
    List<String> wrong = new ArrayList<>();
    if (!ctx.dm().source().enableGtid()) {
      wrong.add("source " + ctx.dm().source().id() + " has enable-gtid: false (DM pulls by position and cannot switch servers)");
    }
    if (n.flavor() == Flavor.MYSQL) {
      String mode = n.settings().gtidMode().orElse("(unknown)");
      in.put("N gtid_mode", mode);
      if (!"ON".equalsIgnoreCase(mode)) {
        wrong.add("the new instance has gtid_mode=" + mode + ", not ON");
      }
    } else {
      in.put("N log_bin", n.settings().logBin() ? "ON" : "OFF");
      if (!n.settings().logBin()) {
        wrong.add("the new instance has no binary log, so no GTIDs");
      }
    }
    return wrong.isEmpty()
        ? verdict(Gate.G1_GTID_MODE, GateStatus.PASSED, "DM pulls by GTID and the new instance has GTIDs on", in, List.of(), List.of())
        : verdict(Gate.G1_GTID_MODE, GateStatus.FAILED, String.join("; ", wrong), in, List.of(), List.of());
  }

  // ---- G2 ----

  static GateVerdict g2(Context ctx, Positions pos) {
    Flavor flavor = ctx.target().flavor();
    Map<String, String> in = new LinkedHashMap<>();
    Gtids p = purged(ctx.target());
    in.put("P (purged on N)", p.text());
    if (!ctx.dm().source().enableGtid()) {
      return verdict(Gate.G2_NOTHING_PURGED, GateStatus.NOT_APPLICABLE, "DM does not use GTIDs for this source (see G1)",
          in, List.of(), List.of());
    }
    if (!pos.problems().isEmpty()) {
      return verdict(Gate.G2_NOTHING_PURGED, GateStatus.FAILED, "DM's positions cannot be read: " + String.join("; ", pos.problems()),
          in, List.of(), List.of());
    }
    List<GtidDelta> diffs = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Map<String, Gtids> positions = new LinkedHashMap<>();
    pos.subtasks().forEach((task, s) -> positions.put("subtask " + task, s));
    pos.relay().ifPresent(w -> positions.put("relay", w));
    if (positions.isEmpty()) {
      return verdict(Gate.G2_NOTHING_PURGED, GateStatus.NOT_APPLICABLE, "no subtask and no relay on the source", in,
          List.of(), List.of());
    }
    positions.forEach((subject, s) -> {
      in.put(label(subject), s.text());
      boolean server = s.containsAll(p);
      if (!server) {
        List<Gtids.Part> parts = p.minus(s);
        diffs.add(delta("purged on the new instance, not yet replicated by DM", subject, parts));
      }
      if (flavor == Flavor.MARIADB && server != s.containsAllAsDm(p)) {
        notes.add(subject + ": by the server's rule (per domain, sequence only) P ⊆ " + label(subject) + " is " + server
            + ", by DM's rule (per domain and server) it is " + !server + "; the server decides what it sends");
      }
    });
    return diffs.isEmpty()
        ? verdict(Gate.G2_NOTHING_PURGED, GateStatus.PASSED, "the new instance still has every transaction DM needs", in, diffs, notes)
        : verdict(Gate.G2_NOTHING_PURGED, GateStatus.FAILED, "the new instance purged transactions DM has not replicated: "
            + diffs.stream().map(d -> d.subject() + " lacks " + d.summary()).toList(), in, diffs, notes);
  }

  // ---- G3 ----

  static GateVerdict g3(Context ctx, Positions pos) {
    Flavor flavor = ctx.target().flavor();
    Map<String, String> in = new LinkedHashMap<>();
    Gtids e = executed(ctx.target());
    in.put("E (executed on N)", e.text());
    if (!ctx.dm().source().enableGtid()) {
      return verdict(Gate.G3_NOTHING_MISSING, GateStatus.NOT_APPLICABLE, "DM does not use GTIDs for this source (see G1)",
          in, List.of(), List.of());
    }
    if (!pos.problems().isEmpty()) {
      return verdict(Gate.G3_NOTHING_MISSING, GateStatus.FAILED, "DM's positions cannot be read: " + String.join("; ", pos.problems()),
          in, List.of(), List.of());
    }
    List<GtidDelta> diffs = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Map<String, Gtids> positions = new LinkedHashMap<>();
    pos.subtasks().forEach((task, s) -> positions.put("subtask " + task, s));
    pos.relay().ifPresent(w -> positions.put("relay", w));
    positions.forEach((subject, s) -> {
      in.put(label(subject), s.text());
      boolean server = e.containsAll(s);
      if (!server) {
        diffs.add(delta("replicated by DM, not executed on the new instance", subject, s.minus(e)));
      }
      if (flavor == Flavor.MARIADB && server != e.containsAllAsDm(s)) {
        notes.add(subject + ": by the server's rule E ⊇ " + label(subject) + " is " + server
            + ", by DM's rule (per domain and server) it is " + !server);
      }
    });
    Optional<CatchUp> wait = ctx.catchUp();
    wait.ifPresent(w -> notes.add("waited " + w.waited().toMillis() + " ms for the new instance to execute " + w.target()
        + (w.reached() ? " (reached)" : " (not reached)")));
    if (diffs.isEmpty()) {
      GateStatus status = wait.isPresent() && wait.get().reached() ? GateStatus.PASSED_AFTER_WAIT : GateStatus.PASSED;
      return verdict(Gate.G3_NOTHING_MISSING, status, status == GateStatus.PASSED_AFTER_WAIT
          ? "the new instance caught up with DM's positions within the wait" : "the new instance has executed everything DM has",
          in, diffs, notes);
    }
    String why = catchingUp(ctx.target()) ? (wait.isPresent() ? "still missing after the catch-up wait: " : "missing: ")
        : "missing, and the new instance is not replicating, so it will not catch up: ";
    return verdict(Gate.G3_NOTHING_MISSING, GateStatus.FAILED, why
        + diffs.stream().map(d -> d.subject() + " has " + d.summary() + " that N lacks").toList(), in, diffs, notes);
  }

  /** Whether the new instance is a replica whose replication runs (so it can still catch up). */
  static boolean catchingUp(InstanceReading n) {
    return n.channels().stream().anyMatch(ReplicationChannel::isRunning);
  }

  // ---- G4 ----

  static GateVerdict g4(Context ctx) {
    InstanceSettings s = ctx.target().settings();
    Map<String, String> in = new LinkedHashMap<>();
    in.put("log_bin", s.logBin() ? "ON" : "OFF");
    in.put("binlog_format", s.binlogFormat());
    in.put("binlog_row_image", s.binlogRowImage());
    s.enforceGtidConsistency().ifPresent(v -> in.put("enforce_gtid_consistency", v));
    in.put("log_replica_updates", s.logReplicaUpdates() ? "ON" : "OFF");
    in.put("N is a replica", Boolean.toString(ctx.target().isReplica()));
    List<String> wrong = new ArrayList<>();
    if (!s.logBin()) {
      wrong.add("log_bin is OFF");
    }
    if (!"ROW".equalsIgnoreCase(s.binlogFormat())) {
      wrong.add("binlog_format is " + s.binlogFormat() + ", not ROW");
    }
    if (!"FULL".equalsIgnoreCase(s.binlogRowImage())) {
      wrong.add("binlog_row_image is " + s.binlogRowImage() + ", not FULL");
    }
    if (ctx.target().flavor() == Flavor.MYSQL && !"ON".equalsIgnoreCase(s.enforceGtidConsistency().orElse(""))) {
      wrong.add("enforce_gtid_consistency is " + s.enforceGtidConsistency().orElse("(unknown)") + ", not ON");
    }
    if (ctx.target().isReplica() && !s.logReplicaUpdates()) {
      wrong.add("the new instance is a replica with log_replica_updates OFF: the changes it replicates would never reach DM");
    }
    return wrong.isEmpty()
        ? verdict(Gate.G4_BINLOG_SETTINGS, GateStatus.PASSED, "the new instance writes a binary log DM can consume", in, List.of(), List.of())
        : verdict(Gate.G4_BINLOG_SETTINGS, GateStatus.FAILED, String.join("; ", wrong), in, List.of(), List.of());
  }

  // ---- G5 ----

  static GateVerdict g5(Context ctx, Positions pos) {
    InstanceReading n = ctx.target();
    Map<String, String> in = new LinkedHashMap<>();
    in.put("N identity", n.identity());
    ctx.old().ifPresent(o -> in.put("O identity", o.identity()));
    List<String> wrong = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    if (ctx.old().isPresent() && ctx.old().get().identity().equals(n.identity())) {
      wrong.add("the new instance is the old one (" + n.identity() + ")");
    }
    Set<String> dmSources = sources(pos.union(n.flavor()));
    Set<String> known = sources(executed(n));
    if (n.gtids() instanceof GtidState.Mariadb m) {
      // A MariaDB replica that does not log what it applies still shows it in gtid_slave_pos: it
      // has seen those domains (G4 says why its binary log lacks them).
      known.addAll(sources(Gtids.of(m.replicaPos())));
    }
    Set<String> unknown = new LinkedHashSet<>(dmSources);
    unknown.removeAll(known);
    in.put("sources in DM's positions", String.join(",", dmSources));
    if (!unknown.isEmpty()) {
      wrong.add("DM replicated transactions from " + unknown + " that the new instance has never seen: it is not in the same group");
    }
    if (ctx.old().isPresent()) {
      InstanceReading o = ctx.old().get();
      Optional<String> relation = relation(n, o);
      relation.ifPresentOrElse(r -> in.put("relation", r), () -> wrong.add("neither instance replicates from the other, "
          + "and they do not replicate from a common source"));
    } else {
      notes.add("the old instance could not be read: only the GTID history was compared");
    }
    return wrong.isEmpty()
        ? verdict(Gate.G5_SAME_GROUP, GateStatus.PASSED, "another server of the same replication group", in, List.of(), notes)
        : verdict(Gate.G5_SAME_GROUP, GateStatus.FAILED, String.join("; ", wrong), in, List.of(), notes);
  }

  /** The sources of a set: server UUIDs (MySQL), domains (MariaDB). */
  static Set<String> sources(Gtids g) {
    Set<String> out = new LinkedHashSet<>();
    if (g instanceof Gtids.Mysql m) {
      for (UUID u : m.set().uuids()) {
        out.add(u.toString());
      }
    } else {
      Gtids.Mariadb.highest(((Gtids.Mariadb) g).list()).keySet().forEach(d -> out.add("domain " + d));
    }
    return out;
  }

  /** How N and O are related by replication, if they are. */
  static Optional<String> relation(InstanceReading n, InstanceReading o) {
    for (ReplicationChannel c : n.channels()) {
      if (sameServer(c, o)) {
        return Optional.of("the new instance replicates from the old one");
      }
    }
    for (ReplicationChannel c : o.channels()) {
      if (sameServer(c, n)) {
        return Optional.of("the old instance replicates from the new one");
      }
    }
    for (ReplicationChannel cn : n.channels()) {
      for (ReplicationChannel co : o.channels()) {
        boolean sameUuid = !cn.sourceUuid().isEmpty() && cn.sourceUuid().equalsIgnoreCase(co.sourceUuid());
        boolean sameId = cn.sourceServerId() != 0 && cn.sourceServerId() == co.sourceServerId();
        boolean sameAddress = cn.sourceHost().equalsIgnoreCase(co.sourceHost()) && cn.sourcePort() == co.sourcePort();
        if (sameUuid || sameId || sameAddress) {
          return Optional.of("both replicate from the same source (" + cn.sourceHost() + ":" + cn.sourcePort() + ")");
        }
      }
    }
    return Optional.empty();
  }

  private static boolean sameServer(ReplicationChannel c, InstanceReading r) {
    if (!c.sourceUuid().isEmpty() && r.serverUuid().isPresent()) {
      return c.sourceUuid().equalsIgnoreCase(r.serverUuid().get().toString());
    }
    if (c.sourceServerId() != 0) {
      return c.sourceServerId() == r.serverId();
    }
    return r.address().equalsIgnoreCase(c.sourceHost() + ":" + c.sourcePort());
  }

  // ---- G6 ----

  static GateVerdict g6(Context ctx, Positions pos) {
    InstanceReading n = ctx.target();
    Map<String, String> in = new LinkedHashMap<>();
    List<GtidDelta> diffs = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Gtids e = executed(n);
    Gtids dm = pos.union(n.flavor());
    in.put("E (executed on N)", e.text());
    in.put("∪S (DM's positions)", dm.text());
    List<Gtids.Part> ahead = e.minus(dm);
    if (!ahead.isEmpty()) {
      diffs.add(delta("on the new instance, not yet replicated by DM (DM will apply these after the switch)", "DM", ahead));
    }
    Set<String> allowed = ctx.policy().allowedErrantSources();
    if (ctx.old().isPresent()) {
      Gtids eo = executed(ctx.old().get());
      in.put("E_O (executed on O)", eo.text());
      List<Gtids.Part> errant = e.minus(eo);
      Optional<String> relation = relation(n, ctx.old().get());
      if (!errant.isEmpty() && relation.isPresent() && !relation.get().startsWith("the new instance replicates")) {
        // O replicates from N, or both from a common source: N may simply be ahead of O. Only what N
        // wrote itself (its own server UUID) is errant; the rest is O's replication lag.
        boolean oldReplicatesFromNew = relation.get().startsWith("the old instance replicates from the new one");
        List<Gtids.Part> lag = errant.stream().filter(p -> oldReplicatesFromNew || !isOwn(p.source(), n)).toList();
        if (!lag.isEmpty()) {
          diffs.add(delta("on the new instance, not yet applied by the old one (" + relation.get() + ": replication lag)",
              "N − O", lag));
          notes.add("the old instance has not yet applied " + delta("", "N − O", lag).summary()
              + "; as " + relation.get() + ", these are lag, not errant");
        }
        errant = errant.stream().filter(p -> !oldReplicatesFromNew && isOwn(p.source(), n)).toList();
      }
      List<Gtids.Part> refused = errant.stream().filter(p -> !allowed.contains(normalize(p.source()))).toList();
      List<Gtids.Part> accepted = errant.stream().filter(p -> allowed.contains(normalize(p.source()))).toList();
      if (!accepted.isEmpty()) {
        diffs.add(delta("written only on the new instance, allowed by the caller", "N − O", accepted));
        notes.add("the caller allowed transactions from " + accepted.stream().map(Gtids.Part::source).toList()
            + " (recorded in this report)");
      }
      if (!refused.isEmpty()) {
        diffs.add(delta("written only on the new instance, never on the old one", "N − O", refused));
        return verdict(Gate.G6_ERRANT_TRANSACTIONS, GateStatus.FAILED, "the new instance has transactions the old one never had: "
            + delta("", "N − O", refused).summary() + "; DM would replay them; allow their sources explicitly to proceed",
            in, diffs, notes);
      }
      return verdict(Gate.G6_ERRANT_TRANSACTIONS, accepted.isEmpty() ? GateStatus.PASSED : GateStatus.WARNING,
          accepted.isEmpty() ? "no transaction was written only on the new instance" : "errant transactions allowed by the caller",
          in, diffs, notes);
    }
    notes.add("the old instance could not be read: errant transactions are detected only by the new instance's own identity");
    List<Gtids.Part> own = ahead.stream().filter(p -> isOwn(p.source(), n)).toList();
    if (!own.isEmpty() && own.stream().anyMatch(p -> !allowed.contains(normalize(p.source())))) {
      diffs.add(delta("written on the new instance itself (its own server UUID / server id)", "N", own));
      return verdict(Gate.G6_ERRANT_TRANSACTIONS, GateStatus.WARNING,
          "the new instance has transactions of its own that DM has not replicated: " + delta("", "N", own).summary(),
          in, diffs, notes);
    }
    return verdict(Gate.G6_ERRANT_TRANSACTIONS, GateStatus.PASSED, "nothing DM would apply comes from the new instance itself",
        in, diffs, notes);
  }

  private static boolean isOwn(String source, InstanceReading n) {
    return n.serverUuid().map(u -> source.startsWith(u.toString())).orElse(false);
  }

  private static String normalize(String source) {
    int colon = source.indexOf(':');
    return (colon < 0 ? source : source.substring(0, colon)).toLowerCase(Locale.ROOT);
  }

  // ---- G7 ----

  static GateVerdict g7(Context ctx) {
    DmSnapshot dm = ctx.dm();
    Map<String, String> in = new LinkedHashMap<>();
    List<String> wrong = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    in.put("leader", dm.cluster().leader().orElse("(none)"));
    in.put("worker", dm.source().worker().orElse("(unbound)") + (dm.source().workerOnline() ? "" : " (offline)"));
    dm.relay().ifPresent(r -> in.put("relay", r.stage() + (r.catchUpMaster() ? ", caught up" : ", not caught up")));
    for (DmSnapshot.SubtaskInfo st : dm.subtasks()) {
      in.put("subtask " + st.task(), st.stage() + " / " + st.unit());
      if (st.unit().equalsIgnoreCase("Dump") || st.unit().equalsIgnoreCase("Load")) {
        wrong.add("subtask " + st.task() + " is in the " + st.unit() + " unit (a full migration cannot continue on another server)");
      }
      if (!st.unresolvedLockId().isEmpty()) {
        wrong.add("subtask " + st.task() + " waits on shard DDL lock " + st.unresolvedLockId());
      }
      if (!st.blockingDdls().isEmpty()) {
        wrong.add("subtask " + st.task() + " is blocked on DDL " + st.blockingDdls());
      }
      if (!st.errors().isEmpty()) {
        notes.add("subtask " + st.task() + " reports " + st.errors());
      }
    }
    for (DmSnapshot.LockInfo l : dm.locks()) {
      if (dm.subtasks().stream().noneMatch(st -> st.unresolvedLockId().equals(l.id()))) {
        wrong.add("shard DDL lock " + l.id() + " of task " + l.task() + " is unresolved");
      }
    }
    if (dm.version().isV1() && dm.relay().isPresent() && dm.relay().get().stage().equalsIgnoreCase("Running")
        && !dm.relay().get().catchUpMaster()) {
      wrong.add("DM 1.0's relay has not caught up with the old master (relayCatchUpMaster is false)");
    }
    if (dm.cluster().leader().isEmpty()) {
      wrong.add("the DM cluster has no leader");
    }
    if (dm.source().worker().isEmpty()) {
      wrong.add("source " + dm.source().id() + " is not bound to a worker");
    } else if (!dm.source().workerOnline()) {
      wrong.add("worker " + dm.source().worker().get() + " of source " + dm.source().id() + " is offline");
    }
    if (dm.subtasks().isEmpty()) {
      notes.add("no task uses the source");
    }
    return wrong.isEmpty()
        ? verdict(Gate.G7_DM_SWITCHABLE, GateStatus.PASSED, "DM can be switched now", in, List.of(), notes)
        : verdict(Gate.G7_DM_SWITCHABLE, GateStatus.FAILED, String.join("; ", wrong), in, List.of(), notes);
  }

  // ---- G8 ----

  static GateVerdict g8(Context ctx) {
    Map<String, String> in = new LinkedHashMap<>();
    String n = ctx.target().identity();
    if (ctx.flow() == Flow.VIP) {
      Optional<String> expected = ctx.expectedUpstream().or(() -> ctx.old().map(InstanceReading::identity));
      in.put("expected behind the VIP", expected.orElse("(unknown)"));
      in.put("read through the VIP", String.join(",", ctx.vipIdentities()));
      if (ctx.vipError().isPresent()) {
        return verdict(Gate.G8_EXPECTED_UPSTREAM, GateStatus.FAILED, "the VIP cannot be read: " + ctx.vipError().get(),
            in, List.of(), List.of());
      }
      Set<String> seen = new LinkedHashSet<>(ctx.vipIdentities());
      if (seen.size() > 1) {
        return verdict(Gate.G8_EXPECTED_UPSTREAM, GateStatus.FAILED, "the VIP leads to different servers on different reads: " + seen,
            in, List.of(), List.of());
      }
      String behind = seen.isEmpty() ? "" : seen.iterator().next();
      if (behind.equals(n)) {
        return verdict(Gate.G8_EXPECTED_UPSTREAM, GateStatus.FAILED, "the VIP already leads to the new instance",
            in, List.of(), List.of());
      }
      if (expected.isEmpty()) {
        return verdict(Gate.G8_EXPECTED_UPSTREAM, GateStatus.FAILED,
            "the old instance could not be read and no expected identity was given: the VIP's current server cannot be confirmed",
            in, List.of(), List.of());
      }
      return behind.equals(expected.get())
          ? verdict(Gate.G8_EXPECTED_UPSTREAM, GateStatus.PASSED, "the VIP leads to the old instance", in, List.of(), List.of())
          : verdict(Gate.G8_EXPECTED_UPSTREAM, GateStatus.FAILED, "the VIP leads to " + behind + ", not to the expected "
              + expected.get() + " (someone else moved it)", in, List.of(), List.of());
    }
    Optional<String> current = ctx.dm().source().address();
    Optional<String> expected = ctx.expectedUpstream().or(() -> ctx.old().map(InstanceReading::address));
    in.put("source address in DM", current.orElse("(unknown)"));
    in.put("expected", expected.orElse("(unknown)"));
    in.put("new address", ctx.target().address());
    Optional<String> reads = relayReads(ctx.dm());
    if (current.isEmpty() && reads.isPresent()) {
      in.put("relay reads (from its sub-directory)", reads.get());
      if (reads.get().equals(ctx.target().identity())) {
        return verdict(Gate.G8_EXPECTED_UPSTREAM, GateStatus.FAILED, "DM's relay already reads the new instance (sub-directory "
            + ctx.dm().relay().get().subDir() + ")", in, List.of(), List.of());
      }
      if (ctx.old().isPresent() && reads.get().equals(ctx.old().get().identity())) {
        return verdict(Gate.G8_EXPECTED_UPSTREAM, GateStatus.PASSED, "DM does not report the source's address, but its relay "
            + "reads the old instance (sub-directory " + ctx.dm().relay().get().subDir() + ")", in, List.of(), List.of());
      }
      if (ctx.old().isPresent()) {
        return verdict(Gate.G8_EXPECTED_UPSTREAM, GateStatus.FAILED, "DM's relay reads " + reads.get() + ", neither the old "
            + "instance " + ctx.old().get().identity() + " nor the new one", in, List.of(), List.of());
      }
    }
    if (current.isEmpty()) {
      return expected.isPresent()
          ? verdict(Gate.G8_EXPECTED_UPSTREAM, GateStatus.WARNING, "DM does not report the source's address (DM 1.0 keeps it in "
              + "the worker); taken to be " + expected.get() + " as the caller says", in, List.of(), List.of())
          : verdict(Gate.G8_EXPECTED_UPSTREAM, GateStatus.FAILED, "DM did not report the source's address and none was "
              + "expected: give expectingCurrentUpstream(host:port) or the old instance", in, List.of(), List.of());
    }
    if (current.get().equalsIgnoreCase(ctx.target().address())) {
      return verdict(Gate.G8_EXPECTED_UPSTREAM, GateStatus.FAILED, "the source already points at the new address", in,
          List.of(), List.of());
    }
    if (expected.isPresent() && !current.get().equalsIgnoreCase(expected.get())) {
      return verdict(Gate.G8_EXPECTED_UPSTREAM, GateStatus.FAILED, "the source points at " + current.get() + ", not at the expected "
          + expected.get() + " (someone else changed it)", in, List.of(), List.of());
    }
    return verdict(Gate.G8_EXPECTED_UPSTREAM, expected.isPresent() ? GateStatus.PASSED : GateStatus.WARNING,
        expected.isPresent() ? "the source points at the expected address" : "no expected address was given to compare with",
        in, List.of(), List.of());
  }

  /** The server identity DM's relay reads, from its sub-directory name ({@code <uuid>.000002}, MariaDB {@code 0-2.000001}). */
  static Optional<String> relayReads(DmSnapshot dm) {
    return dm.relay().map(DmSnapshot.RelayInfo::subDir).filter(d -> d.matches(".+\\.\\d+"))
        .map(d -> d.substring(0, d.lastIndexOf('.')));
  }

  // ---- G9 ----

  static GateVerdict g9(Context ctx) {
    InstanceReading n = ctx.target();
    Map<String, String> in = new LinkedHashMap<>();
    Duration window = ctx.policy().expectedPauseWindow();
    in.put("expected pause window", window.toString());
    if (n.settings().binlogExpireSeconds().isEmpty()) {
      return verdict(Gate.G9_RETENTION, GateStatus.NOT_APPLICABLE, "the new instance did not tell its binlog retention", in,
          List.of(), List.of());
    }
    long expire = n.settings().binlogExpireSeconds().getAsLong();
    in.put("binlog retention (s)", Long.toString(expire));
    n.oldestBinlogAge().ifPresent(a -> in.put("oldest binlog age", a.toString()));
    if (expire == 0) {
      return verdict(Gate.G9_RETENTION, GateStatus.PASSED, "binary logs never expire", in, List.of(), List.of());
    }
    Duration retention = Duration.ofSeconds(expire);
    Duration left = n.oldestBinlogAge().map(retention::minus).orElse(retention);
    in.put("until the oldest binlog expires", left.toString());
    return left.compareTo(window) < 0
        ? verdict(Gate.G9_RETENTION, GateStatus.WARNING, "the oldest binary log of the new instance expires in " + left
            + ", within the expected pause window of " + window, in, List.of(), List.of())
        : verdict(Gate.G9_RETENTION, GateStatus.PASSED, "retention covers the expected pause window", in, List.of(), List.of());
  }

  // ---- G10 ----

  static GateVerdict g10(Context ctx) {
    Map<String, String> in = new LinkedHashMap<>();
    if (ctx.dm().source().serverId().isEmpty()) {
      return verdict(Gate.G10_SERVER_ID, GateStatus.NOT_APPLICABLE, "DM did not report the source's server-id", in, List.of(), List.of());
    }
    long id = ctx.dm().source().serverId().getAsLong();
    in.put("DM server-id", Long.toString(id));
    in.put("replicas of N", ctx.target().replicas().stream().map(r -> Long.toString(r.serverId())).toList().toString());
    boolean clash = ctx.target().replicas().stream().anyMatch(r -> r.serverId() == id) || ctx.target().serverId() == id;
    return clash
        ? verdict(Gate.G10_SERVER_ID, GateStatus.WARNING, "server id " + id + " is already used by the new instance or one of its replicas; "
            + "DM's binlog connection would end the other or be ended", in, List.of(), List.of())
        : verdict(Gate.G10_SERVER_ID, GateStatus.PASSED, "DM's server id is free on the new instance", in, List.of(), List.of());
  }

  // ---- helpers ----

  private static String label(String subject) {
    return subject.equals("relay") ? "W (relay)" : "S[" + subject.substring("subtask ".length()) + "]";
  }

  private static GtidDelta delta(String label, String subject, List<Gtids.Part> parts) {
    long total = 0;
    List<GtidDelta.Part> out = new ArrayList<>();
    for (Gtids.Part p : parts) {
      total = Math.addExact(total, p.transactions());
      out.add(new GtidDelta.Part(p.source(), p.transactions(), p.gtids()));
    }
    return new GtidDelta(label, subject, total, out);
  }
}
