package io.github.dmswitchover.dm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Converts a source configuration YAML into the OpenAPI's {@code Source} JSON, losslessly or not at
 * all: a setting the OpenAPI cannot express (server-id, checker, filters, TLS files, …) makes the
 * conversion fail with its name, because DM would silently run without it (DM-FACTS a.5).
 */
final class SourceYaml {
  private static final Set<String> TOP = Set.of("source-id", "enable", "enable-gtid", "enable-relay", "relay-binlog-name",
      "relay-binlog-gtid", "relay-dir", "flavor", "from", "purge");
  private static final Set<String> FROM = Set.of("host", "port", "user", "password");
  private static final Map<String, String> PURGE = Map.of("interval", "interval", "expires", "expires",
      "remain-space", "remain_space");

  private SourceYaml() {}

  /** The source id of a YAML configuration. */
  static String sourceId(String yaml) {
    JsonNode n = SimpleYaml.read(yaml);
    JsonNode id = n.get("source-id");
    if (id == null || !id.isTextual() || id.textValue().isBlank()) {
      throw new IllegalArgumentException("the source configuration has no source-id");
    }
    return id.textValue();
  }

  /**
   * The OpenAPI {@code Source} for a YAML configuration.
   *
   * @param v6 whether the master has the v6.0+ OpenAPI ({@code enable}, {@code flavor})
   * @param relayConfig whether the master's {@code Source} has {@code relay_config} (v5.4+)
   * @throws IllegalArgumentException naming what cannot be converted
   */
  static ObjectNode toOpenApi(String yaml, boolean v6, boolean relayConfig) {
    JsonNode n = SimpleYaml.read(yaml);
    if (!n.isObject()) {
      throw new IllegalArgumentException("the source configuration is not a YAML mapping");
    }
    List<String> lost = new ArrayList<>();
    n.properties().forEach(e -> {
      if (!TOP.contains(e.getKey()) && carries(e.getValue())) {
        lost.add(e.getKey());
      }
    });
    JsonNode from = n.path("from");
    from.properties().forEach(e -> {
      if (!FROM.contains(e.getKey()) && carries(e.getValue())) {
        lost.add("from." + e.getKey());
      }
    });
    n.path("purge").properties().forEach(e -> {
      if (!PURGE.containsKey(e.getKey()) && carries(e.getValue())) {
        lost.add("purge." + e.getKey());
      }
    });
    if (!v6 && carries(n.path("flavor"))) {
      lost.add("flavor (the v5.3/v5.4 OpenAPI has no flavor)");
    }
    if (!relayConfig && (truthy(n.path("enable-relay")) || carries(n.path("relay-binlog-name"))
        || carries(n.path("relay-binlog-gtid")) || carries(n.path("relay-dir")))) {
      lost.add("relay settings (the v5.3 OpenAPI has no relay_config)");
    }
    if (!lost.isEmpty()) {
      throw new IllegalArgumentException("the OpenAPI's Source cannot express " + String.join(", ", lost)
          + "; DM would run without them. Create the source through the gateway or dmctl instead");
    }
    ObjectNode s = Json.newObject();
    s.put("source_name", sourceId(yaml));
    s.put("host", required(from, "host"));
    s.put("port", port(from.path("port")));
    s.put("user", required(from, "user"));
    if (from.hasNonNull("password")) {
      s.put("password", from.path("password").asText());
    }
    s.put("enable_gtid", bool(n.path("enable-gtid"), false, "enable-gtid"));
    if (v6) {
      s.put("enable", bool(n.path("enable"), true, "enable"));
      if (carries(n.path("flavor"))) {
        s.put("flavor", n.path("flavor").asText());
      }
    }
    if (n.path("purge").isObject() && !n.path("purge").isEmpty()) {
      ObjectNode p = s.putObject("purge");
      for (String yamlKey : List.of("interval", "expires", "remain-space")) {
        JsonNode v = n.path("purge").path(yamlKey);
        if (carries(v)) {
          p.put(PURGE.get(yamlKey), integer(v, "purge." + yamlKey));
        }
      }
    }
    if (relayConfig && (n.has("enable-relay") || carries(n.path("relay-binlog-name")) || carries(n.path("relay-binlog-gtid"))
        || carries(n.path("relay-dir")))) {
      ObjectNode r = s.putObject("relay_config");
      r.put("enable_relay", bool(n.path("enable-relay"), false, "enable-relay"));
      for (String k : List.of("relay-binlog-name", "relay-binlog-gtid", "relay-dir")) {
        if (carries(n.path(k))) {
          r.put(k.replace('-', '_'), n.path(k).asText());
        }
      }
    }
    return s;
  }

  /** Whether a YAML value carries a setting (not null, empty, false, 0 or an empty collection). */
  private static boolean carries(JsonNode v) {
    if (v == null || v.isMissingNode() || v.isNull()) {
      return false;
    }
    if (v.isContainerNode()) {
      return !v.isEmpty();
    }
    String t = v.asText();
    return !(t.isEmpty() || t.equals("false") || t.equals("0"));
  }

  private static boolean truthy(JsonNode v) {
    return v != null && v.isTextual() && v.textValue().equals("true");
  }

  private static String required(JsonNode from, String key) {
    JsonNode v = from.path(key);
    if (!v.isTextual() || v.textValue().isBlank()) {
      throw new IllegalArgumentException("the source configuration has no from." + key);
    }
    return v.textValue();
  }

  private static int port(JsonNode v) {
    if (v.isMissingNode() || v.isNull()) {
      return 3306;
    }
    int p = (int) integer(v, "from.port");
    if (p < 1 || p > 65535) {
      throw new IllegalArgumentException("from.port must be between 1 and 65535, got " + p);
    }
    return p;
  }

  private static long integer(JsonNode v, String key) {
    try {
      return Long.parseLong(v.asText().strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " is not an integer: \"" + v.asText() + "\"", e);
    }
  }

  private static boolean bool(JsonNode v, boolean fallback, String key) {
    if (v.isMissingNode() || v.isNull()) {
      return fallback;
    }
    return switch (v.asText()) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException(key + " is not a boolean: \"" + v.asText() + "\"");
    };
  }
}
