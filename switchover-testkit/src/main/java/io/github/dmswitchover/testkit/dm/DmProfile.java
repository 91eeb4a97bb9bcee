package io.github.dmswitchover.testkit.dm;

/**
 * A DM release whose control surfaces the simulator reproduces. Each profile changes what is served
 * and how, as the real releases do (DM-FACTS a.3, a.6, b.2, b.3, d.1, d.3).
 *
 * <table>
 * <caption>What each profile serves</caption>
 * <tr><th>profile</th><th>gateway {@code /apis/v1alpha1}</th><th>OpenAPI {@code /api/v1}</th><th>OpenAPI on a follower</th><th>dmctl {@code stop-task}</th></tr>
 * <tr><td>{@link #V1_0}</td><td>no (dmctl only)</td><td>no</td><td>-</td><td>{@code Stop}</td></tr>
 * <tr><td>{@link #V2_0}</td><td>yes</td><td>no</td><td>-</td><td>{@code Stop}</td></tr>
 * <tr><td>{@link #V5_4}</td><td>yes</td><td>v5.3/v5.4 (pause/resume endpoints)</td><td>307 redirect</td><td>{@code Stop}</td></tr>
 * <tr><td>{@link #V6_0}</td><td>yes</td><td>v6 (stop only pauses; DELETE removes checkpoints)</td><td>307 redirect</td><td>{@code Delete}</td></tr>
 * <tr><td>{@link #V8_5}</td><td>yes</td><td>v6 with flattened {@code error_msg}</td><td>reverse proxy</td><td>{@code Delete}</td></tr>
 * <tr><td>{@link #NEWEST}</td><td>yes</td><td>as 8.5 plus {@code keep_meta}</td><td>reverse proxy</td><td>{@code Delete}</td></tr>
 * </table>
 */
public enum DmProfile {
  /** DM v1.0.7: one master, relay always on, sources configured in the workers; reached through dmctl. */
  V1_0("v1.0.7", 1, 0, 7),
  /** DM v2.0.7: HA masters, gRPC-gateway, no OpenAPI. */
  V2_0("v2.0.7", 2, 0, 7),
  /** DM v5.4.0: gateway plus the first OpenAPI (tasks created and started in one call; pause/resume endpoints). */
  V5_4("v5.4.0", 5, 4, 0),
  /** DM v6.0.0: the redesigned OpenAPI; followers still redirect with 307. */
  V6_0("v6.0.0", 6, 0, 0),
  /** DM v8.5.7, the last LTS line: followers proxy OpenAPI calls to the leader. */
  V8_5("v8.5.7", 8, 5, 7),
  /** A build of DM's development head after v26.3.0: adds {@code DELETE /api/v1/tasks/{name}?keep_meta=true}. */
  NEWEST("v26.3.0-nightly", 26, 3, 1);

  private final String releaseVersion;
  private final int major;
  private final int minor;
  private final int patch;

  DmProfile(String releaseVersion, int major, int minor, int patch) {
    this.releaseVersion = releaseVersion;
    this.major = major;
    this.minor = minor;
    this.patch = patch;
  }

  /** Returns the version {@code GET /status} reports, e.g. {@code v8.5.7}. */
  public String releaseVersion() {
    return releaseVersion;
  }

  /** Returns whether the gRPC-gateway {@code /apis/v1alpha1} surface is served (DM 2.0+). */
  public boolean hasGateway() {
    return this != V1_0;
  }

  /** Returns whether an OpenAPI {@code /api/v1} surface is served (DM 5.3+ with {@code openapi = true}). */
  public boolean hasOpenApi() {
    return atLeast(5, 3, 0);
  }

  boolean atLeast(int major, int minor, int patch) {
    if (this.major != major) {
      return this.major > major;
    }
    if (this.minor != minor) {
      return this.minor > minor;
    }
    return this.patch >= patch;
  }

  /** v6.0+ OpenAPI (create/start/stop tasks, enable/disable sources) rather than the v5.3/5.4 one. */
  boolean newOpenApi() {
    return atLeast(6, 0, 0);
  }

  /** OpenAPI on a follower: 307 up to v5.4.1 and in v6.0.x, a reverse proxy from v5.4.2 / v6.1.0 (DM-FACTS a.3). */
  boolean openApiFollowerRedirects() {
    return hasOpenApi() && !atLeast(6, 1, 0);
  }

  /** dmctl stop-task is OperateTask(Stop=1) up to v5.4 and OperateTask(Delete=7) from v6.0 (DM-FACTS b.2). */
  boolean stopTaskIsDelete() {
    return atLeast(6, 0, 0);
  }

  /** OpenAPI task status {@code error_msg} flattened with code/class/scope/level since v6.2 (DM-FACTS a.5). */
  boolean flattenedErrorMessages() {
    return atLeast(6, 2, 0);
  }

  /** DELETE /api/v1/tasks accepts keep_meta only on the development head (DM-FACTS a.4). */
  boolean deleteTaskKeepMeta() {
    return this == NEWEST;
  }

  /** The relay notices a new upstream by itself (fake rotate check, error 30044) since 2.0.2 (DM-FACTS d.1). */
  boolean relayAutoSwitch() {
    return atLeast(2, 0, 2);
  }

  /** From v5.4 an error whose cause is the old "purged binary logs" text is not auto-resumed (DM-FACTS d.2). */
  boolean purgedErrorIsUnresumable() {
    return atLeast(5, 4, 0);
  }

  /** v5.4+ transfer-source pauses and resumes running tasks itself (DM-FACTS b.2). */
  boolean transferPausesTasks() {
    return atLeast(5, 4, 0);
  }

  /** {@code sync.secondsBehindMaster} since 2.0.4 (DM-FACTS b.3). */
  boolean hasSecondsBehindMaster() {
    return atLeast(2, 0, 4);
  }

  /** {@code sync.blockDDLOwner}, {@code sync.conflictMsg} since 6.0 (DM-FACTS b.3). */
  boolean hasBlockDdlOwner() {
    return atLeast(6, 0, 0);
  }

  /** {@code sync.totalRows/totalRps/recentRps} since 6.4 (DM-FACTS b.3). */
  boolean hasRowCounters() {
    return atLeast(6, 4, 0);
  }

  /** {@code sync.ioTotalBytes/dumpIOTotalBytes} and OpenAPI {@code io_total_bytes} since v9.0.0-beta.1 (DM-FACTS a.5, b.3). */
  boolean hasIoBytes() {
    return atLeast(9, 0, 0);
  }

  /** {@code subTaskStatus.validation} since 6.2 (DM-FACTS samples, more/SOURCES.md). */
  boolean hasValidation() {
    return atLeast(6, 2, 0);
  }

  /** DM 1.0 error objects are {@code {"Type", "msg"}}; 2.0+ print {@code ErrCode/ErrClass/...} (DM-FACTS b.3). */
  boolean legacyErrorObjects() {
    return this == V1_0;
  }
}
