package dev.meadow.storage.tck;

import dev.meadow.core.EventId;
import dev.meadow.core.GroupId;
import dev.meadow.core.UserId;
import dev.meadow.core.groups.Group;
import dev.meadow.core.groups.GroupRole;
import dev.meadow.core.groups.Membership;
import dev.meadow.core.internal.Ulids;
import dev.meadow.core.spi.OutboxMessage;
import dev.meadow.core.spi.Storage;
import dev.meadow.core.spi.TransactionWork;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;

/**
 * Shared fixture of every contract: a fresh, empty storage before each test, and helpers to make
 * valid records.
 */
public abstract class StorageContract {
  /** A fixed instant, to the millisecond, that contract tests start from. */
  protected static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123Z");

  private final Ulids ids = Ulids.create(Clock.fixed(T0, ZoneOffset.UTC));

  /** The storage under test, new for every test. */
  protected Storage storage;

  /**
   * Returns the storage under test. Called before each test; every store must be empty (an
   * adapter over a shared database clears its tables here).
   */
  protected abstract Storage newStorage();

  @BeforeEach
  final void openStorage() {
    storage = newStorage();
  }

  /** Runs {@code work} in one transaction of the storage under test. */
  protected final <T> T tx(TransactionWork<T> work) {
    return storage.inTransaction(work);
  }

  /** Runs {@code work} in one transaction and returns its yes-or-no answer. */
  protected final boolean is(TransactionWork<Boolean> work) {
    return storage.inTransaction(work);
  }

  /** Returns a new, time-ordered id string. */
  protected final String newId() {
    return ids.next();
  }

  /** Returns a new event id, greater than every one returned before. */
  protected final EventId newEventId() {
    return new EventId(ids.next());
  }

  /** Returns an outbox message with the given payload. */
  protected final OutboxMessage message(String payload) {
    return new OutboxMessage(newEventId(), "test.happened", 1, T0, payload);
  }

  /** Returns a group, not yet stored, with no members. */
  protected final Group group(String slug) {
    return new Group(new GroupId(newId()), "Group " + slug, slug, "About " + slug, new UserId("owner-" + slug), 0, T0);
  }

  /** Returns a membership, not yet stored. */
  protected static Membership member(GroupId group, String user, Instant joinedAt) {
    return new Membership(group, new UserId(user), GroupRole.MEMBER, joinedAt);
  }

  /**
   * Runs {@code task} on {@code threads} real threads released at the same moment, and returns
   * each thread's result.
   */
  protected static <T> List<T> race(int threads, ThreadTask<T> task) throws Exception {
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

  /** Work one racing thread does. */
  @FunctionalInterface
  protected interface ThreadTask<T> {
    /** Does the work of thread number {@code thread}, from 0. */
    T run(int thread) throws Exception;
  }
}
