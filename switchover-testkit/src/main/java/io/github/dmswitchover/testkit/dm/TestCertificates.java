package io.github.dmswitchover.testkit.dm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * A throw-away certificate authority with a server and a client certificate, written as the PEM
 * files DM uses ({@code ssl-ca}, {@code ssl-cert}, {@code ssl-key}; keys in PKCS#8), for testing TLS
 * against the simulator. Created with the JDK's {@code keytool}.
 *
 * @param ca the CA certificate
 * @param serverCert the server certificate (for {@code 127.0.0.1} and {@code localhost})
 * @param serverKey the server's private key
 * @param clientCert the client certificate (CN {@code dm-client})
 * @param clientKey the client's private key
 */
public record TestCertificates(Path ca, Path serverCert, Path serverKey, Path clientCert, Path clientKey) {

  private static final String PASSWORD = "dm-simulator";

  /**
   * Creates the files in {@code dir}.
   *
   * @throws UncheckedIOException if keytool fails
   */
  public static TestCertificates create(Path dir) {
    try {
      Files.createDirectories(dir);
      Path ca = dir.resolve("ca.p12");
      keytool(dir, "-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=dm-simulator-ca",
          "-ext", "bc:c", "-validity", "3650", "-keystore", ca.toString(), "-storetype", "PKCS12",
          "-storepass", PASSWORD, "-keypass", PASSWORD);
      keytool(dir, "-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-storepass", PASSWORD,
          "-file", dir.resolve("ca.pem").toString());
      issue(dir, ca, "server", "CN=127.0.0.1", "san=ip:127.0.0.1,dns:localhost");
      issue(dir, ca, "client", "CN=dm-client", null);
      return new TestCertificates(dir.resolve("ca.pem"), dir.resolve("server.pem"), dir.resolve("server-key.pem"),
          dir.resolve("client.pem"), dir.resolve("client-key.pem"));
    } catch (IOException | GeneralSecurityException e) {
      throw new UncheckedIOException(new IOException("cannot create test certificates in " + dir + ": " + e.getMessage(), e));
    }
  }

  private static void issue(Path dir, Path ca, String name, String dname, String san) throws IOException, GeneralSecurityException {
    Path store = dir.resolve(name + ".p12");
    keytool(dir, "-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize", "2048", "-dname", dname, "-validity", "3650",
        "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD);
    Path csr = dir.resolve(name + ".csr");
    keytool(dir, "-certreq", "-alias", name, "-keystore", store.toString(), "-storepass", PASSWORD, "-file", csr.toString());
    List<String> gencert = new ArrayList<>(List.of("-gencert", "-rfc", "-alias", "ca", "-keystore", ca.toString(),
        "-storepass", PASSWORD, "-validity", "3650", "-infile", csr.toString(), "-outfile", dir.resolve(name + ".pem").toString()));
    if (san != null) {
      gencert.add("-ext");
      gencert.add(san);
    }
    keytool(dir, gencert.toArray(String[]::new));
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      ks.load(in, PASSWORD.toCharArray());
    }
    Key key = ks.getKey(name, PASSWORD.toCharArray());
    String pem = "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
    Files.writeString(dir.resolve(name + "-key.pem"), pem, StandardCharsets.US_ASCII);
  }

  private static void keytool(Path dir, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    try (OutputStream in = p.getOutputStream()) {
      in.flush();
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IOException("keytool " + args[0] + " failed: " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running keytool", e);
    }
  }

  /** A server context presenting the server certificate and trusting the CA (for client certificates). */
  public SSLContext serverContext() {
    return context(Optional.of(ca), Optional.of(serverCert), Optional.of(serverKey));
  }

  /** A client context trusting the CA and presenting the client certificate. */
  public SSLContext clientContext() {
    return context(Optional.of(ca), Optional.of(clientCert), Optional.of(clientKey));
  }

  private static SSLContext context(Optional<Path> ca, Optional<Path> cert, Optional<Path> key) {
    try {
      return PemTls.context(ca, cert, key);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot build a TLS context from the test certificates: " + e.getMessage(), e);
    }
  }
}
