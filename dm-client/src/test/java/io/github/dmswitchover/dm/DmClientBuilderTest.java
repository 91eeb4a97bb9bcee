package io.github.dmswitchover.dm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DmClientBuilderTest {
  @TempDir
  Path tmp;

  @Test
  void build_withoutMasters_failsNamingTheSetting() {
    assertThatThrownBy(() -> DmClient.builder().build()).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("masters:");
    assertThatThrownBy(() -> DmClient.builder().withMasters(List.of())).hasMessageContaining("masters");
    assertThatThrownBy(() -> DmClient.builder().withMasters("10.0.0.1:8261", " ")).hasMessageContaining("masters");
  }

  @Test
  void masters_hostPortHostOrUrl_defaultPort8261() {
    DmClient c = DmClient.builder().withMasters("10.0.0.1:8261", "dm-2", "http://dm-3:9000/").build();
    assertThat(c.toString()).contains("http://10.0.0.1:8261", "http://dm-2:8261", "http://dm-3:9000");
    assertThat(DmClient.builder().withMasters("https://dm-1").build().toString()).contains("https://dm-1:8261");
    assertThatThrownBy(() -> DmClient.builder().withMasters("ftp://dm-1")).hasMessageContaining("http or https");
    assertThatThrownBy(() -> DmClient.builder().withMasters("http://dm-1/api")).hasMessageContaining("base URL");
    assertThatThrownBy(() -> DmClient.builder().withMasters("http://u:p@dm-1")).hasMessageContaining("base URL");
  }

  @Test
  void schemes_mustAgree_andHttpWithTlsIsRefused() throws Exception {
    assertThatThrownBy(() -> DmClient.builder().withMasters("http://a:1", "https://b:1").build())
        .hasMessageContaining("mix http:// and https://");
    assertThatThrownBy(() -> DmClient.builder().withMasters("http://a:1").withSslContext(SSLContext.getDefault()).build())
        .hasMessageContaining("http:// URLs with TLS");
    assertThat(DmClient.builder().withMasters("a:1").withSslContext(SSLContext.getDefault()).build().toString())
        .contains("https://a:1");
  }

  @Test
  void tls_twoWaysAtOnce_orDmctlWithoutPemFiles_areRefused() throws Exception {
    Path ca = Files.writeString(tmp.resolve("ca.pem"), "not a certificate");
    assertThatThrownBy(() -> DmClient.builder().withMasters("a:1").withTls(ca).withSslContext(SSLContext.getDefault()).build())
        .hasMessageContaining("alternatives");
    Path dmctl = executable("dmctl");
    assertThatThrownBy(() -> DmClient.builder().withMasters("a:1").withSslContext(SSLContext.getDefault()).withDmctl(dmctl).build())
        .hasMessageStartingWith("dmctl:");
    assertThatThrownBy(() -> DmClient.builder().withMasters("a:1").withTls(ca).build())
        .hasMessageStartingWith("tls: cannot read the PEM files");
  }

  @Test
  void setters_validateAndNameTheField() {
    DmClient.Builder b = DmClient.builder();
    assertThatThrownBy(() -> b.withConnectTimeout(Duration.ZERO)).hasMessage("connectTimeout must be positive, got PT0S");
    assertThatThrownBy(() -> b.withRequestTimeout(Duration.ofSeconds(-1))).hasMessageStartingWith("requestTimeout");
    assertThatThrownBy(() -> b.withDmctlTimeout(Duration.ZERO)).hasMessageStartingWith("dmctlTimeout");
    assertThatThrownBy(() -> b.withStopWait(Duration.ZERO)).hasMessageStartingWith("stopWait");
    assertThatThrownBy(() -> b.withRetries(0, Duration.ZERO, Duration.ZERO)).hasMessageContaining("maxAttempts");
    assertThatThrownBy(() -> b.withRetries(1, Duration.ofSeconds(2), Duration.ofSeconds(1))).hasMessageContaining("maxBackoff");
    assertThatThrownBy(() -> b.withDmctl(tmp.resolve("missing"))).hasMessageStartingWith("dmctl must be an executable file");
    assertThatThrownBy(() -> b.withTls(tmp.resolve("ca.pem"), tmp.resolve("c.pem"), tmp.resolve("k.pem")))
        .hasMessageStartingWith("tls ca must be a readable file");
    assertThatThrownBy(() -> b.withSurface(null)).isInstanceOf(NullPointerException.class).hasMessage("surface");
  }

  @Test
  void toBuilder_copiesTheSettings_andBuildSnapshots() throws IOException {
    DmClient.Builder b = DmClient.builder().withMasters("a:1").withSurface(Surface.DMCTL).withDmctl(executable("dmctl"));
    DmClient first = b.build();
    b.withMasters("b:2");
    assertThat(first.toString()).contains("http://a:1").contains("surface=DMCTL");
    DmClient copy = first.toBuilder().withSurface(Surface.GATEWAY).build();
    assertThat(copy.toString()).contains("http://a:1").contains("surface=GATEWAY");
    assertThat(first.toString()).contains("surface=DMCTL");
  }

  private Path executable(String name) throws IOException {
    Path p = Files.writeString(tmp.resolve(name), "#!/bin/sh\nexit 0\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
    return p;
  }
}
