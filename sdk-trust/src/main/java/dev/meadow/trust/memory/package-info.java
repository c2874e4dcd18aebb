/**
 * The trust store in memory: {@link dev.meadow.trust.memory.MemoryTrustStores} supplies the {@code
 * TrustStore} to {@code MemoryStorage}, found through this jar's {@code META-INF/services}, its
 * changes undone with the memory storage's transactions.
 */
@NullMarked
package dev.meadow.trust.memory;

import org.jspecify.annotations.NullMarked;
