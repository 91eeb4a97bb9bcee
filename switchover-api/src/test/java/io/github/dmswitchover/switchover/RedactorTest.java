package io.github.dmswitchover.switchover;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {

  @Test
  void knownSecrets_areMaskedWherever_theyAppear() {
    Redactor r = Redactor.of(List.of("s3cr3t-pw", "", "tgt-pass"));
    assertThat(r.clean("dial tcp: user root:s3cr3t-pw@127.0.0.1 refused; tgt-pass"))
        .isEqualTo("dial tcp: user root:******@127.0.0.1 refused; ******");
  }

  @Test
  void passwordFields_inYamlJsonAndDsn_areMasked_evenWhenUnknown() {
    Redactor r = Redactor.NONE;
    assertThat(r.clean("from:\n  user: root\n  password: abc123\n")).isEqualTo("from:\n  user: root\n  password: ******\n");
    assertThat(r.clean("{\"user\":\"u\",\"password\":\"p\\\"q\"}")).isEqualTo("{\"user\":\"u\",\"password\":\"******\"}");
    assertThat(r.clean("jdbc:mysql://h/db?user=x&password=zz&ssl=true")).isEqualTo("jdbc:mysql://h/db?user=x&password=******&ssl=true");
    assertThat(r.clean("password: '******'")).isEqualTo("password: '******'");
  }

  @Test
  void describe_followsCauses_andMasks() {
    Redactor r = Redactor.of(List.of("hunter2"));
    RuntimeException e = new IllegalStateException("create-source refused", new RuntimeException("password: hunter2 wrong"));
    assertThat(r.describe(e)).isEqualTo("IllegalStateException: create-source refused (cause: RuntimeException: password: ****** wrong)");
  }

  @Test
  void cleanSecrets_keepsJsonIntact_andMasksEscapedForms() {
    Redactor r = Redactor.of(List.of("p\"w"));
    String json = "{\"note\":\"password: \\\"\\\" and p\\\"w\"}";
    assertThat(r.cleanSecrets(json)).isEqualTo("{\"note\":\"password: \\\"\\\" and ******\"}");
  }
}
