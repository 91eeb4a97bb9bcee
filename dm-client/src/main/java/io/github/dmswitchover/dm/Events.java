package io.github.dmswitchover.dm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivers events to the user's listener; a throwing listener is logged at WARN and ignored. */
final class Events {
  private static final Logger LOG = LoggerFactory.getLogger(Events.class);

  private final DmEventListener listener;
  private final Clock clock;
  private final AtomicLong ids = new AtomicLong();

  Events(DmEventListener listener, Clock clock) {
    this.listener = listener;
    this.clock = clock;
  }

  Clock clock() {
    return clock;
  }

  DmCall newCall(DmOperation op, Surface surface, String request) {
    return new DmCall(ids.incrementAndGet(), op, surface, Secrets.mask(request));
  }

  Instant now() {
    return clock.instant();
  }

  Duration since(Instant start) {
    Duration d = Duration.between(start, clock.instant());
    return d.isNegative() ? Duration.ZERO : d;
  }

  void callStarted(DmCall call) {
    safely("callStarted", () -> listener.callStarted(call));
  }

  void attemptStarted(DmCall call, String target, int attempt) {
    safely("attemptStarted", () -> listener.attemptStarted(call, target, attempt));
  }

  void redirected(DmCall call, String from, String to) {
    safely("redirected", () -> listener.redirected(call, from, to));
  }

  void attemptSucceeded(DmCall call, String target, int attempt, int status) {
    safely("attemptSucceeded", () -> listener.attemptSucceeded(call, target, attempt, status));
  }

  void attemptFailed(DmCall call, String target, int attempt, DmException failure) {
    safely("attemptFailed", () -> listener.attemptFailed(call, target, attempt, failure));
  }

  void callSucceeded(DmCall call, Instant start) {
    Duration elapsed = since(start);
    safely("callSucceeded", () -> listener.callSucceeded(call, elapsed));
  }

  void callFailed(DmCall call, Instant start, DmException failure) {
    Duration elapsed = since(start);
    safely("callFailed", () -> listener.callFailed(call, elapsed, failure));
  }

  private void safely(String event, Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      LOG.warn("DM event listener {} threw in {}; ignored: {}", listener.getClass().getName(), event, e.toString(), e);
    }
  }
}
