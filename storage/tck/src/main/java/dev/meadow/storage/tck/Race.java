package dev.meadow.storage.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Real threads released at the same moment, for concurrency tests of adapters and their
 * surroundings (connection pools, migrations, caches).
 */
public final class Race {
  private Race() {}

  /**
   * Runs {@code task} on {@code threads} real threads released together, waits for all of them,
   * and returns each thread's result in thread order. A thread's exception fails the race.
   */
  public static <T> List<T> run(int threads, ThreadTask<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int thread = i;
        futures.add(pool.submit(() -> {
          start.await();
          return task.run(thread);
        }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(2, TimeUnit.MINUTES));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Returns everything the racing threads took, asserting that no item was taken by two threads
   * or twice by one.
   *
   * @param message what a repeated item would mean, for the failure
   */
  public static <T> Set<T> takenOnce(List<? extends List<T>> perThread, String message) {
    Set<T> taken = new HashSet<>();
    int total = 0;
    for (List<T> items : perThread) {
      taken.addAll(items);
      total += items.size();
    }
    assertEquals(taken.size(), total, message);
    return taken;
  }

  /** Work one racing thread does. */
  @FunctionalInterface
  public interface ThreadTask<T> {
    /** Does the work of thread number {@code thread}, from 0. */
    T run(int thread) throws Exception;
  }
}
