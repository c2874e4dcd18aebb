package dev.meadow.core.spi;

/**
 * Work done inside one storage transaction.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface TransactionWork<T> {
  /** Does the work against the stores of {@code tx}. */
  T execute(Transaction tx);
}
