package io.github.dmswitchover.dm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A JSON value with its JSON pointer, read with strict types: a field of the wrong type is a
 * {@link DmDecodeException} naming the pointer; an absent or {@code null} field is empty (DM's
 * documentation trims fields, and newer fields are missing from older releases). int64 values are
 * accepted as JSON strings (dmctl and the gateway print them so) or numbers (the OpenAPI).
 */
final class Node {
  private final JsonNode json;
  private final String path;
  private final String what;

  Node(JsonNode json, String path, String what) {
    this.json = json;
    this.path = path;
    this.what = what;
  }

  JsonNode json() {
    return json;
  }

  String path() {
    return path;
  }

  String what() {
    return what;
  }

  boolean has(String name) {
    JsonNode v = json.get(name);
    return v != null && !v.isNull();
  }

  Node field(String name) {
    JsonNode v = json.get(name);
    return new Node(v == null ? MissingNode.getInstance() : v, path + "/" + escape(name), what);
  }

  private static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }

  private boolean absent() {
    return json.isMissingNode() || json.isNull();
  }

  DmDecodeException wrong(String expected) {
    return new DmDecodeException(what, path, "expected " + expected + ", got " + Json.kind(json), null);
  }

  DmDecodeException problem(String problem) {
    return new DmDecodeException(what, path, problem, null);
  }

  Optional<String> text(String name) {
    Node f = field(name);
    if (f.absent()) {
      return Optional.empty();
    }
    if (!f.json.isTextual()) {
      throw f.wrong("a string");
    }
    return Optional.of(f.json.textValue());
  }

  String textOr(String name, String fallback) {
    return text(name).orElse(fallback);
  }

  /** A string field that must be present. */
  String requiredText(String name) {
    return text(name).orElseThrow(() -> field(name).problem("the string is missing"));
  }

  /** A non-empty string, or empty. */
  Optional<String> nonEmptyText(String name) {
    return text(name).filter(s -> !s.isEmpty());
  }

  Optional<Boolean> bool(String name) {
    Node f = field(name);
    if (f.absent()) {
      return Optional.empty();
    }
    if (!f.json.isBoolean()) {
      throw f.wrong("a boolean");
    }
    return Optional.of(f.json.booleanValue());
  }

  OptionalLong int64(String name) {
    Node f = field(name);
    if (f.absent()) {
      return OptionalLong.empty();
    }
    if (f.json.isIntegralNumber()) {
      if (!f.json.canConvertToLong()) {
        throw f.problem("the number " + f.json.asText() + " does not fit in a signed 64-bit integer");
      }
      return OptionalLong.of(f.json.longValue());
    }
    if (f.json.isTextual()) {
      try {
        return OptionalLong.of(Long.parseLong(f.json.textValue().strip()));
      } catch (NumberFormatException e) {
        throw f.problem("\"" + f.json.textValue() + "\" is not an int64");
      }
    }
    throw f.wrong("an int64 (a string or an integer)");
  }

  OptionalInt int32(String name) {
    OptionalLong v = int64(name);
    if (v.isEmpty()) {
      return OptionalInt.empty();
    }
    if (v.getAsLong() < Integer.MIN_VALUE || v.getAsLong() > Integer.MAX_VALUE) {
      throw field(name).problem(v.getAsLong() + " does not fit in an int32");
    }
    return OptionalInt.of((int) v.getAsLong());
  }

  Optional<BigInteger> uint64(String name) {
    Node f = field(name);
    if (f.absent()) {
      return Optional.empty();
    }
    String text;
    if (f.json.isIntegralNumber()) {
      text = f.json.bigIntegerValue().toString();
    } else if (f.json.isTextual()) {
      text = f.json.textValue().strip();
    } else {
      throw f.wrong("a uint64 (a string or an integer)");
    }
    try {
      BigInteger v = new BigInteger(text);
      if (v.signum() < 0 || v.bitLength() > 64) {
        throw f.problem(text + " is not a uint64");
      }
      return Optional.of(v);
    } catch (NumberFormatException e) {
      throw f.problem("\"" + text + "\" is not a uint64");
    }
  }

  OptionalDouble number(String name) {
    Node f = field(name);
    if (f.absent()) {
      return OptionalDouble.empty();
    }
    if (f.json.isNumber()) {
      return OptionalDouble.of(f.json.doubleValue());
    }
    if (f.json.isTextual()) {
      try {
        return OptionalDouble.of(Double.parseDouble(f.json.textValue().strip()));
      } catch (NumberFormatException e) {
        throw f.problem("\"" + f.json.textValue() + "\" is not a number");
      }
    }
    throw f.wrong("a number");
  }

  List<Node> array(String name) {
    Node f = field(name);
    if (f.absent()) {
      return List.of();
    }
    if (!f.json.isArray()) {
      throw f.wrong("an array");
    }
    List<Node> out = new ArrayList<>();
    for (int i = 0; i < f.json.size(); i++) {
      out.add(new Node(f.json.get(i), f.path + "/" + i, what));
    }
    return out;
  }

  /** The elements of this array node. */
  List<Node> elements() {
    if (!json.isArray()) {
      throw wrong("an array");
    }
    List<Node> out = new ArrayList<>();
    for (int i = 0; i < json.size(); i++) {
      out.add(new Node(json.get(i), path + "/" + i, what));
    }
    return out;
  }

  Optional<Node> object(String name) {
    Node f = field(name);
    if (f.absent()) {
      return Optional.empty();
    }
    if (!f.json.isObject()) {
      throw f.wrong("an object");
    }
    return Optional.of(f);
  }

  List<String> strings(String name) {
    List<String> out = new ArrayList<>();
    for (Node n : array(name)) {
      if (!n.json.isTextual()) {
        throw n.wrong("a string");
      }
      out.add(n.json.textValue());
    }
    return List.copyOf(out);
  }

  boolean isObject() {
    return json.isObject();
  }

  boolean isText() {
    return json.isTextual();
  }

  String asText() {
    if (!json.isTextual()) {
      throw wrong("a string");
    }
    return json.textValue();
  }
}
