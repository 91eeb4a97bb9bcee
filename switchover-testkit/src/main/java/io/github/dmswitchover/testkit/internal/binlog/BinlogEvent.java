package io.github.dmswitchover.testkit.internal.binlog;

import java.util.Objects;
import java.util.UUID;

/**
 * A binary log event of interest to the DM-master simulator, as {@link BinlogDumpClient#next()}
 * returns it; every other event type is skipped. Positions are those of the source's binary log, as
 * DM prints them: {@code (file, endPosition)}, the end of the event in that file.
 *
 * <p>A transaction arrives as a GTID event ({@link MysqlGtid}, {@link MariadbGtid}, or
 * {@link Unsupported} for a GTID kind this client cannot decode) followed, once its last event has
 * arrived, by exactly one {@link TransactionEnd}; count a transaction as applied at its end.
 *
 * <p>All implementations are immutable records.
 */
public sealed interface BinlogEvent {

  /**
   * A {@code ROTATE_EVENT}: the stream continues in {@code file} at {@code position}. The first
   * rotate of a stream is a "fake" one the server makes up to say where it starts (timestamp and
   * next position 0, artificial flag); a real one ends a binary log the server rotated.
   *
   * @param file the binary log the next events come from
   * @param position the position in {@code file} of the next event
   * @param fake whether the server made this event up rather than read it from a binary log
   */
  record Rotate(String file, long position, boolean fake) implements BinlogEvent {
    /** Checks that no component is null. */
    public Rotate {
      Objects.requireNonNull(file, "file");
    }
  }

  /**
   * A {@code FORMAT_DESCRIPTION_EVENT}, sent at the start of each binary log the stream reads.
   *
   * @param serverVersion the version of the server that wrote the binary log
   */
  record FormatDescription(String serverVersion) implements BinlogEvent {
    /** Checks that no component is null. */
    public FormatDescription {
      Objects.requireNonNull(serverVersion, "serverVersion");
    }
  }

  /**
   * A {@code HEARTBEAT_LOG_EVENT}: the server is alive and has sent everything up to the position.
   *
   * @param file the binary log the server reads
   * @param position the position in {@code file} the server has sent up to
   */
  record Heartbeat(String file, long position) implements BinlogEvent {
    /** Checks that no component is null. */
    public Heartbeat {
      Objects.requireNonNull(file, "file");
    }
  }

  /**
   * A MySQL {@code GTID_LOG_EVENT} (type 33), or {@code GTID_TAGGED_LOG_EVENT} (type 42, MySQL 8.3+):
   * a transaction {@code sid:gno} or {@code sid:tag:gno} begins.
   *
   * @param sid the source server's UUID
   * @param tag the GTID's tag, or the empty string for an untagged GTID
   * @param gno the transaction's number
   * @param file the binary log the event is in
   * @param endPosition the end of the event in {@code file}
   */
  record MysqlGtid(UUID sid, String tag, long gno, String file, long endPosition) implements BinlogEvent {
    /** Checks that no component is null. */
    public MysqlGtid {
      Objects.requireNonNull(sid, "sid");
      Objects.requireNonNull(tag, "tag");
      Objects.requireNonNull(file, "file");
    }

    /** Returns the GTID as MySQL prints it, {@code uuid:gno} or {@code uuid:tag:gno}. */
    public String gtid() {
      return tag.isEmpty() ? sid + ":" + gno : sid + ":" + tag + ":" + gno;
    }
  }

  /**
   * A MariaDB {@code GTID_EVENT} (type 162): a transaction {@code domain-server-sequence} begins.
   *
   * @param domainId the replication domain, unsigned 32-bit
   * @param serverId the server id of the server that wrote the transaction, unsigned 32-bit
   * @param sequence the sequence number, unsigned 64-bit (use {@link Long#toUnsignedString(long)})
   * @param file the binary log the event is in
   * @param endPosition the end of the event in {@code file}
   */
  record MariadbGtid(long domainId, long serverId, long sequence, String file, long endPosition)
      implements BinlogEvent {
    /** Checks that no component is null. */
    public MariadbGtid {
      Objects.requireNonNull(file, "file");
    }

    /** Returns the GTID as MariaDB prints it, {@code domain-server-sequence}. */
    public String gtid() {
      return domainId + "-" + serverId + "-" + Long.toUnsignedString(sequence);
    }

    /** Returns the components, with the sequence printed unsigned. */
    @Override
    public String toString() {
      return "MariadbGtid[" + gtid() + " at " + file + ":" + endPosition + "]";
    }
  }

  /**
   * The last event of a transaction has arrived: an {@code XID_EVENT}, a {@code QUERY_EVENT}
   * {@code COMMIT} (or {@code ROLLBACK}, {@code XA PREPARE}, {@code XA COMMIT}), the single statement
   * of a transaction that has no {@code BEGIN} (DDL), an {@code XA_PREPARE_LOG_EVENT}, or a
   * {@code TRANSACTION_PAYLOAD_EVENT} (a compressed transaction, which holds its own end).
   *
   * @param file the binary log the event is in
   * @param endPosition the end of the event in {@code file}: where a replica resumes after this
   *     transaction
   */
  record TransactionEnd(String file, long endPosition) implements BinlogEvent {
    /** Checks that no component is null. */
    public TransactionEnd {
      Objects.requireNonNull(file, "file");
    }
  }

  /**
   * An event the simulator would need but this client cannot decode, surfaced rather than guessed
   * at: a heartbeat of the second version (type 41, which the server sends only to replicas that ask
   * for it, and this client does not), or a tagged GTID event of a serialization format version other
   * than 1.
   *
   * @param type the event type code
   * @param file the binary log the event is in
   * @param endPosition the end of the event in {@code file}
   */
  record Unsupported(int type, String file, long endPosition) implements BinlogEvent {
    /** Checks that no component is null. */
    public Unsupported {
      Objects.requireNonNull(file, "file");
    }
  }
}
