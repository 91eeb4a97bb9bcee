package io.github.dmswitchover.dm;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import io.github.dmswitchover.testkit.dm.DmProfile;
import io.github.dmswitchover.testkit.dm.DmSimulator;
import io.github.dmswitchover.testkit.dm.RecordedExchange;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every OpenAPI request the client sends, with its surfaces chosen automatically and with the
 * OpenAPI forced, validates against DM's real spec ({@code shared/dm/openapi/dm.yaml}); and the
 * client never sends {@code DELETE /api/v1/tasks/{name}} where it would delete the checkpoints.
 */
class OpenApiRequestContractIT {
  private static final Logger LOG = LoggerFactory.getLogger(OpenApiRequestContractIT.class);

  @ParameterizedTest
  @EnumSource(value = DmProfile.class, names = {"V6_0", "V8_5", "NEWEST"})
  void everyOpenApiRequest_validatesAgainstDmYaml(DmProfile profile) {
    Path spec = SharedFacts.requireDmFolder().resolve("openapi/dm.yaml");
    OpenApiInteractionValidator validator = OpenApiInteractionValidator.createForSpecificationUrl(spec.toUri().toString()).build();
    // The validator is live: a create without its "source" is refused.
    assertThat(validator.validateRequest(new SimpleRequest.Builder(Request.Method.POST, "/api/v1/sources").withBody("{}")
        .withContentType("application/json").build()).hasErrors()).isTrue();
    List<RecordedExchange> sent = new ArrayList<>();
    for (Optional<Surface> surface : List.of(Optional.<Surface>empty(), Optional.of(Surface.OPENAPI))) {
      try (DmSimulator sim = Sims.builder(profile).withWorkers(4).start()) {
        new OperationScenario(sim, profile, surface, " (contract)").run();
        sent.addAll(sim.exchanges().stream().filter(RecordedExchange::isOpenApi).toList());
      }
    }
    Set<String> problems = new LinkedHashSet<>();
    Set<String> endpoints = new LinkedHashSet<>();
    for (RecordedExchange e : sent) {
      endpoints.add(e.method() + " " + e.path().replaceAll("/(s\\d|t\\d?|full|worker\\d|nope|master\\d)(?=/|$)", "/{name}"));
      ValidationReport report = validator.validateRequest(request(e));
      for (ValidationReport.Message m : report.getMessages()) {
        if (m.getLevel() == ValidationReport.Level.ERROR) {
          problems.add(e.method() + " " + e.path() + (e.query().isEmpty() ? "" : "?" + e.query()) + " " + e.requestBody() + ": "
              + m.getKey() + ": " + m.getMessage());
        }
      }
    }
    LOG.info("{}: {} OpenAPI requests validated against dm.yaml, {} endpoints: {}", profile, sent.size(), endpoints.size(),
        endpoints);
    assertThat(problems).as("requests that do not match dm.yaml").isEmpty();
    assertThat(sent.size()).isGreaterThanOrEqualTo(30);
    assertThat(endpoints.size()).isGreaterThanOrEqualTo(12);
    List<RecordedExchange> deletes = sent.stream().filter(e -> e.method().equals("DELETE") && e.path().matches("/api/v1/tasks/[^/]+"))
        .toList();
    if (profile == DmProfile.NEWEST) {
      assertThat(deletes).isNotEmpty().allMatch(e -> e.query().equals("keep_meta=true"));
    } else {
      assertThat(deletes).as("DELETE /api/v1/tasks/{name} deletes the checkpoints on " + profile).isEmpty();
    }
  }

  private static SimpleRequest request(RecordedExchange e) {
    SimpleRequest.Builder b = new SimpleRequest.Builder(Request.Method.valueOf(e.method()), e.path());
    query(e.query()).forEach(b::withQueryParam);
    if (!e.requestBody().isEmpty()) {
      b.withBody(e.requestBody()).withContentType("application/json");
    }
    return b.build();
  }

  private static Map<String, List<String>> query(String raw) {
    Map<String, List<String>> q = new LinkedHashMap<>();
    if (raw.isEmpty()) {
      return q;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      q.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return q;
  }
}
