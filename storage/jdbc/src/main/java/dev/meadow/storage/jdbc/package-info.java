/**
 * The JDBC storage adapter: Meadow on the shop's own PostgreSQL or H2 database. The entry point is
 * {@link dev.meadow.storage.jdbc.JdbcStorage}, built over the host's {@link javax.sql.DataSource}
 * with {@link dev.meadow.storage.jdbc.JdbcStorage#postgres}, {@link dev.meadow.storage.jdbc.JdbcStorage#h2}
 * or {@link dev.meadow.storage.jdbc.JdbcStorage#create}; its tables are created and upgraded by
 * {@link dev.meadow.storage.jdbc.JdbcStorage#migrate()} or by the host's own migration tool from
 * the scripts at {@link dev.meadow.storage.jdbc.JdbcStorage#migrationsLocation()}.
 */
@NullMarked
package dev.meadow.storage.jdbc;

import org.jspecify.annotations.NullMarked;
