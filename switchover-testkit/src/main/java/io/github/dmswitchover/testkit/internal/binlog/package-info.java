/**
 * A blocking client of the MySQL / MariaDB replication protocol: it opens a real replication
 * connection (handshake, authentication, {@code COM_REGISTER_SLAVE}, {@code COM_BINLOG_DUMP_GTID} or
 * {@code COM_BINLOG_DUMP}) and decodes the binary log events a DM-master simulator needs. It stands in
 * for the binlog reader of DM's syncer and relay, so the server sees a replica ("Binlog Dump GTID"
 * / "Binlog Dump" in its processlist), answers error 1236 itself when it purged what the start
 * position lacks, and a connection kept through a moved virtual IP keeps reading the old server.
 *
 * <p>Internal to the testkit: this package is not exported by the module and may change without
 * notice. Entry point: {@link io.github.dmswitchover.testkit.internal.binlog.BinlogDumpClient}.
 *
 * <p>No method of this package accepts or returns {@code null} unless its documentation says so.
 */
package io.github.dmswitchover.testkit.internal.binlog;
