package io.github.dmswitchover.testkit.dm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes JSON the way DM's Go code does: dmctl's jsonpb ({@code Indent: "    "}, empty arrays as
 * {@code [} newline {@code ]}), encoding/json compact (HTTP bodies) and MarshalIndent (dmctl's
 * summary). Strings are escaped as Go escapes them ({@code <}, {@code >}, {@code &} as
 * {@code \u003c} and so on).
 */
final class JsonText {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonText() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  /** dmctl's output: jsonpb with four-space indentation. */
  static String jsonpb(JsonNode n) {
    StringBuilder sb = new StringBuilder();
    pretty(n, sb, 0, true);
    return sb.toString();
  }

  /** Go's {@code json.MarshalIndent(v, "", "    ")}. */
  static String goIndent(JsonNode n) {
    StringBuilder sb = new StringBuilder();
    pretty(n, sb, 0, false);
    return sb.toString();
  }

  /** Go's {@code json.Marshal(v)}. */
  static String compact(JsonNode n) {
    StringBuilder sb = new StringBuilder();
    write(n, sb);
    return sb.toString();
  }

  private static void pretty(JsonNode n, StringBuilder sb, int depth, boolean jsonpbArrays) {
    if (n.isObject()) {
      if (n.isEmpty()) {
        sb.append("{}");
        return;
      }
      sb.append("{\n");
      Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        indent(sb, depth + 1);
        string(e.getKey(), sb);
        sb.append(": ");
        pretty(e.getValue(), sb, depth + 1, jsonpbArrays);
        if (it.hasNext()) {
          sb.append(',');
        }
        sb.append('\n');
      }
      indent(sb, depth);
      sb.append('}');
    } else if (n.isArray()) {
      if (n.isEmpty()) {
        if (jsonpbArrays) {
          sb.append("[\n");
          indent(sb, depth);
          sb.append(']');
        } else {
          sb.append("[]");
        }
        return;
      }
      sb.append("[\n");
      for (int i = 0; i < n.size(); i++) {
        indent(sb, depth + 1);
        pretty(n.get(i), sb, depth + 1, jsonpbArrays);
        if (i < n.size() - 1) {
          sb.append(',');
        }
        sb.append('\n');
      }
      indent(sb, depth);
      sb.append(']');
    } else {
      write(n, sb);
    }
  }

  private static void indent(StringBuilder sb, int depth) {
    for (int i = 0; i < depth; i++) {
      sb.append("    ");
    }
  }

  private static void write(JsonNode n, StringBuilder sb) {
    if (n.isObject()) {
      sb.append('{');
      Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        string(e.getKey(), sb);
        sb.append(':');
        write(e.getValue(), sb);
        if (it.hasNext()) {
          sb.append(',');
        }
      }
      sb.append('}');
    } else if (n.isArray()) {
      sb.append('[');
      for (int i = 0; i < n.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        write(n.get(i), sb);
      }
      sb.append(']');
    } else if (n.isTextual()) {
      string(n.asText(), sb);
    } else if (n.isNull() || n.isMissingNode()) {
      sb.append("null");
    } else {
      sb.append(n.asText());
    }
  }

  private static void string(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '<' -> sb.append("\\u003c");
        case '>' -> sb.append("\\u003e");
        case '&' -> sb.append("\\u0026");
        case '\u2028' -> sb.append("\\u2028");
        case '\u2029' -> sb.append("\\u2029");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
