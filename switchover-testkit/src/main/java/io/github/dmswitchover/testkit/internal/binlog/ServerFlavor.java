package io.github.dmswitchover.testkit.internal.binlog;

/** The server family a {@link BinlogDumpClient} talks to; it decides the dump command and the GTID format. */
public enum ServerFlavor {
  /** Oracle MySQL: {@code COM_BINLOG_DUMP_GTID} from a {@code uuid:interval} GTID set. */
  MYSQL,
  /** MariaDB: {@code COM_BINLOG_DUMP} from a {@code domain-server-sequence} GTID position. */
  MARIADB
}
