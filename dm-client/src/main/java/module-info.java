/**
 * A DM-master client for every DM version: the gRPC-gateway HTTP surface, the OpenAPI and dmctl
 * behind one {@link io.github.dmswitchover.dm.DmClient}, with typed models of what DM reports and
 * GTID sets as gtid-core types.
 */
module io.github.dmswitchover.dm {
  requires transitive io.github.dmswitchover.gtid;
  requires java.net.http;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports io.github.dmswitchover.dm;
}
