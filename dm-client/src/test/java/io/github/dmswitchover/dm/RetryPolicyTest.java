package io.github.dmswitchover.dm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  @Test
  void backoff_doublesPerRound_upToTheMaximum() {
    RetryPolicy p = new RetryPolicy(9, Duration.ofMillis(100), Duration.ofMillis(350));
    assertThat(p.backoff(1)).isEqualTo(Duration.ofMillis(100));
    assertThat(p.backoff(2)).isEqualTo(Duration.ofMillis(200));
    assertThat(p.backoff(3)).isEqualTo(Duration.ofMillis(350));
    assertThat(p.backoff(64)).isEqualTo(Duration.ofMillis(350));
  }

  @Test
  void backoff_zero_staysZero() {
    assertThat(new RetryPolicy(3, Duration.ZERO, Duration.ZERO).backoff(5)).isZero();
  }
}
