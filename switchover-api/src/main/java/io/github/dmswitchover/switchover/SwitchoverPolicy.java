package io.github.dmswitchover.switchover;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * How a switchover decides and waits: the catch-up wait, errant transactions the caller accepts,
 * shard DDL locks, unknown DM versions, the expected pause window. Immutable and thread-safe; built
 * with {@link #builder()} (the defaults are the safe choices).
 */
public final class SwitchoverPolicy {
  /** What to do about unresolved shard DDL locks (gate G7). */
  public enum DdlLockPolicy {
    /** Refuse while a lock is unresolved (default). */
    REFUSE,
    /** Wait, up to {@link #ddlLockWait()}, for the locks to clear. */
    WAIT
  }

  /** What to do with a DM version the library does not know. */
  public enum VersionPolicy {
    /** Refuse versions outside 1.0–8.5 and the known newer releases (default). */
    STRICT,
    /** Treat an unknown version like the nearest known one, and say so in the report. */
    LENIENT
  }

  private final Duration catchUpTimeout;
  private final Set<String> allowedErrantSources;
  private final DdlLockPolicy ddlLocks;
  private final Duration ddlLockWait;
  private final VersionPolicy versionPolicy;
  private final Duration expectedPauseWindow;
  private final Duration pauseTimeout;
  private final int vipIdentityReads;
  private final Duration verifyTimeout;
  private final boolean moveBackAfterResumeFailure;
  private final Duration stepTimeout;
  private final Duration pollInterval;

  private SwitchoverPolicy(Builder b) {
    this.catchUpTimeout = b.catchUpTimeout;
    this.allowedErrantSources = Collections.unmodifiableSet(new LinkedHashSet<>(b.allowedErrantSources));
    this.ddlLocks = b.ddlLocks;
    this.ddlLockWait = b.ddlLockWait;
    this.versionPolicy = b.versionPolicy;
    this.expectedPauseWindow = b.expectedPauseWindow;
    this.pauseTimeout = b.pauseTimeout;
    this.vipIdentityReads = b.vipIdentityReads;
    this.verifyTimeout = b.verifyTimeout;
    this.moveBackAfterResumeFailure = b.moveBackAfterResumeFailure;
    this.stepTimeout = b.stepTimeout;
    this.pollInterval = b.pollInterval;
  }

  /** Returns the defaults. */
  public static SwitchoverPolicy defaults() {
    return builder().build();
  }

  /** Returns a builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder holding this policy. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.catchUpTimeout = catchUpTimeout;
    b.allowedErrantSources.addAll(allowedErrantSources);
    b.ddlLocks = ddlLocks;
    b.ddlLockWait = ddlLockWait;
    b.versionPolicy = versionPolicy;
    b.expectedPauseWindow = expectedPauseWindow;
    b.pauseTimeout = pauseTimeout;
    b.vipIdentityReads = vipIdentityReads;
    b.verifyTimeout = verifyTimeout;
    b.moveBackAfterResumeFailure = moveBackAfterResumeFailure;
    b.stepTimeout = stepTimeout;
    b.pollInterval = pollInterval;
    return b;
  }

  /** Returns how long to wait for the new instance to execute DM's positions (gate G3); default 2 minutes. */
  public Duration catchUpTimeout() {
    return catchUpTimeout;
  }

  /** Returns the sources (server UUIDs, lower case) whose errant transactions the caller accepts (gate G6). */
  public Set<String> allowedErrantSources() {
    return allowedErrantSources;
  }

  /** Returns what to do about unresolved shard DDL locks. */
  public DdlLockPolicy ddlLocks() {
    return ddlLocks;
  }

  /** Returns how long to wait for shard DDL locks to clear with {@link DdlLockPolicy#WAIT}; default 5 minutes. */
  public Duration ddlLockWait() {
    return ddlLockWait;
  }

  /** Returns what to do with an unknown DM version. */
  public VersionPolicy versionPolicy() {
    return versionPolicy;
  }

  /** Returns how long the tasks are expected to stay paused (gate G9); default 15 minutes. */
  public Duration expectedPauseWindow() {
    return expectedPauseWindow;
  }

  /** Returns how long to wait for DM to report the tasks paused; default 1 minute. */
  public Duration pauseTimeout() {
    return pauseTimeout;
  }

  /** Returns how many times the identity behind the VIP is read to prove a move; default 5. */
  public int vipIdentityReads() {
    return vipIdentityReads;
  }

  /** Returns how long post-switch verification may take; default 2 minutes. */
  public Duration verifyTimeout() {
    return verifyTimeout;
  }

  /** Returns whether a failure to resume after the switch moves the VIP back (default false: needs attention). */
  public boolean moveBackAfterResumeFailure() {
    return moveBackAfterResumeFailure;
  }

  /** Returns the timeout of each VIP mover call and DM action; default 1 minute. */
  public Duration stepTimeout() {
    return stepTimeout;
  }

  /** Returns how long the switchover waits between two polls of DM or an instance (default 1 s). */
  public Duration pollInterval() {
    return pollInterval;
  }

  /** Builds a {@link SwitchoverPolicy}; not thread-safe. */
  public static final class Builder {
    private Duration catchUpTimeout = Duration.ofMinutes(2);
    private final Set<String> allowedErrantSources = new LinkedHashSet<>();
    private DdlLockPolicy ddlLocks = DdlLockPolicy.REFUSE;
    private Duration ddlLockWait = Duration.ofMinutes(5);
    private VersionPolicy versionPolicy = VersionPolicy.STRICT;
    private Duration expectedPauseWindow = Duration.ofMinutes(15);
    private Duration pauseTimeout = Duration.ofMinutes(1);
    private int vipIdentityReads = 5;
    private Duration verifyTimeout = Duration.ofMinutes(2);
    private boolean moveBackAfterResumeFailure;
    private Duration stepTimeout = Duration.ofMinutes(1);
    private Duration pollInterval = Duration.ofSeconds(1);

    private Builder() {}

    /**
     * Sets the catch-up wait of gate G3.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder withCatchUpTimeout(Duration timeout) {
      this.catchUpTimeout = notNegative(timeout, "catchUpTimeout");
      return this;
    }

    /**
     * Accepts transactions written only on the new instance by these server UUIDs (gate G6); the
     * acceptance is recorded in the report.
     */
    public Builder withAllowedErrantUuids(UUID... uuids) {
      for (UUID u : uuids) {
        allowedErrantSources.add(Objects.requireNonNull(u, "uuid").toString().toLowerCase(Locale.ROOT));
      }
      return this;
    }

    /**
     * Accepts errant transactions of MariaDB domains ({@code domain 0}) or UUID texts.
     *
     * @throws IllegalArgumentException if a source is blank
     */
    public Builder withAllowedErrantSources(String... sources) {
      for (String s : sources) {
        Objects.requireNonNull(s, "source");
        if (s.isBlank()) {
          throw new IllegalArgumentException("an allowed errant source must not be blank");
        }
        allowedErrantSources.add(s.strip().toLowerCase(Locale.ROOT));
      }
      return this;
    }

    /** Refuses while shard DDL locks are unresolved (the default). */
    public Builder withRefusalOnDdlLocks() {
      this.ddlLocks = DdlLockPolicy.REFUSE;
      return this;
    }

    /**
     * Waits up to {@code wait} for shard DDL locks to clear before refusing.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder withWaitForDdlLocks(Duration wait) {
      this.ddlLocks = DdlLockPolicy.WAIT;
      this.ddlLockWait = notNegative(wait, "ddlLockWait");
      return this;
    }

    /** Sets what to do with an unknown DM version (default {@link VersionPolicy#STRICT}). */
    public Builder withVersionPolicy(VersionPolicy policy) {
      this.versionPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Sets how long the tasks are expected to stay paused (gate G9).
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder withExpectedPauseWindow(Duration window) {
      this.expectedPauseWindow = notNegative(window, "expectedPauseWindow");
      return this;
    }

    /**
     * Sets how long to wait for DM to report the tasks paused.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder withPauseTimeout(Duration timeout) {
      this.pauseTimeout = positive(timeout, "pauseTimeout");
      return this;
    }

    /**
     * Sets how many times the identity behind the VIP is read after the move.
     *
     * @throws IllegalArgumentException if below 1
     */
    public Builder withVipIdentityReads(int reads) {
      if (reads < 1) {
        throw new IllegalArgumentException("vipIdentityReads must be at least 1, got " + reads);
      }
      this.vipIdentityReads = reads;
      return this;
    }

    /**
     * Sets how long post-switch verification may take.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder withVerifyTimeout(Duration timeout) {
      this.verifyTimeout = positive(timeout, "verifyTimeout");
      return this;
    }

    /** Moves the VIP back when the tasks cannot be resumed after the switch (default: report "needs attention"). */
    public Builder withMoveBackAfterResumeFailure(boolean moveBack) {
      this.moveBackAfterResumeFailure = moveBack;
      return this;
    }

    /**
     * Sets the timeout of each VIP mover call and DM action.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder withStepTimeout(Duration timeout) {
      this.stepTimeout = positive(timeout, "stepTimeout");
      return this;
    }

    /**
     * Sets how long to wait between two polls of DM or an instance (pause, verification, waits).
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder withPollInterval(Duration interval) {
      this.pollInterval = positive(interval, "pollInterval");
      return this;
    }

    /** Builds the policy. */
    public SwitchoverPolicy build() {
      return new SwitchoverPolicy(this);
    }

    private static Duration notNegative(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative, got " + d);
      }
      return d;
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive, got " + d);
      }
      return d;
    }
  }
}
