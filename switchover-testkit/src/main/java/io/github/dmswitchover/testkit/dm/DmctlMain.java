package io.github.dmswitchover.testkit.dm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * The process behind the simulator's {@code dmctl} launcher: takes dmctl's global flags
 * ({@code --master-addr}, {@code --ssl-ca}, {@code --ssl-cert}, {@code --ssl-key},
 * {@code --rpc-timeout}), sends the command line and the files it names to a simulated master,
 * and prints what dmctl would print, with its exit code. Masters are tried in order, as dmctl's
 * etcd client does.
 */
public final class DmctlMain {
  private DmctlMain() {}

  /**
   * Runs one dmctl command.
   *
   * @param args dmctl's command line
   */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String[] argv) {
    List<String> args = new ArrayList<>();
    String masters = "";
    Optional<Path> ca = Optional.empty();
    Optional<Path> cert = Optional.empty();
    Optional<Path> key = Optional.empty();
    Duration timeout = Duration.ofSeconds(30);
    for (int i = 0; i < argv.length; i++) {
      String a = argv[i];
      String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
      boolean global = switch (name) {
        case "--master-addr", "-master-addr", "--ssl-ca", "--ssl-cert", "--ssl-key", "--rpc-timeout" -> true;
        default -> false;
      };
      if (!global) {
        args.add(a);
        continue;
      }
      String value;
      if (a.contains("=")) {
        value = a.substring(a.indexOf('=') + 1);
      } else if (i + 1 < argv.length) {
        value = argv[++i];
      } else {
        System.err.println("flag needs an argument: " + a);
        return 1;
      }
      switch (name) {
        case "--master-addr", "-master-addr" -> masters = value;
        case "--ssl-ca" -> ca = Optional.of(Path.of(value));
        case "--ssl-cert" -> cert = Optional.of(Path.of(value));
        case "--ssl-key" -> key = Optional.of(Path.of(value));
        default -> timeout = parseDuration(value);
      }
    }
    if (masters.isBlank()) {
      System.err.println("master-addr not provided");
      return 1;
    }
    ObjectNode req = JsonText.object();
    ArrayNode list = req.putArray("args");
    ObjectNode files = req.putObject("files");
    for (String a : args) {
      list.add(a);
      Path p = Path.of(a);
      if (!a.startsWith("-") && Files.isRegularFile(p)) {
        try {
          files.put(a, Files.readString(p, StandardCharsets.UTF_8));
        } catch (IOException e) {
          System.err.println("open " + a + ": " + e.getMessage());
          return 1;
        }
      }
    }
    HttpClient.Builder hb = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
    boolean tls = ca.isPresent();
    if (tls) {
      try {
        SSLContext ctx = PemTls.context(ca, cert, key);
        hb.sslContext(ctx);
      } catch (IOException | GeneralSecurityException e) {
        System.err.println("[code=48003:class=dmctl:scope=internal:level=high], Message: can not load tls config, RawCause: "
            + e.getMessage() + ", Workaround: Please ensure that the tls certificate is accessible on the node currently running dmctl.");
        return 1;
      }
    }
    HttpClient client = hb.build();
    String lastError = "";
    for (String m : masters.split(",")) {
      String addr = m.strip().replaceFirst("^https?://", "");
      URI uri = URI.create((tls ? "https://" : "http://") + addr + MasterNode.DMCTL_PATH);
      try {
        HttpResponse<String> resp = client.send(HttpRequest.newBuilder(uri).timeout(timeout)
            .POST(HttpRequest.BodyPublishers.ofString(JsonText.compact(req))).build(), HttpResponse.BodyHandlers.ofString());
        if (resp.statusCode() != 200) {
          lastError = "master " + addr + " answered HTTP " + resp.statusCode();
          continue;
        }
        JsonNode out = JsonText.MAPPER.readTree(resp.body());
        System.out.print(out.path("stdout").asText());
        System.out.flush();
        System.err.print(out.path("stderr").asText());
        return out.path("exitCode").asInt(1);
      } catch (IOException e) {
        lastError = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 1;
      }
    }
    System.err.println("[code=48001:class=dmctl:scope=internal:level=high], Message: can not create grpc connection, RawCause: "
        + lastError + ", Workaround: Please check your network connection.");
    return 1;
  }

  private static Duration parseDuration(String v) {
    String s = v.strip();
    if (s.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
    }
    if (s.endsWith("s")) {
      return Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1)));
    }
    if (s.endsWith("m")) {
      return Duration.ofMinutes(Long.parseLong(s.substring(0, s.length() - 1)));
    }
    return Duration.ofSeconds(Long.parseLong(s));
  }
}
