package dev.meadow.webhooks.jdbc;

import dev.meadow.storage.jdbc.JdbcModule;
import dev.meadow.storage.jdbc.JdbcStoreProvider;
import dev.meadow.webhooks.spi.WebhookStore;
import java.util.List;

/**
 * Webhooks' part of the JDBC adapter: the {@link WebhookStore} on the tables
 * {@code meadow_webhook_endpoints}, {@code meadow_webhook_secrets},
 * {@code meadow_webhook_deliveries} and {@code meadow_webhook_attempts}, and their migrations in
 * {@code db/meadow-webhooks/<database>}. Listed in this jar's {@code META-INF/services}, so every
 * {@code JdbcStorage} finds it and {@code JdbcStorage.migrate()} creates the tables.
 */
public final class JdbcWebhooks implements JdbcModule {
  /** Creates the module; {@code ServiceLoader} calls this. */
  public JdbcWebhooks() {}

  @Override
  public String name() {
    return "webhooks";
  }

  @Override
  public String migrationsLocation(String database) {
    return "db/meadow-webhooks/" + database;
  }

  @Override
  public List<JdbcStoreProvider<?>> stores() {
    return List.of(JdbcStoreProvider.of(WebhookStore.class, JdbcWebhookStore::new));
  }

  @Override
  public String toString() {
    return "JdbcWebhooks";
  }
}
