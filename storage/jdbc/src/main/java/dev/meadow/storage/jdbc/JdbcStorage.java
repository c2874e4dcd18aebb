package dev.meadow.storage.jdbc;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.StorageException;
import dev.meadow.core.spi.Storage;
import dev.meadow.core.spi.TransactionWork;
import java.lang.reflect.UndeclaredThrowableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Meadow's storage on a relational database reached through the host's JDBC
 * {@link DataSource}: PostgreSQL (the primary target) or H2.
 *
 * <pre>{@code
 * JdbcStorage storage = JdbcStorage.postgres(dataSource);
 * storage.migrate(); // once at start-up, or let Flyway apply migrationsLocation()
 * Meadow meadow = Meadow.builder().storage(storage).build();
 * }</pre>
 *
 * <h2>Tables</h2>
 * Meadow's tables are named {@code meadow_*} so they sit beside the shop's own, in the schema the
 * data source's connections use. They are created and upgraded only when the host asks:
 * {@link #migrate()} applies the versioned scripts shipped in this jar and records them in
 * {@code meadow_schema_history}. Hosts that run Flyway (or a similar tool) may apply the same
 * scripts from {@code classpath:} + {@link #migrationsLocation()} instead; they follow Flyway's
 * {@code V<version>__<description>.sql} naming. Give Meadow's location a Flyway configuration and
 * history table of its own (its versions start at 1, like the shop's), and then do not also call
 * {@link #migrate()}.
 *
 * <h2>Transactions</h2>
 * {@link #inTransaction} takes a connection from the data source and runs at READ COMMITTED. The
 * work's reads run in auto-commit mode until its first statement that changes or locks rows, which
 * turns auto-commit off: from there on every statement commits when the work returns and rolls
 * back when it throws. (At READ COMMITTED each read sees what was committed when it started, in a
 * transaction or not, so the work reads the same either way, and a work that only reads costs no
 * COMMIT.) Then it restores the connection's auto-commit and isolation and closes it (returning it
 * to the host's pool). Unique keys, atomic {@code UPDATE}s and row locks give the guarantees the
 * storage SPI asks for at that isolation. A serialization failure, a deadlock or a lock wait that
 * ran past the database's lock timeout (SQLState {@code 40001}, {@code 40P01}, {@code 55P03} or
 * H2's {@code HYT00}) runs the work again in a fresh transaction, up to five times in all, after a
 * short random pause. If a statement fails inside the work and the work carries on regardless, the
 * transaction is rolled back at the end and a {@link StorageException} reports the failure: the
 * transaction's writes are never committed in part.
 *
 * <p>The isolation of each physical connection is read the first time a transaction uses it and,
 * while it is READ COMMITTED, not again, since PostgreSQL's driver reads it with a round trip to
 * the database. Change the level of pooled connections only with
 * {@link Connection#setTransactionIsolation}, which pools undo when the connection is returned,
 * not with SQL.
 *
 * <h2>Modules</h2>
 * A JDBC storage also hands out the stores of modules (Meadow's own, or a third party's) and
 * applies their migrations: each module's jar lists a {@link JdbcModule} in
 * {@code META-INF/services/dev.meadow.storage.jdbc.JdbcModule}, which the factories find;
 * {@link #withModules} names them instead.
 *
 * <p>Thread-safe; one instance serves the whole application. It holds no connection and starts no
 * thread of its own.
 */
public final class JdbcStorage implements Storage {
  /** How many times a transaction runs at most when the database reports transient conflicts. */
  static final int MAX_ATTEMPTS = 5;

  private static final Logger log = LoggerFactory.getLogger(JdbcStorage.class);
  private static final long BACKOFF_MILLIS = 5;

  private final DataSource dataSource;
  private final Dialect dialect;
  private final List<JdbcModule> modules;
  private final Map<Class<?>, JdbcStoreProvider<?>> moduleStores;
  private final ThreadLocal<Boolean> inTransaction = new ThreadLocal<>();
  /** The physical connections found at READ COMMITTED, held weakly: see {@link #isolationOf}. */
  private final Map<Connection, Boolean> readCommitted = Collections.synchronizedMap(new WeakHashMap<>());

  private JdbcStorage(DataSource dataSource, Dialect dialect, List<JdbcModule> modules) {
    this.dataSource = requireNonNull(dataSource, "dataSource");
    this.dialect = dialect;
    this.modules = List.copyOf(modules);
    Map<Class<?>, JdbcStoreProvider<?>> stores = new LinkedHashMap<>();
    Set<String> names = new HashSet<>(Set.of(Migrator.CORE));
    for (JdbcModule module : this.modules) {
      String name = requireNonNull(module.name(), "name() of " + module);
      new Migrator.Location(name, requireNonNull(module.migrationsLocation(dialect.folder()), "migrationsLocation"),
          module.getClass().getClassLoader());
      if (!names.add(name)) {
        throw new IllegalArgumentException("two JDBC modules are named '" + name + "'");
      }
      for (JdbcStoreProvider<?> provider : module.stores()) {
        Class<?> type = requireNonNull(provider.storeType(), "storeType() of " + provider);
        if (CORE_STORES.contains(type) || stores.putIfAbsent(type, provider) != null) {
          throw new IllegalArgumentException("the JDBC module '" + name + "' supplies " + type.getName()
              + ", which another module or core supplies already");
        }
      }
    }
    this.moduleStores = Map.copyOf(stores);
  }

  /** Returns the JDBC modules listed on the classpath, in the order their jars are found. */
  private static List<JdbcModule> discovered() {
    List<JdbcModule> found = new ArrayList<>();
    ServiceLoader.load(JdbcModule.class, JdbcStorage.class.getClassLoader()).forEach(found::add);
    found.sort(Comparator.comparing(JdbcModule::name));
    return found;
  }

  /**
   * Returns a storage on PostgreSQL (version 9.5 or later).
   *
   * @param dataSource where connections come from, typically the host's connection pool
   */
  public static JdbcStorage postgres(DataSource dataSource) {
    return new JdbcStorage(dataSource, Dialect.POSTGRESQL, discovered());
  }

  /**
   * Returns a storage on H2 (version 2), embedded or in server mode.
   *
   * @param dataSource where connections come from
   */
  public static JdbcStorage h2(DataSource dataSource) {
    return new JdbcStorage(dataSource, Dialect.H2, discovered());
  }

  /**
   * Returns a storage for whichever supported database the data source connects to, as its JDBC
   * metadata names it. Opens one connection to find out.
   *
   * @param dataSource where connections come from
   * @throws IllegalArgumentException if the database is neither PostgreSQL nor H2
   * @throws StorageException if no connection could be opened
   */
  public static JdbcStorage create(DataSource dataSource) {
    requireNonNull(dataSource, "dataSource");
    String product;
    try (Connection connection = dataSource.getConnection()) {
      product = connection.getMetaData().getDatabaseProductName();
    } catch (SQLException e) {
      throw new StorageException(
          "Meadow storage could not connect to detect the database (SQLState " + e.getSQLState() + ")", e);
    }
    return new JdbcStorage(dataSource, Dialect.forProductName(requireNonNull(product, "databaseProductName")),
        discovered());
  }

  /**
   * Returns a storage on the same data source and database with exactly {@code modules} as its JDBC
   * modules, instead of those found on the classpath: for hosts that wire modules by hand, and for
   * tests.
   *
   * @throws IllegalArgumentException if two modules share a name or a store type
   */
  public JdbcStorage withModules(List<? extends JdbcModule> modules) {
    return new JdbcStorage(dataSource, dialect, List.copyOf(modules));
  }

  /**
   * Returns the classpath folder of core's migration scripts for this database, such as
   * {@code db/meadow/postgresql}: for hosts that apply them with their own migration tool. The
   * folder also holds {@code migrations.txt}, the list of scripts {@link #migrate()} reads. Each
   * module's scripts have a folder of their own: see {@link #migrationsLocations()}.
   */
  public String migrationsLocation() {
    return dialect.migrationsLocation();
  }

  /**
   * Returns the classpath folder of every set of migration scripts {@link #migrate()} applies, by
   * module name, in the order it applies them: {@code core} first, then each JDBC module's, such as
   * {@code notes -> db/meadow-notes/postgresql}. Hosts that run Flyway give each folder a
   * Flyway configuration and history table of its own, since each numbers its versions from 1.
   */
  public Map<String, String> migrationsLocations() {
    Map<String, String> locations = new LinkedHashMap<>();
    for (Migrator.Location location : locations()) {
      locations.put(location.module(), location.path());
    }
    return Collections.unmodifiableMap(locations);
  }

  private List<Migrator.Location> locations() {
    List<Migrator.Location> locations = new ArrayList<>();
    locations.add(new Migrator.Location(Migrator.CORE, dialect.migrationsLocation(), JdbcStorage.class.getClassLoader()));
    for (JdbcModule module : modules) {
      locations.add(new Migrator.Location(module.name(), module.migrationsLocation(dialect.folder()),
          module.getClass().getClassLoader()));
    }
    return locations;
  }

  /**
   * {@inheritDoc}
   *
   * <p>A JDBC storage provides core's stores and those of its {@link JdbcModule}s.
   */
  @Override
  public boolean provides(Class<?> storeType) {
    return Storage.super.provides(storeType) || moduleStores.containsKey(storeType);
  }

  /**
   * Creates or upgrades Meadow's tables and those of its JDBC modules: applies, core's first and
   * then each module's, in version order, each shipped migration script not yet recorded in
   * {@code meadow_migrations}, each in a transaction of its own. Does nothing when the schema is up
   * to date, so it is safe to call at every start-up; never called implicitly.
   *
   * <p>A database migrated by an earlier release, whose history is in {@code meadow_schema_history},
   * is upgraded in place: the history moves to {@code meadow_migrations}, and a script recorded as
   * core's that now ships in a module (the same text) is recorded under that module, so no table
   * is created twice and no row is lost.
   *
   * <p>Safe when several processes call it at once: on PostgreSQL they take turns through an
   * advisory lock; on H2 through the key of the history row a migration is about to record, which
   * needs two connections from the data source at once. Every script is applied exactly once.
   * H2 commits on every DDL statement, so there a script that fails part-way stays partly
   * applied; Meadow's H2 scripts are written to complete when run again.
   *
   * @throws StorageException if a script fails (its transaction is rolled back), if a script
   *     applied earlier has changed since (its checksum differs), or if the database holds
   *     versions this release cannot reconcile
   */
  public void migrate() {
    new Migrator(dataSource, dialect).migrate(locations());
  }

  /**
   * {@inheritDoc}
   *
   * @throws StorageException if the database failed, including when a statement inside
   *     {@code work} failed and {@code work} returned anyway, or when conflicts persisted through
   *     every attempt
   * @throws IllegalStateException if called inside another transaction of this storage on the
   *     same thread
   */
  @Override
  public <T> T inTransaction(TransactionWork<T> work) {
    requireNonNull(work, "work");
    if (inTransaction.get() != null) {
      throw new IllegalStateException(
          "transactions do not nest: inTransaction was called inside another transaction of this storage");
    }
    inTransaction.set(Boolean.TRUE);
    try {
      for (int attempt = 1; ; attempt++) {
        try {
          return attempt(work);
        } catch (RuntimeException e) {
          if (attempt >= MAX_ATTEMPTS || !Sql.isTransient(e)) {
            throw e;
          }
          log.debug("Meadow storage transaction hit a transient conflict; running it again (attempt {} of {})",
              attempt + 1, MAX_ATTEMPTS, e);
          pause(attempt, e);
        }
      }
    } finally {
      inTransaction.remove();
    }
  }

  /** Runs the work once, in a transaction of its own. */
  private <T> T attempt(TransactionWork<T> work) {
    Connection connection;
    try {
      connection = dataSource.getConnection();
    } catch (SQLException e) {
      throw new StorageException(
          "Meadow storage could not get a database connection (SQLState " + e.getSQLState() + ")", e);
    }
    boolean autoCommit = true;
    int isolation = Connection.TRANSACTION_READ_COMMITTED;
    boolean configured = false;
    try {
      try {
        autoCommit = connection.getAutoCommit();
        isolation = isolationOf(connection);
        if (isolation != Connection.TRANSACTION_READ_COMMITTED) {
          connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        }
        configured = true;
      } catch (SQLException e) {
        throw new StorageException(
            "Meadow storage could not begin a transaction (SQLState " + e.getSQLState() + ")", e);
      }
      return run(connection, autoCommit, work);
    } finally {
      if (configured) {
        restore(connection, autoCommit, isolation);
      }
      close(connection);
    }
  }

  /*
   * PostgreSQL's driver reads a connection's isolation with a query, a round trip to the database
   * before every transaction if asked each time. A physical connection found at READ COMMITTED is
   * remembered (weakly, so closed connections are forgotten) and not asked again: each transaction
   * leaves the connection's level as it found it, and pools reset the level their users change. A
   * connection found at another level is asked at every use.
   */
  private int isolationOf(Connection connection) throws SQLException {
    Connection physical = physical(connection);
    if (readCommitted.containsKey(physical)) {
      return Connection.TRANSACTION_READ_COMMITTED;
    }
    int isolation = connection.getTransactionIsolation();
    if (isolation == Connection.TRANSACTION_READ_COMMITTED) {
      readCommitted.put(physical, Boolean.TRUE);
    }
    return isolation;
  }

  /** Returns the driver's connection behind a pool's handle, or the handle if the pool does not tell. */
  private static Connection physical(Connection connection) {
    try {
      return connection.unwrap(Connection.class);
    } catch (SQLException | RuntimeException e) {
      return connection;
    }
  }

  private <T> T run(Connection connection, boolean autoCommit, TransactionWork<T> work) {
    JdbcTransaction tx = new JdbcTransaction(connection, dialect, autoCommit, moduleStores);
    try {
      T result;
      try {
        result = work.execute(tx);
      } finally {
        tx.close();
      }
      StorageException failure = tx.failure();
      if (failure != null) {
        throw new StorageException("Meadow storage rolled the transaction back: a statement in it failed and"
            + " the work went on regardless (" + failure.getMessage() + ")", failure);
      }
      try {
        if (tx.changed()) {
          connection.commit();
        }
      } catch (SQLException e) {
        throw new StorageException(
            "Meadow storage could not commit the transaction (SQLState " + e.getSQLState() + ")", e);
      }
      return result;
    } catch (RuntimeException | Error e) {
      rollback(connection, e);
      throw e;
    } catch (Throwable e) {
      // A checked exception thrown sneakily by the work: roll back, and report it unchanged inside
      // the one wrapper the JDK uses for undeclared checked exceptions.
      rollback(connection, e);
      throw new UndeclaredThrowableException(e, "the transaction's work threw a checked exception");
    }
  }

  private static void rollback(Connection connection, Throwable failure) {
    try {
      if (!connection.getAutoCommit()) {
        connection.rollback();
      }
    } catch (SQLException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  /*
   * The isolation is restored only if attempt() changed it, without reading it back: PostgreSQL's
   * driver reads it with a query, a round trip to the database for every transaction.
   */
  private static void restore(Connection connection, boolean autoCommit, int isolation) {
    try {
      if (autoCommit && !connection.getAutoCommit()) {
        connection.setAutoCommit(true);
      }
      if (isolation != Connection.TRANSACTION_READ_COMMITTED) {
        connection.setTransactionIsolation(isolation);
      }
    } catch (SQLException | RuntimeException e) {
      log.warn("Meadow storage could not restore a connection's auto-commit and isolation before closing it", e);
    }
  }

  private static void close(Connection connection) {
    try {
      connection.close();
    } catch (SQLException | RuntimeException e) {
      log.warn("Meadow storage could not close a database connection", e);
    }
  }

  /** Waits a random moment, longer after each failed attempt, so conflicting transactions part. */
  private static void pause(int attempt, RuntimeException failure) {
    long bound = BACKOFF_MILLIS << (attempt - 1);
    try {
      TimeUnit.MILLISECONDS.sleep(1 + ThreadLocalRandom.current().nextLong(bound));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure;
    }
  }

  @Override
  public String toString() {
    return "JdbcStorage[" + dialect.productName() + "]";
  }
}
