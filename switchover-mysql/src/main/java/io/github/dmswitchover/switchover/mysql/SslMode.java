package io.github.dmswitchover.switchover.mysql;

/**
 * How a connection uses TLS; the names and meanings are mysql-connector-j's {@code sslMode}.
 */
public enum SslMode {
  /** Plain TCP, never TLS. */
  DISABLED,
  /** TLS when the server offers it, plain TCP otherwise (the driver's default). */
  PREFERRED,
  /** TLS or no connection; the server's certificate is not verified. */
  REQUIRED,
  /** TLS, and the server's certificate must be signed by a trusted CA (the trust store). */
  VERIFY_CA,
  /** As {@link #VERIFY_CA}, and the certificate must name the host connected to. */
  VERIFY_IDENTITY
}
