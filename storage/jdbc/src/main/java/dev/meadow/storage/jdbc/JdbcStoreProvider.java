package dev.meadow.storage.jdbc;

import static java.util.Objects.requireNonNull;

import java.util.function.Function;

/**
 * Opens one module store on a {@link JdbcSession}: how a module's JDBC store joins the adapter's
 * transactions. A {@link JdbcModule} lists its providers.
 *
 * @param <S> the store type, defined by the module
 */
public interface JdbcStoreProvider<S> {
  /** Returns the store type this provider opens. */
  Class<S> storeType();

  /**
   * Returns the store bound to {@code session}; called at most once per transaction, the first
   * time the transaction is asked for the store.
   */
  S open(JdbcSession session);

  /** Returns a provider of {@code storeType} whose stores {@code open} creates. */
  static <S> JdbcStoreProvider<S> of(Class<S> storeType, Function<JdbcSession, ? extends S> open) {
    requireNonNull(storeType, "storeType");
    requireNonNull(open, "open");
    return new JdbcStoreProvider<>() {
      @Override
      public Class<S> storeType() {
        return storeType;
      }

      @Override
      public S open(JdbcSession session) {
        return open.apply(session);
      }

      @Override
      public String toString() {
        return "JdbcStoreProvider[" + storeType.getName() + "]";
      }
    };
  }
}
