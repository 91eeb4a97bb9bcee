package io.github.dmswitchover.switchover;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dmswitchover.switchover.spi.LockLease;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class InProcessSwitchoverLockTest {

  @Test
  void oneHolderPerSource_tokensGrow_andReleaseLetsTheNextIn() {
    InProcessSwitchoverLock lock = new InProcessSwitchoverLock();
    LockLease first = lock.tryAcquire("s1", "so-a", Duration.ZERO).orElseThrow();
    assertThat(lock.tryAcquire("s1", "so-b", Duration.ZERO)).isEmpty();
    assertThat(lock.holder("s1")).contains("so-a");
    LockLease other = lock.tryAcquire("s2", "so-c", Duration.ZERO).orElseThrow();
    first.close();
    assertThat(first.isValid()).isFalse();
    LockLease second = lock.tryAcquire("s1", "so-b", Duration.ZERO).orElseThrow();
    assertThat(second.fencingToken()).isGreaterThan(first.fencingToken());
    first.close();
    assertThat(second.isValid()).isTrue();
    second.close();
    other.close();
  }

  @Test
  void aWaiter_getsTheLockWhenItIsReleased() throws Exception {
    InProcessSwitchoverLock lock = new InProcessSwitchoverLock();
    LockLease held = lock.tryAcquire("s1", "so-a", Duration.ZERO).orElseThrow();
    AtomicReference<Optional<LockLease>> got = new AtomicReference<>();
    CountDownLatch started = new CountDownLatch(1);
    Thread t = new Thread(() -> {
      started.countDown();
      got.set(lock.tryAcquire("s1", "so-b", Duration.ofSeconds(30)));
    });
    t.start();
    started.await();
    held.close();
    t.join();
    assertThat(got.get()).isPresent();
    got.get().get().close();
  }
}
