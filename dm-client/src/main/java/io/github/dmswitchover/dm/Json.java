package io.github.dmswitchover.dm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Strict JSON: duplicate keys, invalid literals, trailing commas and trailing content are errors,
 * reported as {@link DmDecodeException} with the JSON pointer where the parser stopped.
 */
final class Json {
  static final JsonMapper MAPPER = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private Json() {}

  /** Parses a whole document; {@code what} names it in errors. */
  static JsonNode parse(String text, String what) {
    if (text == null || text.isBlank()) {
      throw new DmDecodeException(what, "", "the answer is empty", null);
    }
    try {
      JsonNode n = MAPPER.readTree(text);
      if (n == null || n.isMissingNode()) {
        throw new DmDecodeException(what, "", "the answer is empty", null);
      }
      return n;
    } catch (JsonProcessingException e) {
      String path = "";
      if (e instanceof StreamReadException sre) {
        JsonParser p = sre.getProcessor();
        if (p != null && p.getParsingContext() != null) {
          path = p.getParsingContext().pathAsPointer().toString();
        }
      }
      String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
      throw new DmDecodeException(what, path, Secrets.mask(e.getOriginalMessage()) + where, e);
    }
  }

  /** Parses an object document. */
  static Node object(String text, String what) {
    JsonNode n = parse(text, what);
    if (!n.isObject()) {
      throw new DmDecodeException(what, "", "expected a JSON object, got " + kind(n), null);
    }
    return new Node(n, "", what);
  }

  static ObjectNode newObject() {
    return MAPPER.createObjectNode();
  }

  static ArrayNode newArray() {
    return MAPPER.createArrayNode();
  }

  static String write(JsonNode n) {
    try {
      return MAPPER.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
    }
  }

  static String kind(JsonNode n) {
    if (n == null || n.isMissingNode()) {
      return "nothing";
    }
    if (n.isObject()) {
      return "an object";
    }
    if (n.isArray()) {
      return "an array";
    }
    if (n.isTextual()) {
      return "a string";
    }
    if (n.isNumber()) {
      return "a number";
    }
    if (n.isBoolean()) {
      return "a boolean";
    }
    return "null";
  }
}
