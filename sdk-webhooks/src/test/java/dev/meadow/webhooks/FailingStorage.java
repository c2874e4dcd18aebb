package dev.meadow.webhooks;

import dev.meadow.core.StorageException;
import dev.meadow.core.spi.Storage;
import dev.meadow.core.spi.TransactionWork;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A storage whose transactions start failing on cue, as a process that is killed, or a database
 * that goes away, would see it: once {@link #failAfter} is called, the given number of
 * transactions more commit, and every later one is rolled back at its end with a
 * {@link StorageException}, as if the process died before committing.
 */
final class FailingStorage implements Storage {
  private final Storage storage;
  private final AtomicInteger left = new AtomicInteger(Integer.MAX_VALUE);

  @Override
  public boolean provides(Class<?> storeType) {
    return storage.provides(storeType);
  }

  FailingStorage(Storage storage) {
    this.storage = storage;
  }

  /** Lets {@code transactions} more commit, then fails every later one. */
  void failAfter(int transactions) {
    left.set(transactions);
  }

  /** Fails every transaction that ends from now on, including one running now. */
  void kill() {
    failAfter(0);
  }

  /** Lets every transaction commit again. */
  void recover() {
    failAfter(Integer.MAX_VALUE);
  }

  @Override
  public <T> T inTransaction(TransactionWork<T> work) {
    return storage.inTransaction(tx -> {
      T result = work.execute(tx);
      if (left.getAndUpdate(n -> n == Integer.MAX_VALUE ? n : n - 1) <= 0) {
        throw new StorageException("the process was killed before its transaction committed");
      }
      return result;
    });
  }
}
