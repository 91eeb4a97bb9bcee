package io.github.dmswitchover.dm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the dmctl binary: {@code dmctl --master-addr=<all masters> [--ssl-ca ... --ssl-cert ...
 * --ssl-key ...] <command> <args>}, with a timeout after which the process (and its children) is
 * killed. A configuration passed by file ({@code start-task}, {@code operate-source create}) is
 * written to a private temporary folder and deleted afterwards. The JSON on standard output is read
 * strictly after skipping the lines dmctl prints before it (such as {@code [warn] ...}).
 */
final class DmctlRunner {
  private static final Logger LOG = LoggerFactory.getLogger(DmctlRunner.class);
  /** The argument that stands for the configuration file. */
  static final String FILE = "\u0000config-file";

  /** The TLS files dmctl is given. */
  record TlsFiles(Path ca, Optional<Path> cert, Optional<Path> key) {}

  private final Path binary;
  private final List<String> masters;
  private final Optional<TlsFiles> tls;
  private final Duration timeout;
  private final RetryPolicy retry;
  private final Sleeper sleeper;
  private final Events events;

  DmctlRunner(Path binary, List<String> masters, Optional<TlsFiles> tls, Duration timeout, RetryPolicy retry, Sleeper sleeper,
      Events events) {
    this.binary = binary;
    this.masters = List.copyOf(masters);
    this.tls = tls;
    this.timeout = timeout;
    this.retry = retry;
    this.sleeper = sleeper;
    this.events = events;
  }

  /**
   * Runs a command and reads its JSON output.
   *
   * @param file the content of the configuration file standing for {@link #FILE} in {@code args}, if any
   */
  Node run(DmOperation op, List<String> args, Optional<String> file, HttpTransport.Kind kind) {
    String what = "dmctl " + String.join(" ", args).replace(FILE, "<file>");
    DmCall call = events.newCall(op, Surface.DMCTL, what);
    Instant start = events.now();
    events.callStarted(call);
    try {
      Node n = attempts(call, what, args, file, kind);
      events.callSucceeded(call, start);
      return n;
    } catch (DmException e) {
      events.callFailed(call, start, e);
      throw e;
    }
  }

  private Node attempts(DmCall call, String what, List<String> args, Optional<String> file, HttpTransport.Kind kind) {
    String target = String.join(",", masters);
    DmException last = null;
    for (int attempt = 1; attempt <= Math.max(1, retry.maxAttempts() / Math.max(1, masters.size())); attempt++) {
      if (attempt > 1) {
        pause(retry.backoff(attempt - 1), what);
      }
      events.attemptStarted(call, target, attempt);
      try {
        Output out = runOnce(what, args, file);
        if (out.exit != 0) {
          DmctlException failure = new DmctlException(what + " exited with " + out.exit + ": "
              + HttpTransport.excerpt(Secrets.mask(out.stderr.isBlank() ? out.stdout : out.stderr)), OptionalInt.of(out.exit),
              false, out.stdout, out.stderr, null);
          events.attemptFailed(call, target, attempt, failure);
          int code = failure.error().flatMap(e -> e.code().isPresent() ? Optional.of(e.code().getAsInt()) : Optional.empty())
              .orElse(0);
          // 38043: no master could forward, nothing ran; 48001: no connection to any master.
          if (code == 38043 || code == 48001 && kind != HttpTransport.Kind.ONCE) {
            last = failure;
            continue;
          }
          throw failure;
        }
        Node n = Json.object(jsonPart(out.stdout, what), what);
        events.attemptSucceeded(call, target, attempt, 0);
        return n;
      } catch (DmctlException e) {
        if (e.timedOut() && kind != HttpTransport.Kind.ONCE && attempt < retry.maxAttempts()) {
          events.attemptFailed(call, target, attempt, e);
          last = e;
          continue;
        }
        if (e.exitCode().isEmpty()) {
          events.attemptFailed(call, target, attempt, e);
        }
        throw e;
      } catch (DmDecodeException e) {
        events.attemptFailed(call, target, attempt, e);
        throw e;
      }
    }
    throw last;
  }

  private void pause(Duration d, String what) {
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DmctlException("interrupted while waiting to run " + Secrets.mask(what) + " again", OptionalInt.empty(), false,
          "", "", e);
    }
  }

  private record Output(int exit, String stdout, String stderr) {}

  private Output runOnce(String what, List<String> args, Optional<String> file) {
    Path dir = null;
    try {
      dir = privateTempDir();
      List<String> cmd = new ArrayList<>();
      cmd.add(binary.toString());
      cmd.add("--master-addr=" + String.join(",", masters));
      if (tls.isPresent()) {
        cmd.add("--ssl-ca=" + tls.get().ca());
        tls.get().cert().ifPresent(c -> cmd.add("--ssl-cert=" + c));
        tls.get().key().ifPresent(k -> cmd.add("--ssl-key=" + k));
      }
      for (String a : args) {
        if (a.equals(FILE)) {
          Path f = dir.resolve("config.yaml");
          Files.writeString(f, file.orElseThrow(() -> new IllegalStateException("no file content for " + what)),
              StandardCharsets.UTF_8);
          restrict(f, "rw-------");
          cmd.add(f.toString());
        } else {
          cmd.add(a);
        }
      }
      Path stdout = dir.resolve("stdout");
      Path stderr = dir.resolve("stderr");
      LOG.debug("running {}", Secrets.mask(String.join(" ", cmd)));
      Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
      p.getOutputStream().close();
      boolean exited;
      try {
        exited = p.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        kill(p);
        Thread.currentThread().interrupt();
        throw new DmctlException("interrupted while " + Secrets.mask(what) + " ran; the process was killed", OptionalInt.empty(),
            false, read(stdout), read(stderr), e);
      }
      if (!exited) {
        kill(p);
        throw new DmctlException(Secrets.mask(what) + " ran longer than " + timeout + " and was killed", OptionalInt.empty(), true,
            read(stdout), read(stderr), null);
      }
      Output out = new Output(p.exitValue(), read(stdout), read(stderr));
      if (LOG.isDebugEnabled()) {
        LOG.debug("{} exited with {}: {}{}", Secrets.mask(what), out.exit, HttpTransport.excerpt(Secrets.mask(out.stdout)),
            out.stderr.isBlank() ? "" : " (stderr: " + HttpTransport.excerpt(Secrets.mask(out.stderr)) + ")");
      }
      return out;
    } catch (IOException e) {
      throw new DmctlException("cannot run " + binary + " for " + Secrets.mask(what) + ": " + e.getMessage(), OptionalInt.empty(),
          false, "", "", e);
    } finally {
      if (dir != null) {
        deleteQuietly(dir);
      }
    }
  }

  private static void kill(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    try {
      p.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Path privateTempDir() throws IOException {
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return Files.createTempDirectory("dm-client-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    return Files.createTempDirectory("dm-client-");
  }

  private static void restrict(Path f, String perms) throws IOException {
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(perms));
    }
  }

  private static String read(Path f) {
    try {
      return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          LOG.warn("cannot delete the temporary file {}: {}", p, e.toString());
        }
      });
    } catch (IOException e) {
      LOG.warn("cannot delete the temporary folder {}: {}", dir, e.toString());
    }
  }

  /**
   * The JSON part of dmctl's output: from the first line that starts a JSON object (dmctl prints
   * objects only); the lines before it, such as {@code [warn] ...} notes, are skipped.
   */
  static String jsonPart(String stdout, String what) {
    int offset = 0;
    for (String line : stdout.split("\n", -1)) {
      String s = line.stripLeading();
      if (s.startsWith("{")) {
        return stdout.substring(offset);
      }
      offset += line.length() + 1;
    }
    throw new DmDecodeException(what, "", "no JSON in the output: \"" + HttpTransport.excerpt(Secrets.mask(stdout)) + "\"", null);
  }
}
