/**
 * The trust store on the JDBC adapter: {@link dev.meadow.trust.jdbc.JdbcTrust} is trust's {@code
 * JdbcModule}, found through this jar's {@code META-INF/services}, with the tables {@code
 * meadow_trust_signals} and {@code meadow_trust_awards} and their migrations in {@code
 * db/meadow-trust/<database>}.
 */
@NullMarked
package dev.meadow.trust.jdbc;

import org.jspecify.annotations.NullMarked;
