package io.github.dmswitchover.switchover.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.dmswitchover.gtid.GtidSet;
import io.github.dmswitchover.switchover.spi.Cancellation;
import io.github.dmswitchover.switchover.spi.GtidState;
import io.github.dmswitchover.switchover.spi.GtidTarget;
import io.github.dmswitchover.switchover.spi.InstanceReading;
import io.github.dmswitchover.switchover.spi.ProbeException;
import io.github.dmswitchover.switchover.spi.WaitProgress;
import io.github.dmswitchover.testkit.db.GroupMember;
import io.github.dmswitchover.testkit.db.GroupSpec;
import io.github.dmswitchover.testkit.db.ReplicationGroup;
import io.github.dmswitchover.testkit.db.ReplicationGroupExtension;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The probe on MySQL 9.7: performance_schema on (as in production), member 2 without log_replica_updates. */
class MysqlProbeIT extends ProbeContract {
  @RegisterExtension
  static final ReplicationGroupExtension GROUP = ReplicationGroupExtension.of(GroupSpec.mysql()
      .withServerOption("performance_schema", "ON")
      .withMemberOption(2, "log_replica_updates", "OFF")
      .build());

  @Override
  boolean mysql() {
    return true;
  }

  @Override
  String stopReplication() {
    return "STOP REPLICA";
  }

  @Override
  String startReplication() {
    return "START REPLICA";
  }

  @Override
  GtidTarget executedBy(GroupMember m) {
    return new GtidTarget.Mysql(GtidSet.parse(m.gtidState().executed()));
  }

  @Override
  String dmStartPosition(GroupMember m) {
    return GtidSet.parse(m.gtidState().executed()).toCompactString();
  }

  @Override
  void assertIdentity(InstanceReading r, GroupMember m) {
    assertThat(r.serverUuid()).contains(UUID.fromString(m.serverUuid().orElseThrow()));
    assertThat(r.serverId()).isEqualTo(m.serverId());
    assertThat(r.gtidDomainId()).isEmpty();
    assertThat(r.identity()).isEqualTo(m.serverUuid().orElseThrow());
    assertThat(r.settings().gtidMode()).contains("ON");
    assertThat(r.settings().enforceGtidConsistency()).contains("ON");
    assertThat(r.settings().superReadOnly()).contains(false);
  }

  @Override
  void assertExecuted(InstanceReading r, GroupMember m) {
    GtidState.Mysql g = (GtidState.Mysql) r.gtids();
    assertThat(g.executed()).isEqualTo(GtidSet.parse(m.gtidState().executed()));
    assertThat(g.executed().uuids()).contains(UUID.fromString(m.serverUuid().orElseThrow()));
    assertThat(g.purged().isSubsetOf(g.executed())).isTrue();
  }

  @Override
  void assertErrant(InstanceReading replica, InstanceReading primary, GroupMember m) {
    UUID own = UUID.fromString(m.serverUuid().orElseThrow());
    GtidSet executed = ((GtidState.Mysql) replica.gtids()).executed();
    GtidSet primaryExecuted = ((GtidState.Mysql) primary.gtids()).executed();
    assertThat(executed.uuids()).contains(own);
    assertThat(executed.subtract(primaryExecuted).uuids()).as("written only on the replica").containsExactly(own);
  }

  @Override
  void assertPurged(InstanceReading r, String executedBefore) {
    GtidState.Mysql g = (GtidState.Mysql) r.gtids();
    assertThat(g.purged().isEmpty()).isFalse();
    assertThat(g.purged()).isEqualTo(GtidSet.parse(executedBefore));
    assertThat(g.purged().isSubsetOf(g.executed())).isTrue();
  }

  @Override
  void assertDmDumpConnection(InstanceReading r) {
    assertThat(r.dumpClients()).filteredOn(d -> d.replicaServerId().orElse(-1) == DM_SERVER_ID)
        .singleElement().satisfies(d -> {
          assertThat(d.command()).isEqualTo("Binlog Dump GTID");
          assertThat(d.clientHost()).startsWith("127.0.0.1:");
        });
  }

  @Override
  void writeErrant(GroupMember m) {
    m.execute("CREATE DATABASE IF NOT EXISTS errant_" + m.name());
  }

  @Override
  void createUser(GroupMember primary, String user) {
    primary.execute("CREATE USER IF NOT EXISTS '" + user + "'@'%' IDENTIFIED BY '" + PROBE_PASSWORD + "'");
  }

  @Override
  List<Grant> minimumProbeGrants() {
    return List.of(
        new Grant("REPLICATION CLIENT ON *.*", "REPLICATION CLIENT", ""),
        new Grant("REPLICATION SLAVE ON *.*", "REPLICATION SLAVE", ""),
        new Grant("PROCESS ON *.*", "", "without the PROCESS privilege"),
        new Grant("SELECT ON performance_schema.threads", "", "[missing privilege: SELECT ON threads]"),
        new Grant("SELECT ON performance_schema.user_variables_by_thread", "",
            "[missing privilege: SELECT ON user_variables_by_thread]"));
  }

  @Test
  void read_gtidModeNotOn_failsWithNoGtid(ReplicationGroup group) {
    GroupMember primary = group.primary();
    primary.execute("SET GLOBAL gtid_mode = ON_PERMISSIVE");
    try (JdbcUpstreamProbe p = probe(primary)) {
      ProbeException e = catchThrowableOfType(ProbeException.class, p::read);
      assertThat(e.kind()).isEqualTo(ProbeException.Kind.NO_GTID);
      assertThat(e.getMessage()).contains("gtid_mode is ON_PERMISSIVE");
      ProbeException w = catchThrowableOfType(ProbeException.class, () -> p.waitForExecuted(
          new GtidTarget.Mysql(GtidSet.empty()), Duration.ofSeconds(1), WaitProgress.NONE, Cancellation.NEVER));
      assertThat(w.kind()).isEqualTo(ProbeException.Kind.NO_GTID);
    } finally {
      primary.execute("SET GLOBAL gtid_mode = ON");
    }
  }

  @Test
  void read_overVerifiedTls_withTheServersCaInATrustStore(ReplicationGroup group, @TempDir Path dir) throws Exception {
    GroupMember m = group.primary();
    Path ca = group.directory().resolve(m.name()).resolve("data").resolve("ca.pem");
    Path trustStore = dir.resolve("ca.p12");
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    try (InputStream in = Files.newInputStream(ca)) {
      Certificate cert = CertificateFactory.getInstance("X.509").generateCertificate(in);
      ks.setCertificateEntry("server-ca", cert);
    }
    try (OutputStream out = Files.newOutputStream(trustStore)) {
      ks.store(out, "changeit".toCharArray());
    }
    DatabaseEndpoint verified = endpoint(m).toBuilder().withSslMode(SslMode.VERIFY_CA)
        .withTrustStore(trustStore, "PKCS12", "changeit").build();

    assertThat(JdbcUpstreamProbe.builder().withEndpoint(verified).build().read().serverUuid())
        .contains(UUID.fromString(m.serverUuid().orElseThrow()));
    try (Connection c = ConnectionSource.of(verified).open(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SHOW SESSION STATUS LIKE 'Ssl_version'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(2)).startsWith("TLS");
    }
    // The server's generated certificate does not name 127.0.0.1, so identity verification refuses it.
    DatabaseEndpoint identity = verified.toBuilder().withSslMode(SslMode.VERIFY_IDENTITY).build();
    ProbeException e = catchThrowableOfType(ProbeException.class,
        () -> JdbcUpstreamProbe.builder().withEndpoint(identity).build().read());
    assertThat(e.kind()).isEqualTo(ProbeException.Kind.UNREACHABLE);
    assertThat(e.getMessage()).doesNotContain("changeit");
  }
}
