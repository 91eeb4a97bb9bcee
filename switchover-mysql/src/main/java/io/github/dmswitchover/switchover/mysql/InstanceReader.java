package io.github.dmswitchover.switchover.mysql;

import io.github.dmswitchover.gtid.GtidFormatException;
import io.github.dmswitchover.gtid.GtidSet;
import io.github.dmswitchover.gtid.MariadbGtidList;
import io.github.dmswitchover.gtid.MariadbGtidPosition;
import io.github.dmswitchover.switchover.spi.ConnectedReplica;
import io.github.dmswitchover.switchover.spi.DumpClient;
import io.github.dmswitchover.switchover.spi.GtidState;
import io.github.dmswitchover.switchover.spi.InstanceReading;
import io.github.dmswitchover.switchover.spi.InstanceSettings;
import io.github.dmswitchover.switchover.spi.ProbeException;
import io.github.dmswitchover.switchover.spi.ProbeException.Kind;
import io.github.dmswitchover.switchover.spi.ReplicationChannel;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Takes one reading of an instance over one connection ({@link Sql}), statement by statement in a
 * fixed order. Not thread-safe; one reader per reading.
 *
 * <p>Order, and what it guarantees: version; variables (settings and identity); the GTID state
 * (MySQL: {@code gtid_purged} before {@code gtid_executed}, so purged is within executed; MariaDB:
 * what the oldest binary log starts from before {@code gtid_binlog_pos}, so everything purged is
 * within the position); replication channels; registered replicas; the processlist; and, for
 * MySQL, which registered replica each binlog dump connection is. The statements run one after the
 * other, not in one snapshot: a transaction committed between two of them shows in the later ones
 * only.
 */
final class InstanceReader {
  /** How often the oldest binary log is listed again when it was purged between listing and reading it. */
  static final int OLDEST_BINLOG_ATTEMPTS = 3;

  private final Sql sql;
  private final ConnectionSource source;

  InstanceReader(Sql sql, ConnectionSource source) {
    this.sql = sql;
    this.source = source;
  }

  /** Reads the version and returns its dialect. */
  Dialect dialect() {
    String text = single(query("SELECT VERSION() AS version"), "SELECT VERSION()").text("version");
    try {
      return Dialect.of(ServerVersion.parse(text));
    } catch (IllegalArgumentException e) {
      throw new ProbeException(Kind.QUERY_FAILED, source.address(), "VERSION() printed '" + text
          + "', which is not a version", null, e);
    }
  }

  /**
   * Takes the reading.
   *
   * @throws ProbeException if a statement fails, the instance has no GTIDs, or it prints something
   *     that cannot be parsed
   */
  InstanceReading read(Instant readAt) {
    Dialect d = dialect();
    List<String> warnings = new ArrayList<>(d.versionWarnings());
    Map<String, String> vars = variables(query(d.variablesQuery()));
    InstanceSettings settings = d.settings(vars, warnings);
    long serverId = number(vars, "server_id", warnings);
    requireGtids(d, settings);

    GtidState gtids;
    Optional<UUID> serverUuid = Optional.empty();
    OptionalLong domainId = OptionalLong.empty();
    if (d instanceof Dialect.Mysql my) {
      serverUuid = uuid(vars.get("server_uuid"), warnings);
      gtids = mysqlGtids(my, warnings);
    } else {
      domainId = OptionalLong.of(number(vars, "gtid_domain_id", warnings));
      gtids = mariadbGtids((Dialect.Mariadb) d);
    }

    List<ReplicationChannel> channels = new ArrayList<>();
    for (Row r : query(d.replicaStatusQuery())) {
      channels.add(d.channel(r));
    }
    List<ConnectedReplica> replicas = new ArrayList<>();
    for (Row r : query(d.replicasQuery())) {
      replicas.add(d.replica(r));
    }
    List<DumpClient> dumps = new ArrayList<>();
    for (Row r : query(d.processlistQuery())) {
      d.dumpClient(r).ifPresent(dumps::add);
    }
    if (d instanceof Dialect.Mysql my && !dumps.isEmpty()) {
      dumps = withReplicaServerIds(my, vars, dumps, replicas, warnings);
    }
    if (replicas.size() > dumps.size()) {
      warnings.add(d.replicasQuery() + " lists " + replicas.size() + " registered replica(s) but only " + dumps.size()
          + " binlog dump connection(s) are visible; without the PROCESS privilege other users' connections are hidden");
    }
    if (settings.logBin()) {
      warnings.add("the age of the oldest binary log is unknown: no SQL statement of " + d.version
          + " tells when a binary log file was written");
    }
    return new InstanceReading(source.address(), d.flavor(), d.version.text(), serverUuid, serverId, domainId, gtids,
        settings, channels, replicas, dumps, Optional.empty(), warnings, readAt);
  }

  private void requireGtids(Dialect d, InstanceSettings settings) {
    if (d instanceof Dialect.Mysql) {
      String mode = settings.gtidMode().orElse("");
      if (!"ON".equalsIgnoreCase(mode)) {
        throw new ProbeException(Kind.NO_GTID, source.address(), "gtid_mode is "
            + (mode.isEmpty() ? "not reported" : mode) + " on " + d.version + "; DM's GTID mode and a switchover need ON",
            null, null);
      }
    }
    if (!settings.logBin()) {
      throw new ProbeException(Kind.NO_GTID, source.address(), "the binary log is off (log_bin=OFF) on " + d.version
          + "; DM reads GTIDs from the binary log", null, null);
    }
  }

  private GtidState.Mysql mysqlGtids(Dialect.Mysql d, List<String> warnings) {
    Row r = single(query(d.gtidQuery()), "reading gtid_executed");
    GtidSet purged = parseSet("gtid_purged", r.text("purged"));
    GtidSet executed = parseSet("gtid_executed", r.text("executed"));
    if (!purged.isSubsetOf(executed)) {
      warnings.add("gtid_purged is not within gtid_executed: " + GtidText.abbreviate(purged.subtract(executed)));
    }
    return new GtidState.Mysql(executed, purged);
  }

  private GtidState.Mariadb mariadbGtids(Dialect.Mariadb d) {
    MariadbGtidPosition purged = null;
    for (int attempt = 1; purged == null; attempt++) {
      List<Row> logs = query(d.binaryLogsQuery());
      if (logs.isEmpty()) {
        throw new ProbeException(Kind.QUERY_FAILED, source.address(), d.binaryLogsQuery() + " listed no binary log",
            null, null);
      }
      String oldest = logs.get(0).text("Log_name");
      Optional<String> pos = single(query(d.binlogGtidPosQuery(), oldest), "BINLOG_GTID_POS").get("pos");
      if (pos.isPresent()) {
        purged = parsePosition("BINLOG_GTID_POS('" + oldest + "', 4)", pos.get());
      } else if (attempt == OLDEST_BINLOG_ATTEMPTS) {
        throw new ProbeException(Kind.QUERY_FAILED, source.address(), "BINLOG_GTID_POS('" + oldest
            + "', 4) returned NULL " + attempt + " times; the oldest binary log keeps changing or cannot be read", null,
            null);
      }
    }
    Row r = single(query(d.gtidQuery()), "reading gtid_binlog_pos");
    return new GtidState.Mariadb(parsePosition("gtid_binlog_pos", r.text("binlog_pos")),
        parseList("gtid_binlog_state", r.text("binlog_state")), purged,
        parsePosition("gtid_slave_pos", r.text("slave_pos")));
  }

  /**
   * Fills in the replica server id of each dump connection whose {@code replica_uuid} (or
   * {@code slave_uuid}) names exactly one registered replica. Needs performance_schema; without it,
   * or without the privilege to read it, the ids stay empty and a warning says why.
   */
  private List<DumpClient> withReplicaServerIds(Dialect.Mysql d, Map<String, String> vars, List<DumpClient> dumps,
      List<ConnectedReplica> replicas, List<String> warnings) {
    if (!Dialect.bool(vars.getOrDefault("performance_schema", "OFF")).orElse(false)) {
      warnings.add("performance_schema is OFF, so which registered replica each binlog dump connection is cannot be told");
      return dumps;
    }
    List<Row> rows;
    try {
      rows = sql.query(d.dumpClientUuidQuery());
    } catch (SQLException e) {
      warnings.add("which registered replica each binlog dump connection is cannot be told: "
          + SqlErrors.describe(e, source)
          + SqlErrors.missingPrivilege(e).map(p -> " [missing privilege: " + p + "]").orElse(""));
      return dumps;
    }
    Map<Long, String> uuidByConnection = new HashMap<>();
    for (Row r : rows) {
      // replica_uuid wins over slave_uuid when a connection set both (they are equal when set by MySQL and DM).
      String name = r.text("name");
      long id = r.number("id");
      if ("replica_uuid".equalsIgnoreCase(name) || !uuidByConnection.containsKey(id)) {
        uuidByConnection.put(id, r.text("value").strip());
      }
    }
    Map<String, List<ConnectedReplica>> byUuid = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (ConnectedReplica rep : replicas) {
      if (!rep.replicaUuid().isEmpty()) {
        byUuid.computeIfAbsent(rep.replicaUuid(), k -> new ArrayList<>()).add(rep);
      }
    }
    List<DumpClient> out = new ArrayList<>();
    for (DumpClient c : dumps) {
      String uuid = uuidByConnection.get(c.connectionId());
      List<ConnectedReplica> match = uuid == null ? List.of() : byUuid.getOrDefault(uuid, List.of());
      if (match.size() == 1) {
        out.add(new DumpClient(c.connectionId(), c.user(), c.clientHost(), c.command(), c.seconds(), c.state(),
            OptionalLong.of(match.get(0).serverId())));
      } else {
        out.add(c);
      }
    }
    return out;
  }

  private List<Row> query(String statement, String... params) {
    try {
      return sql.query(statement, params);
    } catch (SQLException e) {
      throw SqlErrors.probeException(source, statement, e);
    }
  }

  private Row single(List<Row> rows, String what) {
    if (rows.size() != 1) {
      throw new ProbeException(Kind.QUERY_FAILED, source.address(), what + " returned " + rows.size()
          + " rows instead of one", null, null);
    }
    return rows.get(0);
  }

  private static Map<String, String> variables(List<Row> rows) {
    Map<String, String> vars = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (Row r : rows) {
      vars.put(r.text("Variable_name"), r.get("Value").orElse(""));
    }
    return vars;
  }

  private long number(Map<String, String> vars, String name, List<String> warnings) {
    String v = vars.get(name);
    if (v == null) {
      warnings.add(name + " is not reported; read as 0");
      return 0;
    }
    try {
      return Long.parseLong(v.strip());
    } catch (NumberFormatException e) {
      throw new ProbeException(Kind.QUERY_FAILED, source.address(), name + " is '" + v + "', not a number", null, e);
    }
  }

  private static Optional<UUID> uuid(String text, List<String> warnings) {
    if (text == null || text.isBlank()) {
      warnings.add("server_uuid is not reported");
      return Optional.empty();
    }
    try {
      return Optional.of(UUID.fromString(text.strip()));
    } catch (IllegalArgumentException e) {
      warnings.add("server_uuid '" + text + "' is not a UUID");
      return Optional.empty();
    }
  }

  private GtidSet parseSet(String what, String text) {
    try {
      return GtidSet.parse(text);
    } catch (GtidFormatException e) {
      throw unparsable(what, e);
    }
  }

  private MariadbGtidPosition parsePosition(String what, String text) {
    try {
      return MariadbGtidPosition.parse(text);
    } catch (GtidFormatException e) {
      throw unparsable(what, e);
    }
  }

  private MariadbGtidList parseList(String what, String text) {
    try {
      return MariadbGtidList.parse(text);
    } catch (GtidFormatException e) {
      throw unparsable(what, e);
    }
  }

  private ProbeException unparsable(String what, GtidFormatException e) {
    return new ProbeException(Kind.QUERY_FAILED, source.address(), what + " cannot be parsed: " + e.getMessage(), null,
        e);
  }
}
