package io.github.dmswitchover.testkit.dm;

import static io.github.dmswitchover.testkit.dm.SimulatorSurfaceTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every OpenAPI request the simulator accepts and every response it sends, for each v6+ profile,
 * validates against DM's real spec ({@code shared/dm/openapi/dm.yaml}, the development head).
 * Where DM's behaviour differs from the spec the simulator follows the behaviour, and the
 * difference is listed here with the fact behind it; any other difference fails.
 */
class OpenApiContractTest {
  private static final Logger LOG = LoggerFactory.getLogger(OpenApiContractTest.class);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** A known difference between dm.yaml and DM's behaviour: which exchange, which validator message. */
  private record Deviation(String method, Pattern path, String key, String text, String fact) {
    boolean matches(RecordedExchange e, ValidationReport.Message m) {
      return method.equals(e.method()) && path.matcher(e.path()).matches() && m.getKey().equals(key)
          && m.getMessage().contains(text);
    }
  }

  private static List<Deviation> deviations(DmProfile profile) {
    List<Deviation> d = new ArrayList<>();
    d.add(new Deviation("GET", Pattern.compile("/api/v1/tasks/[^/]+"), "validation.response.status.unknown", "400",
        "DM-FACTS a.2: a missing task is answered 400 / 46018 although dm.yaml documents 404"));
    d.add(new Deviation("GET", Pattern.compile("/api/v1/sources.*"), "validation.response.body.schema.required",
        "\"worker_name\"", "DM-FACTS a.5: the status of an unbound source is a lone source_name"));
    if (!profile.hasIoBytes()) {
      // The validator names both missing fields in one message.
      d.add(new Deviation("GET", Pattern.compile("/api/v1/tasks.*"), "validation.response.body.schema.required",
          "\"dump_io_total_bytes\",\"io_total_bytes\"",
          "DM-FACTS a.5/a.6: io_total_bytes and dump_io_total_bytes exist from v9.0.0-beta.1, not in v6.x–v8.5.x"));
      d.add(new Deviation("GET", Pattern.compile("/api/v1/tasks.*"), "validation.response.body.schema.required",
          "\"bps\"", "DM-FACTS a.6: LoadStatus.bps exists from v9.0.0-beta.1"));
    }
    return d;
  }

  @ParameterizedTest
  @EnumSource(value = DmProfile.class, names = {"V6_0", "V8_5", "NEWEST"})
  void everyExchange_validatesAgainstDmYaml_exceptPinnedDeviations(DmProfile profile) throws Exception {
    Path spec = SharedFacts.requireDmFolder().resolve("openapi/dm.yaml");
    OpenApiInteractionValidator validator = OpenApiInteractionValidator.createForSpecificationUrl(spec.toUri().toString()).build();
    try (DmSimulator sim = DmSimulator.builder().withProfile(profile).withWorkers(3).withStreams(new IdleStreams())
        .withoutAutoResume().withUnitDuration(Duration.ofMillis(50)).start()) {
      scenario(sim);
      List<Deviation> known = deviations(profile);
      Set<String> unexpected = new LinkedHashSet<>();
      Set<Deviation> seen = new LinkedHashSet<>();
      int validated = 0;
      for (RecordedExchange e : sim.exchanges()) {
        if (!e.isOpenApi() || e.status() < 0) {
          continue;
        }
        validated++;
        ValidationReport report = validator.validate(request(e), response(e));
        for (ValidationReport.Message m : report.getMessages()) {
          if (m.getLevel() != ValidationReport.Level.ERROR) {
            continue;
          }
          Deviation dev = known.stream().filter(x -> x.matches(e, m)).findFirst().orElse(null);
          if (dev == null) {
            unexpected.add(e.method() + " " + e.path() + " -> " + e.status() + ": " + m.getKey() + ": " + m.getMessage());
          } else {
            seen.add(dev);
          }
        }
      }
      LOG.info("{}: {} OpenAPI exchanges validated against dm.yaml; pinned deviations seen: {}", profile, validated,
          seen.stream().map(Deviation::fact).toList());
      assertThat(unexpected).as("differences from dm.yaml that no fact explains").isEmpty();
      assertThat(validated).isGreaterThanOrEqualTo(40);
      assertThat(seen).as("each pinned deviation is really exercised").containsExactlyInAnyOrderElementsOf(known);
    }
  }

  /** Touches every endpoint of the v6 OpenAPI the simulator serves, with successes and refusals. */
  private static void scenario(DmSimulator sim) throws Exception {
    String src = "{\"source\":{\"source_name\":\"%s\",\"host\":\"127.0.0.1\",\"port\":1,\"user\":\"root\",\"password\":\"pw\","
        + "\"enable_gtid\":true,\"enable\":true,\"flavor\":\"mysql\"}}";
    ok(sim, "POST", "/api/v1/sources", String.format(src, "s1"), 201);
    ok(sim, "POST", "/api/v1/sources", String.format(src, "s2"), 201);
    ok(sim, "POST", "/api/v1/sources", String.format(src, "s3"), 201);
    ok(sim, "POST", "/api/v1/sources", String.format(src, "s4"), 201); // no free worker left: unbound
    ok(sim, "POST", "/api/v1/sources", String.format(src, "s1"), 400);
    ok(sim, "GET", "/api/v1/sources", null, 200);
    ok(sim, "GET", "/api/v1/sources?with_status=true", null, 200);
    ok(sim, "GET", "/api/v1/sources?enable_relay=true", null, 200);
    ok(sim, "GET", "/api/v1/sources/s1", null, 200);
    ok(sim, "GET", "/api/v1/sources/s1?with_status=true", null, 200);
    ok(sim, "GET", "/api/v1/sources/nope", null, 404);
    ok(sim, "GET", "/api/v1/sources/s1/status", null, 200);
    ok(sim, "GET", "/api/v1/sources/s4/status", null, 200);
    ok(sim, "POST", "/api/v1/sources/s1/relay/enable", "{}", 200);
    ok(sim, "GET", "/api/v1/sources/s1/status", null, 200);
    ok(sim, "POST", "/api/v1/sources/s1/relay/purge", "{\"relay_binlog_name\":\"mysql-bin.000001\"}", 200);
    ok(sim, "POST", "/api/v1/sources/s1/relay/disable", "{}", 200);
    ok(sim, "POST", "/api/v1/sources/s2/disable", null, 200);
    ok(sim, "POST", "/api/v1/sources/s2/enable", null, 200);
    ok(sim, "POST", "/api/v1/sources/s4/enable", null, 400);
    ok(sim, "DELETE", "/api/v1/sources/s4", null, 204);
    ok(sim, "POST", "/api/v1/sources/s3/transfer", "{\"worker_name\":\"worker1\"}", 400);

    String task = "{\"task\":{\"name\":\"%s\",\"task_mode\":\"%s\",\"enhance_online_schema_change\":true,\"on_duplicate\":\"error\","
        + "\"meta_schema\":\"dm_meta\",\"target_config\":{\"host\":\"127.0.0.1\",\"port\":4000,\"user\":\"root\",\"password\":\"tp\"},"
        + "\"table_migrate_rule\":[],\"source_config\":{\"source_conf\":[{\"source_name\":\"s1\",\"binlog_gtid\":\"\"},"
        + "{\"source_name\":\"s2\",\"binlog_gtid\":\"\"}]}}}";
    ok(sim, "POST", "/api/v1/tasks", String.format(task, "t", "incremental"), 201);
    ok(sim, "POST", "/api/v1/tasks", String.format(task, "t", "incremental"), 400);
    ok(sim, "GET", "/api/v1/tasks", null, 200);
    ok(sim, "GET", "/api/v1/tasks?with_status=true", null, 200);
    ok(sim, "GET", "/api/v1/tasks?stage=Stopped", null, 200);
    ok(sim, "GET", "/api/v1/tasks/t", null, 200);
    ok(sim, "GET", "/api/v1/tasks/t?with_status=true", null, 200);
    ok(sim, "GET", "/api/v1/tasks/nope", null, 400);
    ok(sim, "POST", "/api/v1/tasks/nope/start", "{}", 400);
    ok(sim, "POST", "/api/v1/tasks/t/start", "{\"remove_meta\":false}", 200);
    ok(sim, "GET", "/api/v1/tasks/t/status", null, 200);
    ok(sim, "GET", "/api/v1/tasks/t/status?source_name_list=s1", null, 200);
    ok(sim, "DELETE", "/api/v1/tasks/t", null, 400);
    ok(sim, "PUT", "/api/v1/sources/s1", String.format(src, "s1"), 400);
    ok(sim, "POST", "/api/v1/tasks/t/stop", "{\"source_name_list\":[\"s1\",\"s2\"]}", 200);
    await(() -> sim.subtaskStage("t", "s1").equals("Stopped") && sim.subtaskStage("t", "s2").equals("Stopped"));
    ok(sim, "GET", "/api/v1/tasks/t/status", null, 200);
    ok(sim, "PUT", "/api/v1/sources/s1", String.format(src, "s1"), 200);
    ok(sim, "DELETE", "/api/v1/sources/s1", null, 400);
    ok(sim, "DELETE", "/api/v1/tasks/t", null, 204);

    ok(sim, "POST", "/api/v1/tasks", String.format(task, "full", "all"), 201);
    ok(sim, "POST", "/api/v1/tasks/full/start", null, 200);
    sim.holdSubtaskIn("full", "s1", Unit.LOAD);
    sim.holdSubtaskIn("full", "s2", Unit.LOAD);
    await(() -> sim.subtaskUnit("full", "s1").equals("Load"));
    ok(sim, "GET", "/api/v1/tasks/full/status", null, 200);
    ok(sim, "DELETE", "/api/v1/tasks/full?force=true", null, 204);

    ok(sim, "GET", "/api/v1/cluster/masters", null, 200);
    ok(sim, "GET", "/api/v1/cluster/workers", null, 200);
    ok(sim, "DELETE", "/api/v1/cluster/workers/worker3", null, 400);
    sim.loseWorker("worker3");
    ok(sim, "DELETE", "/api/v1/cluster/workers/worker3", null, 204);
    ok(sim, "DELETE", "/api/v1/sources/s2?force=true", null, 204);
  }

  private static void ok(DmSimulator sim, String method, String path, String body, int expected) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.baseUrl(sim.leader().orElseThrow()) + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(method + " " + path + " answered " + r.body()).isEqualTo(expected);
  }

  private static SimpleRequest request(RecordedExchange e) {
    SimpleRequest.Builder b = new SimpleRequest.Builder(Request.Method.valueOf(e.method()), e.path());
    HttpCall.parseQuery(e.query()).forEach((k, v) -> b.withQueryParam(k, v));
    if (!e.requestBody().isEmpty()) {
      b.withBody(e.requestBody()).withContentType("application/json");
    }
    return b.build();
  }

  private static SimpleResponse response(RecordedExchange e) {
    SimpleResponse.Builder b = SimpleResponse.Builder.status(e.status());
    if (!e.responseBody().isEmpty()) {
      b.withBody(e.responseBody());
      String ct = e.responseHeaders().getOrDefault("Content-Type", "application/json");
      b.withContentType(ct.startsWith("application/json") ? "application/json" : ct);
    }
    return b.build();
  }
}
