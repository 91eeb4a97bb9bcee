package io.github.dmswitchover.dm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EnumsTest {
  @Test
  void stage_everyDmNameAnyCase_unknownFallback() {
    for (String s : new String[] {"New", "Running", "Paused", "Stopped", "Finished", "Pausing", "Resuming", "Stopping"}) {
      assertThat(Stage.of(s).dmName()).isEqualTo(s);
      assertThat(Stage.of(s.toUpperCase(java.util.Locale.ROOT))).isEqualTo(Stage.of(s));
    }
    assertThat(Stage.of("InvalidStage")).isEqualTo(Stage.UNKNOWN);
    assertThat(Stage.of("runing")).isEqualTo(Stage.UNKNOWN);
    assertThat(Stage.of("")).isEqualTo(Stage.UNKNOWN);
  }

  @Test
  void unit_everyDmName_lowerCaseDocs_unknownFallback() {
    for (String s : new String[] {"Check", "Dump", "Load", "Sync", "Relay"}) {
      assertThat(Unit.of(s).dmName()).isEqualTo(s);
    }
    assertThat(Unit.of("sync")).isEqualTo(Unit.SYNC);
    assertThat(Unit.of("InvalidUnit")).isEqualTo(Unit.UNKNOWN);
    assertThat(Unit.of("Validate")).isEqualTo(Unit.UNKNOWN);
  }

  @Test
  void workerStage() {
    assertThat(WorkerStage.of("bound")).isEqualTo(WorkerStage.BOUND);
    assertThat(WorkerStage.of("relay")).isEqualTo(WorkerStage.RELAY);
    assertThat(WorkerStage.of("offline")).isEqualTo(WorkerStage.OFFLINE);
    assertThat(WorkerStage.of("Free")).isEqualTo(WorkerStage.FREE);
    assertThat(WorkerStage.of("draining")).isEqualTo(WorkerStage.UNKNOWN);
  }

  @Test
  void binlogPosition_plainAndRelaySuffixed() {
    assertThat(BinlogPosition.parse("(mysql-bin.000003, 4)")).contains(new BinlogPosition("mysql-bin.000003", 4,
        java.util.OptionalInt.empty()));
    assertThat(BinlogPosition.parse("(mysql-bin|000002.000003, 738)")).contains(new BinlogPosition("mysql-bin.000003", 738,
        java.util.OptionalInt.of(2)));
    assertThat(BinlogPosition.parse("")).isEmpty();
    assertThat(BinlogPosition.parse("string")).isEmpty();
  }
}
