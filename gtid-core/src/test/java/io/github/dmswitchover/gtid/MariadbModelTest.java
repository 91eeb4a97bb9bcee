package io.github.dmswitchover.gtid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Seeded random tests of MariaDB lists and positions against a naive model: a list of
 * (domain, server, sequence) triples and, for positions, a map domain -> last GTID.
 */
class MariadbModelTest {
  private static final int CASES = Seeds.iterations(3000);
  private static final long[] IDS = {0, 1, 2, 10, 100, 4294967295L};
  private static final long[] SEQS = {0, 1, 2, 3, 50, 100, Long.MAX_VALUE, Long.MIN_VALUE, -2, -1};

  private static long[] randomGtid(Random r) {
    return new long[] {IDS[r.nextInt(IDS.length)], IDS[r.nextInt(4)], SEQS[r.nextInt(SEQS.length)]};
  }

  private static String number(Random r, String digits) {
    StringBuilder sb = new StringBuilder();
    if (r.nextInt(4) == 0) {
      sb.append(r.nextBoolean() ? " " : "\t");
    }
    if (r.nextInt(5) == 0) {
      sb.append('+');
    }
    if (r.nextInt(5) == 0) {
      sb.append("0".repeat(1 + r.nextInt(3)));
    }
    return sb.append(digits).toString();
  }

  private static String text(Random r, List<long[]> gtids) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < gtids.size(); i++) {
      long[] g = gtids.get(i);
      if (i > 0) {
        sb.append(',');
      }
      sb.append(number(r, Long.toString(g[0]))).append('-').append(number(r, Long.toString(g[1]))).append('-')
          .append(number(r, Long.toUnsignedString(g[2])));
    }
    return sb.toString();
  }

  private static String canonical(List<long[]> gtids) {
    List<long[]> sorted = new ArrayList<>(gtids);
    sorted.sort((x, y) -> Long.compare(x[0], y[0]));
    StringBuilder sb = new StringBuilder();
    for (long[] g : sorted) {
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(g[0]).append('-').append(g[1]).append('-').append(Long.toUnsignedString(g[2]));
    }
    return sb.toString();
  }

  @Test
  void listAndPosition_matchModel() {
    long seed = Seeds.seed();
    Random r = Seeds.random("mariadb");
    for (int i = 0; i < CASES; i++) {
      List<long[]> gtids = new ArrayList<>();
      int n = r.nextInt(5);
      for (int k = 0; k < n; k++) {
        gtids.add(randomGtid(r));
      }
      List<long[]> wanted = new ArrayList<>();
      int m = r.nextInt(4);
      for (int k = 0; k < m; k++) {
        wanted.add(randomGtid(r));
      }
      String text = text(r, gtids);
      String wantedText = text(r, wanted);
      String where = "case " + i + " with -Dgtid.seed=" + seed + ": '" + text + "' / '" + wantedText + "'";

      MariadbGtidList list = MariadbGtidList.parse(text);
      MariadbGtidList wantedList = MariadbGtidList.parse(wantedText);
      assertThat(list.toString()).as(where).isEqualTo(canonical(gtids));
      assertThat(MariadbGtidList.parse(list.toString())).as(where).isEqualTo(list);

      // Model of the position: per domain, the GTID listed last.
      TreeMap<Long, long[]> last = new TreeMap<>();
      Map<Long, Integer> perDomain = new LinkedHashMap<>();
      for (long[] g : gtids) {
        last.put(g[0], g);
        perDomain.merge(g[0], 1, Integer::sum);
      }
      List<long[]> lastList = new ArrayList<>(last.values());
      assertThat(list.toPosition().toString()).as(where).isEqualTo(canonical(lastList));

      if (perDomain.values().stream().allMatch(c -> c == 1)) {
        MariadbGtidPosition pos = MariadbGtidPosition.parse(text);
        assertThat(pos.toString()).as(where).isEqualTo(canonical(gtids));
        assertThat(pos).as(where).isEqualTo(list.toPosition());
        assertThat(pos.hashCode()).isEqualTo(list.toPosition().hashCode());
      } else {
        assertThatThrownBy(() -> MariadbGtidPosition.parse(text)).as(where)
            .isInstanceOfSatisfying(GtidFormatException.class,
                e -> assertThat(e.kind()).isEqualTo(GtidFormatException.Kind.DUPLICATE_DOMAIN));
      }

      // Server rule: every wanted g has seq 0 or its domain reached.
      boolean serverExpected = true;
      for (long[] w : wanted) {
        long[] have = last.get(w[0]);
        serverExpected &= w[2] == 0 || (have != null && Long.compareUnsigned(have[2], w[2]) >= 0);
      }
      assertThat(list.toPosition().contains(wantedList)).as(where).isEqualTo(serverExpected);

      // DM rule: every (domain, server) of wanted (last listed) is here (last listed) with seq >=.
      Map<String, long[]> havePairs = new LinkedHashMap<>();
      for (long[] g : gtids) {
        havePairs.put(g[0] + "/" + g[1], g);
      }
      Map<String, long[]> wantPairs = new LinkedHashMap<>();
      for (long[] w : wanted) {
        wantPairs.put(w[0] + "/" + w[1], w);
      }
      boolean dmExpected = true;
      for (Map.Entry<String, long[]> e : wantPairs.entrySet()) {
        long[] have = havePairs.get(e.getKey());
        dmExpected &= have != null && Long.compareUnsigned(have[2], e.getValue()[2]) >= 0;
      }
      assertThat(list.containsPerDomainAndServer(wantedList)).as(where).isEqualTo(dmExpected);
    }
  }
}
