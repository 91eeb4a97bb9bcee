package io.github.dmswitchover.gtid;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dmswitchover.testkit.db.GroupSpec;
import io.github.dmswitchover.testkit.db.ReplicationGroup;
import io.github.dmswitchover.testkit.db.ReplicationGroupExtension;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares gtid-core with a live MySQL 9.7 on random inputs: parsing ({@code GTID_SUBTRACT(x, '')}),
 * subtract, union ({@code GTID_SUBTRACT(CONCAT(a, ',', b), '')}), intersection
 * ({@code GTID_SUBTRACT(a, GTID_SUBTRACT(a, b))}) and subset ({@code GTID_SUBSET}).
 *
 * <p>Every input falls in exactly one class, and each class has its own assertion:
 * <ul>
 *   <li>accepted by gtid-core: MySQL accepts it too and prints the same canonical text;
 *   <li>stricter than the server: gtid-core refuses it only because of a number with a leading
 *       zero (MySQL 9.7's GTID_SUBTRACT reads {@code 010} as 10, its legacy parser as octal 8) or a
 *       UUID without dashes or in braces (accepted by the new parser only); MySQL must accept it,
 *       and its text must equal gtid-core's reading of the input with those spellings normalised.
 *       Found by this test: MySQL 9.7 also takes non-ASCII characters into a tag ({@code u:taé:1}),
 *       outside the documented {@code [A-Za-z_][A-Za-z0-9_]*} and printed back as raw bytes;
 *       such inputs form a third stricter class, where MySQL must accept them;
 *   <li>malformed: both refuse it (MySQL with error 1772).
 * </ul>
 */
class LiveMysqlGtidIT {
  private static final Logger LOG = LoggerFactory.getLogger(LiveMysqlGtidIT.class);
  private static final int ER_MALFORMED_GTID_SET_SPECIFICATION = 1772;

  @RegisterExtension
  static final ReplicationGroupExtension MYSQL = ReplicationGroupExtension.of(GroupSpec.mysql().withMembers(1).build());

  private int accepted;
  private int stricter;
  private int malformed;
  private int nonAsciiTags;

  @Test
  void parseAndAlgebra_randomInputs_agreeWithMysql(ReplicationGroup group) throws SQLException, IOException {
    Random r = Seeds.random("live-mysql");
    try (Connection c = group.member(0).connect();
        PreparedStatement parse = c.prepareStatement("SELECT GTID_SUBTRACT(?, '')");
        PreparedStatement algebra = c.prepareStatement("SELECT GTID_SUBTRACT(?, ''), GTID_SUBTRACT(?, ''), "
            + "GTID_SUBTRACT(?, ?), GTID_SUBTRACT(CONCAT(?, ',', ?), ''), GTID_SUBTRACT(?, GTID_SUBTRACT(?, ?)), "
            + "GTID_SUBSET(?, ?), GTID_SUBSET(?, ?)")) {
      int pairs = 0;
      for (int i = 0; i < 500; i++) {
        Model ma = Model.random(r);
        Model mb = Model.related(r, ma);
        String a = r.nextBoolean() ? ma.messy(r) : ma.format(r.nextBoolean() ? ",\n" : ",");
        String b = mb.messy(r);
        checkPair(algebra, a, b, "seed " + Seeds.seed() + ", pair " + i);
        pairs++;
      }
      List<String> singles = new ArrayList<>(MalformedCorpusTest.read("corpus/mysql-malformed.txt"));
      for (int i = 0; i < 400; i++) {
        singles.add(mutate(r, Model.random(r).messy(r)));
      }
      for (int i = 0; i < 100; i++) {
        singles.add(stricterSpelling(r, Model.random(r)));
      }
      for (String text : singles) {
        checkSingle(parse, text);
      }
      LOG.info("compared with MySQL: {} pairs (x2 inputs) and {} single inputs; classes: {} accepted, {} stricter "
          + "than the server ({} of them for a non-ASCII tag), {} malformed", pairs, singles.size(), accepted, stricter,
          nonAsciiTags, malformed);
      assertThat(accepted + stricter + malformed).isGreaterThanOrEqualTo(1000);
      assertThat(stricter).as("inputs in the stricter-than-server class").isGreaterThanOrEqualTo(100);
      assertThat(malformed).isGreaterThanOrEqualTo(100);
    }
  }

  private void checkPair(PreparedStatement st, String a, String b, String where) throws SQLException {
    GtidSet sa = GtidSet.parse(a);
    GtidSet sb = GtidSet.parse(b);
    accepted += 2;
    String[] args = {a, b, a, b, a, b, a, a, b, a, b, b, a};
    for (int i = 0; i < args.length; i++) {
      st.setString(i + 1, args[i]);
    }
    try (ResultSet rs = st.executeQuery()) {
      rs.next();
      String context = where + ": a=<" + a + "> b=<" + b + ">";
      assertThat(rs.getString(1)).as("parse a, " + context).isEqualTo(sa.toString());
      assertThat(rs.getString(2)).as("parse b, " + context).isEqualTo(sb.toString());
      assertThat(rs.getString(3)).as("subtract, " + context).isEqualTo(sa.subtract(sb).toString());
      assertThat(rs.getString(4)).as("union, " + context).isEqualTo(sa.union(sb).toString());
      assertThat(rs.getString(5)).as("intersection, " + context).isEqualTo(sa.intersection(sb).toString());
      assertThat(rs.getInt(6) == 1).as("a subset of b, " + context).isEqualTo(sa.isSubsetOf(sb));
      assertThat(rs.getInt(7) == 1).as("b subset of a, " + context).isEqualTo(sb.isSubsetOf(sa));
    }
  }

  private void checkSingle(PreparedStatement st, String text) throws SQLException {
    Optional<String> server = serverParse(st, text);
    String context = "input <" + text + ">, server " + server;
    GtidSet ours;
    try {
      ours = GtidSet.parse(text);
    } catch (GtidFormatException e) {
      if (hasNonAsciiTagCharacter(text, e)) {
        stricter++;
        nonAsciiTags++;
        assertThat(server).as("stricter class (non-ASCII tag): the server accepts it; " + context).isPresent();
        return;
      }
      Optional<String> normalised = normaliseStricterSpellings(text);
      if (normalised.isPresent()) {
        stricter++;
        assertThat(server).as("stricter class: the server accepts it; " + context).isPresent();
        assertThat(server.get()).as(context).isEqualTo(GtidSet.parse(normalised.get()).toString());
      } else {
        malformed++;
        assertThat(server).as("malformed: the server refuses it too; gtid-core said " + e.getMessage() + "; " + context)
            .isEmpty();
      }
      return;
    }
    accepted++;
    assertThat(server).as(context).contains(ours.toString());
  }

  private static Optional<String> serverParse(PreparedStatement st, String text) throws SQLException {
    st.setString(1, text);
    try (ResultSet rs = st.executeQuery()) {
      rs.next();
      return Optional.of(rs.getString(1));
    } catch (SQLException e) {
      if (e.getErrorCode() != ER_MALFORMED_GTID_SET_SPECIFICATION) {
        throw e;
      }
      return Optional.empty();
    }
  }

  /**
   * If gtid-core refuses {@code text} only for spellings it is deliberately stricter about, returns
   * the text with those spellings normalised: it follows gtid-core's own error offsets, removing
   * one leading zero at a time and rewriting 32-digit or braced UUIDs to the dashed form.
   */
  static Optional<String> normaliseStricterSpellings(String text) {
    String t = text;
    for (int step = 0; step < 200; step++) {
      GtidFormatException e;
      try {
        GtidSet.parse(t);
        return step == 0 ? Optional.empty() : Optional.of(t);
      } catch (GtidFormatException x) {
        e = x;
      }
      int k = e.offset();
      if (e.kind() == GtidFormatException.Kind.LEADING_ZERO) {
        t = t.substring(0, k) + t.substring(k + 1);
      } else if (e.kind() == GtidFormatException.Kind.MALFORMED_UUID && k < t.length() && t.charAt(k) == '{'
          && k + 38 <= t.length() && t.charAt(k + 37) == '}' && isDashedUuid(t.substring(k + 1, k + 37))) {
        t = t.substring(0, k) + t.substring(k + 1, k + 37) + t.substring(k + 38);
      } else if (e.kind() == GtidFormatException.Kind.MALFORMED_UUID && k >= 8 && k + 24 <= t.length()
          && isHex(t, k - 8, k + 24) && (k + 24 == t.length() || !isHex(t, k + 24, k + 25))) {
        int s = k - 8;
        String h = t.substring(s, s + 32);
        t = t.substring(0, s) + h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-"
            + h.substring(16, 20) + "-" + h.substring(20) + t.substring(s + 32);
      } else {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** Whether gtid-core stopped at a non-ASCII character that continues a tag. */
  static boolean hasNonAsciiTagCharacter(String text, GtidFormatException e) {
    int k = e.offset();
    if (e.kind() != GtidFormatException.Kind.UNEXPECTED_CHARACTER || k >= text.length() || text.charAt(k) < 0x80) {
      return false;
    }
    int s = k;
    while (s > 0 && (Character.isLetterOrDigit(text.charAt(s - 1)) && text.charAt(s - 1) < 0x80 || text.charAt(s - 1) == '_')) {
      s--;
    }
    return s < k && s > 0 && text.charAt(s - 1) == ':' && !Character.isDigit(text.charAt(s));
  }

  private static boolean isHex(String t, int from, int to) {
    for (int i = from; i < to; i++) {
      if (Character.digit(t.charAt(i), 16) < 0 || t.charAt(i) > 'f') {
        return false;
      }
    }
    return true;
  }

  private static boolean isDashedUuid(String s) {
    try {
      GtidSet.parse(s);
      return true;
    } catch (GtidFormatException e) {
      return false;
    }
  }

  /** A text for {@code m} with leading zeros on some numbers and some UUIDs undashed or braced. */
  static String stricterSpelling(Random r, Model m) {
    if (m.map.isEmpty()) {
      m.add(Model.UUIDS[1], "", 1 + r.nextInt(20));
    }
    String text = m.format(",");
    StringBuilder sb = new StringBuilder();
    int i = 0;
    boolean changed = false;
    while (i < text.length()) {
      if (i + 36 <= text.length() && (i == 0 || text.charAt(i - 1) == ',') && isDashedUuid(text.substring(i, i + 36))) {
        String u = text.substring(i, i + 36);
        switch (r.nextInt(3)) {
          case 0 -> sb.append(u);
          case 1 -> { sb.append(u.replace("-", "")); changed = true; }
          default -> { sb.append('{').append(u).append('}'); changed = true; }
        }
        i += 36;
      } else if (Character.isDigit(text.charAt(i)) && (text.charAt(i - 1) == ':' || text.charAt(i - 1) == '-')) {
        int j = i;
        while (j < text.length() && Character.isDigit(text.charAt(j))) {
          j++;
        }
        if (r.nextInt(3) == 0 || !changed) {
          sb.append("0".repeat(1 + r.nextInt(3)));
          changed = true;
        }
        sb.append(text, i, j);
        i = j;
      } else {
        sb.append(text.charAt(i++));
      }
    }
    return sb.toString();
  }

  private static final String MUTATION_CHARS = ":,-0123456789abcdefxX+ \t{}_!gT";

  /** One random edit: insert, delete, duplicate or replace a character. */
  static String mutate(Random r, String text) {
    if (text.isEmpty()) {
      return String.valueOf(MUTATION_CHARS.charAt(r.nextInt(MUTATION_CHARS.length())));
    }
    int at = r.nextInt(text.length());
    char c = MUTATION_CHARS.charAt(r.nextInt(MUTATION_CHARS.length()));
    return switch (r.nextInt(4)) {
      case 0 -> text.substring(0, at) + c + text.substring(at);
      case 1 -> text.substring(0, at) + text.substring(at + 1);
      case 2 -> text.substring(0, at) + text.charAt(at) + text.substring(at);
      default -> text.substring(0, at) + c + text.substring(at + 1);
    };
  }
}
