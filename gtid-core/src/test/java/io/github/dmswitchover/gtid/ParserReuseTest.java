package io.github.dmswitchover.gtid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The parser keeps its work arrays between parses (one spare for the JVM). These tests make sure a
 * result never shares them: earlier results stay intact after later parses of every size, after a
 * parse that fails half-way, and while other threads parse at the same time.
 */
class ParserReuseTest {

  /** Server-like text: {@code uuids} UUIDs, each with {@code intervals} intervals. */
  private static String text(Random r, int uuids, int intervals) {
    StringBuilder sb = new StringBuilder();
    for (int u = 0; u < uuids; u++) {
      if (u > 0) {
        sb.append(r.nextBoolean() ? ",\n" : ",");
      }
      sb.append(new UUID(r.nextLong(), r.nextLong()));
      long g = 1 + r.nextInt(1000);
      for (int i = 0; i < intervals; i++) {
        long end = g + r.nextInt(5);
        sb.append(':').append(g);
        if (end > g) {
          sb.append('-').append(end);
        }
        g = end + 2 + r.nextInt(50);
      }
    }
    return sb.toString();
  }

  private static List<String> texts(Random r, int count) {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      switch (i % 4) {
        case 0 -> texts.add(text(r, 1 + r.nextInt(3), 1));
        case 1 -> texts.add(text(r, 100 + r.nextInt(3000), 1));
        case 2 -> texts.add(text(r, 1 + r.nextInt(10), 500 + r.nextInt(2000)));
        // Out of order, so that the parse leaves the fast path half-way.
        default -> texts.add(text(r, 50, 2) + "," + text(r, 50, 2));
      }
    }
    return texts;
  }

  @Test
  void earlierResults_stayIntact_afterLaterParsesAndFailures() {
    Random r = Seeds.random("parser-reuse");
    List<String> texts = texts(r, 60);
    List<GtidSet> results = new ArrayList<>();
    List<String> printed = new ArrayList<>();
    for (String t : texts) {
      GtidSet s = GtidSet.parse(t);
      results.add(s);
      printed.add(s.toString());
      assertThatThrownBy(() -> GtidSet.parse(t + ",bad")).isInstanceOf(GtidFormatException.class);
    }
    for (int i = 0; i < texts.size(); i++) {
      assertThat(results.get(i).toString()).as("result %d after later parses", i).isEqualTo(printed.get(i));
      assertThat(results.get(i)).isEqualTo(GtidSet.parse(texts.get(i)));
    }
  }

  /** {@code k} sorted UUIDs with GNO 1, compact: exactly the number of TSIDs the parser first reserves. */
  private static String exactlyGuessed(Random r, int k) {
    List<UUID> uuids = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      uuids.add(new UUID(r.nextLong() >>> 1, r.nextLong()));
    }
    uuids.sort(null);
    StringBuilder sb = new StringBuilder();
    for (UUID u : uuids) {
      sb.append(sb.length() == 0 ? "" : ",").append(u).append(":1");
    }
    return sb.toString();
  }

  @Test
  void resultWhoseSizeMatchesTheReservedArrays_isNotOverwrittenByTheNextParse() {
    Random r = Seeds.random("parser-exact");
    for (int k : new int[] {1, 2, 3, 50, 1000}) {
      String first = exactlyGuessed(r, k);
      GtidParser.dropSpare();
      GtidSet s = GtidSet.parse(first);
      GtidSet other = GtidSet.parse(exactlyGuessed(r, k));
      assertThat(s.toCompactString()).as("%d UUIDs", k).isEqualTo(first);
      assertThat(other).isNotEqualTo(s);
    }
  }

  @Test
  void concurrentParses_eachGetTheirOwnResult() throws Exception {
    Random r = Seeds.random("parser-concurrent");
    List<String> texts = texts(r, 40);
    List<String> expected = new ArrayList<>();
    for (String t : texts) {
      expected.add(GtidSet.parse(t).toString());
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int thread = 0; thread < 4; thread++) {
        int offset = thread;
        futures.add(pool.submit(() -> {
          for (int round = 0; round < 25; round++) {
            for (int k = 0; k < texts.size(); k++) {
              int i = (k + offset * 7 + round) % texts.size();
              assertThat(GtidSet.parse(texts.get(i)).toString()).as("text %d", i).isEqualTo(expected.get(i));
            }
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get(2, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
