package io.github.dmswitchover.testkit.internal.binlog;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import javax.crypto.Cipher;

/**
 * The authentication responses of {@code mysql_native_password} and {@code caching_sha2_password}.
 *
 * <ul>
 *   <li>native: {@code SHA1(password) XOR SHA1(scramble + SHA1(SHA1(password)))};
 *   <li>caching_sha2 (fast path): {@code SHA256(password) XOR SHA256(SHA256(SHA256(password)) + scramble)};
 *   <li>caching_sha2 (full authentication without TLS): the password, NUL-terminated, XOR the scramble
 *       (repeated), encrypted with the server's RSA public key (RSA/ECB/OAEP with SHA-1 and MGF1).
 * </ul>
 *
 * An empty password gives an empty response.
 */
final class AuthScrambles {
  static final String NATIVE = "mysql_native_password";
  static final String CACHING_SHA2 = "caching_sha2_password";

  private AuthScrambles() {}

  /** Returns whether this client can answer {@code plugin}. */
  static boolean supports(String plugin) {
    return NATIVE.equals(plugin) || CACHING_SHA2.equals(plugin);
  }

  /** Returns the first response for {@code plugin}; the plugin must be {@link #supports supported}. */
  static byte[] scramble(String plugin, String password, byte[] nonce) {
    if (NATIVE.equals(plugin)) {
      return nativePassword(password, nonce);
    }
    if (CACHING_SHA2.equals(plugin)) {
      return cachingSha2(password, nonce);
    }
    throw new IllegalArgumentException("unsupported authentication plugin " + plugin);
  }

  static byte[] nativePassword(String password, byte[] nonce) {
    if (password.isEmpty()) {
      return new byte[0];
    }
    MessageDigest sha1 = digest("SHA-1");
    byte[] stage1 = sha1.digest(password.getBytes(StandardCharsets.UTF_8));
    byte[] stage2 = sha1.digest(stage1);
    sha1.update(nonce);
    sha1.update(stage2);
    return xor(stage1, sha1.digest());
  }

  static byte[] cachingSha2(String password, byte[] nonce) {
    if (password.isEmpty()) {
      return new byte[0];
    }
    MessageDigest sha256 = digest("SHA-256");
    byte[] stage1 = sha256.digest(password.getBytes(StandardCharsets.UTF_8));
    byte[] stage2 = sha256.digest(stage1);
    sha256.update(stage2);
    sha256.update(nonce);
    return xor(stage1, sha256.digest());
  }

  /**
   * Encrypts the password for caching_sha2_password's full authentication over a connection
   * without TLS.
   *
   * @throws BinlogProtocolException if the key is not an RSA public key in PEM form
   */
  static byte[] rsaEncryptedPassword(String password, byte[] nonce, String pemPublicKey) {
    byte[] plain = (password + '\0').getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < plain.length; i++) {
      plain[i] ^= nonce[i % nonce.length];
    }
    try {
      Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
      cipher.init(Cipher.ENCRYPT_MODE, parsePublicKey(pemPublicKey));
      return cipher.doFinal(plain);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new BinlogProtocolException("cannot encrypt the password with the server's public key: " + e, e);
    }
  }

  static PublicKey parsePublicKey(String pem) throws GeneralSecurityException {
    String base64 = pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "")
        .replaceAll("\\s", "");
    byte[] der = Base64.getDecoder().decode(base64);
    return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
  }

  private static byte[] xor(byte[] a, byte[] b) {
    byte[] out = new byte[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = (byte) (a[i] ^ b[i]);
    }
    return out;
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is missing from this JDK", e);
    }
  }
}
