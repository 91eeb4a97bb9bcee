package io.github.dmswitchover.switchover.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseEndpointTest {
  static final String PASSWORD = "pw-Zebra-42!";

  @TempDir
  Path dir;

  @Test
  void connectionProperties_carryEverySettingAndTheUrlCarriesNone() throws IOException {
    Path trust = Files.writeString(dir.resolve("ca.p12"), "x");
    Path client = Files.writeString(dir.resolve("client.p12"), "x");
    DatabaseEndpoint e = DatabaseEndpoint.builder().withHost("db1.example.com").withPort(3307).withUser("probe")
        .withPassword(PASSWORD).withSslMode(SslMode.VERIFY_IDENTITY).withTrustStore(trust, "PKCS12", "trust-pw-1")
        .withClientCertificate(client, "PKCS12", "client-pw-1").withConnectTimeout(Duration.ofMillis(1500))
        .withSocketTimeout(Duration.ofSeconds(90)).withAllowPublicKeyRetrieval(true)
        .withDriverProperty("serverRsaPublicKeyFile", "/etc/rsa.pem").build();

    assertThat(e.jdbcUrl()).isEqualTo("jdbc:mysql://db1.example.com:3307/");
    Properties p = e.connectionProperties();
    assertThat(p).containsEntry("user", "probe").containsEntry("password", PASSWORD)
        .containsEntry("sslMode", "VERIFY_IDENTITY").containsEntry("connectTimeout", "1500")
        .containsEntry("socketTimeout", "90000").containsEntry("allowPublicKeyRetrieval", "true")
        .containsEntry("trustCertificateKeyStoreUrl", trust.toAbsolutePath().toUri().toString())
        .containsEntry("trustCertificateKeyStoreType", "PKCS12")
        .containsEntry("trustCertificateKeyStorePassword", "trust-pw-1")
        .containsEntry("clientCertificateKeyStoreUrl", client.toAbsolutePath().toUri().toString())
        .containsEntry("clientCertificateKeyStorePassword", "client-pw-1")
        .containsEntry("serverRsaPublicKeyFile", "/etc/rsa.pem");
    assertThat(e.secrets()).contains(PASSWORD, "trust-pw-1", "client-pw-1");
  }

  @Test
  void toString_showsUserAddressAndTls_masksEveryPassword() throws IOException {
    Path trust = Files.writeString(dir.resolve("ca.p12"), "x");
    DatabaseEndpoint e = DatabaseEndpoint.builder().withHost("db1").withUser("probe").withPassword(PASSWORD)
        .withTrustStore(trust, "PKCS12", "trust-pw-1").withDriverProperty("xdevapiPassword", "other-secret").build();
    assertThat(e.toString()).contains("probe@db1:3306", "password=****", "sslMode=PREFERRED", "xdevapiPassword=****")
        .doesNotContain(PASSWORD, "trust-pw-1", "other-secret");
    assertThat(e.address()).isEqualTo("db1:3306");
    assertThat(DatabaseEndpoint.builder().withHost("db1").withUser("u").build().toString()).contains("password=(empty)");
  }

  @Test
  void builder_ipv6Host_isBracketedInTheAddressAndUrl() {
    DatabaseEndpoint e = DatabaseEndpoint.builder().withHost("[::1]").withUser("u").build();
    assertThat(e.host()).isEqualTo("::1");
    assertThat(e.address()).isEqualTo("[::1]:3306");
    assertThat(e.jdbcUrl()).isEqualTo("jdbc:mysql://[::1]:3306/");
  }

  @Test
  void toBuilder_copiesEverything() {
    DatabaseEndpoint e = DatabaseEndpoint.builder().withHost("db1").withUser("u").withPassword(PASSWORD)
        .withSslMode(SslMode.REQUIRED).build();
    DatabaseEndpoint copy = e.toBuilder().withPort(3310).build();
    assertThat(copy.address()).isEqualTo("db1:3310");
    assertThat(copy.sslMode()).isEqualTo(SslMode.REQUIRED);
    assertThat(copy.connectionProperties()).containsEntry("password", PASSWORD);
  }

  @Test
  void builder_invalidValues_failFastNamingTheField() {
    DatabaseEndpoint.Builder b = DatabaseEndpoint.builder();
    assertThatThrownBy(() -> b.withHost(" ")).hasMessageContaining("host");
    assertThatThrownBy(() -> b.withHost("user@db1")).hasMessageContaining("host must be");
    assertThatThrownBy(() -> b.withPort(0)).hasMessage("port must be between 1 and 65535, got 0");
    assertThatThrownBy(() -> b.withUser("")).hasMessage("user must not be empty");
    assertThatThrownBy(() -> b.withConnectTimeout(Duration.ZERO)).hasMessageContaining("connectTimeout must be positive");
    assertThatThrownBy(() -> b.withTrustStore(dir.resolve("missing.p12"), "PKCS12", ""))
        .hasMessageContaining("trustStore must be an existing file");
    assertThatThrownBy(() -> b.withDriverProperty("password", "x")).hasMessageContaining("has its own builder method");
    assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class).hasMessage("host is not set");
    assertThatThrownBy(() -> DatabaseEndpoint.builder().withHost("h").build()).hasMessage("user is not set");
  }
}
