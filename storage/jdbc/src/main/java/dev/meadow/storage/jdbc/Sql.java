package dev.meadow.storage.jdbc;

import dev.meadow.core.UserId;
import dev.meadow.core.groups.Removal;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
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

  /** The most items one listing of the storage SPI returns. */
  static final int MAX_LIMIT = 1000;

  /**
   * The columns of a {@link Removal}, which posts and comments share: all three NULL when there
   * is none.
   */
  static final String REMOVAL_COLUMNS = "removal_reason, removed_by, removed_at";

  /** Returns {@code limit} if a listing may return that many items, 0 to {@value #MAX_LIMIT}. */
  static int checkLimit(int limit) {
    if (limit < 0 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 0 to " + MAX_LIMIT + ", was " + limit);
    }
    return limit;
  }

  /** Checks that the two parts of a keyset position are both given or both null. */
  static void checkPosition(@Nullable Object first, @Nullable Object second, String names) {
    if ((first == null) != (second == null)) {
      throw new IllegalArgumentException(names + " are both null or both set");
    }
  }

  /** Returns {@code n} comma-separated parameter markers, for an IN list. */
  static String placeholders(int n) {
    return String.join(", ", Collections.nCopies(n, "?"));
  }

  /** Returns a comma-separated list of column names with each name prefixed by {@code alias.}. */
  static String qualify(String alias, String columns) {
    return alias + "." + columns.replace(", ", ", " + alias + ".");
  }

  /**
   * Returns the least text greater than every text that starts with {@code prefix}, in the order
   * of both databases ("C" collation in PostgreSQL: code points; H2: UTF-16 code units), or null
   * when the prefix is empty or ends in U+D7FF or above, where one more could be a surrogate and
   * the two orders part.
   */
  static @Nullable String prefixUpperBound(String prefix) {
    if (prefix.isEmpty()) {
      return null;
    }
    char last = prefix.charAt(prefix.length() - 1);
    if (last >= '\uD7FF') {
      return null;
    }
    return prefix.substring(0, prefix.length() - 1) + (char) (last + 1);
  }

  /**
   * Returns the LIKE pattern matching text that starts with {@code prefix} taken literally, for
   * {@code LIKE ? ESCAPE '\'}.
   */
  static String startsWithPattern(String prefix) {
    StringBuilder pattern = new StringBuilder(prefix.length() + 1);
    for (int i = 0; i < prefix.length(); i++) {
      char c = prefix.charAt(i);
      if (c == '\\' || c == '%' || c == '_') {
        pattern.append('\\');
      }
      pattern.append(c);
    }
    return pattern.append('%').toString();
  }

  /*
   * Lists are stored as arrays of text, which keep their order on both databases: PostgreSQL's
   * TEXT[] and H2's VARCHAR ARRAY both accept a JDBC array of VARCHAR.
   */

  /** Binds a list of values as an array of text. */
  static <T> void setArray(PreparedStatement statement, int index, List<T> values, Function<T, String> text)
      throws SQLException {
    Object[] texts = new Object[values.size()];
    for (int i = 0; i < texts.length; i++) {
      texts[i] = text.apply(values.get(i));
    }
    statement.setArray(index, statement.getConnection().createArrayOf("varchar", texts));
  }

  /** Binds a list of strings as an array of text. */
  static void setArray(PreparedStatement statement, int index, List<String> values) throws SQLException {
    setArray(statement, index, values, Function.identity());
  }

  /** Reads a non-null array of text, in its order, each element parsed by {@code parse}. */
  static <T> List<T> list(ResultSet row, String column, Function<String, T> parse) throws SQLException {
    Array array = row.getArray(column);
    if (array == null) {
      throw new SQLException("column " + column + " is unexpectedly NULL");
    }
    try {
      Object[] elements = (Object[]) array.getArray();
      List<T> values = new ArrayList<>(elements.length);
      for (Object element : elements) {
        if (element == null) {
          throw new SQLException("column " + column + " unexpectedly holds NULL");
        }
        values.add(parse.apply(element.toString()));
      }
      return List.copyOf(values);
    } finally {
      array.free();
    }
  }

  /** Reads a non-null array of text, in its order. */
  static List<String> list(ResultSet row, String column) throws SQLException {
    return list(row, column, Function.identity());
  }

  /** Reads a non-null enum constant stored by its name. */
  static <E extends Enum<E>> E enumValue(ResultSet row, String column, Class<E> type) throws SQLException {
    return Enum.valueOf(type, string(row, column));
  }

  /** Reads a user id that may be NULL. */
  static @Nullable UserId nullableUser(ResultSet row, String column) throws SQLException {
    String value = row.getString(column);
    return value == null ? null : new UserId(value);
  }

  /** Binds a removal, or three NULLs, from parameter {@code index} on. */
  static void setRemoval(PreparedStatement statement, int index, @Nullable Removal removal) throws SQLException {
    statement.setString(index, removal == null ? null : removal.reason());
    statement.setString(index + 1, removal == null ? null : removal.by().value());
    setInstant(statement, index + 2, removal == null ? null : removal.at());
  }

  /** Reads the removal of a post or comment, or null. */
  static @Nullable Removal removal(ResultSet row) throws SQLException {
    String reason = row.getString("removal_reason");
    return reason == null
        ? null
        : new Removal(reason, new UserId(string(row, "removed_by")), instant(row, "removed_at"));
  }

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
