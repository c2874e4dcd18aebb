package dev.meadow.storage.jdbc;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.spi.Listings;
import dev.meadow.core.StorageException;
import dev.meadow.core.spi.CounterStore;
import dev.meadow.core.spi.FollowStore;
import dev.meadow.core.spi.GroupStore;
import dev.meadow.core.spi.LabelStore;
import dev.meadow.core.spi.OutboxStore;
import dev.meadow.core.spi.PostStore;
import dev.meadow.core.spi.ReferralStore;
import dev.meadow.core.spi.ReviewStore;
import dev.meadow.core.spi.Transaction;
import dev.meadow.storage.jdbc.JdbcSession.Binder;
import dev.meadow.storage.jdbc.JdbcSession.RowMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One open JDBC transaction and the stores bound to it. Usable only by the thread running the work,
 * and only until the work returns.
 */
final class JdbcTransaction implements Transaction, JdbcSession {
  private final Connection connection;
  private final Dialect dialect;
  private final Thread owner = Thread.currentThread();
  /** Whether the connection runs statements in a transaction rather than each on its own. */
  private boolean transactional;
  private boolean open = true;
  private @Nullable StorageException failure;
  private @Nullable JdbcOutboxStore outbox;
  private @Nullable JdbcGroupStore groups;
  private @Nullable JdbcPostStore posts;
  private @Nullable JdbcFollowStore follows;
  private @Nullable JdbcLabelStore labels;
  private @Nullable JdbcReviewStore reviews;
  private @Nullable JdbcReferralStore referrals;
  private @Nullable JdbcCounterStore counters;
  private final Map<Class<?>, JdbcStoreProvider<?>> moduleStores;
  /** The module stores opened so far, made on first use: most transactions use none. */
  private @Nullable Map<Class<?>, Object> opened;

  /**
   * Binds the stores to {@code connection}, at READ COMMITTED already; {@code autoCommit} is whether
   * it runs each statement on its own, until the work's first change.
   */
  JdbcTransaction(Connection connection, Dialect dialect, boolean autoCommit,
      Map<Class<?>, JdbcStoreProvider<?>> moduleStores) {
    this.connection = connection;
    this.dialect = dialect;
    this.moduleStores = moduleStores;
    this.transactional = !autoCommit;
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

  @Override
  public PostStore posts() {
    checkOpen();
    if (posts == null) {
      posts = new JdbcPostStore(this);
    }
    return posts;
  }

  @Override
  public FollowStore follows() {
    checkOpen();
    if (follows == null) {
      follows = new JdbcFollowStore(this);
    }
    return follows;
  }

  @Override
  public LabelStore labels() {
    checkOpen();
    if (labels == null) {
      labels = new JdbcLabelStore(this);
    }
    return labels;
  }

  @Override
  public ReviewStore reviews() {
    checkOpen();
    if (reviews == null) {
      reviews = new JdbcReviewStore(this);
    }
    return reviews;
  }

  @Override
  public ReferralStore referrals() {
    checkOpen();
    if (referrals == null) {
      referrals = new JdbcReferralStore(this);
    }
    return referrals;
  }

  @Override
  public CounterStore counters() {
    checkOpen();
    if (counters == null) {
      counters = new JdbcCounterStore(this);
    }
    return counters;
  }

  @Override
  public <S> S store(Class<S> storeType) {
    checkOpen();
    JdbcStoreProvider<?> provider = moduleStores.get(storeType);
    if (provider == null) {
      return Transaction.super.store(storeType);
    }
    if (opened == null) {
      opened = new HashMap<>();
    }
    Object store = opened.get(storeType);
    if (store == null) {
      store = requireNonNull(provider.open(this), "the store " + provider + " opened");
      opened.put(storeType, store);
    }
    return storeType.cast(store);
  }

  @Override
  public String database() {
    return dialect.folder();
  }

  @Override
  public String lockingClaimSuffix() {
    return dialect.lockingClaimSuffix();
  }

  Dialect dialect() {
    return dialect;
  }

  @Override
  public void checkOpen() {
    if (Thread.currentThread() != owner) {
      throw new IllegalStateException(
          "a Meadow storage transaction is used from a thread other than the one running its work");
    }
    if (!open) {
      throw new IllegalStateException(
          "the Meadow storage transaction is over: a transaction or store was used after its work returned");
    }
  }

  /**
   * Returns whether the work changed or locked rows, so that there is a database transaction to
   * commit or roll back.
   */
  boolean changed() {
    return transactional;
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

  /*
   * Statements that only read run in auto-commit mode, each on its own, until the first statement
   * that changes or locks rows turns auto-commit off; that statement and every later one then
   * commit or roll back together. At READ COMMITTED a read sees the rows committed when it starts,
   * in a transaction or not, and takes no row locks, so the work reads the same either way; a work
   * that only reads then costs no COMMIT, which is a round trip to the database.
   */
  private PreparedStatement prepare(String sql) throws SQLException {
    if (!transactional && !Sql.readsOnly(sql)) {
      connection.setAutoCommit(false);
      transactional = true;
    }
    return connection.prepareStatement(sql);
  }

  @Override
  public <T> List<T> list(String operation, String sql, Binder binder, RowMapper<T> mapper) {
    checkOpen();
    try (PreparedStatement statement = prepare(sql)) {
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

  /**
   * Runs a query whose parameters are a key and a LIMIT, and maps every row; checks the limit as
   * the storage SPI's listings do.
   */
  <T> List<T> listByKey(String operation, String sql, String key, int limit, RowMapper<T> mapper) {
    checkOpen();
    if (Listings.checkLimit(limit) == 0) {
      return List.of();
    }
    return list(operation, sql, s -> {
      s.setString(1, key);
      s.setInt(2, limit);
    }, mapper);
  }

  @Override
  public <T> Optional<T> one(String operation, String sql, Binder binder, RowMapper<T> mapper) {
    List<T> rows = list(operation, sql, binder, mapper);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  @Override
  public int update(String operation, String sql, Binder binder) {
    checkOpen();
    try (PreparedStatement statement = prepare(sql)) {
      binder.bind(statement);
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw fail(operation, e);
    }
  }

  @Override
  public boolean insertIfAbsent(String operation, String insert, Binder binder) {
    checkOpen();
    try (PreparedStatement statement = prepare(dialect.insertIgnoringDuplicates(insert))) {
      binder.bind(statement);
      return statement.executeUpdate() == 1;
    } catch (SQLException e) {
      if (dialect.isIgnorableDuplicate(e)) {
        return false;
      }
      throw fail(operation, e);
    }
  }

  /**
   * Runs {@code change}, which changes one row found by its key and reports empty when there is
   * no such row; in that case runs {@code create}, which inserts the row with its starting values
   * unless a row with the key exists, and then runs {@code change} once more. The row's key makes
   * racing creators insert it once, and every change applies to it.
   */
  <T> Optional<T> changeCreating(Supplier<Optional<T>> change, Runnable create) {
    Optional<T> changed = change.get();
    if (changed.isPresent()) {
      return changed;
    }
    create.run();
    return change.get();
  }

  /**
   * Runs {@code change}, an UPDATE of the one row with a key, and if there is no such row runs
   * {@code create}, which inserts the row with its starting values unless a row with the key
   * exists, then {@code change} once more: the row's key makes racing creators insert it once,
   * and every change applies to it, as {@link #changeCreating} does.
   */
  void updateCreating(String operation, String change, Binder changeBinder, String create, Binder createBinder) {
    changeCreating(
        () -> update(operation, change, changeBinder) == 1 ? Optional.of(Boolean.TRUE) : Optional.empty(),
        () -> insertIfAbsent(operation, create, createBinder))
        .orElseThrow(() -> new StorageException("Meadow storage could not " + operation + ": its row vanished"));
  }

  /**
   * Inserts one row per distinct element of {@code values}, skipping rows whose unique key exists:
   * {@code insert} has two parameters, {@code key} and the element.
   */
  void insertEachIfAbsent(String operation, String insert, String key, Collection<String> values) {
    List<Binder> rows = new ArrayList<>();
    for (String value : new TreeSet<>(values)) {
      rows.add(s -> {
        s.setString(1, key);
        s.setString(2, value);
      });
    }
    if (dialect.batchesIgnoreDuplicates()) {
      batch(operation, dialect.insertIgnoringDuplicates(insert), rows);
    } else {
      for (Binder row : rows) {
        insertIfAbsent(operation, insert, row);
      }
    }
  }

  /**
   * Replaces the rows holding {@code key}: deletes them with {@code delete}, whose one parameter
   * is the key, then inserts one row per distinct element of {@code values} as
   * {@link #insertEachIfAbsent} does.
   */
  void replaceEach(String operation, String delete, String insert, String key, Collection<String> values) {
    update(operation, delete, s -> s.setString(1, key));
    insertEachIfAbsent(operation, insert, key, values);
  }

  /**
   * Runs an UPDATE adding two deltas to the row with an id: {@code sql}'s parameters are the
   * deltas and the id. Returns whether there was such a row.
   */
  boolean addToRow(String operation, String sql, String id, long first, long second) {
    return update(operation, sql, s -> {
      s.setLong(1, first);
      s.setLong(2, second);
      s.setString(3, id);
    }) == 1;
  }

  @Override
  public int[] batch(String operation, String sql, List<Binder> binders) {
    checkOpen();
    if (binders.isEmpty()) {
      return new int[0];
    }
    try (PreparedStatement statement = prepare(sql)) {
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
