package io.github.dmswitchover.testkit.dm;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** TLS contexts from the PEM files DM uses ({@code ssl-ca}, {@code ssl-cert}, {@code ssl-key}; keys in PKCS#8). */
final class PemTls {
  private PemTls() {}

  static SSLContext context(Optional<Path> ca, Optional<Path> cert, Optional<Path> key) throws IOException, GeneralSecurityException {
    TrustManagerFactory tmf = null;
    if (ca.isPresent()) {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      int i = 0;
      for (Certificate c : certificates(ca.get())) {
        trust.setCertificateEntry("ca" + i++, c);
      }
      tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
    }
    KeyManagerFactory kmf = null;
    if (cert.isPresent() && key.isPresent()) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      char[] pw = "dm".toCharArray();
      ks.setKeyEntry("key", privateKey(key.get()), pw, certificates(cert.get()).toArray(Certificate[]::new));
      kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, pw);
    }
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
    return ctx;
  }

  static List<Certificate> certificates(Path pem) throws IOException, GeneralSecurityException {
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    List<Certificate> out = new ArrayList<>(cf.generateCertificates(new ByteArrayInputStream(Files.readAllBytes(pem))));
    if (out.isEmpty()) {
      throw new GeneralSecurityException(pem + " holds no certificate");
    }
    return out;
  }

  static PrivateKey privateKey(Path pem) throws IOException, GeneralSecurityException {
    String text = Files.readString(pem, StandardCharsets.US_ASCII);
    if (text.contains("BEGIN RSA PRIVATE KEY") || text.contains("BEGIN EC PRIVATE KEY")) {
      throw new GeneralSecurityException(pem + " holds a PKCS#1/SEC1 key; convert it to PKCS#8 ("
          + "openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem)");
    }
    int begin = text.indexOf("-----BEGIN PRIVATE KEY-----");
    int end = text.indexOf("-----END PRIVATE KEY-----");
    if (begin < 0 || end < 0) {
      throw new GeneralSecurityException(pem + " holds no PKCS#8 private key");
    }
    byte[] der = Base64.getMimeDecoder().decode(text.substring(begin + 27, end));
    for (String alg : List.of("RSA", "EC", "Ed25519")) {
      try {
        return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // Try the next algorithm.
      }
    }
    throw new GeneralSecurityException(pem + ": unsupported private key algorithm");
  }
}
