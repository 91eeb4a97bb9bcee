package io.github.dmswitchover.dm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dmswitchover.testkit.dm.DmProfile;
import io.github.dmswitchover.testkit.dm.DmSimulator;
import io.github.dmswitchover.testkit.dm.RecordedExchange;
import io.github.dmswitchover.testkit.dm.SourceConfig;
import io.github.dmswitchover.testkit.dm.TaskConfig;
import io.github.dmswitchover.testkit.dm.TestCertificates;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Masters serving HTTPS and requiring client certificates, as DM does with cert-allowed-cn. */
class TlsIT {
  @TempDir
  static Path tmp;

  private static TestCertificates certs;

  @BeforeAll
  static void certificates() {
    certs = TestCertificates.create(tmp.resolve("certs"));
  }

  private static DmSimulator tlsSim(DmProfile profile) {
    DmSimulator sim = Sims.builder(profile).withTls(certs.serverContext(), true).start();
    sim.addSource(SourceConfig.builder("s1").withAddress("127.0.0.1", 1).withFlavor("mysql").withGtid(true).build());
    sim.startTask(TaskConfig.builder("t").withTarget("127.0.0.1", 4000, "root", "").withSource("s1", "").build());
    return sim;
  }

  private static DmClient.Builder tlsClient(DmSimulator sim) {
    return DmClient.builder().withMasters(sim.masterAddresses()).withTls(certs.ca(), certs.clientCert(), certs.clientKey())
        .withDmctl(Sims.fastDmctl(sim));
  }

  @ParameterizedTest
  @EnumSource(value = DmProfile.class, names = {"V2_0", "V8_5"})
  void clientCertificate_gatewayOpenApiAndDmctl(DmProfile profile) {
    try (DmSimulator sim = tlsSim(profile)) {
      DmClient client = tlsClient(sim).build();
      assertThat(client.toString()).contains("https://127.0.0.1:");
      assertThat(client.version().text()).isEqualTo(profile.releaseVersion());
      assertThat(client.taskStatus("t").subtasks()).hasSize(1);
      // dmctl gets --ssl-ca/--ssl-cert/--ssl-key; the stand-in refuses to connect without them.
      assertThat(client.shardDdlLocks(Optional.empty())).isEmpty();
      assertThat(client.sourceStatus("s1").worker()).isPresent();
      assertThat(client.pauseTask("t").succeeded()).isTrue();
    }
  }

  @Test
  void followerRedirect_saysHttp_clientKeepsHttps() {
    try (DmSimulator sim = tlsSim(DmProfile.V6_0)) {
      DmClient client = tlsClient(sim).withSurface(Surface.OPENAPI).build();
      assertThat(client.surfaceFor(DmOperation.SOURCE_STATUS)).isEqualTo(Surface.OPENAPI);
      sim.changeLeader("master3");
      sim.clearExchanges();
      assertThat(client.resumeTask("t").succeeded()).isTrue();
      List<RecordedExchange> calls = sim.exchanges();
      assertThat(calls).hasSize(2);
      assertThat(calls.get(0).status()).isEqualTo(307);
      assertThat(calls.get(0).responseHeaders().get("Location")).startsWith("http://");
      // Served by the HTTPS-only leader: the client followed with https, same method and body.
      assertThat(calls.get(1).master()).isEqualTo("master3");
      assertThat(calls.get(1).status()).isEqualTo(200);
      assertThat(calls.get(1).requestBody()).isEqualTo(calls.get(0).requestBody());
    }
  }

  @Test
  void withoutAClientCertificate_theHandshakeFails_asATransportError() {
    try (DmSimulator sim = tlsSim(DmProfile.V8_5)) {
      DmClient client = DmClient.builder().withMasters(sim.masterAddresses()).withTls(certs.ca())
          .withRetries(3, java.time.Duration.ZERO, java.time.Duration.ZERO).build();
      assertThatThrownBy(client::version).isInstanceOf(DmTransportException.class);
      DmClient plain = DmClient.builder().withMasters(sim.masterAddresses())
          .withRetries(3, java.time.Duration.ZERO, java.time.Duration.ZERO).build();
      assertThatThrownBy(plain::version).isInstanceOf(DmTransportException.class);
    }
  }
}
