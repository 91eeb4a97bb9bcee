/**
 * Real MySQL and MariaDB servers for tests: a {@link io.github.dmswitchover.testkit.db.ReplicationGroup}
 * of a primary and GTID replicas on loopback ports, started by
 * {@link io.github.dmswitchover.testkit.db.ReplicationGroupExtension}.
 *
 * <p>No method of this package accepts or returns {@code null} unless its documentation says so.
 */
package io.github.dmswitchover.testkit.db;
