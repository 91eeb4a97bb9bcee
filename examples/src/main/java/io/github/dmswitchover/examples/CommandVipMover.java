package io.github.dmswitchover.examples;

import io.github.dmswitchover.switchover.spi.VipMove;
import io.github.dmswitchover.switchover.spi.VipMoveException;
import io.github.dmswitchover.switchover.spi.VipMover;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A keepalived-style {@link VipMover} that runs the operator's own commands, e.g. over SSH:
 *
 * <pre>{@code
 * VipMover mover = CommandVipMover.builder("keepalived on 10.0.0.100")
 *     .prepare("ssh", "{to}", "systemctl", "is-active", "keepalived")
 *     .move("ssh", "{from}", "systemctl", "stop", "keepalived")       // the peer takes the VIP over
 *     .verify("ssh", "{to}", "ip", "-brief", "address", "show", "to", "10.0.0.100")
 *     .moveBack("ssh", "{from}", "systemctl", "start", "keepalived")
 *     .build();
 * }</pre>
 *
 * <p>In each argument {@code {vip}}, {@code {from}} and {@code {to}} become the move's addresses
 * and {@code {fromHost}}, {@code {toHost}} their hosts. A command must exit 0 within the timeout;
 * otherwise the call throws with the command's exit code and the last lines it printed. Commands
 * must be idempotent, as a resumed switchover may repeat them. Immutable and thread-safe.
 */
public final class CommandVipMover implements VipMover {
  private final String description;
  private final List<String> prepare;
  private final List<String> move;
  private final List<String> verify;
  private final List<String> moveBack;

  private CommandVipMover(Builder b) {
    this.description = b.description;
    this.prepare = List.copyOf(b.prepare);
    this.move = List.copyOf(b.move);
    this.verify = List.copyOf(b.verify);
    this.moveBack = List.copyOf(b.moveBack);
  }

  /** Starts a mover described as {@code description} in reports. */
  public static Builder builder(String description) {
    return new Builder(description);
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public void prepare(VipMove m, Duration timeout) {
    run("prepare", prepare, m, timeout);
  }

  @Override
  public void move(VipMove m, Duration timeout) {
    run("move", move, m, timeout);
  }

  @Override
  public void verify(VipMove m, Duration timeout) {
    run("verify", verify, m, timeout);
  }

  @Override
  public void moveBack(VipMove m, Duration timeout) {
    run("move back", moveBack, m, timeout);
  }

  private static void run(String what, List<String> template, VipMove m, Duration timeout) {
    if (template.isEmpty()) {
      return;
    }
    List<String> command = new ArrayList<>();
    for (String arg : template) {
      command.add(arg.replace("{vip}", m.vip()).replace("{from}", m.from()).replace("{to}", m.to())
          .replace("{fromHost}", host(m.from())).replace("{toHost}", host(m.to())));
    }
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getOutputStream().close();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new VipMoveException(what + " did not finish within " + timeout + ": " + String.join(" ", command), null);
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (p.exitValue() != 0) {
        String tail = out.length() > 400 ? out.substring(out.length() - 400) : out;
        throw new VipMoveException(what + " failed with exit code " + p.exitValue() + ": " + String.join(" ", command)
            + (tail.isEmpty() ? "" : ": " + tail), null);
      }
    } catch (IOException e) {
      throw new VipMoveException(what + " could not run " + command.get(0) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new VipMoveException(what + " was interrupted", e);
    }
  }

  private static String host(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    return colon < 0 ? hostPort : hostPort.substring(0, colon);
  }

  /** Builds a {@link CommandVipMover}; not thread-safe. */
  public static final class Builder {
    private final String description;
    private List<String> prepare = List.of();
    private List<String> move = List.of();
    private List<String> verify = List.of();
    private List<String> moveBack = List.of();

    private Builder(String description) {
      this.description = Objects.requireNonNull(description, "description");
    }

    /** The command that checks the move can happen (optional). */
    public Builder prepare(String... command) {
      this.prepare = List.of(command);
      return this;
    }

    /** The command that moves the VIP (required). */
    public Builder move(String... command) {
      this.move = List.of(command);
      return this;
    }

    /** The command that checks the VIP is on the new host (optional). */
    public Builder verify(String... command) {
      this.verify = List.of(command);
      return this;
    }

    /** The command that moves the VIP back (required: the switchover compensates with it). */
    public Builder moveBack(String... command) {
      this.moveBack = List.of(command);
      return this;
    }

    /**
     * Builds the mover.
     *
     * @throws IllegalStateException if the move or move-back command is missing
     */
    public CommandVipMover build() {
      if (move.isEmpty() || moveBack.isEmpty()) {
        throw new IllegalStateException("a CommandVipMover needs both a move and a moveBack command");
      }
      return new CommandVipMover(this);
    }
  }
}
