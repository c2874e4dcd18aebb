package dev.meadow.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("JdbcStorage on H2")
class H2JdbcStorageTest extends JdbcStorageTestBase {
  @Override
  protected TestDatabase database() {
    return TestDatabase.H2;
  }

  @Test
  @DisplayName("A lock wait that runs past H2's LOCK_TIMEOUT runs the work again once the lock is free")
  void lockTimeout_isRetried() throws Exception {
    JdbcDataSource quick = new JdbcDataSource();
    quick.setURL("jdbc:h2:mem:lock-timeout;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=100");
    quick.setUser("sa");
    JdbcStorage onQuick = JdbcStorage.h2(quick);
    onQuick.migrate();
    onQuick.inTransaction(tx -> tx.counters().add("waits", "k", 1));
    CountDownLatch locked = new CountDownLatch(1);
    ExecutorService holder = Executors.newSingleThreadExecutor();
    try {
      Future<Long> held = holder.submit(() -> onQuick.inTransaction(tx -> {
        long value = tx.counters().add("waits", "k", 1);
        locked.countDown();
        try {
          TimeUnit.MILLISECONDS.sleep(250);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return value;
      }));
      assertTrue(locked.await(10, TimeUnit.SECONDS));
      AtomicInteger attempts = new AtomicInteger();
      long value = onQuick.inTransaction(tx -> {
        attempts.incrementAndGet();
        return tx.counters().add("waits", "k", 1);
      });
      assertEquals(2, held.get(10, TimeUnit.SECONDS));
      assertEquals(3, value);
      assertTrue(attempts.get() > 1, "the first attempt timed out waiting for the lock: " + attempts.get());
    } finally {
      holder.shutdownNow();
    }
  }
}
