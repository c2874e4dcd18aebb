package dev.meadow.trust.jdbc;

import dev.meadow.storage.jdbc.JdbcModule;
import dev.meadow.storage.jdbc.JdbcStoreProvider;
import dev.meadow.trust.spi.TrustStore;
import java.util.List;

/**
 * Trust's part of the JDBC adapter: the {@link TrustStore} on the tables {@code
 * meadow_trust_signals} and {@code meadow_trust_awards}, and their migrations in {@code
 * db/meadow-trust/<database>}. Listed in this jar's {@code META-INF/services}, so every {@code
 * JdbcStorage} finds it and {@code JdbcStorage.migrate()} creates the tables.
 */
public final class JdbcTrust implements JdbcModule {
  /** Creates the module; {@code ServiceLoader} calls this. */
  public JdbcTrust() {}

  @Override
  public String name() {
    return "trust";
  }

  @Override
  public String migrationsLocation(String database) {
    return "db/meadow-trust/" + database;
  }

  @Override
  public List<JdbcStoreProvider<?>> stores() {
    return List.of(JdbcStoreProvider.of(TrustStore.class, JdbcTrustStore::new));
  }

  @Override
  public String toString() {
    return "JdbcTrust";
  }
}
