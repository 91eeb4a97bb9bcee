package io.github.dmswitchover.gtid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every input of the committed malformed corpora must be refused with a GtidFormatException. */
class MalformedCorpusTest {

  static Stream<String> mysql() throws IOException {
    return read("corpus/mysql-malformed.txt").stream();
  }

  static Stream<String> mariadb() throws IOException {
    return read("corpus/mariadb-malformed.txt").stream();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("mysql")
  void parseGtidSet_corpusInput_throwsGtidFormatException(String input) {
    assertThatThrownBy(() -> GtidSet.parse(input)).isInstanceOfSatisfying(GtidFormatException.class,
        e -> assertThat(e.offset()).isBetween(0, input.length()));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("mariadb")
  void parseMariadbList_corpusInput_throwsGtidFormatException(String input) {
    assertThatThrownBy(() -> MariadbGtidList.parse(input)).isInstanceOfSatisfying(GtidFormatException.class,
        e -> assertThat(e.offset()).isBetween(0, input.length()));
    assertThatThrownBy(() -> MariadbGtidPosition.parse(input)).isInstanceOf(GtidFormatException.class);
  }

  /** Reads a corpus: one input per line, # comments, escapes \n \t \r \\ and \\uXXXX. */
  static List<String> read(String resource) throws IOException {
    try (InputStream in = MalformedCorpusTest.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("missing test resource " + resource);
      }
      List<String> out = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)) {
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        out.add(unescape(line));
      }
      return out;
    }
  }

  static String unescape(String line) {
    StringBuilder sb = new StringBuilder(line.length());
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      char e = line.charAt(++i);
      switch (e) {
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case 'r' -> sb.append('\r');
        case '\\' -> sb.append('\\');
        case 'u' -> {
          sb.append((char) Integer.parseInt(line.substring(i + 1, i + 5), 16));
          i += 4;
        }
        default -> throw new IllegalArgumentException("bad escape \\" + e + " in corpus line: " + line);
      }
    }
    return sb.toString();
  }
}
