package io.github.dmswitchover.switchover.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * An instance could not be read. The kind says how to react; the message names the instance and
 * what was wrong, never a credential.
 */
public class ProbeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why the instance could not be read. */
  public enum Kind {
    /** Nothing answered (connection refused, no route, DNS). */
    UNREACHABLE,
    /** The user was refused, or lacks a privilege the reading needs ({@link #missingPrivilege()}). */
    ACCESS_DENIED,
    /** The instance did not answer in time. */
    TIMEOUT,
    /** The instance does not use GTIDs (MySQL {@code gtid_mode} not ON, or no binary log). */
    NO_GTID,
    /** A statement failed for another reason. */
    QUERY_FAILED
  }

  private final Kind kind;
  private final String address;
  private final String missingPrivilege;

  /**
   * Creates the exception.
   *
   * @param kind why the reading failed
   * @param address the instance's {@code host:port}
   * @param message what was wrong (no credentials)
   * @param missingPrivilege the privilege the user lacks, or {@code null} when not known or not relevant
   * @param cause the underlying error, or {@code null}
   */
  public ProbeException(Kind kind, String address, String message, String missingPrivilege, Throwable cause) {
    super(address + ": " + message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.address = Objects.requireNonNull(address, "address");
    this.missingPrivilege = missingPrivilege;
  }

  /** Returns why the reading failed. */
  public Kind kind() {
    return kind;
  }

  /** Returns the instance's {@code host:port}. */
  public String address() {
    return address;
  }

  /** Returns the privilege the user lacks, when the server said which. */
  public Optional<String> missingPrivilege() {
    return Optional.ofNullable(missingPrivilege);
  }
}
