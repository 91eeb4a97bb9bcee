package io.github.dmswitchover.testkit.dm;

/** Opens the simulator's binlog dump connections. */
final class BinlogStreams {
  private BinlogStreams() {}

  static UpstreamStream.Factory factory() {
    return request -> {
      throw new UpstreamStream.Failure(0, "", "binlog reader not wired yet", null);
    };
  }
}
