package io.github.dmswitchover.examples.vip;

import io.github.dmswitchover.switchover.spi.VipMove;
import io.github.dmswitchover.switchover.spi.VipMoveException;
import io.github.dmswitchover.switchover.spi.VipMover;
import io.github.dmswitchover.testkit.vip.VipForwarder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A {@link VipMover} over a {@link VipForwarder}: {@code prepare} checks that the VIP leads where
 * the move says it does now and that the new instance accepts connections, {@code move} re-targets
 * the forwarder (keeping or cutting open connections, as configured), {@code verify} checks the
 * forwarder's target, and {@code moveBack} re-targets it to the old instance. Faults can be
 * injected per call to test compensation. Thread-safe.
 *
 * <pre>{@code
 * VipMover mover = ForwarderVipMover.of(vip, VipForwarder.OnMove.CUT_CONNECTIONS);
 * mover.failNext(ForwarderVipMover.Call.MOVE, "keepalived did not answer");
 * }</pre>
 */
public final class ForwarderVipMover implements VipMover {

  /** The calls a fault can be injected into. */
  public enum Call { PREPARE, MOVE, VERIFY, MOVE_BACK }

  private final VipForwarder vip;
  private final VipForwarder.OnMove onMove;
  private final List<Fault> faults = new ArrayList<>();
  private final List<String> calls = new ArrayList<>();
  private volatile Consumer<Call> beforeCall = c -> { };

  private record Fault(Call call, String message, boolean afterActing) {}

  private ForwarderVipMover(VipForwarder vip, VipForwarder.OnMove onMove) {
    this.vip = vip;
    this.onMove = onMove;
  }

  /** A mover of {@code vip} that treats open connections as {@code onMove} says. */
  public static ForwarderVipMover of(VipForwarder vip, VipForwarder.OnMove onMove) {
    return new ForwarderVipMover(Objects.requireNonNull(vip, "vip"), Objects.requireNonNull(onMove, "onMove"));
  }

  /** Makes the next {@code call} fail before acting. */
  public synchronized ForwarderVipMover failNext(Call call, String message) {
    faults.add(new Fault(call, message, false));
    return this;
  }

  /** Makes the next {@code call} act and then fail (a move that happened but was reported as failed). */
  public synchronized ForwarderVipMover failNextAfterActing(Call call, String message) {
    faults.add(new Fault(call, message, true));
    return this;
  }

  /** Runs {@code hook} before every call (tests use it to simulate a crash at a precise point). */
  public ForwarderVipMover beforeEachCall(Consumer<Call> hook) {
    this.beforeCall = Objects.requireNonNull(hook, "hook");
    return this;
  }

  /** Returns the calls made so far, e.g. {@code move 127.0.0.1:3307 -> 127.0.0.1:3308}. */
  public synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  @Override
  public String describe() {
    return "loopback forwarder " + vip.host() + ":" + vip.port() + " (" + onMove + ")";
  }

  @Override
  public void prepare(VipMove move, Duration timeout) {
    enter(Call.PREPARE, move);
    Optional<Fault> f = fault(Call.PREPARE);
    f.ifPresent(this::fail);
    String now = vip.target().map(ForwarderVipMover::text).orElse("(detached)");
    if (!now.equals(move.from()) && !now.equals(move.to())) {
      throw new VipMoveException("the VIP " + move.vip() + " leads to " + now + ", not to " + move.from(), null);
    }
    InetSocketAddress to = parse(move.to());
    try (Socket s = new Socket()) {
      s.connect(to, (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis())));
    } catch (IOException e) {
      throw new VipMoveException("the new instance " + move.to() + " does not accept connections: " + e.getMessage(), e);
    }
  }

  @Override
  public void move(VipMove move, Duration timeout) {
    enter(Call.MOVE, move);
    Optional<Fault> f = fault(Call.MOVE);
    if (f.isPresent() && !f.get().afterActing()) {
      fail(f.get());
    }
    vip.moveTo(parse(move.to()), onMove);
    f.ifPresent(this::fail);
  }

  @Override
  public void verify(VipMove move, Duration timeout) {
    enter(Call.VERIFY, move);
    fault(Call.VERIFY).ifPresent(this::fail);
    String now = vip.target().map(ForwarderVipMover::text).orElse("(detached)");
    if (!now.equals(move.to())) {
      throw new VipMoveException("the VIP " + move.vip() + " leads to " + now + ", not to " + move.to(), null);
    }
  }

  @Override
  public void moveBack(VipMove move, Duration timeout) {
    enter(Call.MOVE_BACK, move);
    Optional<Fault> f = fault(Call.MOVE_BACK);
    if (f.isPresent() && !f.get().afterActing()) {
      fail(f.get());
    }
    vip.moveTo(parse(move.from()), onMove);
    f.ifPresent(this::fail);
  }

  private void enter(Call call, VipMove move) {
    synchronized (this) {
      calls.add(call.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + " " + move.from() + " -> " + move.to());
    }
    beforeCall.accept(call);
  }

  private synchronized Optional<Fault> fault(Call call) {
    for (int i = 0; i < faults.size(); i++) {
      if (faults.get(i).call() == call) {
        return Optional.of(faults.remove(i));
      }
    }
    return Optional.empty();
  }

  private void fail(Fault f) {
    throw new VipMoveException(f.message(), null);
  }

  private static String text(InetSocketAddress a) {
    return a.getHostString() + ":" + a.getPort();
  }

  private static InetSocketAddress parse(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    if (colon < 1) {
      throw new VipMoveException("not a host:port address: " + hostPort, null);
    }
    try {
      return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    } catch (NumberFormatException e) {
      throw new VipMoveException("not a host:port address: " + hostPort, e);
    }
  }
}
