package io.github.dmswitchover.switchover;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What the switchover read from DM about one source: version, the source, each subtask on it, the
 * relay, the cluster and the shard DDL locks, and notes on what could not be read. GTIDs are kept
 * as DM printed them.
 */
record DmSnapshot(Version version, SourceInfo source, List<SubtaskInfo> subtasks, Optional<RelayInfo> relay,
    ClusterInfo cluster, List<LockInfo> locks, Instant readAt, List<String> notes) {

  DmSnapshot {
    subtasks = List.copyOf(subtasks);
    locks = List.copyOf(locks);
    notes = List.copyOf(notes);
  }

  /** DM's version and the surface the client speaks. */
  record Version(String raw, int major, int minor, int patch, String surface) {
    boolean isV1() {
      return major == 1;
    }

    boolean atLeast(int maj, int min, int pat) {
      if (major != maj) {
        return major > maj;
      }
      if (minor != min) {
        return minor > min;
      }
      return patch >= pat;
    }

    @Override
    public String toString() {
      return raw;
    }
  }

  /** The source's configuration as DM returns it (passwords masked). */
  record SourceInfo(String id, Optional<String> host, OptionalInt port, Optional<String> user, boolean enableGtid,
      boolean relayEnabled, Optional<String> worker, boolean workerOnline, OptionalLong serverId, Optional<String> flavor) {
    Optional<String> address() {
      return host.isPresent() && port.isPresent() ? Optional.of(host.get() + ":" + port.getAsInt()) : Optional.empty();
    }
  }

  /** One subtask of the source. */
  record SubtaskInfo(String task, String stage, String unit, String syncerGtids, String syncerBinlog, boolean synced,
      String unresolvedLockId, List<String> blockingDdls, List<String> errors) {
    SubtaskInfo {
      blockingDdls = List.copyOf(blockingDdls);
      errors = List.copyOf(errors);
    }
  }

  /** The source's relay. */
  record RelayInfo(String stage, String subDir, String relayGtids, boolean catchUpMaster, List<String> errors) {
    RelayInfo {
      errors = List.copyOf(errors);
    }
  }

  /** The DM cluster's membership. */
  record ClusterInfo(Optional<String> leader, int aliveMasters, int masters) {}

  /** A shard DDL lock of one of the source's tasks. */
  record LockInfo(String id, String task, String mode, String owner, List<String> ddls) {
    LockInfo {
      ddls = List.copyOf(ddls);
    }
  }
}
