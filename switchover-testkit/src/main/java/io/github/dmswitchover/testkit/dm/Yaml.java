package io.github.dmswitchover.testkit.dm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.util.Optional;

/** DM's YAML configurations as Jackson trees. */
final class Yaml {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  private Yaml() {}

  static ObjectNode object() {
    return YAML.createObjectNode();
  }

  static JsonNode read(String yaml, String what) {
    try {
      JsonNode n = YAML.readTree(yaml);
      if (n == null || !n.isObject()) {
        throw new IllegalArgumentException(what + " is not a YAML mapping");
      }
      return n;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(what + " is not valid YAML: " + e.getOriginalMessage()
          + (e.getLocation() != null ? " at line " + e.getLocation().getLineNr() : ""), e);
    }
  }

  static String write(JsonNode n) {
    try {
      return YAML.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write YAML: " + e.getMessage(), e);
    }
  }

  static Optional<String> text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
  }
}
