package io.github.dmswitchover.testkit.dm;

import io.github.dmswitchover.testkit.internal.binlog.BinlogDumpClient;
import io.github.dmswitchover.testkit.internal.binlog.BinlogDumpException;
import io.github.dmswitchover.testkit.internal.binlog.BinlogDumpRequest;
import io.github.dmswitchover.testkit.internal.binlog.BinlogEvent;
import io.github.dmswitchover.testkit.internal.binlog.BinlogServerException;
import io.github.dmswitchover.testkit.internal.binlog.ServerFlavor;
import io.github.dmswitchover.testkit.internal.binlog.ServerIdentity;
import io.github.dmswitchover.testkit.internal.binlog.SidIntervals;
import io.github.dmswitchover.testkit.internal.binlog.StartPosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Opens the simulator's binlog dump connections with the testkit's own replication client. */
final class BinlogStreams {
  private BinlogStreams() {}

  static UpstreamStream.Factory factory() {
    return BinlogStreams::open;
  }

  private static UpstreamStream open(UpstreamStream.Request r) throws UpstreamStream.Failure {
    ServerFlavor flavor = r.mariadb() ? ServerFlavor.MARIADB : ServerFlavor.MYSQL;
    StartPosition start;
    if (r.mariadb()) {
      start = StartPosition.mariadb(r.start().toMariadbPosition());
    } else {
      List<SidIntervals> sids = new ArrayList<>();
      for (Map.Entry<String, List<long[]>> e : r.start().mysqlIntervals().entrySet()) {
        String key = e.getKey();
        int colon = key.indexOf(':');
        UUID sid = UUID.fromString(colon < 0 ? key : key.substring(0, colon));
        String tag = colon < 0 ? "" : key.substring(colon + 1);
        List<SidIntervals.Interval> intervals = new ArrayList<>();
        for (long[] iv : e.getValue()) {
          intervals.add(new SidIntervals.Interval(iv[0], iv[1]));
        }
        sids.add(new SidIntervals(sid, tag, intervals));
      }
      start = StartPosition.mysql(sids);
    }
    BinlogDumpRequest request = BinlogDumpRequest.builder(flavor)
        .withAddress(r.host(), r.port())
        .withCredentials(r.user(), r.password())
        .withReplicaServerId(r.serverId())
        .withStartPosition(start)
        .withConnectTimeout(r.connectTimeout())
        .withReadTimeout(r.readTimeout())
        .withHeartbeatPeriod(r.heartbeat())
        .build();
    BinlogDumpClient client;
    try {
      client = BinlogDumpClient.connect(request);
    } catch (BinlogDumpException e) {
      throw failure(e);
    }
    ServerIdentity id = client.serverIdentity();
    String uuid = id.serverUuid().map(UUID::toString).orElse("");
    long domain = id.domainId().orElse(0);
    UpstreamStream.Identity identity = new UpstreamStream.Identity(
        uuid.isEmpty() ? domain + "-" + id.serverId() : uuid, uuid, id.serverId(), domain, id.version());
    return new UpstreamStream() {
      @Override
      public Identity identity() {
        return identity;
      }

      @Override
      public long connectionId() {
        return client.connectionId();
      }

      @Override
      public Event next() throws Failure {
        try {
          while (true) {
            BinlogEvent e = client.next();
            if (e instanceof BinlogEvent.MysqlGtid g) {
              return new Gtid(g.sid(), g.tag(), g.gno(), 0, 0, 0, false);
            }
            if (e instanceof BinlogEvent.MariadbGtid g) {
              return new Gtid(null, "", 0, g.domainId(), g.serverId(), g.sequence(), true);
            }
            if (e instanceof BinlogEvent.TransactionEnd t) {
              return new TransactionEnd(t.file(), t.endPosition());
            }
            if (e instanceof BinlogEvent.Rotate rot) {
              return new Position(rot.file(), rot.position());
            }
            if (e instanceof BinlogEvent.Heartbeat h) {
              return new Position(h.file(), h.position());
            }
          }
        } catch (BinlogDumpException e) {
          throw failure(e);
        }
      }

      @Override
      public void close() {
        client.close();
      }
    };
  }

  private static UpstreamStream.Failure failure(BinlogDumpException e) {
    if (e instanceof BinlogServerException s) {
      return new UpstreamStream.Failure(s.errorCode(), s.sqlState(), s.serverMessage(), e);
    }
    return new UpstreamStream.Failure(0, "", e.getMessage(), e);
  }
}
