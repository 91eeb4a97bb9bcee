package io.github.dmswitchover.switchover.mysql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link Sql} that answers from a recording: per statement, the rows a server returned or the
 * error it raised. A statement without a recording fails like an unknown statement (1064), so a
 * reader that issues a statement the version does not have fails the test. A statement recorded
 * several times answers with each recording in turn, the last one repeating.
 *
 * <p>Format (see the files under {@code recorded/}): {@code > statement}, then a tab-separated
 * header and rows ({@code \N} is NULL, a lone {@code \e} is a row of one empty value; {@code \n},
 * {@code \t} and {@code \\} are escapes as the mysql client prints them), or {@code ! error}; a
 * blank line ends the block; {@code #} starts a comment line.
 */
final class RecordedServer implements Sql {
  private static final Pattern ERROR = Pattern.compile("^ERROR (\\d+) \\((\\w+)\\)(?: at line \\d+)?: (.*)$");

  private final Map<String, Deque<Block>> blocks;
  private final List<String> issued = new ArrayList<>();

  private RecordedServer(Map<String, Deque<Block>> blocks) {
    this.blocks = blocks;
  }

  /** Loads {@code recorded/<name>.txt} from the test resources. */
  static RecordedServer load(String name) {
    String resource = "recorded/" + name + ".txt";
    try (InputStream in = RecordedServer.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no recording " + resource);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses a recording given as text. */
  static RecordedServer parse(String text) {
    Map<String, Deque<Block>> blocks = new LinkedHashMap<>();
    String statement = null;
    List<String> lines = new ArrayList<>();
    for (String line : (text + "\n\n").split("\n", -1)) {
      if (line.startsWith("#")) {
        continue;
      }
      if (statement == null) {
        if (line.startsWith("> ")) {
          statement = normalize(line.substring(2));
        } else if (!line.isEmpty()) {
          throw new IllegalArgumentException("expected '> statement', got: " + line);
        }
        continue;
      }
      if (!line.isEmpty()) {
        lines.add(line);
        continue;
      }
      blocks.computeIfAbsent(statement, k -> new ArrayDeque<>()).add(Block.of(lines));
      statement = null;
      lines = new ArrayList<>();
    }
    return new RecordedServer(blocks);
  }

  /** Returns every statement issued so far, parameters filled in, in order. */
  List<String> issued() {
    return List.copyOf(issued);
  }

  @Override
  public List<Row> query(String sql, String... params) throws SQLException {
    String expanded = sql;
    for (String p : params) {
      expanded = expanded.replaceFirst("\\?", Matcher.quoteReplacement("'" + p.replace("'", "''") + "'"));
    }
    issued.add(expanded);
    Deque<Block> answers = blocks.get(normalize(expanded));
    if (answers == null) {
      throw new SQLException("no recording of: " + expanded, "42000", 1064);
    }
    Block b = answers.size() > 1 ? answers.removeFirst() : answers.getFirst();
    if (b.error != null) {
      throw b.error;
    }
    return b.rows;
  }

  private static String normalize(String sql) {
    return sql.strip().replaceAll("\\s+", " ");
  }

  private record Block(List<Row> rows, SQLException error) {
    static Block of(List<String> lines) {
      if (!lines.isEmpty() && lines.get(0).startsWith("! ")) {
        String text = lines.get(0).substring(2);
        Matcher m = ERROR.matcher(text);
        if (!m.matches()) {
          throw new IllegalArgumentException("not an error line: " + text);
        }
        return new Block(List.of(), new SQLException(m.group(3), m.group(2), Integer.parseInt(m.group(1))));
      }
      List<Row> rows = new ArrayList<>();
      if (!lines.isEmpty()) {
        String[] header = lines.get(0).split("\t", -1);
        for (String line : lines.subList(1, lines.size())) {
          String[] cells = line.equals("\\e") ? new String[] {""} : line.split("\t", -1);
          if (cells.length != header.length) {
            throw new IllegalArgumentException(header.length + " columns but " + cells.length + " cells: " + line);
          }
          Map<String, String> values = new LinkedHashMap<>();
          for (int i = 0; i < header.length; i++) {
            values.put(header[i], unescape(cells[i]));
          }
          rows.add(Row.of(values));
        }
      }
      return new Block(List.copyOf(rows), null);
    }

    private static String unescape(String cell) {
      if (cell.equals("\\N")) {
        return null;
      }
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < cell.length(); i++) {
        char c = cell.charAt(i);
        if (c == '\\' && i + 1 < cell.length()) {
          char n = cell.charAt(++i);
          switch (n) {
            case 'n' -> sb.append('\n');
            case 't' -> sb.append('\t');
            case '0' -> sb.append('\0');
            case '\\' -> sb.append('\\');
            default -> sb.append('\\').append(n);
          }
        } else {
          sb.append(c);
        }
      }
      return sb.toString();
    }
  }
}
