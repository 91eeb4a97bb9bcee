package io.github.dmswitchover.switchover.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MaskingTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "db1:3306                                              | db1:3306",
      "  db1:3306                                            | db1:3306",
      "probe:s3cret@db1:3306                                 | db1:3306",
      "jdbc:mysql://probe:s3cret@db1:3306/app?password=s3cret | db1:3306",
      "mysql://db1:3306/                                     | db1:3306",
      "[::1]:3306                                            | [::1]:3306",
      "db1:3306;password=x                                   | db1:3306",
  })
  void address_dropsSchemeCredentialsAndPath(String raw, String address) {
    assertThat(Masking.address(raw)).isEqualTo(address);
  }

  @Test
  void mask_replacesEverySecretOfFourCharactersOrMore() {
    assertThat(Masking.mask("login pw=hunter2 and again hunter2", List.of("hunter2"))).isEqualTo("login pw=**** and again ****");
    assertThat(Masking.mask("a short one: ab", List.of("ab", ""))).isEqualTo("a short one: ab");
    assertThat(Masking.mask(null, List.of("x"))).isEmpty();
  }

  @Test
  void hostPort_bracketsIpv6() {
    assertThat(Masking.hostPort("::1", 3306)).isEqualTo("[::1]:3306");
    assertThat(Masking.hostPort("10.0.0.1", 3306)).isEqualTo("10.0.0.1:3306");
  }
}
