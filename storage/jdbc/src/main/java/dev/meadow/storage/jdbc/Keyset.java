package dev.meadow.storage.jdbc;

import dev.meadow.core.spi.Listings;
import dev.meadow.storage.jdbc.JdbcSession.RowMapper;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A keyset listing: the rows a filter selects, in the order of their sort columns, one page at a
 * time, each page starting after the sort values of the previous page's last row. Holds the two
 * statements, for the first page and for a page after a position, built once from constant SQL
 * fragments; every value is bound as a parameter.
 */
final class Keyset {
  private final String first;
  private final String next;
  private final boolean timed;

  private Keyset(String first, String next, boolean timed) {
    this.first = first;
    this.next = next;
    this.timed = timed;
  }

  /**
   * Returns the listing of {@code select}'s rows matching {@code filter}, ordered by the text
   * column {@code column}.
   */
  static Keyset byText(String select, String filter, String column, boolean descending) {
    return byText(select, filter, "", column, descending);
  }

  /**
   * Returns the listing of {@code select}'s rows matching {@code filter}, ordered by the text
   * column {@code column}, read in order from an index that starts with the columns
   * {@code within} (see {@link #leading}).
   */
  static Keyset byText(String select, String filter, String within, String column, boolean descending) {
    String direction = descending ? " DESC" : "";
    String order = " ORDER BY " + leading(within, direction) + column + direction + " LIMIT ?";
    String where = select + " WHERE " + filter;
    return new Keyset(where + order, where + " AND " + column + (descending ? " < ?" : " > ?") + order, false);
  }

  /**
   * Returns the listing of {@code select}'s rows matching {@code filter}, ordered by the instant
   * column {@code instant}, then by the text column {@code text}, both in one direction.
   */
  static Keyset byInstantThenText(String select, String filter, String instant, String text, boolean descending) {
    return byInstantThenText(select, filter, "", instant, text, descending);
  }

  /**
   * Returns the listing of {@code select}'s rows matching {@code filter}, ordered by the instant
   * column {@code instant}, then by the text column {@code text}, both in one direction, read in
   * order from an index that starts with the columns {@code within} (see {@link #leading}).
   */
  static Keyset byInstantThenText(String select, String filter, String within, String instant, String text,
      boolean descending) {
    String direction = descending ? " DESC" : "";
    String beyond = descending ? " < ?" : " > ?";
    String order = " ORDER BY " + leading(within, direction) + instant + direction + ", " + text + direction
        + " LIMIT ?";
    String where = select + " WHERE " + filter;
    // The redundant bound on the instant alone lets both databases range-scan the index on
    // (filter columns, instant, text) instead of filtering every row the filter selects.
    String after = " AND " + instant + (descending ? " <= ?" : " >= ?")
        + " AND (" + instant + beyond + " OR (" + instant + " = ? AND " + text + beyond + "))";
    return new Keyset(where + order, where + after + order, true);
  }

  /*
   * H2 reads an index in order, instead of reading every row the filter selects and sorting them,
   * only when the ORDER BY starts with the index's first column. So a listing whose filter fixes
   * the index's leading columns to one value each may name them first in its ORDER BY, in the
   * listing's direction: the order is the same, and H2 then stops after a page. PostgreSQL sees
   * that the columns are fixed and ignores them.
   */

  /** Returns the comma-separated columns {@code within}, or none, in {@code direction}, to lead an ORDER BY. */
  private static String leading(String within, String direction) {
    return within.isEmpty() ? "" : within.replace(", ", direction + ", ") + direction + ", ";
  }

  /**
   * Returns the statement of the first page, or of a page after a position: for tests of the
   * query plans.
   */
  String statement(boolean afterPosition) {
    return afterPosition ? next : first;
  }

  /**
   * Returns up to {@code limit} rows after the position ({@code afterInstant} and
   * {@code afterText}, or {@code afterText} alone for a listing by text; null for the first
   * page).
   *
   * @param filterValues the values of the filter's parameters, in order
   */
  <T> List<T> list(JdbcTransaction tx, String operation, List<String> filterValues,
      @Nullable Instant afterInstant, @Nullable String afterText, int limit, RowMapper<T> mapper) {
    tx.checkOpen();
    Listings.checkLimit(limit);
    if (timed) {
      Listings.checkPosition(afterInstant, afterText, "the position's instant and text");
    }
    if (limit == 0) {
      return List.of();
    }
    if (afterText == null) {
      return tx.list(operation, first, s -> {
        int index = bindFilter(s, filterValues);
        s.setInt(index, limit);
      }, mapper);
    }
    return tx.list(operation, next, s -> {
      int index = bindFilter(s, filterValues);
      if (timed) {
        Sql.setInstant(s, index++, afterInstant);
        Sql.setInstant(s, index++, afterInstant);
        Sql.setInstant(s, index++, afterInstant);
      }
      s.setString(index++, afterText);
      s.setInt(index, limit);
    }, mapper);
  }

  /** Binds the filter's values and returns the index of the next parameter. */
  private static int bindFilter(PreparedStatement statement, List<String> values) throws SQLException {
    int index = 1;
    for (String value : values) {
      statement.setString(index++, value);
    }
    return index;
  }
}
