package io.github.dmswitchover.testkit.internal.binlog;

import io.github.dmswitchover.testkit.db.GroupSpec;
import io.github.dmswitchover.testkit.db.ReplicationGroupExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;

class MysqlBinlogDumpClientIT extends BinlogDumpClientContract {
  @RegisterExtension
  static final ReplicationGroupExtension GROUP = ReplicationGroupExtension.of(GroupSpec.mysql().withMembers(3).build());

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
