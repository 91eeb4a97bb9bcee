package io.github.dmswitchover.testkit.dm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConfigYamlTest {
  @Test
  void sourceConfig_yamlRoundTrip() {
    SourceConfig cfg = SourceConfig.builder("mysql-replica-01").withAddress("10.0.0.5", 3307).withUser("dm", "s3cret")
        .withGtid(true).withRelay(true).withFlavor("mysql").withServerId(429_496_7001L).build();
    SourceConfig back = SourceConfig.fromYaml(cfg.toYaml());
    assertThat(back.toYaml()).isEqualTo(cfg.toYaml());
    assertThat(back.password()).isEqualTo("s3cret");
    assertThat(cfg.toString()).doesNotContain("s3cret");
  }

  @Test
  void sourceConfig_dmStyleYaml_isRead() {
    SourceConfig cfg = SourceConfig.fromYaml("""
        source-id: "mysql-replica-01"
        enable-gtid: true
        from:
          host: "127.0.0.1"
          user: "root"
          password: "pw"
          port: 3306
        """);
    assertThat(cfg.enableGtid()).isTrue();
    assertThat(cfg.port()).isEqualTo(3306);
    assertThat(cfg.flavor()).isEmpty();
  }

  @Test
  void sourceConfig_missingFrom_isNamed() {
    assertThatThrownBy(() -> SourceConfig.fromYaml("source-id: x\n")).hasMessageContaining("`from`");
    assertThatThrownBy(() -> SourceConfig.fromYaml("- a\n")).hasMessageContaining("not a YAML mapping");
  }

  @Test
  void taskConfig_yamlRoundTrip_withMeta() {
    TaskConfig t = TaskConfig.builder("test").withMode(TaskConfig.Mode.INCREMENTAL).withMetaSchema("dm_meta")
        .withTarget("127.0.0.1", 4000, "root", "tpw").withSource("mysql-replica-01", "u:1-5").build();
    TaskConfig back = TaskConfig.fromYaml(t.toYaml());
    assertThat(back.toYaml()).isEqualTo(t.toYaml());
    assertThat(back.instance("mysql-replica-01").orElseThrow().metaBinlogGtid()).contains("u:1-5");
    assertThat(Yaml.write(t.toTree(true))).contains("******").doesNotContain("tpw");
  }

  @Test
  void taskConfig_dmRefusals_carryDmCodes() {
    assertThatThrownBy(() -> TaskConfig.fromYaml("task-mode: all\n"))
        .isInstanceOf(DmConfigException.class).hasMessageContaining("code=20019");
    assertThatThrownBy(() -> TaskConfig.fromYaml("name: t\ntask-mode: sometimes\n"))
        .isInstanceOf(DmConfigException.class).hasMessageContaining("code=20020");
    assertThatThrownBy(() -> TaskConfig.fromYaml("name: t\ntask-mode: all\n"))
        .isInstanceOf(DmConfigException.class).hasMessageContaining("code=20021");
    assertThatThrownBy(() -> TaskConfig.fromYaml("name: t\ntask-mode: all\ntarget-database: {host: h}\n"
        + "mysql-instances: [{source-id: a}, {source-id: a}]\n"))
        .isInstanceOf(DmConfigException.class).hasMessageContaining("code=20014");
  }
}
