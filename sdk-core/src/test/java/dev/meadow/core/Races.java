package dev.meadow.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/** Real threads released together, for the concurrency tests of Meadow's services. */
public final class Races {
  private Races() {}

  /**
   * Runs {@code work} on {@code threads} threads that start together; returns each thread's
   * result in thread order. A thread's exception fails the race.
   */
  public static <T> List<T> run(int threads, IntFunction<Callable<T>> work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CyclicBarrier start = new CyclicBarrier(threads);
      List<Callable<T>> racers = IntStream.range(0, threads).mapToObj(thread -> (Callable<T>) () -> {
        start.await();
        return work.apply(thread).call();
      }).toList();
      List<T> results = new ArrayList<>();
      for (Future<T> result : pool.invokeAll(racers, 2, TimeUnit.MINUTES)) {
        results.add(result.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
