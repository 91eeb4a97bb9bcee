package io.github.dmswitchover.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dmswitchover.switchover.spi.VipMove;
import io.github.dmswitchover.switchover.spi.VipMoveException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples that need no server. */
class ExamplesTest {
  static final String U = "3e11fa47-71ca-11e1-9e33-c80aa9429562";

  @TempDir
  Path dir;

  @Test
  void gtidCoreExample_checksThePurgedReplicatedExecutedChain() {
    assertThat(GtidCoreExample.check(U + ":1-10", U + ":1-50", U + ":1-60")).isEqualTo("ok");
    assertThat(GtidCoreExample.check(U + ":1-70", U + ":1-50", U + ":1-80")).startsWith("purged but not replicated by DM: 20 transactions");
    assertThat(GtidCoreExample.check("", U + ":1-50", U + ":1-45")).startsWith("replicated by DM but missing on the new instance: 5");
    assertThat(GtidCoreExample.mariadbHasAll("0-2-120,1-1-9", "0-1-100")).isTrue();
    assertThat(GtidCoreExample.mariadbHasAll("0-2-90", "0-1-100")).isFalse();
  }

  @Test
  void commandVipMover_runsTheOperatorsCommands_withTheMovesAddresses() throws Exception {
    Path state = dir.resolve("vip");
    Files.writeString(state, "10.0.0.1:3306");
    CommandVipMover mover = CommandVipMover.builder("a file standing in for keepalived")
        .prepare("sh", "-c", "grep -qx '{from}' " + state)
        .move("sh", "-c", "echo '{to}' > " + state)
        .verify("sh", "-c", "grep -qx '{to}' " + state)
        .moveBack("sh", "-c", "echo '{from}' > " + state)
        .build();
    VipMove move = new VipMove("so-1", "s1", "10.0.0.100:3306", "10.0.0.1:3306", "10.0.0.2:3306");
    mover.prepare(move, Duration.ofSeconds(10));
    mover.move(move, Duration.ofSeconds(10));
    mover.verify(move, Duration.ofSeconds(10));
    assertThat(Files.readString(state).strip()).isEqualTo("10.0.0.2:3306");
    mover.moveBack(move, Duration.ofSeconds(10));
    assertThat(Files.readString(state).strip()).isEqualTo("10.0.0.1:3306");
    assertThatThrownBy(() -> mover.verify(move, Duration.ofSeconds(10))).isInstanceOf(VipMoveException.class)
        .hasMessageStartingWith("verify failed with exit code 1");
    CommandVipMover slow = CommandVipMover.builder("slow").move("sleep", "5").moveBack("true").build();
    assertThatThrownBy(() -> slow.move(move, Duration.ofMillis(200))).hasMessageStartingWith("move did not finish within PT0.2S");
    assertThatThrownBy(() -> CommandVipMover.builder("x").move("true").build()).isInstanceOf(IllegalStateException.class);
  }
}
