package dev.meadow.storage.jdbc;

import dev.meadow.core.UserId;
import dev.meadow.core.groups.Removal;
import dev.meadow.storage.jdbc.JdbcSession.Binder;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Small JDBC helpers for Meadow's stores and for modules' JDBC stores: SQL text built from column
 * lists, and values read and bound the way every Meadow table stores them (instants as
 * {@code TIMESTAMP WITH TIME ZONE} at millisecond precision, lists as arrays, enums by name).
 * Listing limits and keyset positions are checked by {@link dev.meadow.core.spi.Listings}.
 */
public final class Sql {
  /** SQLStates after which the whole transaction may succeed if run again. */
  private static final Set<String> TRANSIENT_STATES = Set.of(
      "40001", // serialization failure (PostgreSQL, H2 deadlock)
      "40P01", // deadlock detected (PostgreSQL)
      "55P03", // a lock wait ran past lock_timeout (PostgreSQL)
      "HYT00"); // a lock wait ran past LOCK_TIMEOUT (H2)

  private Sql() {}

  /** Binds nothing. */
  public static final Binder NO_PARAMETERS = statement -> {};

  /**
   * A statement assembled from constant SQL fragments, each appended with the values of its
   * parameters: text is only ever SQL the adapter wrote, and every value is bound. Values are
   * strings, numbers, booleans or {@link OffsetDateTime}s ({@link #timestamp}).
   */
  static final class Query implements Binder {
    private final StringBuilder sql;
    private final List<Object> values = new ArrayList<>();

    Query(String start) {
      sql = new StringBuilder(start);
    }

    /** Appends a fragment and the values of its parameters, in order. */
    Query append(String fragment, Object... fragmentValues) {
      sql.append(fragment);
      Collections.addAll(values, fragmentValues);
      return this;
    }

    /** Appends a fragment and the values of its parameters, in order. */
    Query append(String fragment, Collection<?> fragmentValues) {
      sql.append(fragment);
      values.addAll(fragmentValues);
      return this;
    }

    String sql() {
      return sql.toString();
    }

    /**
     * Returns the rows of {@code branches}, each a SELECT with its own ORDER BY and LIMIT, merged
     * by UNION ALL and ordered by {@code order} (of the branches' output columns), at most
     * {@code limit} of them; one branch alone is returned as it is, already in that order.
     */
    static Query unionAll(List<Query> branches, String order, int limit) {
      if (branches.size() == 1) {
        return branches.get(0);
      }
      Query union = new Query("");
      for (Query branch : branches) {
        union.append(union.sql.length() == 0 ? "(" : ") UNION ALL (").append(branch.sql(), branch.values);
      }
      // Branches merged at the top level, not as "id IN (branch UNION ALL branch)": H2 reuses the
      // LIMIT of such a subquery's first execution when the connection runs the statement again.
      return union.append(") ORDER BY " + order + " LIMIT ?", limit);
    }

    @Override
    public void bind(PreparedStatement statement) throws SQLException {
      int index = 1;
      for (Object value : values) {
        statement.setObject(index++, value);
      }
    }
  }

  /**
   * The columns of a {@link Removal}, which posts and comments share: all three NULL when there
   * is none.
   */
  static final String REMOVAL_COLUMNS = "removal_reason, removed_by, removed_at";

  /** A lock clause (FOR UPDATE, FOR SHARE) or H2's table of the rows a change returned. */
  private static final Pattern LOCKS_OR_CHANGES =
      Pattern.compile("\\bFOR\\b|\\bFINAL\\s+TABLE\\b", Pattern.CASE_INSENSITIVE);

  /**
   * Returns whether a statement only reads: a SELECT, or a union of parenthesized SELECTs, without
   * the word FOR (a lock clause) or a FINAL TABLE (H2's rows changed by an UPDATE). Any other
   * statement counts as one that changes or locks rows.
   */
  static boolean readsOnly(String sql) {
    return (sql.regionMatches(true, 0, "SELECT ", 0, 7) || sql.regionMatches(true, 0, "(SELECT ", 0, 8))
        && !LOCKS_OR_CHANGES.matcher(sql).find();
  }

  /** Returns {@code n} comma-separated parameter markers, for an IN list. */
  public static String placeholders(int n) {
    return String.join(", ", Collections.nCopies(n, "?"));
  }

  /** Returns one parameter marker per column of a comma-separated list of column names. */
  public static String parameters(String columns) {
    return placeholders(columns.split(", ").length);
  }

  /** Returns the INSERT of one row into {@code table}, one parameter per column of a comma-separated list. */
  public static String insertInto(String table, String columns) {
    return "INSERT INTO " + table + " (" + columns + ") VALUES (" + parameters(columns) + ")";
  }

  /** Returns {@code a = ?, b = ?} for a comma-separated list of column names, for an UPDATE. */
  public static String assignments(String columns) {
    return columns.replace(", ", " = ?, ") + " = ?";
  }

  /** Returns {@code a = a + ?, b = b + ?} for a comma-separated list of column names, for an UPDATE. */
  public static String increments(String columns) {
    StringBuilder sql = new StringBuilder();
    for (String column : columns.split(", ")) {
      sql.append(sql.length() == 0 ? "" : ", ").append(column).append(" = ").append(column).append(" + ?");
    }
    return sql.toString();
  }

  /** Returns a comma-separated list of column names with each name prefixed by {@code alias.}. */
  public static String qualify(String alias, String columns) {
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
   * Lists are stored as arrays, which keep their order on both databases: PostgreSQL's TEXT[] and
   * H2's VARCHAR ARRAY both accept a JDBC array of VARCHAR, and their INTEGER and BIGINT arrays
   * one of INTEGER and BIGINT.
   */

  /** Binds a list of values as an array of text. */
  public static <T> void setArray(PreparedStatement statement, int index, List<T> values, Function<T, String> text)
      throws SQLException {
    Object[] texts = new Object[values.size()];
    for (int i = 0; i < texts.length; i++) {
      texts[i] = text.apply(values.get(i));
    }
    setArray(statement, index, "varchar", texts);
  }

  /** Binds {@code elements} as an array of the SQL type {@code type}, such as {@code bigint}. */
  public static void setArray(PreparedStatement statement, int index, String type, Object[] elements) throws SQLException {
    statement.setArray(index, statement.getConnection().createArrayOf(type, elements));
  }

  /** Binds a list of strings as an array of text. */
  public static void setArray(PreparedStatement statement, int index, List<String> values) throws SQLException {
    setArray(statement, index, values, Function.identity());
  }

  /** Reads a non-null array of text, in its order, each element parsed by {@code parse}. */
  public static <T> List<T> list(ResultSet row, String column, Function<String, T> parse) throws SQLException {
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
  public static List<String> list(ResultSet row, String column) throws SQLException {
    return list(row, column, Function.identity());
  }

  /** Binds a boolean, or SQL NULL. */
  public static void setBoolean(PreparedStatement statement, int index, @Nullable Boolean value) throws SQLException {
    if (value == null) {
      statement.setNull(index, java.sql.Types.BOOLEAN);
    } else {
      statement.setBoolean(index, value);
    }
  }

  /** Reads a boolean that may be NULL. */
  public static @Nullable Boolean nullableBoolean(ResultSet row, String column) throws SQLException {
    boolean value = row.getBoolean(column);
    return row.wasNull() ? null : value;
  }

  /** Reads a non-null enum constant stored by its name. */
  public static <E extends Enum<E>> E enumValue(ResultSet row, String column, Class<E> type) throws SQLException {
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
  public static OffsetDateTime timestamp(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC);
  }

  /** Binds an instant, or SQL NULL. */
  public static void setInstant(PreparedStatement statement, int index, @Nullable Instant instant) throws SQLException {
    if (instant == null) {
      statement.setNull(index, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      statement.setObject(index, timestamp(instant));
    }
  }

  /** Reads a non-null instant. */
  public static Instant instant(ResultSet row, String column) throws SQLException {
    Instant value = nullableInstant(row, column);
    if (value == null) {
      throw new SQLException("column " + column + " is unexpectedly NULL");
    }
    return value;
  }

  /** Reads an instant that may be NULL. */
  public static @Nullable Instant nullableInstant(ResultSet row, String column) throws SQLException {
    OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  /** Reads a non-null string. */
  public static String string(ResultSet row, String column) throws SQLException {
    String value = row.getString(column);
    if (value == null) {
      throw new SQLException("column " + column + " is unexpectedly NULL");
    }
    return value;
  }

  /**
   * Returns whether {@code failure}, or anything that caused it, is a database report that running
   * the transaction again may succeed: a serialization failure, a deadlock or a lock wait that timed
   * out.
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
