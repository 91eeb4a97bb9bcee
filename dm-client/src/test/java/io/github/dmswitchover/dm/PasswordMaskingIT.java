package io.github.dmswitchover.dm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.dmswitchover.testkit.dm.DmProfile;
import io.github.dmswitchover.testkit.dm.DmSimulator;
import io.github.dmswitchover.testkit.dm.Fault;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Passwords given to the client (source and task configurations) and passwords in DM's answers
 * never appear in the client's logs (at DEBUG, which logs every request and answer), in its
 * exceptions (messages, bodies, stack traces) or in the {@code toString} of what it returns.
 */
class PasswordMaskingIT {
  private static final String SOURCE_SECRET = "Sup3r-S3cret.pw";
  private static final String TARGET_SECRET = "Tidb-S3cret.pw";

  /** Copies System.err (where slf4j-simple writes) into a buffer too. */
  private static final class Tee extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    Tee(OutputStream a, OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int c) throws IOException {
      a.write(c);
      b.write(c);
    }

    @Override
    public void write(byte[] buf, int off, int len) throws IOException {
      a.write(buf, off, len);
      b.write(buf, off, len);
    }
  }

  private static String sourceYaml(String id) {
    return "source-id: " + id + "\nenable-gtid: true\nfrom:\n  host: 127.0.0.1\n  port: 1\n  user: dm\n  password: \""
        + SOURCE_SECRET + "\"\n";
  }

  private static String everything(Object o) {
    if (o instanceof Throwable t) {
      StringWriter w = new StringWriter();
      t.printStackTrace(new PrintWriter(w));
      StringBuilder sb = new StringBuilder(w.toString());
      if (t instanceof DmHttpException h) {
        sb.append(h.body());
      }
      if (t instanceof DmctlException d) {
        sb.append(d.stdout()).append(d.stderr());
      }
      return sb.toString();
    }
    return String.valueOf(o);
  }

  /**
   * The files left in dmctl's temporary configuration folders holding the secret. Other processes
   * on the machine may use the client at the same time, so folders come and go; none may keep a
   * file with this test's password.
   */
  private static List<Path> leftConfigFilesWithTheSecret() throws IOException {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      for (Path dir : dirs.filter(p -> p.getFileName().toString().startsWith("dm-client-")
          && !p.getFileName().toString().contains("-it-")).toList()) {
        try (Stream<Path> files = Files.walk(dir)) {
          for (Path f : files.filter(Files::isRegularFile).toList()) {
            if (Files.readString(f, StandardCharsets.ISO_8859_1).contains(SOURCE_SECRET)) {
              out.add(f);
            }
          }
        } catch (IOException e) {
          // Removed meanwhile by whoever made it.
        }
      }
    }
    return out;
  }

  @Test
  void passwords_neverInLogsExceptionsOrToString() throws IOException {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream original = System.err;
    List<Object> seen = new ArrayList<>();
    System.setErr(new PrintStream(new Tee(original, log), true, StandardCharsets.UTF_8));
    try (DmSimulator sim = Sims.start(DmProfile.V8_5)) {
      DmClient gateway = Sims.client(sim).build();
      DmClient dmctl = Sims.client(sim).withSurface(Surface.DMCTL).build();
      DmClient openApi = Sims.client(sim).withSurface(Surface.OPENAPI).build();
      seen.add(gateway);
      seen.add(gateway.createSource(sourceYaml("s1")));
      seen.add(dmctl.createSource(sourceYaml("s2")));
      seen.add(openApi.createSource(sourceYaml("s3")));
      for (DmClient c : List.of(gateway, dmctl, openApi)) {
        SourceInfo info = c.getSource("s1");
        assertThat(info.config()).contains("******");
        seen.add(info);
      }
      seen.add(gateway.startTask(Sims.taskYaml("t", "incremental", "s1").replace("tidb-secret", TARGET_SECRET), List.of(), false));
      String taskConfig = gateway.taskConfig("t");
      assertThat(taskConfig).contains("******");
      seen.add(taskConfig);
      seen.add(gateway.taskStatus("t"));

      sim.inject(Fault.on("PUT", "/apis/v1alpha1/sources").respond(500, "{\"error\":\"x\",\"code\":2,\"message\":\"[code=10001:"
          + "class=database:scope=not-set:level=high], Message: database driver error, RawCause: dial dm:" + SOURCE_SECRET
          + "@tcp(127.0.0.1:1)/ with password: " + SOURCE_SECRET + "\",\"details\":[]}"));
      seen.add(catchThrowable(() -> gateway.createSource(sourceYaml("s4"))));
      sim.inject(Fault.on("POST", "/api/v1/sources").respond(400, "{\"error_code\":10001,\"error_msg\":\"[code=10001:class=database:"
          + "scope=not-set:level=high], Message: database driver error, RawCause: Error 1045: Access denied for user "
          + "'dm'@'127.0.0.1' (using password: YES), config {\\\"password\\\":\\\"" + SOURCE_SECRET + "\\\"}\"}"));
      OperationResult refused = openApi.createSource(sourceYaml("s5"));
      assertThat(refused.succeeded()).isFalse();
      seen.add(refused);
      seen.add(refused.error());
      sim.inject(Fault.on("GET", "/apis/v1alpha1/status/t").respond(200, "{\"result\":false,\"msg\":\"source config: password: "
          + SOURCE_SECRET + "\"}"));
      Throwable notFound = catchThrowable(() -> gateway.taskStatus("t"));
      assertThat(notFound).isInstanceOf(DmRefusedException.class);
      seen.add(notFound);
      sim.inject(Fault.on("POST", "/_simulator/dmctl").respond(200, "{\"stdout\":\"password: " + SOURCE_SECRET
          + "\\n\",\"stderr\":\"[code=10001:class=database:scope=not-set:level=high], Message: x, RawCause: password: "
          + SOURCE_SECRET + "\\n\",\"exitCode\":1}"));
      Throwable dmctlFailed = catchThrowable(() -> dmctl.removeSource("s2"));
      assertThat(dmctlFailed).isInstanceOf(DmctlException.class);
      seen.add(dmctlFailed);
    } finally {
      System.err.flush();
      System.setErr(original);
    }
    String logged = log.toString(StandardCharsets.UTF_8);
    assertThat(logged).as("the client logged its HTTP exchanges").contains("DEBUG HttpTransport").contains("DmctlRunner");
    assertThat(logged).contains("******").doesNotContain(SOURCE_SECRET).doesNotContain(TARGET_SECRET);
    for (Object o : seen) {
      assertThat(everything(o)).as(String.valueOf(o)).doesNotContain(SOURCE_SECRET).doesNotContain(TARGET_SECRET);
    }
    assertThat(leftConfigFilesWithTheSecret()).as("dmctl's configuration files are deleted").isEmpty();
    assertThat(seen).hasSize(15);
  }
}
