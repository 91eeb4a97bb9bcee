package io.github.dmswitchover.testkit.dm;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An upstream that accepts binlog connections and sends nothing, for tests of the HTTP surfaces
 * that need running subtasks but no database. The real upstreams are exercised by the *IT tests.
 */
final class IdleStreams implements UpstreamStream.Factory {
  final AtomicInteger opened = new AtomicInteger();

  @Override
  public UpstreamStream open(UpstreamStream.Request request) {
    opened.incrementAndGet();
    CountDownLatch closed = new CountDownLatch(1);
    return new UpstreamStream() {
      @Override
      public Identity identity() {
        return new Identity("3e11fa47-71ca-11e1-9e33-c80aa9429562", "3e11fa47-71ca-11e1-9e33-c80aa9429562", 1, 0, "8.4.3");
      }

      @Override
      public long connectionId() {
        return 7;
      }

      @Override
      public Event next() throws Failure {
        try {
          closed.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        throw new Failure(0, "", "closed", null);
      }

      @Override
      public void close() {
        closed.countDown();
      }
    };
  }
}
