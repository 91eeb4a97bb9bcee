/** A DM-master client for every DM version: gRPC-gateway HTTP, OpenAPI and dmctl. */
module io.github.dmswitchover.dm {
  // Its API packages are exported here as they are added.
}
