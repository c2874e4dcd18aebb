/**
 * The webhook store in memory, for {@code MemoryStorage}: {@link
 * dev.meadow.webhooks.memory.MemoryWebhookStores} is found through {@code ServiceLoader}.
 */
@NullMarked
package dev.meadow.webhooks.memory;

import org.jspecify.annotations.NullMarked;
