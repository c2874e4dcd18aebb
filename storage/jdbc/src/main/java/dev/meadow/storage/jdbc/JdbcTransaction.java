package dev.meadow.storage.jdbc;

import dev.meadow.core.StorageException;
import dev.meadow.core.spi.GroupStore;
import dev.meadow.core.spi.OutboxStore;
import dev.meadow.core.spi.Transaction;
import dev.meadow.storage.jdbc.Sql.Binder;
import dev.meadow.storage.jdbc.Sql.RowMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One open JDBC transaction and the stores bound to it. Usable only by the thread running the work,
 * and only until the work returns.
 */
final class JdbcTransaction implements Transaction {
  private final Connection connection;
  private final Dialect dialect;
  private final Thread owner = Thread.currentThread();
  private boolean open = true;
  private @Nullable StorageException failure;
  private @Nullable JdbcOutboxStore outbox;
  private @Nullable JdbcGroupStore groups;

  JdbcTransaction(Connection connection, Dialect dialect) {
    this.connection = connection;
    this.dialect = dialect;
  }

  @Override
  public OutboxStore outbox() {
    checkOpen();
    if (outbox == null) {
      outbox = new JdbcOutboxStore(this);
    }
    return outbox;
  }

  @Override
  public GroupStore groups() {
    checkOpen();
    if (groups == null) {
      groups = new JdbcGroupStore(this);
    }
    return groups;
  }

  Dialect dialect() {
    return dialect;
  }

  /** Throws unless called by the thread running the work, before the work returned. */
  void checkOpen() {
    if (Thread.currentThread() != owner) {
      throw new IllegalStateException(
          "a Meadow storage transaction is used from a thread other than the one running its work");
    }
    if (!open) {
      throw new IllegalStateException(
          "the Meadow storage transaction is over: a transaction or store was used after its work returned");
    }
  }

  /** Ends the use of this transaction and its stores; the caller then commits or rolls back. */
  void close() {
    open = false;
  }

  /**
   * Returns the failure of a statement in this transaction that the work did not let escape, if
   * any: such a transaction is rolled back, never committed.
   */
  @Nullable StorageException failure() {
    return failure;
  }

  /** Runs a query and maps every row. */
  <T> List<T> list(String operation, String sql, Binder binder, RowMapper<T> mapper) {
    checkOpen();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      binder.bind(statement);
      try (ResultSet rows = statement.executeQuery()) {
        List<T> result = new ArrayList<>();
        while (rows.next()) {
          result.add(mapper.map(rows));
        }
        return result;
      }
    } catch (SQLException e) {
      throw fail(operation, e);
    }
  }

  /** Runs a query expected to find at most one row. */
  <T> Optional<T> one(String operation, String sql, Binder binder, RowMapper<T> mapper) {
    List<T> rows = list(operation, sql, binder, mapper);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  /** Runs an INSERT, UPDATE or DELETE and returns how many rows it changed. */
  int update(String operation, String sql, Binder binder) {
    checkOpen();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      binder.bind(statement);
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw fail(operation, e);
    }
  }

  /**
   * Runs an INSERT that inserts nothing if a row with the same unique key exists, and returns
   * whether it inserted. The database's unique keys decide, so of several racing inserts of one
   * key exactly one succeeds.
   */
  boolean insertIfAbsent(String operation, String insert, Binder binder) {
    checkOpen();
    try (PreparedStatement statement = connection.prepareStatement(dialect.insertIgnoringDuplicates(insert))) {
      binder.bind(statement);
      return statement.executeUpdate() == 1;
    } catch (SQLException e) {
      if (dialect.isIgnorableDuplicate(e)) {
        return false;
      }
      throw fail(operation, e);
    }
  }

  /** Runs one statement once per element of {@code binders} and returns each one's update count. */
  int[] batch(String operation, String sql, List<Binder> binders) {
    checkOpen();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (Binder binder : binders) {
        binder.bind(statement);
        statement.addBatch();
      }
      return statement.executeBatch();
    } catch (SQLException e) {
      throw fail(operation, e);
    }
  }

  /**
   * Returns the exception reporting a failed statement, and marks this transaction for rollback:
   * after a failure the database may have undone part of the work (PostgreSQL aborts the whole
   * transaction), so committing the rest would break the all-or-nothing promise.
   */
  private StorageException fail(String operation, SQLException cause) {
    // The message names the operation and the SQLState only: user values stay out of logs.
    StorageException e = new StorageException(
        "Meadow storage could not " + operation + " (SQLState " + cause.getSQLState() + ")", cause);
    if (failure == null) {
      failure = e;
    }
    return e;
  }
}
