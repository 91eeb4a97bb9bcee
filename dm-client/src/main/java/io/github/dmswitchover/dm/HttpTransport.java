package io.github.dmswitchover.dm;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLHandshakeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP to a DM cluster: tries the masters in turn starting with the last one that answered, moves
 * on when a master refuses connections or answers 38043 ("master is not leader, and can't forward
 * request to leader"), follows a follower's 307 to the leader with the same method and body, and
 * retries only where that is safe (see {@link Kind}).
 */
final class HttpTransport {
  private static final Logger LOG = LoggerFactory.getLogger(HttpTransport.class);
  private static final int MAX_REDIRECTS = 3;
  private static final int LOGGED_BODY = 2000;

  /** Whether a call may be sent again after it may have reached DM. */
  enum Kind {
    /** A read: always safe to repeat. */
    READ,
    /** A write DM makes idempotent (setting an expected stage): safe to repeat. */
    IDEMPOTENT,
    /** Any other write: repeated only when it certainly did not reach DM (no connection, or 38043). */
    ONCE
  }

  /** One request: the call it belongs to, what to send and which statuses the caller reads. */
  record Request(DmOperation operation, Surface surface, String method, String pathAndQuery, Optional<String> body,
      Kind kind, Set<Integer> expected) {}

  /** The answer: status, body and the master that gave it. */
  record Response(int status, String body, String master) {}

  private final List<URI> masters;
  private final String scheme;
  private final HttpClient http;
  private final Duration requestTimeout;
  private final RetryPolicy retry;
  private final Sleeper sleeper;
  private final Events events;
  private final AtomicInteger preferred = new AtomicInteger();

  HttpTransport(List<URI> masters, String scheme, HttpClient http, Duration requestTimeout, RetryPolicy retry,
      Sleeper sleeper, Events events) {
    this.masters = List.copyOf(masters);
    this.scheme = scheme;
    this.http = http;
    this.requestTimeout = requestTimeout;
    this.retry = retry;
    this.sleeper = sleeper;
    this.events = events;
  }

  List<URI> masters() {
    return masters;
  }

  Response send(Request req) {
    DmCall call = events.newCall(req.operation(), req.surface(), req.method() + " " + req.pathAndQuery());
    Instant start = events.now();
    events.callStarted(call);
    try {
      Response r = attempts(call, req);
      events.callSucceeded(call, start);
      return r;
    } catch (DmException e) {
      events.callFailed(call, start, e);
      throw e;
    }
  }

  private Response attempts(DmCall call, Request req) {
    int n = masters.size();
    int first = Math.floorMod(preferred.get(), n);
    DmException last = null;
    boolean mayHaveReached = false;
    for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
      if (attempt > 1 && (attempt - 1) % n == 0) {
        pause(retry.backoff((attempt - 1) / n), req);
      }
      int index = (first + attempt - 1) % n;
      URI base = masters.get(index);
      events.attemptStarted(call, base.toString(), attempt);
      try {
        Response r = exchange(call, base, req);
        if (isNotLeader(r)) {
          last = httpFailure(req, r, "the master is not the leader and cannot reach it (38043)");
          events.attemptFailed(call, base.toString(), attempt, last);
          LOG.debug("{} {} on {}: 38043, trying the next master", req.method(), req.pathAndQuery(), base);
          continue;
        }
        if (!req.expected().contains(r.status())) {
          DmHttpException failure = httpFailure(req, r, "unexpected status");
          events.attemptFailed(call, base.toString(), attempt, failure);
          boolean gateway = r.status() == 502 || r.status() == 503 || r.status() == 504;
          if (gateway && req.kind() != Kind.ONCE) {
            last = failure;
            LOG.debug("{} {} on {}: HTTP {}, trying the next master", req.method(), req.pathAndQuery(), base, r.status());
            continue;
          }
          throw failure;
        }
        if (!rememberLeader(URI.create(r.master()))) {
          preferred.set(index);
        }
        events.attemptSucceeded(call, r.master(), attempt, r.status());
        return r;
      } catch (HttpConnectTimeoutException | ConnectException | SSLHandshakeException e) {
        last = transport(req, base, e, false);
        events.attemptFailed(call, base.toString(), attempt, last);
        LOG.debug("{} {}: {} not reached ({}), trying the next master", req.method(), req.pathAndQuery(), base, e.toString());
      } catch (IOException e) {
        mayHaveReached = true;
        DmTransportException failure = transport(req, base, e, true);
        events.attemptFailed(call, base.toString(), attempt, failure);
        if (req.kind() == Kind.ONCE) {
          throw failure;
        }
        last = failure;
        LOG.debug("{} {} on {} failed ({}), a {} call: trying again", req.method(), req.pathAndQuery(), base, e.toString(),
            req.kind());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        DmTransportException failure = new DmTransportException("interrupted while waiting for " + req.method() + " "
            + Secrets.mask(req.pathAndQuery()) + " on " + base, true, e);
        events.attemptFailed(call, base.toString(), attempt, failure);
        throw failure;
      }
    }
    if (last instanceof DmTransportException t && mayHaveReached && !t.mayHaveReachedDm()) {
      throw new DmTransportException(t.getMessage() + " (an earlier attempt may have reached DM)", true, t);
    }
    throw last == null ? new DmTransportException("no master to try", false, null) : last;
  }

  private void pause(Duration d, Request req) {
    if (d.isZero() || d.isNegative()) {
      return;
    }
    LOG.debug("every master failed for {} {}; waiting {} before the next round", req.method(), req.pathAndQuery(), d);
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DmTransportException("interrupted while waiting to retry " + req.method() + " "
          + Secrets.mask(req.pathAndQuery()), true, e);
    }
  }

  /** Sends to one master, following 307/308 to the leader with the same method and body. */
  private Response exchange(DmCall call, URI base, Request req) throws IOException, InterruptedException {
    URI uri = URI.create(base.toString() + req.pathAndQuery());
    for (int hop = 0; ; hop++) {
      HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(requestTimeout);
      if (req.body().isPresent()) {
        b.header("Content-Type", "application/json");
        b.method(req.method(), HttpRequest.BodyPublishers.ofString(req.body().get()));
      } else {
        b.method(req.method(), HttpRequest.BodyPublishers.noBody());
      }
      if (LOG.isDebugEnabled()) {
        LOG.debug("-> {} {}{}", req.method(), Secrets.mask(uri.toString()),
            req.body().map(x -> " " + excerpt(Secrets.mask(x))).orElse(""));
      }
      HttpResponse<String> resp = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      String body = resp.body() == null ? "" : resp.body();
      if (LOG.isDebugEnabled()) {
        LOG.debug("<- {} {} {}: {}", resp.statusCode(), req.method(), Secrets.mask(uri.toString()), excerpt(Secrets.mask(body)));
      }
      int status = resp.statusCode();
      if (status != 307 && status != 308) {
        return new Response(status, body, origin(uri));
      }
      Optional<String> location = resp.headers().firstValue("Location");
      if (location.isEmpty() || hop >= MAX_REDIRECTS) {
        return new Response(status, body, origin(uri));
      }
      URI target = leaderUri(uri, location.get());
      events.redirected(call, uri.toString(), target.toString());
      LOG.debug("{} redirected {} {} to {} (same method and body)", origin(uri), req.method(), req.pathAndQuery(), target);
      rememberLeader(target);
      uri = target;
    }
  }

  /**
   * The redirect target with this client's scheme: DM 5.3–5.4.1 and 6.0.x build the Location as
   * {@code http://<leader><uri>} even when the masters serve TLS (DM-FACTS a.3), so the scheme in it
   * cannot be trusted; host, port, path and query are kept.
   */
  private URI leaderUri(URI current, String location) {
    URI loc = current.resolve(location);
    String authority = loc.getRawAuthority() == null ? current.getRawAuthority() : loc.getRawAuthority();
    String path = loc.getRawPath() == null ? "" : loc.getRawPath();
    String query = loc.getRawQuery() == null ? "" : "?" + loc.getRawQuery();
    return URI.create(scheme + "://" + authority + path + query);
  }

  /** Prefers the configured master at this address from now on; false if it is not configured. */
  private boolean rememberLeader(URI target) {
    for (int i = 0; i < masters.size(); i++) {
      if (masters.get(i).getRawAuthority().equalsIgnoreCase(target.getRawAuthority())) {
        preferred.set(i);
        return true;
      }
    }
    return false;
  }

  private static String origin(URI uri) {
    return uri.getScheme() + "://" + uri.getRawAuthority();
  }

  /** 38043: the gateway's gRPC error (HTTP 500) or the OpenAPI's error body. */
  private static boolean isNotLeader(Response r) {
    if (r.status() < 400) {
      return false;
    }
    String b = r.body();
    return b.contains("code=38043") || b.replace(" ", "").contains("\"error_code\":38043");
  }

  private static DmHttpException httpFailure(Request req, Response r, String what) {
    Optional<DmError> error = errorIn(r.body());
    return new DmHttpException(req.method() + " " + Secrets.mask(req.pathAndQuery()) + " on " + r.master() + " answered HTTP "
        + r.status() + " (" + what + ")" + error.map(e -> ": " + e.flattened()).orElse(r.body().isBlank() ? "" : ": "
        + excerpt(Secrets.mask(r.body()))), r.status(), error, r.body());
  }

  /** DM's error in a body: OpenAPI {@code error_code}/{@code error_msg}, or grpc-gateway {@code message}. */
  static Optional<DmError> errorIn(String body) {
    if (body.isBlank()) {
      return Optional.empty();
    }
    try {
      Node n = Json.object(body, "an error body");
      Optional<String> msg = n.text("error_msg").or(() -> n.text("message")).or(() -> n.text("error"));
      if (msg.isEmpty()) {
        return Optional.empty();
      }
      DmError parsed = ErrorTexts.parseLine(msg.get());
      if (parsed.code().isEmpty() && n.int32("error_code").isPresent() && n.int32("error_code").getAsInt() != 0) {
        int code = n.int32("error_code").getAsInt();
        return Optional.of(new DmError(java.util.OptionalInt.of(code), Optional.empty(), Optional.empty(), Optional.empty(),
            parsed.message(), Optional.empty(), Optional.empty(), Optional.empty()));
      }
      return Optional.of(parsed);
    } catch (DmDecodeException e) {
      return Optional.empty();
    }
  }

  private static DmTransportException transport(Request req, URI base, Exception e, boolean mayHaveReached) {
    String kind = e instanceof HttpTimeoutException ? "timed out" : e instanceof SSLHandshakeException ? "TLS handshake failed"
        : e instanceof ConnectException ? "connection failed" : "I/O failed";
    return new DmTransportException(req.method() + " " + Secrets.mask(req.pathAndQuery()) + " on " + base + ": " + kind + ": "
        + Secrets.mask(String.valueOf(e.getMessage())), mayHaveReached, e);
  }

  static String excerpt(String s) {
    String one = s.strip();
    return one.length() > LOGGED_BODY ? one.substring(0, LOGGED_BODY) + "… (" + one.length() + " chars)" : one;
  }
}
