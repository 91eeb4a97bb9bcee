/**
 * Test support for DM switchover automation: real MySQL and MariaDB replication groups started by a
 * JUnit 5 extension, a loopback TCP forwarder that stands in for a virtual IP, and a DM-master
 * simulator serving DM's HTTP surfaces with a dmctl stand-in.
 *
 * <p>Testcontainers is optional: it is used, when it is on the class path and a Docker engine runs,
 * for server versions that are not installed locally.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.github.dmswitchover.testkit {
  requires transitive org.junit.jupiter.api;
  requires transitive java.sql;
  requires org.slf4j;
  requires jdk.httpserver;
  requires java.net.http;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires static testcontainers;
  requires static com.github.dockerjava.api;

  exports io.github.dmswitchover.testkit.db;
  exports io.github.dmswitchover.testkit.vip;
  exports io.github.dmswitchover.testkit.dm;
}
