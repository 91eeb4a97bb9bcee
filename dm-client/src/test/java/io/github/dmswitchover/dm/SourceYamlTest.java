package io.github.dmswitchover.dm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** Source YAML to the OpenAPI's Source: everything it can express, or a refusal naming the rest. */
class SourceYamlTest {
  private static final String YAML = "source-id: s1\nenable-gtid: true\nenable-relay: true\nrelay-binlog-gtid: \"u:1-5\"\n"
      + "flavor: mariadb\nfrom:\n  host: db.example\n  port: 3307\n  user: dm\n  password: 'pw'\n"
      + "purge:\n  interval: 600\n  remain-space: 20\n# DM's defaults carry nothing:\nauto-fix-gtid: false\nmeta-dir: \"\"\n";

  @Test
  void v6_everyField() {
    ObjectNode s = SourceYaml.toOpenApi(YAML, true, true);
    assertThat(Json.write(s)).isEqualTo("{\"source_name\":\"s1\",\"host\":\"db.example\",\"port\":3307,\"user\":\"dm\","
        + "\"password\":\"pw\",\"enable_gtid\":true,\"enable\":true,\"flavor\":\"mariadb\",\"purge\":{\"interval\":600,"
        + "\"remain_space\":20},\"relay_config\":{\"enable_relay\":true,\"relay_binlog_gtid\":\"u:1-5\"}}");
  }

  @Test
  void settingsTheOpenApiCannotExpress_areRefusedByName() {
    assertThatThrownBy(() -> SourceYaml.toOpenApi(YAML + "server-id: 101\nchecker:\n  check-enable: true\n", true, true))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("server-id").hasMessageContaining("checker");
    assertThatThrownBy(() -> SourceYaml.toOpenApi("source-id: s\nfrom:\n  host: h\n  user: u\n  security:\n    ssl-ca: /ca\n",
        true, true)).hasMessageContaining("from.security");
    assertThatThrownBy(() -> SourceYaml.toOpenApi(YAML, false, true)).hasMessageContaining("flavor");
    assertThatThrownBy(() -> SourceYaml.toOpenApi(YAML.replace("flavor: mariadb\n", ""), false, false))
        .hasMessageContaining("relay settings");
  }

  @Test
  void v54_noEnableNoFlavor_defaultPort() {
    ObjectNode s = SourceYaml.toOpenApi("source-id: s2\nfrom:\n  host: h\n  user: u\n", false, true);
    assertThat(Json.write(s)).isEqualTo("{\"source_name\":\"s2\",\"host\":\"h\",\"port\":3306,\"user\":\"u\",\"enable_gtid\":false}");
  }

  @Test
  void missingOrBadValues_areRefused() {
    assertThatThrownBy(() -> SourceYaml.toOpenApi("from:\n  host: h\n  user: u\n", true, true)).hasMessageContaining("source-id");
    assertThatThrownBy(() -> SourceYaml.toOpenApi("source-id: s\nfrom:\n  user: u\n", true, true)).hasMessageContaining("from.host");
    assertThatThrownBy(() -> SourceYaml.toOpenApi("source-id: s\nfrom:\n  host: h\n  user: u\n  port: x\n", true, true))
        .hasMessageContaining("from.port");
    assertThatThrownBy(() -> SourceYaml.toOpenApi("source-id: s\nenable-gtid: yes\nfrom:\n  host: h\n  user: u\n", true, true))
        .hasMessageContaining("enable-gtid");
  }
}
