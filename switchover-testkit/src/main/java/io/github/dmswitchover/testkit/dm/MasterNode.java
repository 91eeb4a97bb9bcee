package io.github.dmswitchover.testkit.dm;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated DM-master: an HTTP(S) server on a loopback port serving {@code /status}, the
 * gateway, the OpenAPI and the dmctl stand-in's endpoint. A follower forwards gateway calls to the
 * leader (or answers 38043 when it cannot) and, for OpenAPI calls, redirects with 307 or proxies,
 * by profile (DM-FACTS a.3). Stopping it makes its port refuse connections, as a dead master does.
 */
final class MasterNode {
  private static final Logger LOG = LoggerFactory.getLogger(MasterNode.class);
  static final String DMCTL_PATH = "/_simulator/dmctl";

  private final String name;
  private final DmSimulator sim;
  private final SimCluster cluster;
  private final SSLContext tls;
  private final boolean requireClientCertificate;
  private final ExecutorService executor;
  private HttpServer server;
  private int port;

  MasterNode(String name, DmSimulator sim, SimCluster cluster, SSLContext tls, boolean requireClientCertificate,
      ExecutorService executor) {
    this.name = name;
    this.sim = sim;
    this.cluster = cluster;
    this.tls = tls;
    this.requireClientCertificate = requireClientCertificate;
    this.executor = executor;
  }

  String name() {
    return name;
  }

  synchronized int port() {
    return port;
  }

  synchronized boolean isRunning() {
    return server != null;
  }

  /** Starts serving, on the same port as before when restarted. */
  synchronized void start() {
    if (server != null) {
      return;
    }
    try {
      InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
      if (tls != null) {
        HttpsServer s = HttpsServer.create(address, 64);
        s.setHttpsConfigurator(new HttpsConfigurator(tls) {
          @Override
          public void configure(HttpsParameters params) {
            SSLParameters p = tls.getDefaultSSLParameters();
            p.setNeedClientAuth(requireClientCertificate);
            params.setSSLParameters(p);
          }
        });
        server = s;
      } else {
        server = HttpServer.create(address, 64);
      }
      server.createContext("/", this::handle);
      server.setExecutor(executor);
      server.start();
      port = server.getAddress().getPort();
    } catch (IOException e) {
      throw new UncheckedIOException("master " + name + " cannot listen on port " + port + ": " + e.getMessage(), e);
    }
  }

  /** Stops at once; open connections are dropped. */
  synchronized void stop() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    String body;
    try (InputStream in = ex.getRequestBody()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String path = ex.getRequestURI().getPath();
    String rawQuery = ex.getRequestURI().getRawQuery();
    Map<String, List<String>> headers = new LinkedHashMap<>();
    ex.getRequestHeaders().forEach((k, v) -> headers.put(k, List.copyOf(v)));
    HttpCall call = new HttpCall(name, ex.getRequestMethod(), path, rawQuery == null ? "" : rawQuery,
        HttpCall.parseQuery(rawQuery), body, headers);
    Fault fault = sim.takeFault(name, call.method(), path);
    HttpReply reply = null;
    if (fault != null) {
      switch (fault.action()) {
        case DROP -> {
          LOG.info("master {}: dropping the connection of {} {} ({})", name, call.method(), path, fault);
          sim.record(call, -1, Map.of(), "");
          // Closing the exchange before any response header ends the connection with no answer.
          ex.close();
          return;
        }
        case DELAY -> LockSupport.parkNanos(fault.delayBy().toNanos());
        case RESPOND -> reply = new HttpReply(fault.status(), Map.of("Content-Type", "application/json"), fault.body());
      }
    }
    if (reply == null) {
      try {
        reply = route(call);
      } catch (RuntimeException e) {
        LOG.warn("master {}: {} {} failed: {}", name, call.method(), path, e.toString(), e);
        reply = HttpReply.text(500, "internal error in the DM simulator: " + e);
      }
    }
    sim.record(call, reply.status(), reply.headers(), reply.body());
    byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
    reply.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
    if (reply.status() == 204 || reply.status() == 304) {
      ex.sendResponseHeaders(reply.status(), -1);
    } else {
      ex.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        try (OutputStream out = ex.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
    ex.close();
  }

  private HttpReply route(HttpCall call) {
    String path = call.path();
    DmProfile profile = cluster.profile();
    if (path.equals("/status")) {
      return HttpReply.text(200, statusText(profile));
    }
    if (path.equals(DMCTL_PATH) && call.method().equals("POST")) {
      if (!canServeAsLeader()) {
        return HttpReply.json(200, sim.dmctlStandIn().notLeaderAnswer());
      }
      return HttpReply.json(200, sim.dmctlStandIn().run(call.body()));
    }
    if (path.startsWith(GatewayApi.PREFIX + "/")) {
      if (!profile.hasGateway()) {
        return HttpReply.text(404, "404 page not found");
      }
      if (!canServeAsLeader()) {
        return GatewayApi.grpcError(500, 2, DmError.notLeaderCannotForward().flattened());
      }
      return sim.gateway().handle(call);
    }
    if (path.startsWith(OpenApi.PREFIX + "/")) {
      if (!profile.hasOpenApi()) {
        return HttpReply.text(404, "404 page not found");
      }
      if (!cluster.isLeader(name)) {
        var leader = cluster.leaderState();
        if (leader.isEmpty()) {
          com.fasterxml.jackson.databind.node.ObjectNode n = JsonText.object();
          n.put("error_code", 38043);
          n.put("error_msg", DmError.notLeaderCannotForward().flattened());
          return HttpReply.json(400, n);
        }
        if (profile.openApiFollowerRedirects()) {
          // The scheme is always http, even when the masters use TLS (DM-FACTS a.3).
          return HttpReply.redirect("http://" + leader.get().address() + call.requestUri());
        }
        if (!cluster.followersReachLeader()) {
          return HttpReply.text(502, "");
        }
      }
      return sim.openApi().handle(call);
    }
    return HttpReply.text(404, "404 page not found");
  }

  private boolean canServeAsLeader() {
    if (cluster.isLeader(name)) {
      return true;
    }
    // A follower forwards to the leader after a short sleep, when it has a connection to it (DM-FACTS a.3).
    if (cluster.leader().isPresent() && cluster.followersReachLeader()) {
      LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
      return true;
    }
    return false;
  }

  /** A stable 40-hex-digit stand-in for the build's commit, derived from the version. */
  private static String commitHash(String version) {
    try {
      byte[] d = java.security.MessageDigest.getInstance("SHA-1").digest(("dm-simulator " + version).getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(d);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is missing from this JVM", e);
    }
  }

  /** {@code GET /status} (DM-FACTS a.7). */
  static String statusText(DmProfile profile) {
    String v = profile.releaseVersion();
    StringBuilder sb = new StringBuilder();
    sb.append("Release Version: ").append(v).append('\n');
    sb.append("Git Commit Hash: ").append(commitHash(v)).append('\n');
    sb.append("Git Branch: ").append(v.startsWith("v") && v.indexOf('-') < 0 ? "heads/refs/tags/" + v : "master").append('\n');
    sb.append("UTC Build Time: 2026-11-21 00:00:00").append('\n');
    sb.append("Go Version: ").append(profile == DmProfile.V1_0 ? "go version go1.12 linux/amd64" : "go version go1.23.12 linux/amd64");
    if (profile.atLeast(2, 0, 0)) {
      sb.append('\n').append("Failpoint Build: false");
    }
    sb.append('\n');
    return sb.toString();
  }
}
