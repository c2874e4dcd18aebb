package dev.meadow.storage.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * One open JDBC transaction of a {@link JdbcStorage}, as a JDBC store sees it: Meadow's own stores
 * and modules' stores run their statements through it, so that they all commit or roll back
 * together and share the adapter's rules.
 *
 * <ul>
 *   <li>Statements that only read run each on its own until the first statement that changes or
 *       locks rows; from there on every statement is part of one transaction, committed when the
 *       work returns and rolled back when it throws.
 *   <li>A failing statement throws {@link dev.meadow.core.StorageException} naming the operation
 *       and the SQLState only (never user values), and marks the transaction for rollback even if
 *       the store catches it.
 *   <li>Usable only by the thread running the work, and only until the work returns.
 * </ul>
 *
 * <pre>{@code
 * final class JdbcNoteStore implements NoteStore {
 *   private final JdbcSession session;
 *   JdbcNoteStore(JdbcSession session) { this.session = session; }
 *
 *   public boolean insert(Note note) {
 *     return session.insertIfAbsent("insert a note", "INSERT INTO meadow_notes (id, text) VALUES (?, ?)", s -> {
 *       s.setString(1, note.id());
 *       s.setString(2, note.text());
 *     });
 *   }
 * }
 * }</pre>
 */
public interface JdbcSession {
  /** Binds the parameters of a statement. */
  @FunctionalInterface
  interface Binder {
    /** Sets the statement's parameters. */
    void bind(PreparedStatement statement) throws SQLException;
  }

  /** Reads one row. */
  @FunctionalInterface
  interface RowMapper<T> {
    /** Returns the value of the row the result set is on. */
    T map(ResultSet row) throws SQLException;
  }

  /**
   * Returns the database's name as migration folders name it: {@code postgresql} or {@code h2}.
   */
  String database();

  /**
   * Throws unless called by the thread running the work, before the work returned.
   *
   * @throws IllegalStateException if the transaction is over or used from another thread
   */
  void checkOpen();

  /**
   * Runs a query and maps every row.
   *
   * @param operation what the query does, for the message of a failure, such as "list notes"
   */
  <T> List<T> list(String operation, String sql, Binder binder, RowMapper<T> mapper);

  /** Runs a query expected to find at most one row, and maps it. */
  <T> Optional<T> one(String operation, String sql, Binder binder, RowMapper<T> mapper);

  /** Runs an INSERT, UPDATE or DELETE and returns how many rows it changed. */
  int update(String operation, String sql, Binder binder);

  /**
   * Runs an INSERT that inserts nothing if a row with the same unique key exists, and returns
   * whether it inserted. The database's unique keys decide, so of several racing inserts of one
   * key exactly one returns {@code true}. {@code insert} is a plain {@code INSERT ... VALUES}; the
   * session adapts it to the database. Pass constant SQL: the adapted text is cached per string.
   */
  boolean insertIfAbsent(String operation, String insert, Binder binder);

  /** Runs one statement once per binder, in one batch, and returns each one's update count. */
  int[] batch(String operation, String sql, List<Binder> binders);

  /**
   * Returns what to append to a {@code SELECT ... ORDER BY ... LIMIT ?} of candidate rows so that
   * concurrent claimers lock the rows they read and skip rows others locked: {@code FOR UPDATE
   * SKIP LOCKED} on PostgreSQL, nothing on H2 (where the claim must rely on a conditional UPDATE
   * of each row instead).
   */
  String lockingClaimSuffix();
}
