package io.github.dmswitchover.switchover;

import java.util.List;
import java.util.Optional;

/**
 * What a switchover reads from and does to DM. Implemented over dm-client's {@code DmClient}
 * ({@link DmClientPort}); each action returns normally only when DM accepted it for the source and
 * throws {@link DmActionException} with DM's answer otherwise. Every action is safe to repeat: a
 * resumed switchover repeats the step it crashed in.
 */
interface DmPort {

  /**
   * Reads the version, the source, its subtasks (of {@code tasks}, or all when empty), relay, cluster and locks.
   *
   * @throws DmActionException if DM cannot be read or does not know the source
   */
  DmSnapshot snapshot(String sourceId, List<String> tasks);

  /**
   * A lighter read for polling: the subtasks, the relay and the source's configuration, without
   * the member list and shard DDL locks (the cluster is reported as not read, the worker as online).
   *
   * @throws DmActionException if DM cannot be read or does not know the source
   */
  DmSnapshot status(String sourceId, List<String> tasks);

  /** Returns whether DM knows the source now. */
  boolean sourceExists(String sourceId);

  /** Describes the surfaces used, for reports (e.g. {@code gateway /apis/v1alpha1 of v8.5.7}). */
  String describe();

  /** Describes how an action is carried out, for the plan (e.g. {@code OperateTask Pause via the gateway}). */
  String describe(String action);

  /** Returns whether the relay can be paused and resumed here (DM 1.0, 2.0.1+ through dmctl, OpenAPI 5.3–5.4). */
  boolean canPauseRelay();

  void pauseTask(String task, String source);

  void resumeTask(String task, String source);

  /** dmctl stop-task: removes the subtask and keeps its checkpoint (never OpenAPI DELETE on 6.0–8.5). */
  void stopTask(String task, String source);

  /** Starts a task on one source with {@code remove-meta=false}. */
  void startTask(String taskYaml, String source);

  /** The task's configuration as DM returns it (passwords masked), or empty where DM cannot return it (1.0). */
  Optional<String> taskConfig(String task);

  /** The source's configuration as DM YAML (passwords masked), or empty where DM cannot return it (1.0). */
  Optional<String> sourceConfig(String source);

  void removeSource(String source);

  void createSource(String sourceYaml);

  void startRelay(String source);

  void stopRelay(String source);

  void pauseRelay(String source);

  void resumeRelay(String source);

  /** DM 1.0: lets the paused relay of the source's worker continue from a new server. */
  void switchRelayMaster(String source);
}
