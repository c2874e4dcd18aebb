package dev.meadow.core.memory;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.spi.GroupStore;
import dev.meadow.core.spi.OutboxStore;
import dev.meadow.core.spi.Storage;
import dev.meadow.core.spi.Transaction;
import dev.meadow.core.spi.TransactionWork;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Storage in the JVM's memory: Meadow's default, for development, tests and demos. Everything
 * is lost when the JVM stops.
 *
 * <p>Transactions are serializable: they run one at a time, and a transaction whose work throws
 * is undone completely before the next one starts. Thread-safe.
 */
public final class MemoryStorage implements Storage {
  private final ReentrantLock lock = new ReentrantLock();
  private final MemoryOutboxStore outbox = new MemoryOutboxStore();
  private final MemoryGroupStore groups = new MemoryGroupStore();

  private MemoryStorage() {}

  /** Returns a new, empty in-memory storage. */
  public static MemoryStorage create() {
    return new MemoryStorage();
  }

  @Override
  public <T> T inTransaction(TransactionWork<T> work) {
    requireNonNull(work, "work");
    if (lock.isHeldByCurrentThread()) {
      throw new IllegalStateException("transactions do not nest: inTransaction was called inside another one");
    }
    lock.lock();
    MemoryTransaction tx = new MemoryTransaction();
    try {
      T result = work.execute(tx);
      tx.undo.clear();
      return result;
    } catch (Throwable e) {
      tx.rollback();
      throw e;
    } finally {
      tx.open = false;
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "MemoryStorage";
  }

  /** The transaction handle; records how to undo each change made through it. */
  final class MemoryTransaction implements Transaction {
    private final List<Runnable> undo = new ArrayList<>();
    private boolean open = true;

    @Override
    public OutboxStore outbox() {
      checkOpen();
      return outbox.bind(this);
    }

    @Override
    public GroupStore groups() {
      checkOpen();
      return groups.bind(this);
    }

    void checkOpen() {
      if (!open || !lock.isHeldByCurrentThread()) {
        throw new IllegalStateException("the transaction is over, or used from another thread");
      }
    }

    void onRollback(Runnable action) {
      undo.add(action);
    }

    private void rollback() {
      for (int i = undo.size() - 1; i >= 0; i--) {
        undo.get(i).run();
      }
      undo.clear();
    }
  }
}
