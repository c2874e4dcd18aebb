package dev.meadow.storage.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Small JDBC helpers shared by the stores and the migrator. */
final class Sql {
  /** SQLStates after which the whole transaction may succeed if run again. */
  private static final Set<String> TRANSIENT_STATES = Set.of(
      "40001", // serialization failure (PostgreSQL, H2 deadlock)
      "40P01"); // deadlock detected (PostgreSQL)

  private Sql() {}

  /** Binds the parameters of a statement. */
  @FunctionalInterface
  interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  /** Reads one row. */
  @FunctionalInterface
  interface RowMapper<T> {
    T map(ResultSet row) throws SQLException;
  }

  /** Binds nothing. */
  static final Binder NO_PARAMETERS = statement -> {};

  /*
   * Instants are stored as TIMESTAMP(3) WITH TIME ZONE, bound as OffsetDateTime in UTC. They are
   * truncated to the millisecond here rather than rounded by the database, so a value read back
   * equals the value written and comparisons in SQL agree with comparisons in Java.
   */

  /** Returns the value to bind for an instant. */
  static OffsetDateTime timestamp(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC);
  }

  /** Binds an instant, or SQL NULL. */
  static void setInstant(PreparedStatement statement, int index, @Nullable Instant instant) throws SQLException {
    if (instant == null) {
      statement.setNull(index, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      statement.setObject(index, timestamp(instant));
    }
  }

  /** Reads a non-null instant. */
  static Instant instant(ResultSet row, String column) throws SQLException {
    Instant value = nullableInstant(row, column);
    if (value == null) {
      throw new SQLException("column " + column + " is unexpectedly NULL");
    }
    return value;
  }

  /** Reads an instant that may be NULL. */
  static @Nullable Instant nullableInstant(ResultSet row, String column) throws SQLException {
    OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  /** Reads a non-null string. */
  static String string(ResultSet row, String column) throws SQLException {
    String value = row.getString(column);
    if (value == null) {
      throw new SQLException("column " + column + " is unexpectedly NULL");
    }
    return value;
  }

  /**
   * Returns whether {@code failure}, or anything that caused it, is a database report that running
   * the transaction again may succeed: a serialization failure or a deadlock.
   */
  static boolean isTransient(Throwable failure) {
    // Bounded walk: a cause chain or a chain of next exceptions may, in principle, loop.
    int budget = 64;
    for (Throwable t = failure; t != null && budget-- > 0; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        for (SQLException e = sql; e != null && budget-- > 0; e = e.getNextException()) {
          if (e.getSQLState() != null && TRANSIENT_STATES.contains(e.getSQLState())) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
