package io.github.dmswitchover.dm;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns the documentation's annotated JSON into JSON, as the samples' SOURCES.md describes them:
 * {@code #} and {@code //} comments removed, the missing commas between string lines of an array
 * added, trailing commas removed, and (for fragments) {@code ...} elision lines dropped.
 */
final class DocText {
  private DocText() {}

  static String jsonc(String text) {
    List<String> lines = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      String stripped = stripComment(line).stripTrailing();
      if (stripped.strip().equals("...")) {
        continue;
      }
      lines.add(stripped);
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      String next = nextNonBlank(lines, i + 1);
      sb.append(line);
      if (line.endsWith("\"") && next.startsWith("\"")) {
        sb.append(',');
      }
      sb.append('\n');
    }
    return sb.toString().replaceAll(",(\\s*[}\\]])", "$1");
  }

  /** A fragment that starts with a key ({@code "errors": [...]}) as an object. */
  static String fragmentAsObject(String text) {
    return "{\n" + jsonc(text) + "\n}";
  }

  private static String nextNonBlank(List<String> lines, int from) {
    for (int i = from; i < lines.size(); i++) {
      if (!lines.get(i).isBlank()) {
        return lines.get(i).strip();
      }
    }
    return "";
  }

  private static String stripComment(String line) {
    boolean inString = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && inString) {
        i++;
      } else if (c == '"') {
        inString = !inString;
      } else if (!inString && (c == '#' || c == '/' && i + 1 < line.length() && line.charAt(i + 1) == '/')) {
        return line.substring(0, i);
      }
    }
    return line;
  }
}
