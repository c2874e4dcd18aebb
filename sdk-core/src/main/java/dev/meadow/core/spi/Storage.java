package dev.meadow.core.spi;

import java.util.Set;

/**
 * A storage adapter: where Meadow keeps everything, behind transactions.
 *
 * <p>Every use-case Meadow runs is one call to {@link #inTransaction}: the domain write, the
 * counters and summaries it changes and its outbox event commit together or not at all.
 *
 * <p>Implementations must be thread-safe; many transactions may run at once from different
 * threads. Prove an implementation with the conformance kit in {@code sdk-storage-tck}.
 */
public interface Storage {
  /**
   * Runs {@code work} in one transaction and returns its result.
   *
   * <p>The transaction commits when {@code work} returns, and rolls back when it throws; the
   * exception then reaches the caller unchanged if it is unchecked. Failures of the store itself
   * are reported as {@link dev.meadow.core.StorageException}.
   *
   * <p>An adapter may run {@code work} again, in a fresh transaction, when the database reports
   * a transient conflict (a serialization failure or deadlock). {@code work} must therefore have
   * no effect outside the transaction it is given.
   *
   * <p>Transactions do not nest: calling this method from inside {@code work}, on the same
   * thread, throws {@link IllegalStateException}.
   *
   * @param <T> the result type
   * @param work what to do; must not let {@code tx} or the stores escape
   * @return what {@code work} returned
   */
  <T> T inTransaction(TransactionWork<T> work);

  /**
   * Returns whether this storage's transactions hand out a store of {@code storeType} through
   * {@link Transaction#store}. Every adapter provides core's stores (this default answers for
   * them); adapters that provide module stores override it.
   */
  default boolean provides(Class<?> storeType) {
    return CORE_STORES.contains(storeType);
  }

  /** The types of core's stores, which every adapter provides. */
  Set<Class<?>> CORE_STORES = Set.of(OutboxStore.class, GroupStore.class, PostStore.class, FollowStore.class,
      LabelStore.class, ReviewStore.class, ReferralStore.class, CounterStore.class);
}
