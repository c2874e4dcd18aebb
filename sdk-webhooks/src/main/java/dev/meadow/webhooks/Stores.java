package dev.meadow.webhooks;

import dev.meadow.core.spi.Transaction;
import dev.meadow.webhooks.spi.WebhookStore;

/** Webhooks' way to their store in a transaction, shared by every stage. */
final class Stores {
  private Stores() {}

  /** Returns the webhook store of {@code tx}. */
  static WebhookStore store(Transaction tx) {
    return tx.store(WebhookStore.class);
  }
}
