package io.github.dmswitchover.dm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretsTest {
  @Test
  void yaml_passwordValuesMasked_otherLinesKept() {
    String yaml = "source-id: s1\nfrom:\n  host: 127.0.0.1\n  user: root\n  password: 'p@ss w0rd'\n  port: 3306\n"
        + "target-database:\n  password: plain text\n  user: x\n";
    String masked = Secrets.mask(yaml);
    assertThat(masked).doesNotContain("p@ss").doesNotContain("w0rd").doesNotContain("plain text");
    assertThat(masked).contains("password: '******'").contains("port: 3306").contains("user: x").contains("host: 127.0.0.1");
  }

  @Test
  void emptyPasswordKey_doesNotSwallowTheNextLine() {
    assertThat(Secrets.mask("password:\n  user: root")).isEqualTo("password:\n  user: root");
  }

  @Test
  void json_andYamlInsideJson_masked() {
    String body = "{\"source\":{\"password\":\"s3cr\\\"et\",\"user\":\"root\"},\"config\":[\"from:\\n  password: s3cret\\n  port: 1\"]}";
    String masked = Secrets.mask(body);
    assertThat(masked).doesNotContain("s3cr").contains("\"user\":\"root\"").contains("port: 1");
  }

  @Test
  void jsonEscapedInsideAJsonString_masked() {
    String body = "{\"error_msg\":\"config {\\\"password\\\":\\\"s3cret\\\"} (using password: YES)\"}";
    assertThat(Secrets.mask(body)).doesNotContain("s3cret").contains("\\\"password\\\":\\\"******\\\"");
  }

  @Test
  void dsnAndUrlUserinfo_masked() {
    assertThat(Secrets.mask("dial root:hunter2@tcp(127.0.0.1:3306)/db")).isEqualTo("dial root:******@tcp(127.0.0.1:3306)/db");
    assertThat(Secrets.mask("mysql://root:hunter2@host/x")).isEqualTo("mysql://root:******@host/x");
  }

  @Test
  void keyMaterial_masked() {
    assertThat(Secrets.mask("ssl_key_content: \"-----BEGIN PRIVATE KEY-----\"")).doesNotContain("BEGIN");
    assertThat(Secrets.mask("{\"ssl_key_content\":\"abc\"}")).isEqualTo("{\"ssl_key_content\":\"******\"}");
  }

  @Test
  void alreadyMasked_isUnchanged() {
    assertThat(Secrets.mask("password: '******'")).isEqualTo("password: '******'");
    assertThat(Secrets.mask("")).isEmpty();
  }
}
