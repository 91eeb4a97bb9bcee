package io.github.dmswitchover.testkit.internal.binlog;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dmswitchover.testkit.db.GroupMember;
import io.github.dmswitchover.testkit.db.GroupSpec;
import io.github.dmswitchover.testkit.db.ReplicationGroup;
import io.github.dmswitchover.testkit.db.ReplicationGroupExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MysqlBinlogDumpClientIT extends BinlogDumpClientContract {
  @RegisterExtension
  static final ReplicationGroupExtension GROUP = ReplicationGroupExtension.of(GroupSpec.mysql().withMembers(3).build());

  /**
   * Tagged GTIDs (MySQL 8.3+) both ways: type 42 events decode to their UUID, tag and GNO, and a
   * start position holding tagged GTIDs, sent in the tagged encoding, makes the server skip exactly
   * those. Its own group, so the shared one's GTID sets stay untagged and in binlog order.
   */
  @Test
  void taggedGtids_areDecoded_andATaggedStartPositionIsHonoured() {
    try (ReplicationGroup group = ReplicationGroup.start(GroupSpec.mysql().withMembers(1).build())) {
      GroupMember primary = group.primary();
      primary.writeTransactions(0);
      String uuid = primary.serverUuid().orElseThrow();
      String foreign = "ffffffff-8000-0000-0000-00000000007f";
      writeWithGtidNext(primary, "AUTOMATIC:DM_Tag");
      writeWithGtidNext(primary, uuid + ":abc:77");
      writeWithGtidNext(primary, foreign + ":zz_top_9:4611686018427387904");
      writeWithGtidNext(primary, "AUTOMATIC:dm_tag");
      List<String> expected = List.of(uuid + ":1", uuid + ":2", uuid + ":dm_tag:1", uuid + ":abc:77",
          foreign + ":zz_top_9:4611686018427387904", uuid + ":dm_tag:2");

      try (BinlogDumpClient client = BinlogDumpClient.connect(request(primary.host(), primary.port()).build())) {
        assertThat(readTransactions(client, expected.size())).containsExactlyElementsOf(expected);
        awaitIdle(client);
      }

      StartPosition lacksOne = StartPosition.parseMysql(uuid + ":1-2:abc:77:dm_tag:1-2");
      try (BinlogDumpClient client = BinlogDumpClient.connect(
          request(primary.host(), primary.port()).withStartPosition(lacksOne).build())) {
        assertThat(readTransactions(client, 1)).containsExactly(foreign + ":zz_top_9:4611686018427387904");
        awaitIdle(client);
      }

      StartPosition.MysqlGtidSet everything = StartPosition.parseMysql(primary.gtidState().executed());
      assertThat(everything.isTagged()).isTrue();
      try (BinlogDumpClient client = BinlogDumpClient.connect(
          request(primary.host(), primary.port()).withStartPosition(everything).build())) {
        awaitIdle(client);
        writeWithGtidNext(primary, "AUTOMATIC:dm_tag");
        assertThat(readTransactions(client, 1)).containsExactly(uuid + ":dm_tag:3");
        awaitIdle(client);
      }
    }
  }

  private static void writeWithGtidNext(GroupMember member, String gtidNext) {
    member.execute("SET GTID_NEXT = '" + gtidNext + "'", "INSERT INTO dmsw.writes (written_by) VALUES ('tagged')",
        "SET GTID_NEXT = 'AUTOMATIC'");
  }

  @Override
  ServerFlavor flavor() {
    return ServerFlavor.MYSQL;
  }

  @Override
  StartPosition position(String executed) {
    return StartPosition.parseMysql(executed);
  }

  @Override
  StartPosition positionAfter(List<String> gtids) {
    return StartPosition.parseMysql(String.join(",", gtids));
  }

  @Override
  List<String> gtids(String executed) {
    List<String> out = new ArrayList<>();
    for (SidIntervals sid : StartPosition.parseMysql(executed).sids()) {
      for (SidIntervals.Interval interval : sid.intervals()) {
        for (long gno = interval.start(); gno <= interval.endInclusive(); gno++) {
          out.add(sid.sid() + ":" + gno);
        }
      }
    }
    return out;
  }

  @Override
  String gtidOf(BinlogEvent event) {
    return ((BinlogEvent.MysqlGtid) event).gtid();
  }

  @Override
  String[] createUser(String user, String password) {
    return new String[] {
        "CREATE USER '" + user + "'@'%' IDENTIFIED WITH caching_sha2_password BY '" + password + "'",
        "GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO '" + user + "'@'%'"};
  }

  @Override
  ProtocolSession.AuthPath firstAuthWithPassword() {
    return ProtocolSession.AuthPath.SHA2_FULL_RSA;
  }

  @Override
  ProtocolSession.AuthPath laterAuthWithPassword() {
    return ProtocolSession.AuthPath.SHA2_FAST;
  }

  @Override
  String dumpCommand() {
    return "Binlog Dump GTID";
  }

  @Override
  String replicaListQuery() {
    return "SHOW REPLICAS";
  }

  @Override
  String replicaListServerIdColumn() {
    return "Server_Id";
  }
}
