package io.github.dmswitchover.switchover;

import io.github.dmswitchover.dm.Sleeper;
import io.github.dmswitchover.switchover.spi.SwitchoverJournal;
import io.github.dmswitchover.switchover.spi.SwitchoverLock;
import io.github.dmswitchover.switchover.spi.UpstreamProbe;
import io.github.dmswitchover.switchover.spi.VipMover;
import io.github.dmswitchover.switchover.spi.WorkerReconfigurer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Switches one DM source from its current upstream instance to another instance of the same
 * replication group, the way PROCEDURES.md lays out, checking far more than DM's manual procedure.
 *
 * <p>Two flows: {@link #viaVirtualIp} (DM reads through a virtual IP that is moved) and
 * {@link #byAddressChange} (the source is recreated with the new address). Both start with the
 * same builder calls:
 *
 * <pre>{@code
 * SwitchoverPlan plan = Switchover.viaVirtualIp(dmClient, "mysql-replica-01")
 *     .to(newInstanceProbe)
 *     .from(oldInstanceProbe)                        // optional; the old instance may be down
 *     .throughVip("10.0.0.100:3306", vipProbe, vipMover)
 *     .validate();                                   // a dry run: reads, gates, the steps; acts on nothing
 * System.out.println(plan.toText());
 *
 * SwitchoverReport report = Switchover.viaVirtualIp(dmClient, "mysql-replica-01")
 *     .to(newInstanceProbe).from(oldInstanceProbe)
 *     .throughVip("10.0.0.100:3306", vipProbe, vipMover)
 *     .withJournal(journal)
 *     .execute()                                     // the same gates and steps, then acts
 *     .throwIfNotSucceeded();
 * }</pre>
 *
 * <p>Builders are not thread-safe; {@code validate()} and {@code execute()} may be called any
 * number of times and each reads everything again. A switchover that crashed is resumed by the
 * next {@code execute()} of the same source with the same journal.
 */
public final class Switchover {
  private static final Pattern ADDRESS = Pattern.compile("[^\\s:/]+:\\d{1,5}|\\[[0-9a-fA-F:]+\\]:\\d{1,5}");

  private Switchover() {}

  /**
   * Starts a switchover where DM keeps its address and a virtual IP moves to the new instance.
   *
   * @param dm the DM cluster
   * @param sourceId the DM source to switch
   * @throws IllegalArgumentException if {@code sourceId} is blank
   */
  public static Vip viaVirtualIp(io.github.dmswitchover.dm.DmClient dm, String sourceId) {
    Objects.requireNonNull(dm, "dm");
    return new Vip(DmClientPort.of(dm), sourceId);
  }

  /**
   * Starts a switchover where the DM source is recreated with the new instance's address.
   *
   * @param dm the DM cluster
   * @param sourceId the DM source to switch
   * @throws IllegalArgumentException if {@code sourceId} is blank
   */
  public static Address byAddressChange(io.github.dmswitchover.dm.DmClient dm, String sourceId) {
    Objects.requireNonNull(dm, "dm");
    return new Address(DmClientPort.of(dm), sourceId);
  }

  static Vip viaVirtualIp(DmPort dm, String sourceId) {
    return new Vip(dm, sourceId);
  }

  static Address byAddressChange(DmPort dm, String sourceId) {
    return new Address(dm, sourceId);
  }

  /**
   * What both flows are built from.
   *
   * @param <B> the concrete builder
   */
  public abstract static class Builder<B extends Builder<B>> {
    final DmPort dm;
    final String sourceId;
    UpstreamProbe target;
    UpstreamProbe old;
    final Set<String> tasks = new LinkedHashSet<>();
    SwitchoverPolicy policy = SwitchoverPolicy.defaults();
    SwitchoverJournal journal;
    SwitchoverLock lock;
    Duration lockWait = Duration.ZERO;
    Clock clock = Clock.systemUTC();
    Sleeper sleeper = Sleeper.system();
    final List<SwitchoverListener> listeners = new ArrayList<>();
    String switchoverId;
    String expectedUpstream;

    Builder(DmPort dm, String sourceId) {
      this.dm = Objects.requireNonNull(dm, "dm");
      Objects.requireNonNull(sourceId, "sourceId");
      if (sourceId.isBlank()) {
        throw new IllegalArgumentException("sourceId must not be blank");
      }
      this.sourceId = sourceId;
    }

    abstract B self();

    /** Sets the probe of the new instance N (required). */
    public B to(UpstreamProbe newInstance) {
      this.target = Objects.requireNonNull(newInstance, "newInstance");
      return self();
    }

    /** Sets the probe of the old instance O (optional: O may be down; the gates then check less and say so). */
    public B from(UpstreamProbe oldInstance) {
      this.old = Objects.requireNonNull(oldInstance, "oldInstance");
      return self();
    }

    /**
     * Limits the switchover to these tasks (default: every task on the source). Tasks on the source
     * that are not named keep reading the old instance only in the VIP flow; the address flow needs them all.
     *
     * @throws IllegalArgumentException if a name is blank
     */
    public B tasks(String... names) {
      return tasks(List.of(names));
    }

    /**
     * Limits the switchover to these tasks (default: every task on the source).
     *
     * @throws IllegalArgumentException if a name is blank
     */
    public B tasks(Collection<String> names) {
      for (String t : names) {
        Objects.requireNonNull(t, "task");
        if (t.isBlank()) {
          throw new IllegalArgumentException("a task name must not be blank");
        }
        tasks.add(t);
      }
      return self();
    }

    /** Sets the policies (default {@link SwitchoverPolicy#defaults()}). */
    public B withPolicy(SwitchoverPolicy p) {
      this.policy = Objects.requireNonNull(p, "policy");
      return self();
    }

    /**
     * Sets where steps are journaled (default: a {@link FileSwitchoverJournal} in
     * {@code ~/.dm-switchover/journal}, or the directory in the system property
     * {@code dmswitchover.journal.dir}).
     */
    public B withJournal(SwitchoverJournal j) {
      this.journal = Objects.requireNonNull(j, "journal");
      return self();
    }

    /**
     * Sets the per-source lock and how long to wait for it (default: {@link InProcessSwitchoverLock#shared()},
     * no wait: a second switchover of the same source ends at once with {@link SwitchoverOutcome#LOCKED}).
     *
     * @throws IllegalArgumentException if the wait is negative
     */
    public B withLock(SwitchoverLock l, Duration wait) {
      this.lock = Objects.requireNonNull(l, "lock");
      Objects.requireNonNull(wait, "wait");
      if (wait.isNegative()) {
        throw new IllegalArgumentException("lock wait must not be negative, got " + wait);
      }
      this.lockWait = wait;
      return self();
    }

    /** Sets the clock for timestamps and timeouts (default UTC system clock). */
    public B withClock(Clock c) {
      this.clock = Objects.requireNonNull(c, "clock");
      return self();
    }

    /** Sets how the switchover waits between polls (default {@link Sleeper#SYSTEM}). */
    public B withSleeper(Sleeper s) {
      this.sleeper = Objects.requireNonNull(s, "sleeper");
      return self();
    }

    /** Adds a listener; listeners observe and never change the outcome. */
    public B withListener(SwitchoverListener l) {
      listeners.add(Objects.requireNonNull(l, "listener"));
      return self();
    }

    /**
     * Sets the switchover's id (default: generated). Executing an id the journal records as
     * finished is a no-op that says so ({@link SwitchoverOutcome#ALREADY_DONE}).
     *
     * @throws IllegalArgumentException if blank or longer than 128 characters
     */
    public B withSwitchoverId(String id) {
      Objects.requireNonNull(id, "id");
      if (id.isBlank() || id.length() > 128) {
        throw new IllegalArgumentException("switchover id must be 1 to 128 characters, got '" + id + "'");
      }
      this.switchoverId = id;
      return self();
    }

    /**
     * Sets what the caller believes DM reads now, for gate G8's compare-and-swap: in the VIP flow the
     * identity behind the VIP ({@code server_uuid}, MariaDB {@code domain-server}); in the address flow
     * the source's current {@code host:port}. Default: the old instance's, when {@link #from} is given.
     *
     * @throws IllegalArgumentException if blank
     */
    public B expectingCurrentUpstream(String identityOrAddress) {
      Objects.requireNonNull(identityOrAddress, "identityOrAddress");
      if (identityOrAddress.isBlank()) {
        throw new IllegalArgumentException("the expected current upstream must not be blank");
      }
      this.expectedUpstream = identityOrAddress.strip();
      return self();
    }

    /**
     * Reads DM and the instances, evaluates every gate (waiting, bounded, for a lagging instance to
     * catch up) and returns the plan; acts on nothing.
     *
     * @throws IllegalStateException if a required part ({@link #to}, the VIP, …) was not given
     */
    public SwitchoverPlan validate() {
      Spec s = spec();
      return new Validator(s).dryRun(s.common().switchoverId().orElseGet(() -> Ids.next(clock)));
    }

    /**
     * Validates, then runs the plan's steps under the per-source lock with a journal, compensating
     * on failure; resumes an unfinished switchover of the source found in the journal. Returns the
     * report in every case; {@link SwitchoverReport#throwIfNotSucceeded()} turns failures into
     * exceptions.
     *
     * @throws IllegalStateException if a required part was not given
     */
    public SwitchoverReport execute() {
      return new Executor(spec()).execute();
    }

    abstract Spec spec();

    Spec.Common common(Gates.Flow flow) {
      if (target == null) {
        throw new IllegalStateException("the new instance is missing: call to(probe) before validate() or execute()");
      }
      SwitchoverLock l = lock != null ? lock : InProcessSwitchoverLock.shared();
      return new Spec.Common(flow, dm, sourceId, List.copyOf(tasks), target, Optional.ofNullable(old), policy, Optional.ofNullable(journal), l, lockWait,
          clock, sleeper, new Listeners(listeners), Optional.ofNullable(switchoverId), Optional.ofNullable(expectedUpstream));
    }
  }

  /** Builds a switchover through a virtual IP. Not thread-safe. */
  public static final class Vip extends Builder<Vip> {
    private String vip;
    private UpstreamProbe vipProbe;
    private VipMover mover;

    private Vip(DmPort dm, String sourceId) {
      super(dm, sourceId);
    }

    @Override
    Vip self() {
      return this;
    }

    /**
     * Sets the virtual IP DM reads through, a probe that reaches an instance through it (each read
     * must open a new connection, so that it sees where the VIP leads now), and the mover.
     *
     * @param vipAddress the VIP as DM's source configuration has it, {@code host:port}
     * @throws IllegalArgumentException if the address is not {@code host:port}
     */
    public Vip throughVip(String vipAddress, UpstreamProbe throughVip, VipMover vipMover) {
      Objects.requireNonNull(vipAddress, "vipAddress");
      if (!ADDRESS.matcher(vipAddress).matches()) {
        throw new IllegalArgumentException("the VIP address must be host:port, got '" + vipAddress + "'");
      }
      this.vip = vipAddress;
      this.vipProbe = Objects.requireNonNull(throughVip, "throughVip");
      this.mover = Objects.requireNonNull(vipMover, "vipMover");
      return this;
    }

    @Override
    Spec spec() {
      Spec.Common c = common(Gates.Flow.VIP);
      if (vip == null) {
        throw new IllegalStateException("the VIP is missing: call throughVip(address, probe, mover) before validate() or execute()");
      }
      return new Spec(c, Optional.of(new Spec.VipParts(vip, vipProbe, mover)), Optional.empty());
    }
  }

  /** Builds a switchover that recreates the DM source with a new address. Not thread-safe. */
  public static final class Address extends Builder<Address> {
    private String host;
    private int port;
    private String sourceConfig;
    private String sourcePassword;
    private final Map<String, String> taskConfigs = new LinkedHashMap<>();
    private String targetPassword;
    private WorkerReconfigurer reconfigurer;

    private Address(DmPort dm, String sourceId) {
      super(dm, sourceId);
    }

    @Override
    Address self() {
      return this;
    }

    /**
     * Sets the address DM must use for the new instance (default: the new instance probe's address).
     *
     * @throws IllegalArgumentException if the host is blank or the port is not 1–65535
     */
    public Address toAddress(String newHost, int newPort) {
      Objects.requireNonNull(newHost, "newHost");
      if (newHost.isBlank()) {
        throw new IllegalArgumentException("the new host must not be blank");
      }
      if (newPort < 1 || newPort > 65_535) {
        throw new IllegalArgumentException("the new port must be 1-65535, got " + newPort);
      }
      this.host = newHost.strip();
      this.port = newPort;
      return this;
    }

    /**
     * Sets the complete new source configuration (DM YAML with the password). It may differ from
     * DM's only in the address and credentials; the plan says where it does not. Without it, DM's
     * configuration is used with the new address and {@link #withSourcePassword}.
     */
    public Address withSourceConfig(String yaml) {
      this.sourceConfig = Objects.requireNonNull(yaml, "yaml");
      return this;
    }

    /** Sets the upstream password of the source, which DM returns masked ({@code ******}). */
    public Address withSourcePassword(String password) {
      this.sourcePassword = Objects.requireNonNull(password, "password");
      return this;
    }

    /**
     * Sets a task's complete configuration (DM YAML with passwords), used to start it again after
     * the source is recreated.
     *
     * @throws IllegalArgumentException if the task name is blank
     */
    public Address withTaskConfig(String task, String yaml) {
      Objects.requireNonNull(task, "task");
      if (task.isBlank()) {
        throw new IllegalArgumentException("the task name must not be blank");
      }
      taskConfigs.put(task, Objects.requireNonNull(yaml, "yaml"));
      return this;
    }

    /** Sets the downstream password, put where DM's task configurations have it masked. */
    public Address withTargetPassword(String password) {
      this.targetPassword = Objects.requireNonNull(password, "password");
      return this;
    }

    /** Sets the hook that rewrites and restarts the worker of the source (DM 1.0 only, required there). */
    public Address withWorkerReconfigurer(WorkerReconfigurer hook) {
      this.reconfigurer = Objects.requireNonNull(hook, "hook");
      return this;
    }

    @Override
    Spec spec() {
      Spec.Common c = common(Gates.Flow.ADDRESS);
      return new Spec(c, Optional.empty(), Optional.of(new Spec.AddressParts(Optional.ofNullable(host),
          host == null ? 0 : port, Optional.ofNullable(sourceConfig), Optional.ofNullable(sourcePassword), Map.copyOf(taskConfigs),
          Optional.ofNullable(targetPassword), Optional.ofNullable(reconfigurer))));
    }
  }
}
