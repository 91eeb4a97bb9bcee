package io.github.dmswitchover.dm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class SimpleYamlTest {
  @Test
  void goYamlSourceConfig_readAsTextTree() {
    String yaml = "# DM source\nenable: true\nenable-gtid: true\nmeta-dir: \"\"\nflavor: mysql\nsource-id: mysql-replica-01\n"
        + "from:\n  host: 127.0.0.1\n  port: 3306\n  user: root\n  password: '******'\n  max-allowed-packet: null\n"
        + "  session: {}\n  security: null\npurge:\n  interval: 3600\nfilters: []\ncase-sensitive: false\n";
    JsonNode n = SimpleYaml.read(yaml);
    assertThat(n.path("source-id").asText()).isEqualTo("mysql-replica-01");
    assertThat(n.path("enable-gtid").asText()).isEqualTo("true");
    assertThat(n.path("meta-dir").asText()).isEmpty();
    assertThat(n.path("from").path("port").asText()).isEqualTo("3306");
    assertThat(n.path("from").path("password").asText()).isEqualTo("******");
    assertThat(n.path("from").path("max-allowed-packet").isNull()).isTrue();
    assertThat(n.path("from").path("session").isObject()).isTrue();
    assertThat(n.path("filters").isArray()).isTrue();
    assertThat(n.path("purge").path("interval").asText()).isEqualTo("3600");
  }

  @Test
  void sequences_atTheKeysIndentOrDeeper_ofScalarsAndMappings() {
    String yaml = "mysql-instances:\n- source-id: a\n  meta:\n    binlog-gtid: \"x:1-2\"\n- source-id: b\nlist:\n  - 1\n  - 'two'\n"
        + "flow: [a, \"b c\"]\n";
    JsonNode n = SimpleYaml.read(yaml);
    assertThat(n.path("mysql-instances").size()).isEqualTo(2);
    assertThat(n.path("mysql-instances").get(0).path("meta").path("binlog-gtid").asText()).isEqualTo("x:1-2");
    assertThat(n.path("mysql-instances").get(1).path("source-id").asText()).isEqualTo("b");
    assertThat(n.path("list").get(1).asText()).isEqualTo("two");
    assertThat(n.path("flow").get(1).asText()).isEqualTo("b c");
  }

  @Test
  void quotesAndComments() {
    JsonNode n = SimpleYaml.read("a: \"x # not a comment\" # a comment\nb: 'it''s'\nc: \"tab\\there\"\nd: plain # c\n");
    assertThat(n.path("a").asText()).isEqualTo("x # not a comment");
    assertThat(n.path("b").asText()).isEqualTo("it's");
    assertThat(n.path("c").asText()).isEqualTo("tab\there");
    assertThat(n.path("d").asText()).isEqualTo("plain");
  }

  @Test
  void outsideTheSubset_refusedWithTheLine() {
    assertThatThrownBy(() -> SimpleYaml.read("a: &anchor 1\n")).hasMessageContaining("line 1");
    assertThatThrownBy(() -> SimpleYaml.read("a: 1\nb: |\n  text\n")).hasMessageContaining("line 2");
    assertThatThrownBy(() -> SimpleYaml.read("a: 1\na: 2\n")).hasMessageContaining("duplicate key \"a\"");
    assertThatThrownBy(() -> SimpleYaml.read("a: {b: 1}\n")).hasMessageContaining("flow mappings");
    assertThatThrownBy(() -> SimpleYaml.read("a:\n\tb: 1\n")).hasMessageContaining("tabs");
    assertThatThrownBy(() -> SimpleYaml.read("a: 1\n   b: 2\n")).hasMessageContaining("line 2");
  }
}
