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
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares gtid-core's MariaDB parsing and "reached" rule with a live MariaDB 10.11 on random
 * inputs: {@code SET GLOBAL gtid_slave_pos = '<a>'} (accepted or refused with error 1941 or 1943,
 * and the normalised text of {@code @@GLOBAL.gtid_slave_pos}) and
 * {@code SELECT MASTER_GTID_WAIT('<b>', 0)} (0 = reached, -1 = not) against
 * {@link MariadbGtidPosition#contains(MariadbGtidList)}. A single-member group, without replica
 * threads, so no STOP SLAVE or RESET is needed; strict mode is turned off so that a position
 * behind the member's own binary log is a warning, not an error.
 */
class LiveMariadbGtidIT {
  private static final Logger LOG = LoggerFactory.getLogger(LiveMariadbGtidIT.class);
  private static final int ER_INCORRECT_GTID_STATE = 1941;
  private static final int ER_DUPLICATE_GTID_DOMAIN = 1943;

  @RegisterExtension
  static final ReplicationGroupExtension MARIADB =
      ReplicationGroupExtension.of(GroupSpec.mariadb().withMembers(1).build());

  private static final long[] IDS = {0, 1, 2, 7, 100, 4294967295L};
  private static final String[] SEQS = {"0", "1", "2", "50", "100", "101", "9223372036854775807",
      "9223372036854775808", "18446744073709551615"};

  @Test
  void slavePosAndMasterGtidWait_randomInputs_agreeWithMariadb(ReplicationGroup group) throws SQLException, IOException {
    Random r = Seeds.random("live-mariadb");
    int positions = 0;
    int refused = 0;
    int duplicates = 0;
    int waits = 0;
    try (Connection c = group.member(0).connect();
        PreparedStatement set = c.prepareStatement("SET GLOBAL gtid_slave_pos = ?");
        PreparedStatement wait = c.prepareStatement("SELECT MASTER_GTID_WAIT(?, 0)")) {
      try (Statement st = c.createStatement()) {
        st.execute("SET GLOBAL gtid_strict_mode = 0");
      }
      List<String> inputs = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        String text = randomList(r, 1 + r.nextInt(4));
        inputs.add(r.nextInt(4) == 0 ? LiveMysqlGtidIT.mutate(r, text) : text);
      }
      inputs.addAll(MalformedCorpusTest.read("corpus/mariadb-malformed.txt"));
      inputs.add("");
      for (String text : inputs) {
        String context = "input '" + text + "'";
        Integer error = null;
        set.setString(1, text);
        try {
          set.execute();
        } catch (SQLException e) {
          error = e.getErrorCode();
        }
        MariadbGtidPosition ours;
        try {
          ours = MariadbGtidPosition.parse(text);
        } catch (GtidFormatException e) {
          assertThat(error).as(context + ", gtid-core: " + e.getMessage()).isNotNull();
          if (e.kind() == GtidFormatException.Kind.DUPLICATE_DOMAIN) {
            duplicates++;
            assertThat(error).as(context).isEqualTo(ER_DUPLICATE_GTID_DOMAIN);
          } else {
            refused++;
            assertThat(error).as(context).isEqualTo(ER_INCORRECT_GTID_STATE);
          }
          continue;
        }
        positions++;
        assertThat(error).as(context + " accepted by gtid-core").isNull();
        String serverText = queryString(c, "SELECT @@GLOBAL.gtid_slave_pos");
        assertThat(serverText).as(context).isEqualTo(ours.toString());

        for (int k = 0; k < 3; k++) {
          String wanted = r.nextInt(6) == 0 ? LiveMysqlGtidIT.mutate(r, randomList(r, 1 + r.nextInt(3)))
              : nearby(r, ours, 1 + r.nextInt(3));
          waits++;
          checkWait(wait, ours, wanted, context + ", wanted '" + wanted + "'");
        }
      }
      LOG.info("compared with MariaDB: {} inputs ({} positions accepted, {} refused as malformed, {} refused for a "
          + "duplicate domain) and {} MASTER_GTID_WAIT lists", inputs.size(), positions, refused, duplicates, waits);
      assertThat(positions).isGreaterThanOrEqualTo(150);
      assertThat(refused).isGreaterThanOrEqualTo(50);
      assertThat(duplicates).isGreaterThanOrEqualTo(10);
    }
  }

  private static void checkWait(PreparedStatement wait, MariadbGtidPosition pos, String wanted, String context)
      throws SQLException {
    wait.setString(1, wanted);
    Integer result = null;
    Integer error = null;
    try (ResultSet rs = wait.executeQuery()) {
      rs.next();
      result = rs.getInt(1);
    } catch (SQLException e) {
      error = e.getErrorCode();
    }
    MariadbGtidList list;
    try {
      list = MariadbGtidList.parse(wanted);
    } catch (GtidFormatException e) {
      assertThat(error).as(context + ", gtid-core: " + e.getMessage()).isNotNull();
      return;
    }
    assertThat(error).as(context).isNull();
    assertThat(result == 0).as(context + " (server returned " + result + ")").isEqualTo(pos.contains(list));
  }

  private static String queryString(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** A list with lexical variants the server accepts (spaces, tabs, plus, leading zeros). */
  static String randomList(Random r, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(variant(r, Long.toString(IDS[r.nextInt(IDS.length)]))).append('-')
          .append(variant(r, Long.toString(IDS[r.nextInt(4)]))).append('-')
          .append(variant(r, SEQS[r.nextInt(SEQS.length)]));
    }
    return sb.toString();
  }

  private static String variant(Random r, String digits) {
    String prefix = switch (r.nextInt(16)) {
      case 0 -> " ";
      case 1 -> "\t";
      case 2 -> "+";
      case 3 -> " +";
      case 4 -> "00";
      case 5 -> "\n";
      case 6 -> "\r\f";
      case 7 -> "\u000b+0";
      default -> "";
    };
    return prefix + digits;
  }

  /** A wait list around the position: its own GTIDs with other servers and nearby sequences. */
  private static String nearby(Random r, MariadbGtidPosition pos, int n) {
    List<MariadbGtid> have = pos.gtids();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append(',');
      }
      if (have.isEmpty() || r.nextInt(4) == 0) {
        sb.append(IDS[r.nextInt(IDS.length)]).append('-').append(IDS[r.nextInt(4)]).append('-')
            .append(SEQS[r.nextInt(SEQS.length)]);
      } else {
        MariadbGtid g = have.get(r.nextInt(have.size()));
        long seq = g.sequence() + r.nextInt(3) - 1;
        sb.append(g.domainId()).append('-').append(IDS[r.nextInt(4)]).append('-').append(Long.toUnsignedString(seq));
      }
    }
    return sb.toString();
  }
}
