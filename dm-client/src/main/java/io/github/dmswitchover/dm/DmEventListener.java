package io.github.dmswitchover.dm;

import java.time.Duration;

/**
 * Observes the calls a {@link DmClient} makes, in paired events (all methods are no-ops by
 * default). A throwing listener is logged at WARN and never changes the outcome.
 *
 * <pre>
 * callStarted
 *   attemptStarted (target 1) ── redirected* ── attemptFailed     (e.g. connection refused)
 *   attemptStarted (target 2) ── redirected* ── attemptSucceeded
 * callSucceeded | callFailed
 * </pre>
 *
 * <p>Every {@code callStarted} is followed by exactly one of {@code callSucceeded} and
 * {@code callFailed}; every {@code attemptStarted} by exactly one of {@code attemptSucceeded} and
 * {@code attemptFailed}. A target is a master's base URL or, for dmctl, the master list.
 * Implementations must be thread-safe: one client serves many threads.
 */
public interface DmEventListener {

  /**
   * A call starts.
   *
   * @param call the call
   */
  default void callStarted(DmCall call) {}

  /**
   * An attempt of the call starts.
   *
   * @param call the call
   * @param target the master (base URL) or dmctl's master list
   * @param attempt 1 for the first attempt
   */
  default void attemptStarted(DmCall call, String target, int attempt) {}

  /**
   * A follower answered 307 and the request is sent again, same method and body, to the leader.
   *
   * @param call the call
   * @param from the URL that redirected
   * @param to the URL followed
   */
  default void redirected(DmCall call, String from, String to) {}

  /**
   * An attempt got an answer the call accepts.
   *
   * @param call the call
   * @param target the master that answered
   * @param attempt the attempt number
   * @param status the HTTP status, or dmctl's exit code
   */
  default void attemptSucceeded(DmCall call, String target, int attempt, int status) {}

  /**
   * An attempt failed; another may follow.
   *
   * @param call the call
   * @param target the master tried
   * @param attempt the attempt number
   * @param failure why
   */
  default void attemptFailed(DmCall call, String target, int attempt, DmException failure) {}

  /**
   * The call succeeded.
   *
   * @param call the call
   * @param elapsed the time it took, by the client's clock
   */
  default void callSucceeded(DmCall call, Duration elapsed) {}

  /**
   * The call failed for good.
   *
   * @param call the call
   * @param elapsed the time it took
   * @param failure the exception the caller receives
   */
  default void callFailed(DmCall call, Duration elapsed, DmException failure) {}
}
