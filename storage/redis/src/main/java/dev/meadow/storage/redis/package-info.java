/**
 * A Redis adapter for the feed store of {@code sdk-feeds}: timelines and counters kept in Redis
 * under Redis Cluster-safe keys, combined with another adapter (such as JDBC) for everything else
 * Meadow stores. The package is empty until the feeds capability lands; nothing in it is API yet.
 */
@NullMarked
package dev.meadow.storage.redis;

import org.jspecify.annotations.NullMarked;
