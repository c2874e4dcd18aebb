/**
 * The webhook store SPI: what a storage adapter implements for webhooks, {@link
 * dev.meadow.webhooks.spi.WebhookStore} and its records. Webhooks ship it for {@code MemoryStorage}
 * and the JDBC adapter; another adapter supplies its own through its module-store provider and
 * proves it with {@code WebhookStoreContract} from this module's test jar.
 */
@NullMarked
package dev.meadow.webhooks.spi;

import org.jspecify.annotations.NullMarked;
