package io.github.dmswitchover.dm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dmctl runner with a stand-in script (no server): the command line it builds, the temporary
 * configuration file, output parsing, exit codes and the timeout.
 */
class DmctlRunnerTest {
  @TempDir
  Path tmp;

  private final List<Duration> slept = new ArrayList<>();

  /** Four attempts over two masters: dmctl tries both masters itself, so two runs. */
  private DmctlRunner runner(Path script, Optional<DmctlRunner.TlsFiles> tls, Duration timeout) {
    return new DmctlRunner(script, List.of("10.0.0.1:8261", "10.0.0.2:8261"), tls, timeout,
        new RetryPolicy(4, Duration.ofMillis(5), Duration.ofMillis(5)), slept::add,
        new Events(new DmEventListener() {}, Clock.systemUTC()));
  }

  private Path script(String body) throws IOException {
    Path p = Files.writeString(tmp.resolve("dmctl-" + System.nanoTime()), "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
    return p;
  }

  @Test
  void commandLine_hasEveryMasterTheTlsFilesAndAPrivateConfigFile_deletedAfterwards() throws IOException {
    Path log = tmp.resolve("args");
    Path script = script("printf '%s\\n' \"$@\" > '" + log + "'\nfor a in \"$@\"; do f=\"$a\"; done\n"
        + "size=$(wc -c < \"$f\" | tr -d ' ')\nperm=$(stat -c %a \"$f\")\n"
        + "echo '[warn] a note dmctl prints first'\necho \"{\\\"result\\\": true, \\\"msg\\\": \\\"$size $perm\\\"}\"");
    DmctlRunner.TlsFiles tls = new DmctlRunner.TlsFiles(tmp.resolve("ca.pem"), Optional.of(tmp.resolve("c.pem")),
        Optional.of(tmp.resolve("k.pem")));
    String yaml = "source-id: s1\nfrom:\n  password: 'x'\n";
    Node out = runner(script, Optional.of(tls), Duration.ofSeconds(30)).run(DmOperation.CREATE_SOURCE,
        List.of("operate-source", "create", DmctlRunner.FILE), Optional.of(yaml), HttpTransport.Kind.ONCE);
    assertThat(out.textOr("msg", "")).isEqualTo(yaml.length() + " 600");
    List<String> args = Files.readAllLines(log);
    assertThat(args.subList(0, 6)).containsExactly("--master-addr=10.0.0.1:8261,10.0.0.2:8261", "--ssl-ca=" + tls.ca(),
        "--ssl-cert=" + tls.cert().get(), "--ssl-key=" + tls.key().get(), "operate-source", "create");
    Path config = Path.of(args.get(6));
    assertThat(config.getFileName().toString()).isEqualTo("config.yaml");
    assertThat(config).doesNotExist();
    assertThat(config.getParent()).doesNotExist();
  }

  @Test
  void nonZeroExit_isADmctlExceptionWithMaskedOutputAndDmsError() throws IOException {
    Path script = script("echo 'rpc error: code = Unknown desc = [code=46010:class=dm-master:scope=internal:level=medium], "
        + "Message: source with password: hunter2 has tasks' >&2\nexit 1");
    assertThatThrownBy(() -> runner(script, Optional.empty(), Duration.ofSeconds(30)).run(DmOperation.REMOVE_SOURCE,
        List.of("operate-source", "stop", "s1"), Optional.empty(), HttpTransport.Kind.ONCE))
        .isInstanceOfSatisfying(DmctlException.class, e -> {
          assertThat(e.exitCode()).hasValue(1);
          assertThat(e.timedOut()).isFalse();
          assertThat(e.stderr()).doesNotContain("hunter2");
          assertThat(e.getMessage()).doesNotContain("hunter2").contains("exited with 1");
          assertThat(e.error().orElseThrow().code()).hasValue(46010);
        });
    assertThat(slept).isEmpty();
  }

  @Test
  void notLeader38043_isRunAgain_evenForAWrite() throws IOException {
    Path count = tmp.resolve("count");
    Path script = script("n=$(cat '" + count + "' 2>/dev/null || echo 0); n=$((n+1)); echo $n > '" + count + "'\n"
        + "if [ $n -lt 2 ]; then echo '[code=38043:class=dm-master:scope=internal:level=high], Message: master is not leader' >&2;"
        + " exit 1; fi\necho '{\"result\": true, \"msg\": \"\"}'");
    Node out = runner(script, Optional.empty(), Duration.ofSeconds(30)).run(DmOperation.START_TASK, List.of("start-task", "x"),
        Optional.empty(), HttpTransport.Kind.ONCE);
    assertThat(out.bool("result")).contains(true);
    assertThat(slept).containsExactly(Duration.ofMillis(5));
  }

  @Test
  void tooSlow_isKilled_andReportedAsATimeout() throws IOException {
    Path script = script("exec tail -f /dev/null");
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> runner(script, Optional.empty(), Duration.ofMillis(300)).run(DmOperation.STOP_TASK,
        List.of("stop-task", "t"), Optional.empty(), HttpTransport.Kind.ONCE))
        .isInstanceOfSatisfying(DmctlException.class, e -> {
          assertThat(e.timedOut()).isTrue();
          assertThat(e.exitCode()).isEmpty();
        });
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
  }

  @Test
  void outputWithoutJson_isADecodeError() throws IOException {
    Path script = script("echo 'Error: unknown command'");
    assertThatThrownBy(() -> runner(script, Optional.empty(), Duration.ofSeconds(30)).run(DmOperation.LIST_MEMBERS,
        List.of("list-member"), Optional.empty(), HttpTransport.Kind.READ))
        .isInstanceOf(DmDecodeException.class).hasMessageContaining("no JSON in the output");
  }

  @Test
  void interrupted_killsTheProcess_andKeepsTheFlag() throws IOException {
    Path script = script("exec tail -f /dev/null");
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> runner(script, Optional.empty(), Duration.ofSeconds(30)).run(DmOperation.LIST_MEMBERS,
          List.of("list-member"), Optional.empty(), HttpTransport.Kind.READ))
          .isInstanceOfSatisfying(DmctlException.class, e -> assertThat(e.getMessage()).contains("interrupted"));
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }
}
