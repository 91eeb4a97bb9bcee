package io.github.dmswitchover.testkit.internal.binlog;

import io.github.dmswitchover.testkit.db.GroupSpec;
import io.github.dmswitchover.testkit.db.ReplicationGroupExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariadbBinlogDumpClientIT extends BinlogDumpClientContract {
  @RegisterExtension
  static final ReplicationGroupExtension GROUP = ReplicationGroupExtension.of(GroupSpec.mariadb().withMembers(3).build());

  @Override
  ServerFlavor flavor() {
    return ServerFlavor.MARIADB;
  }

  @Override
  StartPosition position(String executed) {
    return StartPosition.mariadb(executed);
  }

  @Override
  StartPosition positionAfter(List<String> gtids) {
    return StartPosition.mariadb(gtids.get(gtids.size() - 1));
  }

  /** {@code executed} is one {@code domain-server-sequence}: every sequence up to it, from that server. */
  @Override
  List<String> gtids(String executed) {
    String[] parts = executed.split("-");
    List<String> out = new ArrayList<>();
    for (long seq = 1; seq <= Long.parseLong(parts[2]); seq++) {
      out.add(parts[0] + "-" + parts[1] + "-" + seq);
    }
    return out;
  }

  @Override
  String gtidOf(BinlogEvent event) {
    return ((BinlogEvent.MariadbGtid) event).gtid();
  }

  @Override
  String[] createUser(String user, String password) {
    return new String[] {
        "CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + password + "'",
        "GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO '" + user + "'@'%'"};
  }

  @Override
  ProtocolSession.AuthPath firstAuthWithPassword() {
    return ProtocolSession.AuthPath.NATIVE;
  }

  @Override
  ProtocolSession.AuthPath laterAuthWithPassword() {
    return ProtocolSession.AuthPath.NATIVE;
  }

  @Override
  String dumpCommand() {
    return "Binlog Dump";
  }

  @Override
  String replicaListQuery() {
    return "SHOW SLAVE HOSTS";
  }

  @Override
  String replicaListServerIdColumn() {
    return "Server_id";
  }
}
