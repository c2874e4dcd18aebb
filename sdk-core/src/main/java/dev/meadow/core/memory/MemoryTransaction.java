package dev.meadow.core.memory;

/**
 * A {@link MemoryStorage} transaction as a module's memory store sees it: the store checks it is
 * still open before each use and registers how to undo each change it makes, so that a transaction
 * whose work throws leaves the module's data as it found it, like core's.
 */
public interface MemoryTransaction {
  /**
   * Throws unless this transaction is open and used by the thread running its work.
   *
   * @throws IllegalStateException if the transaction is over or used from another thread
   */
  void checkOpen();

  /**
   * Registers how to undo a change just made: if the transaction's work throws, every registered
   * action runs, latest first, before the storage's lock is released.
   */
  void onRollback(Runnable undo);
}
