package io.github.dmswitchover.dm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Test doubles: a listener that records its events, a sleeper that records and never waits. */
final class Recording {
  private Recording() {}

  /** Records every event as a line such as {@code attemptFailed 2 http://127.0.0.1:1234 DmTransportException}. */
  static final class Listener implements DmEventListener {
    final List<String> events = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void callStarted(DmCall call) {
      events.add("callStarted " + call.request());
    }

    @Override
    public void attemptStarted(DmCall call, String target, int attempt) {
      events.add("attemptStarted " + attempt + " " + target);
    }

    @Override
    public void redirected(DmCall call, String from, String to) {
      events.add("redirected " + from + " -> " + to);
    }

    @Override
    public void attemptSucceeded(DmCall call, String target, int attempt, int status) {
      events.add("attemptSucceeded " + attempt + " " + target + " " + status);
    }

    @Override
    public void attemptFailed(DmCall call, String target, int attempt, DmException failure) {
      events.add("attemptFailed " + attempt + " " + target + " " + failure.getClass().getSimpleName());
    }

    @Override
    public void callSucceeded(DmCall call, Duration elapsed) {
      events.add("callSucceeded " + call.request());
    }

    @Override
    public void callFailed(DmCall call, Duration elapsed, DmException failure) {
      events.add("callFailed " + call.request() + " " + failure.getClass().getSimpleName());
    }

    List<String> snapshot() {
      synchronized (events) {
        return List.copyOf(events);
      }
    }

    void clear() {
      events.clear();
    }
  }

  /** Records the waits asked for and returns at once, running an action on a chosen wait. */
  static final class Sleeper implements io.github.dmswitchover.dm.Sleeper {
    final List<Duration> slept = Collections.synchronizedList(new ArrayList<>());
    private final int onWait;
    private final Runnable action;

    Sleeper() {
      this(-1, () -> { });
    }

    /** Runs {@code action} on the {@code onWait}-th wait (1-based), standing for time passing. */
    Sleeper(int onWait, Runnable action) {
      this.onWait = onWait;
      this.action = action;
    }

    @Override
    public void sleep(Duration duration) {
      slept.add(duration);
      if (slept.size() == onWait) {
        action.run();
      }
    }
  }
}
