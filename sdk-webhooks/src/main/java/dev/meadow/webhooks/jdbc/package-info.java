/**
 * The webhook store on the JDBC adapter (PostgreSQL, H2): {@link dev.meadow.webhooks.jdbc.JdbcWebhooks}
 * is found through {@code ServiceLoader} when {@code sdk-storage-jdbc} is on the classpath.
 */
@NullMarked
package dev.meadow.webhooks.jdbc;

import org.jspecify.annotations.NullMarked;
