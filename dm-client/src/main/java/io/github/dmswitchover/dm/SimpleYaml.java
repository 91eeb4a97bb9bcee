package io.github.dmswitchover.dm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the subset of YAML that DM's configurations use (what Go's yaml encoder prints for a source
 * or task, and what people write by hand): block mappings and sequences, plain, single- and
 * double-quoted scalars, comments, empty flow collections and flow sequences of scalars. Scalars
 * stay text ({@code "3306"}, {@code "true"}); {@code null} and {@code ~} are null. Anything else
 * (anchors, aliases, tags, block scalars, nested flow collections) is refused with the line
 * number, rather than read wrongly; so is a duplicate key.
 *
 * <p>A YAML library would read more, at the cost of a dependency the client otherwise does not
 * need; the client only reads source configurations with this (see {@link Decode#yamlSource}).
 */
final class SimpleYaml {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private record Line(int indent, String content, int number) {}

  private final List<Line> lines = new ArrayList<>();
  private int pos;

  private SimpleYaml(String text) {
    String[] raw = text.replace("\r\n", "\n").split("\n", -1);
    for (int i = 0; i < raw.length; i++) {
      String line = raw[i];
      String lead = line.substring(0, line.length() - line.stripLeading().length());
      if (lead.indexOf('\t') >= 0) {
        throw new IllegalArgumentException("line " + (i + 1) + ": tabs are not allowed in YAML indentation");
      }
      String content = stripComment(line).stripTrailing();
      if (content.isBlank()) {
        continue;
      }
      int indent = indentOf(content);
      String body = content.substring(indent);
      if (indent == 0 && (body.equals("---") || body.equals("..."))) {
        if (!lines.isEmpty() && body.equals("---")) {
          throw new IllegalArgumentException("line " + (i + 1) + ": only one YAML document is supported");
        }
        continue;
      }
      lines.add(new Line(indent, body, i + 1));
    }
  }

  /**
   * Reads a document: a mapping, a sequence or a scalar.
   *
   * @throws IllegalArgumentException naming the line of anything outside the subset
   */
  static JsonNode read(String text) {
    SimpleYaml y = new SimpleYaml(text);
    if (y.lines.isEmpty()) {
      return NODES.objectNode();
    }
    JsonNode n = y.node(0);
    if (y.pos < y.lines.size()) {
      Line l = y.lines.get(y.pos);
      throw new IllegalArgumentException("line " + l.number + ": unexpected \"" + l.content + "\"");
    }
    return n;
  }

  private static int indentOf(String s) {
    int i = 0;
    while (i < s.length() && s.charAt(i) == ' ') {
      i++;
    }
    return i;
  }

  private Line peek() {
    return pos < lines.size() ? lines.get(pos) : null;
  }

  private static boolean isItem(Line l) {
    return l.content.equals("-") || l.content.startsWith("- ");
  }

  private JsonNode node(int minIndent) {
    Line l = peek();
    if (l == null || l.indent < minIndent) {
      return NODES.nullNode();
    }
    if (isItem(l)) {
      return sequence(l.indent);
    }
    if (keyEnd(l.content) >= 0) {
      return mapping(l.indent);
    }
    pos++;
    return scalar(l.content, l.number);
  }

  private ObjectNode mapping(int indent) {
    ObjectNode obj = NODES.objectNode();
    Line l;
    while ((l = peek()) != null && l.indent == indent && !isItem(l)) {
      int end = keyEnd(l.content);
      if (end < 0) {
        throw new IllegalArgumentException("line " + l.number + ": expected \"key: value\", got \"" + l.content + "\"");
      }
      String key = key(l.content.substring(0, end).strip(), l.number);
      String rest = l.content.substring(end + 1).strip();
      pos++;
      JsonNode value;
      if (rest.isEmpty()) {
        Line next = peek();
        if (next != null && next.indent > indent) {
          value = node(next.indent);
        } else if (next != null && next.indent == indent && isItem(next)) {
          value = sequence(indent);
        } else {
          value = NODES.nullNode();
        }
      } else {
        value = scalar(rest, l.number);
      }
      if (obj.has(key)) {
        throw new IllegalArgumentException("line " + l.number + ": duplicate key \"" + key + "\"");
      }
      obj.set(key, value);
    }
    if (l != null && l.indent > indent) {
      throw new IllegalArgumentException("line " + l.number + ": unexpected indentation");
    }
    return obj;
  }

  private ArrayNode sequence(int indent) {
    ArrayNode arr = NODES.arrayNode();
    Line l;
    while ((l = peek()) != null && l.indent == indent && isItem(l)) {
      String rest = l.content.substring(1);
      int offset = indentOf(rest);
      rest = rest.substring(offset);
      if (rest.isEmpty()) {
        pos++;
        Line next = peek();
        arr.add(next != null && next.indent > indent ? node(next.indent) : NODES.nullNode());
      } else if (isItem(new Line(0, rest, l.number)) || keyEnd(rest) >= 0) {
        // "- key: value" (or "- - x"): the item is a block starting at this column.
        lines.set(pos, new Line(indent + 1 + offset, rest, l.number));
        arr.add(node(indent + 1 + offset));
      } else {
        pos++;
        arr.add(scalar(rest, l.number));
      }
    }
    return arr;
  }

  /** The index of the ':' ending a mapping key (followed by a blank or the end), outside quotes; -1 if none. */
  private static int keyEnd(String s) {
    char quote = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else if (c == '\\' && quote == '"') {
          i++;
        }
      } else if (c == '"' || c == '\'') {
        if (i == 0) {
          quote = c;
        }
      } else if (c == ':' && (i + 1 == s.length() || s.charAt(i + 1) == ' ')) {
        return i;
      } else if ((c == '{' || c == '[') && i == 0) {
        return -1;
      }
    }
    return -1;
  }

  private static String key(String raw, int line) {
    JsonNode k = scalar(raw, line);
    if (!k.isTextual()) {
      throw new IllegalArgumentException("line " + line + ": a key must be a scalar");
    }
    return k.textValue();
  }

  private static JsonNode scalar(String text, int line) {
    String s = text.strip();
    if (s.isEmpty() || s.equals("~") || s.equals("null") || s.equals("Null") || s.equals("NULL")) {
      return NODES.nullNode();
    }
    char c = s.charAt(0);
    switch (c) {
      case '"' -> {
        return NODES.textNode(doubleQuoted(s, line));
      }
      case '\'' -> {
        int end = closingSingle(s);
        if (end != s.length() - 1) {
          throw new IllegalArgumentException("line " + line + ": unterminated or trailing text after '…'");
        }
        return NODES.textNode(s.substring(1, end).replace("''", "'"));
      }
      case '{' -> {
        if (s.replace(" ", "").equals("{}")) {
          return NODES.objectNode();
        }
        throw new IllegalArgumentException("line " + line + ": flow mappings with content are not supported");
      }
      case '[' -> {
        return flowSequence(s, line);
      }
      case '|', '>', '&', '*', '!', '%', '@', '`' -> throw new IllegalArgumentException(
          "line " + line + ": '" + c + "' (block scalars, anchors, aliases, tags, directives) is not supported");
      default -> {
        return NODES.textNode(s);
      }
    }
  }

  private static ArrayNode flowSequence(String s, int line) {
    if (!s.endsWith("]")) {
      throw new IllegalArgumentException("line " + line + ": unterminated flow sequence");
    }
    ArrayNode arr = NODES.arrayNode();
    String inner = s.substring(1, s.length() - 1).strip();
    if (inner.isEmpty()) {
      return arr;
    }
    List<String> items = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    char quote = 0;
    for (int i = 0; i < inner.length(); i++) {
      char c = inner.charAt(i);
      if (quote != 0) {
        cur.append(c);
        if (c == quote) {
          quote = 0;
        } else if (c == '\\' && quote == '"' && i + 1 < inner.length()) {
          cur.append(inner.charAt(++i));
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        cur.append(c);
      } else if (c == ',') {
        items.add(cur.toString());
        cur.setLength(0);
      } else if (c == '[' || c == '{') {
        throw new IllegalArgumentException("line " + line + ": nested flow collections are not supported");
      } else {
        cur.append(c);
      }
    }
    items.add(cur.toString());
    for (String item : items) {
      arr.add(scalar(item, line));
    }
    return arr;
  }

  private static int closingSingle(String s) {
    for (int i = 1; i < s.length(); i++) {
      if (s.charAt(i) == '\'') {
        if (i + 1 < s.length() && s.charAt(i + 1) == '\'') {
          i++;
        } else {
          return i;
        }
      }
    }
    return -1;
  }

  private static String doubleQuoted(String s, int line) {
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"') {
        if (i != s.length() - 1) {
          throw new IllegalArgumentException("line " + line + ": text after a closing quote");
        }
        return sb.toString();
      }
      if (c == '\\' && i + 1 < s.length()) {
        char e = s.charAt(++i);
        switch (e) {
          case 'n' -> sb.append('\n');
          case 't' -> sb.append('\t');
          case 'r' -> sb.append('\r');
          case '0' -> sb.append('\0');
          case '"', '\\', '/' -> sb.append(e);
          case 'u' -> {
            if (i + 4 >= s.length()) {
              throw new IllegalArgumentException("line " + line + ": short \\u escape");
            }
            sb.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
            i += 4;
          }
          default -> throw new IllegalArgumentException("line " + line + ": unsupported escape \\" + e);
        }
      } else {
        sb.append(c);
      }
    }
    throw new IllegalArgumentException("line " + line + ": unterminated double-quoted string");
  }

  /** Removes a comment: '#' at the start of the content or after a blank, outside quotes. */
  private static String stripComment(String line) {
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else if (c == '\\' && quote == '"') {
          i++;
        }
      } else if ((c == '"' || c == '\'') && (i == 0 || " :-[,{".indexOf(line.charAt(i - 1)) >= 0)) {
        quote = c;
      } else if (c == '#' && (i == 0 || line.charAt(i - 1) == ' ')) {
        return line.substring(0, i);
      }
    }
    return line;
  }
}
