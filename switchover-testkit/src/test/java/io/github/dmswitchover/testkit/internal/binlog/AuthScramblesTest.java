package io.github.dmswitchover.testkit.internal.binlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import org.junit.jupiter.api.Test;

class AuthScramblesTest {
  /** The nonce 0x01 … 0x14; the vectors below were computed from the algorithm definitions with another tool. */
  private static final byte[] NONCE = nonce();

  private static byte[] nonce() {
    byte[] n = new byte[20];
    for (int i = 0; i < n.length; i++) {
      n[i] = (byte) (i + 1);
    }
    return n;
  }

  @Test
  void nativePassword_knownVector() {
    assertThat(HexFormat.of().formatHex(AuthScrambles.nativePassword("secret", NONCE)))
        .isEqualTo("b32bb3a583e1340c0a1108d58b1be49781ad8c2f");
  }

  @Test
  void nativePassword_passesTheServersCheckAgainstTheStoredHash() throws Exception {
    // The server stores SHA1(SHA1(password)); PASSWORD('password') is *2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19.
    byte[] stored = HexFormat.of().parseHex("2470c0c06dee42fd1618bb99005adca2ec9d1e19");
    byte[] response = AuthScrambles.nativePassword("password", NONCE);
    MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
    sha1.update(NONCE);
    sha1.update(stored);
    byte[] mask = sha1.digest();
    byte[] stage1 = new byte[20];
    for (int i = 0; i < 20; i++) {
      stage1[i] = (byte) (response[i] ^ mask[i]);
    }
    assertThat(sha1.digest(stage1)).isEqualTo(stored);
  }

  @Test
  void cachingSha2_knownVector() {
    assertThat(HexFormat.of().formatHex(AuthScrambles.cachingSha2("secret", NONCE)))
        .isEqualTo("746ebe205d56a0707acb3e796e834e0dd7b1d61743b26bd5202c7a623230c7c9");
  }

  @Test
  void cachingSha2_passesTheServersFastPathCheck() throws Exception {
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    byte[] stored = sha256.digest(sha256.digest("pässword".getBytes(StandardCharsets.UTF_8)));
    byte[] response = AuthScrambles.cachingSha2("pässword", NONCE);
    sha256.update(stored);
    sha256.update(NONCE);
    byte[] mask = sha256.digest();
    byte[] stage1 = new byte[32];
    for (int i = 0; i < 32; i++) {
      stage1[i] = (byte) (response[i] ^ mask[i]);
    }
    assertThat(sha256.digest(stage1)).isEqualTo(stored);
  }

  @Test
  void scramble_emptyPassword_isEmptyForBothPlugins() {
    assertThat(AuthScrambles.scramble(AuthScrambles.NATIVE, "", NONCE)).isEmpty();
    assertThat(AuthScrambles.scramble(AuthScrambles.CACHING_SHA2, "", NONCE)).isEmpty();
  }

  @Test
  void scramble_unsupportedPlugin_fails() {
    assertThat(AuthScrambles.supports("client_ed25519")).isFalse();
    assertThatThrownBy(() -> AuthScrambles.scramble("client_ed25519", "x", NONCE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("client_ed25519");
  }

  @Test
  void rsaEncryptedPassword_decryptsToThePasswordXorTheNonce() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pair = generator.generateKeyPair();
    String pem = "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pair.getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n";

    byte[] encrypted = AuthScrambles.rsaEncryptedPassword("a-rather-long-password-of-30b", NONCE, pem);

    Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
    cipher.init(Cipher.DECRYPT_MODE, pair.getPrivate());
    byte[] plain = cipher.doFinal(encrypted);
    for (int i = 0; i < plain.length; i++) {
      plain[i] ^= NONCE[i % NONCE.length];
    }
    assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo("a-rather-long-password-of-30b\0");
  }

  @Test
  void rsaEncryptedPassword_notAKey_failsWithoutThePassword() {
    assertThatThrownBy(() -> AuthScrambles.rsaEncryptedPassword("hunter2", NONCE, "not a key"))
        .isInstanceOf(BinlogProtocolException.class)
        .hasMessageContaining("public key")
        .hasMessageNotContaining("hunter2");
    assertThat(Arrays.equals(NONCE, nonce())).as("the nonce is not changed").isTrue();
  }
}
