package io.github.dmswitchover.dm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dmswitchover.testkit.dm.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PEM files as DM writes them: PKCS#8 keys, and PKCS#1 RSA keys wrapped into PKCS#8. */
class PemTlsTest {
  @TempDir
  Path tmp;

  @Test
  void pkcs8AndPkcs1_giveTheSameKey_andAContext() throws Exception {
    TestCertificates certs = TestCertificates.create(tmp.resolve("certs"));
    PrivateKey pkcs8 = PemTls.privateKey(certs.clientKey());
    Path pkcs1File = tmp.resolve("client-key-pkcs1.pem");
    Files.writeString(pkcs1File, "-----BEGIN RSA PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(innerPkcs1(pkcs8.getEncoded()))
        + "\n-----END RSA PRIVATE KEY-----\n", StandardCharsets.US_ASCII);
    PrivateKey pkcs1 = PemTls.privateKey(pkcs1File);
    assertThat(pkcs1.getEncoded()).isEqualTo(pkcs8.getEncoded());
    SSLContext ctx = PemTls.context(certs.ca(), Optional.of(certs.clientCert()), Optional.of(pkcs1File));
    assertThat(ctx.getProtocol()).isEqualTo("TLS");
  }

  @Test
  void sec1AndEncryptedKeys_refusedWithTheConversion() throws Exception {
    Path ec = Files.writeString(tmp.resolve("ec.pem"), "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n");
    assertThatThrownBy(() -> PemTls.privateKey(ec)).isInstanceOf(GeneralSecurityException.class)
        .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
    Path enc = Files.writeString(tmp.resolve("enc.pem"), "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n");
    assertThatThrownBy(() -> PemTls.privateKey(enc)).hasMessageContaining("encrypted");
    Path none = Files.writeString(tmp.resolve("none.pem"), "hello");
    assertThatThrownBy(() -> PemTls.privateKey(none)).hasMessageContaining("no private key");
    assertThatThrownBy(() -> PemTls.certificates(none)).isInstanceOf(Exception.class);
  }

  /** The PKCS#1 RSAPrivateKey inside a PKCS#8 PrivateKeyInfo: the OCTET STRING after version and algorithm. */
  private static byte[] innerPkcs1(byte[] der) {
    int[] pos = {0};
    header(der, pos, 0x30);
    int versionLength = header(der, pos, 0x02);
    pos[0] += versionLength;
    int algorithmLength = header(der, pos, 0x30);
    pos[0] += algorithmLength;
    int keyLength = header(der, pos, 0x04);
    return Arrays.copyOfRange(der, pos[0], pos[0] + keyLength);
  }

  private static int header(byte[] der, int[] pos, int tag) {
    assertThat(der[pos[0]] & 0xff).isEqualTo(tag);
    pos[0]++;
    int first = der[pos[0]++] & 0xff;
    if (first < 0x80) {
      return first;
    }
    int n = 0;
    for (int i = 0; i < (first & 0x7f); i++) {
      n = (n << 8) | (der[pos[0]++] & 0xff);
    }
    return n;
  }
}
