package io.github.dmswitchover.switchover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dmswitchover.switchover.spi.JournalEntry;
import io.github.dmswitchover.switchover.spi.JournalException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSwitchoverJournalTest {
  @TempDir
  Path dir;

  private static JournalEntry e(String id, String source, long seq, JournalEntry.Phase phase) {
    return new JournalEntry(id, source, seq, "pause-tasks", phase, Instant.parse("2026-11-21T10:00:00Z").plusSeconds(seq),
        "{\"note\":\"n" + seq + "\"}");
  }

  @Test
  void appends_areReadBackInOrder_andTheLatestSwitchoverOfASourceIsKnown() {
    FileSwitchoverJournal j = FileSwitchoverJournal.inDirectory(dir);
    j.append(e("so-1", "mysql/01", 1, JournalEntry.Phase.PLANNED));
    j.append(e("so-1", "mysql/01", 2, JournalEntry.Phase.STARTED));
    j.append(e("so-2", "mysql/01", 1, JournalEntry.Phase.PLANNED));
    assertThat(j.entries("so-1")).extracting(JournalEntry::sequence).containsExactly(1L, 2L);
    assertThat(j.entries("so-1").get(1).detail()).isEqualTo("{\"note\":\"n2\"}");
    assertThat(j.latestSwitchover("mysql/01")).contains("so-2");
    assertThat(j.latestSwitchover("other")).isEmpty();
    assertThat(j.entries("unknown")).isEmpty();
    // a second instance over the same directory (another process) sees the same
    assertThat(FileSwitchoverJournal.inDirectory(dir).entries("so-1")).hasSize(2);
  }

  @Test
  void aGapOrARepeatInTheSequence_isRefused() {
    FileSwitchoverJournal j = FileSwitchoverJournal.inDirectory(dir);
    j.append(e("so-1", "s", 1, JournalEntry.Phase.PLANNED));
    assertThatThrownBy(() -> j.append(e("so-1", "s", 1, JournalEntry.Phase.STARTED)))
        .isInstanceOf(JournalException.class).hasMessageContaining("record 1 is not the next one (expected 2)");
    assertThatThrownBy(() -> j.append(e("so-1", "s", 3, JournalEntry.Phase.STARTED)))
        .isInstanceOf(JournalException.class).hasMessageContaining("expected 2");
    assertThatThrownBy(() -> j.append(e("so-1", "other", 2, JournalEntry.Phase.STARTED)))
        .isInstanceOf(JournalException.class).hasMessageContaining("belongs to source s");
  }

  @Test
  void aTornLastLine_fromACrashWhileWriting_isIgnored_andOverwrittenByTheNextAppend() throws IOException {
    FileSwitchoverJournal j = FileSwitchoverJournal.inDirectory(dir);
    j.append(e("so-1", "s", 1, JournalEntry.Phase.PLANNED));
    Path file = dir.resolve("so-1.journal");
    Files.writeString(file, "{\"switchoverId\":\"so-1\",\"seq", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    assertThat(j.entries("so-1")).hasSize(1);
    j.append(e("so-1", "s", 2, JournalEntry.Phase.STARTED));
    assertThat(j.entries("so-1")).extracting(JournalEntry::sequence).containsExactly(1L, 2L);
    assertThat(Files.readAllLines(file)).hasSize(2);
  }

  @Test
  void aDamagedLineInTheMiddle_isAnError_namingTheLine() throws IOException {
    FileSwitchoverJournal j = FileSwitchoverJournal.inDirectory(dir);
    j.append(e("so-1", "s", 1, JournalEntry.Phase.PLANNED));
    Path file = dir.resolve("so-1.journal");
    List<String> lines = Files.readAllLines(file);
    Files.write(file, List.of("garbage", lines.get(0)));
    assertThatThrownBy(() -> j.entries("so-1")).isInstanceOf(JournalException.class).hasMessageContaining("damaged at line 1");
  }

  @Test
  void concurrentWriters_neverInterleaveOrLoseRecords() throws Exception {
    FileSwitchoverJournal a = FileSwitchoverJournal.inDirectory(dir);
    FileSwitchoverJournal b = FileSwitchoverJournal.inDirectory(dir);
    int perId = 40;
    Thread[] threads = new Thread[4];
    for (int t = 0; t < threads.length; t++) {
      FileSwitchoverJournal j = t % 2 == 0 ? a : b;
      String id = "so-" + t;
      threads[t] = new Thread(() -> {
        for (int i = 1; i <= perId; i++) {
          j.append(e(id, "s" + id, i, JournalEntry.Phase.STARTED));
        }
      });
      threads[t].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    for (int t = 0; t < threads.length; t++) {
      assertThat(a.entries("so-" + t)).hasSize(perId);
    }
  }
}
