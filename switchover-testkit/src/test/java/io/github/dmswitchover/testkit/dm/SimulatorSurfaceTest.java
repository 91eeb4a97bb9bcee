package io.github.dmswitchover.testkit.dm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * How each profile's surfaces behave (DM-FACTS a.2–a.6, b.1–b.3, c.2–c.3), without a database:
 * subtasks connect to an idle upstream. The replication itself is tested against real servers in
 * the *IT tests.
 */
class SimulatorSurfaceTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @TempDir
  Path tmp;

  private static DmSimulator start(DmProfile profile) {
    return DmSimulator.builder().withProfile(profile).withStreams(new IdleStreams()).withoutAutoResume()
        .withElectionDelay(Duration.ofMillis(50)).start();
  }

  private static SourceConfig source(String id) {
    return SourceConfig.builder(id).withAddress("127.0.0.1", 1).withFlavor("mysql").withGtid(true).withUser("dm", "s3cret").build();
  }

  private static TaskConfig task(String name, String... sources) {
    TaskConfig.Builder b = TaskConfig.builder(name).withTarget("127.0.0.1", 4000, "root", "tidbpw");
    for (String s : sources) {
      b.withSource(s, "");
    }
    return b.build();
  }

  static HttpResponse<String> call(DmSimulator sim, String master, String method, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.baseUrl(master) + path)).timeout(Duration.ofSeconds(20));
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(HttpResponse<String> r) throws IOException {
    return JsonText.MAPPER.readTree(r.body());
  }

  static void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
  }

  @ParameterizedTest
  @EnumSource(DmProfile.class)
  void status_reportsTheReleaseVersion(DmProfile profile) throws Exception {
    try (DmSimulator sim = start(profile)) {
      HttpResponse<String> r = call(sim, "master1", "GET", "/status", null);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).startsWith("Release Version: " + profile.releaseVersion() + "\nGit Commit Hash: ");
      assertThat(sim.masterNames()).hasSize(profile == DmProfile.V1_0 ? 1 : 3);
    }
  }

  @ParameterizedTest
  @EnumSource(DmProfile.class)
  void surfaces_servedPerProfile(DmProfile profile) throws Exception {
    try (DmSimulator sim = start(profile)) {
      int gateway = call(sim, "master1", "GET", "/apis/v1alpha1/members", null).statusCode();
      int openApi = call(sim, "master1", "GET", "/api/v1/cluster/masters", null).statusCode();
      assertThat(gateway).isEqualTo(profile.hasGateway() ? 200 : 404);
      assertThat(openApi).isEqualTo(profile.hasOpenApi() ? 200 : 404);
    }
  }

  @Test
  void gateway_stopOp_acceptedUpTo54_deleteFrom60() throws Exception {
    try (DmSimulator v54 = start(DmProfile.V5_4); DmSimulator v85 = start(DmProfile.V8_5)) {
      for (DmSimulator sim : List.of(v54, v85)) {
        sim.addSource(source("s1"));
        sim.startTask(task("t", "s1"));
      }
      JsonNode delete54 = json(call(v54, "master1", "PUT", "/apis/v1alpha1/tasks/t", "{\"op\":\"Delete\"}"));
      assertThat(delete54.path("result").asBoolean()).isFalse();
      assertThat(delete54.path("msg").asText()).contains("code=38041").contains("invalid op Delete on task");
      JsonNode stop54 = json(call(v54, "master1", "PUT", "/apis/v1alpha1/tasks/t", "{\"op\":1}"));
      assertThat(stop54.path("result").asBoolean()).isTrue();
      assertThat(stop54.path("op").asText()).isEqualTo("Stop");

      JsonNode stop85 = json(call(v85, "master1", "PUT", "/apis/v1alpha1/tasks/t", "{\"op\":\"Stop\"}"));
      assertThat(stop85.path("result").asBoolean()).isFalse();
      assertThat(stop85.path("msg").asText()).contains("invalid op Stop on task");
      JsonNode delete85 = json(call(v85, "master1", "PUT", "/apis/v1alpha1/tasks/t", "{\"op\":\"Delete\"}"));
      assertThat(delete85.path("result").asBoolean()).isTrue();
      assertThat(delete85.path("sources").get(0).path("source").asText()).isEqualTo("s1");
    }
  }

  @Test
  void gateway_pauseAndResume_changeTheStage_andKeepTheCheckpoint() throws Exception {
    try (DmSimulator sim = start(DmProfile.V8_5)) {
      sim.addSource(source("s1"));
      sim.startTask(task("t", "s1"));
      assertThat(sim.subtaskStage("t", "s1")).isEqualTo("Running");
      JsonNode paused = json(call(sim, "master1", "PUT", "/apis/v1alpha1/tasks/t", "{\"op\":\"Pause\",\"sources\":[\"s1\"]}"));
      assertThat(paused.path("result").asBoolean()).isTrue();
      await(() -> sim.subtaskStage("t", "s1").equals("Paused"));
      JsonNode status = json(call(sim, "master1", "GET", "/apis/v1alpha1/status/t", null));
      JsonNode st = status.path("sources").get(0).path("subTaskStatus").get(0);
      assertThat(st.path("stage").asText()).isEqualTo("Paused");
      assertThat(st.path("result").path("isCanceled").asBoolean()).isTrue();
      call(sim, "master1", "PUT", "/apis/v1alpha1/tasks/t", "{\"op\":\"Resume\"}");
      assertThat(sim.subtaskStage("t", "s1")).isEqualTo("Running");
      assertThat(sim.checkpoint("t", "s1")).contains("");
    }
  }

  @Test
  void gateway_unknownTask_isRefusedInMsg() throws Exception {
    try (DmSimulator sim = start(DmProfile.V2_0)) {
      JsonNode r = json(call(sim, "master1", "GET", "/apis/v1alpha1/status/nope", null));
      assertThat(r.path("result").asBoolean()).isFalse();
      assertThat(r.path("msg").asText()).isEqualTo("task nope has no source or not exist");
      JsonNode op = json(call(sim, "master1", "PUT", "/apis/v1alpha1/tasks/nope", "{\"op\":\"Pause\"}"));
      assertThat(op.path("msg").asText()).isEqualTo("task nope has no source or not exist, please check the task name and status");
    }
  }

  @Test
  void gateway_follower_forwards_orAnswers38043WhenCutOff() throws Exception {
    try (DmSimulator sim = start(DmProfile.V8_5)) {
      HttpResponse<String> forwarded = call(sim, "master2", "GET", "/apis/v1alpha1/members?leader=true", null);
      assertThat(forwarded.statusCode()).isEqualTo(200);
      assertThat(json(forwarded).path("members").get(0).path("leader").path("name").asText()).isEqualTo("master1");
      sim.setFollowersReachLeader(false);
      HttpResponse<String> refused = call(sim, "master2", "GET", "/apis/v1alpha1/members", null);
      assertThat(refused.statusCode()).isEqualTo(500);
      assertThat(json(refused).path("message").asText()).contains("code=38043");
    }
  }

  @ParameterizedTest
  @EnumSource(value = DmProfile.class, names = {"V5_4", "V6_0"})
  void openApi_followerOfOldReleases_redirects307WithHttpScheme(DmProfile profile) throws Exception {
    try (DmSimulator sim = start(profile)) {
      HttpResponse<String> r = call(sim, "master3", "GET", "/api/v1/cluster/workers?x=1", null);
      assertThat(r.statusCode()).isEqualTo(307);
      assertThat(r.headers().firstValue("Location")).contains("http://" + sim.leaderAddress() + "/api/v1/cluster/workers?x=1");
    }
  }

  @ParameterizedTest
  @EnumSource(value = DmProfile.class, names = {"V8_5", "NEWEST"})
  void openApi_followerOfNewReleases_proxies(DmProfile profile) throws Exception {
    try (DmSimulator sim = start(profile)) {
      HttpResponse<String> r = call(sim, "master3", "GET", "/api/v1/cluster/masters", null);
      assertThat(r.statusCode()).isEqualTo(200);
      JsonNode data = json(r).path("data");
      assertThat(data).hasSize(3);
      // addr is the peer URL; "leader" marks the node that served the request, here the leader behind the proxy.
      assertThat(data.get(0).path("addr").asText()).startsWith("http://127.0.0.1:");
    }
  }

  @Test
  void leader_killed_isReplacedAndItsPortRefuses() throws Exception {
    try (DmSimulator sim = start(DmProfile.V8_5)) {
      sim.killMaster("master1");
      assertThatThrownBy(() -> call(sim, "master1", "GET", "/status", null)).isInstanceOf(ConnectException.class);
      await(() -> sim.leader().isPresent());
      assertThat(sim.leader()).contains("master2");
      JsonNode members = json(call(sim, "master2", "GET", "/apis/v1alpha1/members?master=true", null));
      JsonNode m1 = members.path("members").get(0).path("master").path("masters").get(0);
      assertThat(m1.path("name").asText()).isEqualTo("master1");
      assertThat(m1.path("alive").asBoolean()).isFalse();
      assertThat(new BigInteger(m1.path("memberID").asText())).isGreaterThan(BigInteger.valueOf(Long.MAX_VALUE));
      sim.restartMaster("master1");
      assertThat(call(sim, "master1", "GET", "/status", null).statusCode()).isEqualTo(200);
      sim.changeLeader("master1");
      assertThat(sim.leaderAddress()).isEqualTo(sim.masterAddresses().get(0));
    }
  }

  @Test
  void openApiV6_createStartStopDelete_removesCheckpoints() throws Exception {
    try (DmSimulator sim = start(DmProfile.V8_5)) {
      sim.addSource(source("s1"));
      String task = "{\"task\":{\"name\":\"t\",\"task_mode\":\"incremental\",\"enhance_online_schema_change\":true,"
          + "\"on_duplicate\":\"error\",\"meta_schema\":\"dm_meta\",\"target_config\":{\"host\":\"127.0.0.1\",\"port\":4000,"
          + "\"user\":\"root\",\"password\":\"tidbpw\"},\"table_migrate_rule\":[],\"source_config\":{\"source_conf\":"
          + "[{\"source_name\":\"s1\",\"binlog_gtid\":\"\"}]}}}";
      HttpResponse<String> created = call(sim, "master1", "POST", "/api/v1/tasks", task);
      assertThat(created.statusCode()).isEqualTo(201);
      assertThat(json(created).path("task").path("target_config").path("password").asText()).isEqualTo("******");
      assertThat(sim.subtaskStage("t", "s1")).isEqualTo("Stopped");

      assertThat(call(sim, "master1", "POST", "/api/v1/tasks/t/start", "{}").statusCode()).isEqualTo(200);
      assertThat(sim.subtaskStage("t", "s1")).isEqualTo("Running");
      HttpResponse<String> running = call(sim, "master1", "DELETE", "/api/v1/tasks/t", null);
      assertThat(running.statusCode()).isEqualTo(400);

      assertThat(call(sim, "master1", "POST", "/api/v1/tasks/t/stop", "{}").statusCode()).isEqualTo(200);
      await(() -> sim.subtaskStage("t", "s1").equals("Stopped"));
      assertThat(sim.checkpoint("t", "s1")).isPresent();
      assertThat(call(sim, "master1", "DELETE", "/api/v1/tasks/t", null).statusCode()).isEqualTo(204);
      // 6.0–8.5: DELETE removes the downstream checkpoints (DM-FACTS a.4, d.3).
      assertThat(sim.checkpoint("t", "s1")).isEmpty();
    }
  }

  @Test
  void openApiNewest_deleteWithKeepMeta_keepsCheckpoints() throws Exception {
    try (DmSimulator sim = start(DmProfile.NEWEST)) {
      sim.addSource(source("s1"));
      sim.startTask(task("t", "s1"));
      call(sim, "master1", "POST", "/api/v1/tasks/t/stop", "{}");
      await(() -> sim.subtaskStage("t", "s1").equals("Stopped"));
      assertThat(call(sim, "master1", "DELETE", "/api/v1/tasks/t?keep_meta=true", null).statusCode()).isEqualTo(204);
      assertThat(sim.checkpoint("t", "s1")).isPresent();
    }
  }

  @Test
  void openApiV5_pauseResumeAndDeleteAsStopTask_keepCheckpoints() throws Exception {
    try (DmSimulator sim = start(DmProfile.V5_4)) {
      sim.addSource(source("s1"));
      sim.startTask(task("t", "s1"));
      assertThat(call(sim, "master1", "POST", "/api/v1/tasks/t/pause", "[\"s1\"]").statusCode()).isEqualTo(200);
      await(() -> sim.subtaskStage("t", "s1").equals("Paused"));
      assertThat(call(sim, "master1", "POST", "/api/v1/tasks/t/resume", "[]").statusCode()).isEqualTo(200);
      assertThat(sim.subtaskStage("t", "s1")).isEqualTo("Running");
      assertThat(call(sim, "master1", "DELETE", "/api/v1/tasks/t", null).statusCode()).isEqualTo(204);
      assertThat(sim.checkpoint("t", "s1")).isPresent();
      assertThat(call(sim, "master1", "POST", "/api/v1/tasks/t/stop", "{}").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void openApi_missingSourceIs404Empty_missingTaskIs400With46018() throws Exception {
    try (DmSimulator sim = start(DmProfile.V8_5)) {
      HttpResponse<String> src = call(sim, "master1", "GET", "/api/v1/sources/nope", null);
      assertThat(src.statusCode()).isEqualTo(404);
      assertThat(src.body()).isEmpty();
      HttpResponse<String> task = call(sim, "master1", "GET", "/api/v1/tasks/nope", null);
      // DM-FACTS a.2: the spec documents 404, DM answers 400 with error_code 46018.
      assertThat(task.statusCode()).isEqualTo(400);
      assertThat(json(task).path("error_code").asInt()).isEqualTo(46018);
      assertThat(json(task).path("error_msg").asText()).startsWith("[code=46018:class=scheduler:scope=internal:level=medium]");
    }
  }

  @Test
  void openApi_sourcePasswordMasked_andUpdateRefusedWhileRunning_thenStaleOnWorker() throws Exception {
    try (DmSimulator sim = start(DmProfile.V8_5)) {
      sim.addSource(source("s1"));
      sim.startTask(task("t", "s1"));
      JsonNode got = json(call(sim, "master1", "GET", "/api/v1/sources/s1", null));
      assertThat(got.path("password").asText()).isEqualTo("******");
      String update = "{\"source\":{\"source_name\":\"s1\",\"host\":\"127.0.0.2\",\"port\":3306,\"user\":\"dm\","
          + "\"password\":\"s3cret\",\"enable_gtid\":true,\"enable\":true}}";
      HttpResponse<String> refused = call(sim, "master1", "PUT", "/api/v1/sources/s1", update);
      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(json(refused).path("error_code").asInt()).isEqualTo(46025);

      call(sim, "master1", "POST", "/api/v1/tasks/t/stop", "{}");
      await(() -> sim.subtaskStage("t", "s1").equals("Stopped"));
      assertThat(call(sim, "master1", "PUT", "/api/v1/sources/s1", update).statusCode()).isEqualTo(200);
      assertThat(json(call(sim, "master1", "GET", "/api/v1/sources/s1", null)).path("host").asText()).isEqualTo("127.0.0.2");
    }
  }

  @Test
  void sourceRemoval_refusedWithTasks_forceRemovesTheSubtasks() throws Exception {
    try (DmSimulator sim = start(DmProfile.V8_5)) {
      sim.addSource(source("s1"));
      sim.startTask(task("t", "s1"));
      JsonNode stop = json(call(sim, "master1", "PUT", "/apis/v1alpha1/sources", "{\"op\":\"StopSource\",\"sourceID\":[\"s1\"]}"));
      assertThat(stop.path("result").asBoolean()).isFalse();
      assertThat(stop.path("msg").asText()).contains("code=46010").contains("Please `stop-task` first.");
      assertThat(call(sim, "master1", "DELETE", "/api/v1/sources/s1?force=true", null).statusCode()).isEqualTo(204);
      assertThat(json(call(sim, "master1", "GET", "/apis/v1alpha1/status/t", null)).path("result").asBoolean()).isFalse();
    }
  }

  @Test
  void gateway_operateSource_createBindsOrSaysNoFreeWorker() throws Exception {
    try (DmSimulator sim = DmSimulator.builder().withProfile(DmProfile.V2_0).withWorkers(1).withStreams(new IdleStreams()).start()) {
      String body = JsonText.compact(JsonText.object().put("op", "StartSource")
          .set("config", JsonText.array().add(source("s1").toYaml()).add(source("s2").toYaml())));
      JsonNode r = json(call(sim, "master1", "PUT", "/apis/v1alpha1/sources", body));
      assertThat(r.path("result").asBoolean()).isTrue();
      assertThat(r.path("sources").get(0).path("worker").asText()).isEqualTo("worker1");
      assertThat(r.path("sources").get(1).path("msg").asText()).isEqualTo("source is added but there is no free worker to bound");
      JsonNode update = json(call(sim, "master1", "PUT", "/apis/v1alpha1/sources", "{\"op\":2}"));
      assertThat(update.path("msg").asText()).isEqualTo("Update worker config is not supported by dm-ha now");
    }
  }

  @Test
  void transferSource_before54NeedsPausedTasks_from54PausesItself() {
    try (DmSimulator v20 = start(DmProfile.V2_0); DmSimulator v85 = start(DmProfile.V8_5)) {
      for (DmSimulator sim : List.of(v20, v85)) {
        sim.addSource(source("s1"));
        sim.startTask(task("t", "s1"));
      }
      JsonNode refused = v20.service().transferSource("s1", "worker2");
      assertThat(refused.path("result").asBoolean()).isFalse();
      JsonNode moved = v85.service().transferSource("s1", "worker2");
      assertThat(moved.path("result").asBoolean()).isTrue();
      assertThat(v85.subtaskStage("t", "s1")).isEqualTo("Running");
    }
  }

  @Test
  void getConfig_masksPasswords() {
    try (DmSimulator sim = start(DmProfile.V8_5)) {
      sim.addSource(source("s1"));
      sim.startTask(task("t", "s1"));
      String cfg = sim.service().getCfg("TaskType", "t").path("cfg").asText();
      assertThat(cfg).contains("******").doesNotContain("tidbpw");
      assertThat(sim.service().getCfg("SourceType", "s1").path("cfg").asText()).doesNotContain("s3cret");
    }
  }

  @Test
  void faults_respondDelayDrop() throws Exception {
    try (DmSimulator sim = start(DmProfile.V8_5)) {
      sim.inject(Fault.on("GET", "/api/v1/cluster/workers").respond(503, "{\"error_code\":1,\"error_msg\":\"injected\"}"));
      assertThat(call(sim, "master1", "GET", "/api/v1/cluster/workers", null).statusCode()).isEqualTo(503);
      assertThat(call(sim, "master1", "GET", "/api/v1/cluster/workers", null).statusCode()).isEqualTo(200);

      // always(): java.net.http retries an idempotent GET once when the connection closes before a response.
      sim.inject(Fault.on("GET", "/status").onMaster("master2").always().dropConnection());
      assertThatThrownBy(() -> call(sim, "master2", "GET", "/status", null)).isInstanceOf(IOException.class);
      assertThat(call(sim, "master1", "GET", "/status", null).statusCode()).isEqualTo(200);
      sim.clearFaults();
      assertThat(call(sim, "master2", "GET", "/status", null).statusCode()).isEqualTo(200);

      sim.inject(Fault.on("*", "/apis/v1alpha1/members").delay(Duration.ofMillis(300)));
      long t0 = System.nanoTime();
      assertThat(call(sim, "master1", "GET", "/apis/v1alpha1/members", null).statusCode()).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
      assertThat(sim.exchanges()).isNotEmpty();
    }
  }

  @Test
  void shardLocks_shownByDmctlAndUnlocked() throws Exception {
    try (DmSimulator sim = start(DmProfile.V8_5)) {
      sim.addSource(source("s1"));
      sim.startTask(task("t", "s1"));
      sim.addShardDdlLock(new ShardDdlLock("t-`db`.`tb`", "t", "pessimistic", "s1", List.of("ALTER TABLE `db`.`tb` ADD COLUMN c INT"),
          List.of("s1"), List.of("s2")));
      DmctlRun shown = dmctl(sim, "shard-ddl-lock", "t");
      assertThat(shown.exit).isZero();
      JsonNode locks = JsonText.MAPPER.readTree(shown.stdout).path("locks");
      assertThat(locks.get(0).path("ID").asText()).isEqualTo("t-`db`.`tb`");
      assertThat(json(call(sim, "master1", "GET", "/apis/v1alpha1/status/t", null)).path("sources").get(0)
          .path("subTaskStatus").get(0).path("unresolvedDDLLockID").asText()).isEqualTo("t-`db`.`tb`");
      assertThat(JsonText.MAPPER.readTree(dmctl(sim, "shard-ddl-lock", "unlock", "t-`db`.`tb`").stdout).path("result").asBoolean()).isTrue();
      assertThat(JsonText.MAPPER.readTree(dmctl(sim, "shard-ddl-lock").stdout).path("msg").asText()).isEqualTo("no DDL lock exists");
    }
  }

  @Test
  void dmctl_v2_startTaskFromFile_summaryAndStop() throws Exception {
    try (DmSimulator sim = start(DmProfile.V2_0)) {
      Path src = Files.writeString(tmp.resolve("source.yaml"), source("s1").toYaml());
      assertThat(JsonText.MAPPER.readTree(dmctl(sim, "operate-source", "create", src.toString()).stdout)
          .path("sources").get(0).path("worker").asText()).isEqualTo("worker1");
      Path t = Files.writeString(tmp.resolve("task.yaml"), task("t", "s1").toYaml());
      JsonNode started = JsonText.MAPPER.readTree(dmctl(sim, "start-task", t.toString()).stdout);
      assertThat(started.path("result").asBoolean()).isTrue();
      DmctlRun summary = dmctl(sim, "query-status");
      assertThat(summary.stdout).isEqualTo("{\n    \"result\": true,\n    \"msg\": \"\",\n    \"tasks\": [\n        {\n"
          + "            \"taskName\": \"t\",\n            \"taskStatus\": \"Running\",\n            \"sources\": [\n"
          + "                \"s1\"\n            ]\n        }\n    ]\n}\n");
      JsonNode stopped = JsonText.MAPPER.readTree(dmctl(sim, "stop-task", "t").stdout);
      assertThat(stopped.path("op").asText()).isEqualTo("Stop");
      assertThat(sim.checkpoint("t", "s1")).isPresent();
      DmctlRun unknown = dmctl(sim, "switch-relay-master", "-w", "x");
      assertThat(unknown.exit).isEqualTo(1);
      assertThat(unknown.stderr).contains("unknown command");
    }
  }

  @Test
  void dmctl_v1_workersAndRelayCommands() throws Exception {
    try (DmSimulator sim = DmSimulator.builder().withProfile(DmProfile.V1_0).withStreams(new IdleStreams())
        .withoutAutoResume().start()) {
      sim.addSource(SourceConfig.builder("replica-01").withAddress("127.0.0.1", 1).withFlavor("mysql").withGtid(true)
          .withRelay(true).build());
      Path t = Files.writeString(tmp.resolve("task.yaml"), task("t", "replica-01").toYaml());
      JsonNode started = JsonText.MAPPER.readTree(dmctl(sim, "start-task", t.toString()).stdout);
      assertThat(started.path("workers").get(0).path("worker").asText()).isEqualTo("127.0.0.1:8262");
      JsonNode status = JsonText.MAPPER.readTree(dmctl(sim, "query-status", "t").stdout);
      JsonNode w = status.path("workers").get(0);
      assertThat(w.path("sourceID").asText()).isEqualTo("replica-01");
      assertThat(w.path("subTaskStatus").get(0).path("sync").path("syncerBinlogGtid").asText()).isEmpty();
      assertThat(w.path("relayStatus").path("stage").asText()).isEqualTo("Running");

      assertThat(JsonText.MAPPER.readTree(dmctl(sim, "switch-relay-master", "-w", "127.0.0.1:8262").stdout)
          .path("workers").get(0).path("msg").asText()).contains("Paused required");
      JsonNode paused = JsonText.MAPPER.readTree(dmctl(sim, "pause-relay", "-w", "127.0.0.1:8262").stdout);
      assertThat(paused.path("op").asText()).isEqualTo("PauseRelay");
      JsonNode switched = JsonText.MAPPER.readTree(dmctl(sim, "switch-relay-master", "-w", "127.0.0.1:8262").stdout);
      assertThat(switched.path("result").asBoolean()).isTrue();
      JsonNode pauseTask = JsonText.MAPPER.readTree(dmctl(sim, "pause-task", "t").stdout);
      assertThat(pauseTask.path("workers").get(0).path("op").asText()).isEqualTo("Pause");
      assertThat(dmctl(sim, "operate-source", "show").stderr).contains("unknown command");
    }
  }

  @Test
  void tls_httpsWithClientCertificates_andDmctlTlsFlags() throws Exception {
    TestCertificates certs = TestCertificates.create(tmp.resolve("certs"));
    try (DmSimulator sim = DmSimulator.builder().withProfile(DmProfile.V8_5).withStreams(new IdleStreams())
        .withTls(certs.serverContext(), true).start()) {
      HttpClient client = HttpClient.newBuilder().sslContext(certs.clientContext()).build();
      HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(sim.baseUrl("master1") + "/status")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      HttpClient noCert = HttpClient.newBuilder().sslContext(PemTls.context(java.util.Optional.of(certs.ca()),
          java.util.Optional.empty(), java.util.Optional.empty())).build();
      assertThatThrownBy(() -> noCert.send(HttpRequest.newBuilder(URI.create(sim.baseUrl("master1") + "/status")).build(),
          HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
      DmctlRun run = dmctlWith(sim, List.of("--ssl-ca", certs.ca().toString(), "--ssl-cert", certs.clientCert().toString(),
          "--ssl-key", certs.clientKey().toString()), "list-member", "--leader");
      assertThat(run.exit).as(run.stderr).isZero();
      assertThat(run.stdout).contains("\"leader\"");
    }
  }

  record DmctlRun(int exit, String stdout, String stderr) {}

  static DmctlRun dmctl(DmSimulator sim, String... args) throws Exception {
    return dmctlWith(sim, List.of(), args);
  }

  static DmctlRun dmctlWith(DmSimulator sim, List<String> globals, String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>();
    cmd.add(sim.dmctl().toString());
    cmd.add("--master-addr=" + String.join(",", sim.masterAddresses()));
    cmd.addAll(globals);
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new DmctlRun(p.exitValue(), out, err);
  }

  @Test
  void unreachableUpstream_subtaskPausesWith36069AfterRetries() {
    try (DmSimulator sim = DmSimulator.builder().withProfile(DmProfile.V8_5).withoutAutoResume().withReconnectAttempts(1).start()) {
      sim.addSource(source("s1"));
      sim.startTask(task("t", "s1"));
      await(() -> sim.subtaskStage("t", "s1").equals("Paused"));
      JsonNode error = sim.service().queryStatus("t", List.of()).path("sources").get(0).path("subTaskStatus").get(0)
          .path("result").path("errors").get(0);
      assertThat(error.path("ErrCode").asInt()).isEqualTo(36069);
      assertThat(error.path("RawCause").asText()).contains("127.0.0.1:1");
    }
  }

  @Test
  void lostWorker_sourceMovesToAFreeWorker_orStaysUnbound() throws Exception {
    try (DmSimulator sim = start(DmProfile.V8_5)) {
      sim.addSource(source("s1"));
      sim.startTask(task("t", "s1"));
      sim.loseWorker("worker1");
      JsonNode moved = sim.service().queryStatus("t", List.of()).path("sources").get(0);
      assertThat(moved.path("sourceStatus").path("worker").asText()).isEqualTo("worker2");
      assertThat(sim.subtaskStage("t", "s1")).isEqualTo("Running");
      sim.loseWorker("worker2");
      JsonNode unbound = sim.service().queryStatus("t", List.of()).path("sources").get(0);
      assertThat(unbound.path("result").asBoolean()).isFalse();
      assertThat(unbound.path("msg").asText()).isEqualTo("source s1 relevant worker-client not found");
      JsonNode workers = json(call(sim, "master1", "GET", "/api/v1/cluster/workers", null)).path("data");
      assertThat(workers.get(0).path("bound_stage").asText()).isEqualTo("offline");
      sim.restoreWorker("worker1");
      assertThat(sim.service().queryStatus("t", List.of()).path("sources").get(0).path("sourceStatus").path("worker").asText())
          .isEqualTo("worker1");
    }
  }
}
