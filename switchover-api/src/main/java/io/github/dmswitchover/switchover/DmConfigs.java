package io.github.dmswitchover.switchover;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads and rewrites DM source and task configurations (DM YAML): the new address and the
 * passwords DM masks. Nothing else of a configuration is changed.
 */
final class DmConfigs {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  private DmConfigs() {}

  /**
   * Parses a configuration.
   *
   * @param what what it is, for the error, e.g. {@code the new source configuration}
   * @throws IllegalArgumentException if it is not a YAML mapping; the message names {@code what} and the line
   */
  static ObjectNode parse(String yaml, String what) {
    JsonNode n;
    try {
      n = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
      throw new IllegalArgumentException(what + " is not valid YAML" + where + ": " + e.getOriginalMessage(), e);
    }
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException(what + " must be a YAML mapping, got " + (n == null ? "nothing" : n.getNodeType()));
    }
    return (ObjectNode) n;
  }

  static String write(ObjectNode n) {
    try {
      return YAML.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a DM configuration could not be written as YAML", e);
    }
  }

  /** Returns the source configuration with {@code from.host}/{@code from.port} (and the password, if given) replaced. */
  static String withAddress(String sourceYaml, String host, int port, Optional<String> password, String what) {
    ObjectNode root = parse(sourceYaml, what);
    ObjectNode from = root.has("from") && root.get("from").isObject() ? (ObjectNode) root.get("from") : root.putObject("from");
    from.put("host", host);
    from.put("port", port);
    password.ifPresent(p -> from.put("password", p));
    return write(root);
  }

  /** Returns the task configuration with every masked password replaced by {@code password}. */
  static String withPassword(String taskYaml, String password, String what) {
    ObjectNode root = parse(taskYaml, what);
    replaceMasked(root, password);
    return write(root);
  }

  private static void replaceMasked(JsonNode n, String password) {
    if (n.isObject()) {
      ObjectNode o = (ObjectNode) n;
      List<String> keys = new ArrayList<>();
      o.fieldNames().forEachRemaining(keys::add);
      for (String k : keys) {
        JsonNode v = o.get(k);
        if (v.isTextual() && Redactor.MASK.equals(v.asText()) && isPasswordKey(k)) {
          o.put(k, password);
        } else {
          replaceMasked(v, password);
        }
      }
    } else if (n.isArray()) {
      n.forEach(e -> replaceMasked(e, password));
    }
  }

  /** Returns the configuration with every password replaced by DM's mask, for the journal. */
  static String masked(String yaml, String what) {
    ObjectNode root = parse(yaml, what);
    mask(root);
    return write(root);
  }

  private static void mask(JsonNode n) {
    if (n.isObject()) {
      ObjectNode o = (ObjectNode) n;
      List<String> keys = new ArrayList<>();
      o.fieldNames().forEachRemaining(keys::add);
      for (String k : keys) {
        if (isPasswordKey(k) && o.get(k).isValueNode() && !o.get(k).asText().isEmpty()) {
          o.put(k, Redactor.MASK);
        } else {
          mask(o.get(k));
        }
      }
    } else if (n.isArray()) {
      n.forEach(DmConfigs::mask);
    }
  }

  /** Returns the paths (e.g. {@code target-database.password}) whose value is DM's mask {@code ******}. */
  static List<String> maskedPasswords(String yaml, String what) {
    List<String> out = new ArrayList<>();
    collectMasked(parse(yaml, what), "", out);
    return out;
  }

  private static void collectMasked(JsonNode n, String path, List<String> out) {
    if (n.isObject()) {
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
        if (e.getValue().isTextual() && Redactor.MASK.equals(e.getValue().asText())) {
          out.add(p);
        } else {
          collectMasked(e.getValue(), p, out);
        }
      }
    } else if (n.isArray()) {
      for (int i = 0; i < n.size(); i++) {
        collectMasked(n.get(i), path + "[" + i + "]", out);
      }
    }
  }

  /** Returns every password found in a configuration (so reports can mask them). */
  static List<String> passwords(String yaml) {
    List<String> out = new ArrayList<>();
    try {
      collectPasswords(YAML.readTree(yaml), out);
    } catch (JsonProcessingException e) {
      return out;
    }
    return out;
  }

  private static void collectPasswords(JsonNode n, List<String> out) {
    if (n == null) {
      return;
    }
    if (n.isObject()) {
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        if (isPasswordKey(e.getKey()) && e.getValue().isValueNode()) {
          out.add(e.getValue().asText());
        } else {
          collectPasswords(e.getValue(), out);
        }
      }
    } else if (n.isArray()) {
      n.forEach(e -> collectPasswords(e, out));
    }
  }

  private static boolean isPasswordKey(String k) {
    return k.equalsIgnoreCase("password") || k.equalsIgnoreCase("passwd");
  }

  /** The fields of a source configuration a switchover compares. */
  record SourceFields(String sourceId, Optional<String> host, Optional<Integer> port, Optional<Boolean> enableGtid,
      Optional<Boolean> enableRelay, OptionalLong serverId, Optional<String> flavor) {}

  static SourceFields sourceFields(String yaml, String what) {
    ObjectNode root = parse(yaml, what);
    JsonNode from = root.path("from");
    return new SourceFields(root.path("source-id").asText(""),
        text(from.path("host")), from.path("port").isMissingNode() ? Optional.empty() : Optional.of(from.path("port").asInt()),
        bool(root.path("enable-gtid")), bool(root.path("enable-relay")),
        root.path("server-id").canConvertToLong() && root.path("server-id").asLong() != 0
            ? OptionalLong.of(root.path("server-id").asLong()) : OptionalLong.empty(),
        text(root.path("flavor")));
  }

  private static Optional<String> text(JsonNode n) {
    return n.isMissingNode() || n.isNull() || n.asText().isEmpty() ? Optional.empty() : Optional.of(n.asText());
  }

  private static Optional<Boolean> bool(JsonNode n) {
    return n.isMissingNode() || n.isNull() ? Optional.empty() : Optional.of(n.asBoolean());
  }

  /**
   * Compares a new source configuration with what DM has: only the address (and credentials) may
   * differ. Returns the problems, each naming the field.
   */
  static List<String> compareSource(SourceFields next, DmSnapshot.SourceInfo current, String newHost, int newPort) {
    List<String> problems = new ArrayList<>();
    if (!next.sourceId().equals(current.id())) {
      problems.add("source-id is '" + next.sourceId() + "', DM's source is '" + current.id() + "'");
    }
    if (next.host().isEmpty() || !next.host().get().equalsIgnoreCase(newHost) || next.port().isEmpty()
        || next.port().get() != newPort) {
      problems.add("from.host/from.port is " + next.host().orElse("(none)") + ":" + next.port().map(String::valueOf).orElse("(none)")
          + ", the new address is " + newHost + ":" + newPort);
    }
    if (next.enableGtid().orElse(false) != current.enableGtid()) {
      problems.add("enable-gtid is " + next.enableGtid().orElse(false) + ", DM's source has " + current.enableGtid());
    }
    if (next.serverId().isPresent() && current.serverId().isPresent()
        && next.serverId().getAsLong() != current.serverId().getAsLong()) {
      problems.add("server-id is " + next.serverId().getAsLong() + ", DM's source has " + current.serverId().getAsLong());
    }
    if (next.flavor().isPresent() && current.flavor().isPresent() && !next.flavor().get().equalsIgnoreCase(current.flavor().get())) {
      problems.add("flavor is " + next.flavor().get() + ", DM's source has " + current.flavor().get());
    }
    return problems;
  }
}
