package io.github.dmswitchover.dm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** DM's flattened error text: {@code [code=..:class=..:scope=..:level=..], Message: .., RawCause: .., Workaround: ..}. */
final class ErrorTexts {
  private static final String MESSAGE = ", Message: ";
  private static final String RAW_CAUSE = ", RawCause: ";
  private static final String WORKAROUND = ", Workaround: ";

  private ErrorTexts() {}

  /** One error per non-blank line (the OpenAPI joins several errors with newlines). */
  static List<DmError> parseLines(String text) {
    List<DmError> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        out.add(parseLine(line.strip()));
      }
    }
    return out;
  }

  static DmError parseLine(String line) {
    int start = line.indexOf("[code=");
    if (start < 0) {
      return DmError.ofMessage(line.strip());
    }
    int close = line.indexOf(']', start);
    if (close < 0) {
      return DmError.ofMessage(line.strip());
    }
    String code = "";
    String errClass = "";
    String scope = "";
    String level = "";
    for (String part : line.substring(start + 1, close).split(":")) {
      int eq = part.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String value = part.substring(eq + 1).strip();
      switch (part.substring(0, eq).strip()) {
        case "code" -> code = value;
        case "class" -> errClass = value;
        case "scope" -> scope = value;
        case "level" -> level = value;
        default -> {
          // A part DM may add later; ignored.
        }
      }
    }
    OptionalInt parsedCode;
    try {
      parsedCode = OptionalInt.of(Integer.parseInt(code));
    } catch (NumberFormatException e) {
      return DmError.ofMessage(line.strip());
    }
    String rest = line.substring(close + 1);
    String message = rest;
    String rawCause = "";
    String workaround = "";
    if (rest.startsWith(MESSAGE)) {
      rest = rest.substring(MESSAGE.length());
      int w = rest.lastIndexOf(WORKAROUND);
      if (w >= 0) {
        workaround = rest.substring(w + WORKAROUND.length());
        rest = rest.substring(0, w);
      }
      int r = rest.indexOf(RAW_CAUSE);
      if (r >= 0) {
        rawCause = rest.substring(r + RAW_CAUSE.length());
        rest = rest.substring(0, r);
      }
      message = rest;
    } else if (rest.startsWith(",")) {
      message = rest.substring(1).strip();
    }
    return new DmError(parsedCode, nonEmpty(errClass), nonEmpty(scope), nonEmpty(level), message.strip(),
        nonEmpty(rawCause), nonEmpty(workaround), Optional.empty());
  }

  static Optional<String> nonEmpty(String s) {
    return s == null || s.isEmpty() ? Optional.empty() : Optional.of(s);
  }
}
