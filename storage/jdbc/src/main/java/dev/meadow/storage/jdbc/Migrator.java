package dev.meadow.storage.jdbc;

import dev.meadow.core.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the versioned migration scripts shipped under {@code db/meadow/<dialect>/} and records
 * each in {@code meadow_schema_history}.
 *
 * <p>Scripts are listed, in order, in {@code migrations.txt} beside them, so they are found in a
 * jar without scanning the classpath. Each is named as Flyway expects,
 * {@code V<version>__<description>.sql}, so hosts may apply the same folder with Flyway.
 */
final class Migrator {
  static final String INDEX = "migrations.txt";

  private static final Logger log = LoggerFactory.getLogger(Migrator.class);
  private static final Pattern SCRIPT_NAME = Pattern.compile("V([1-9][0-9]{0,8})__([A-Za-z0-9_]+)\\.sql");

  private static final String CREATE_HISTORY = "CREATE TABLE IF NOT EXISTS meadow_schema_history ("
      + "version INTEGER NOT NULL PRIMARY KEY, "
      + "description VARCHAR(200) NOT NULL, "
      + "checksum VARCHAR(64) NOT NULL, "
      + "applied_at TIMESTAMP WITH TIME ZONE NOT NULL)";
  private static final String READ_HISTORY = "SELECT version, checksum FROM meadow_schema_history";
  private static final String RECORD = "INSERT INTO meadow_schema_history (version, description, checksum,"
      + " applied_at) VALUES (?, ?, ?, CURRENT_TIMESTAMP)";

  /** The PostgreSQL advisory lock key that migrating processes take turns on ("meadow" in ASCII). */
  private static final long ADVISORY_LOCK_KEY = 0x6d6561646f77L;
  private static final String ADVISORY_LOCK = "SELECT pg_advisory_xact_lock(?)";

  /** H2 reports a lock wait that ran past its LOCK_TIMEOUT with this SQLState. */
  private static final String H2_LOCK_TIMEOUT = "HYT00";
  private static final int H2_LOCK_WAITS = 120;

  /** A migration script. */
  record Script(int version, String description, String resource, String sql, String checksum) {
    String label() {
      return "V" + version + " (" + description + ")";
    }
  }

  private final DataSource dataSource;
  private final Dialect dialect;

  Migrator(DataSource dataSource, Dialect dialect) {
    this.dataSource = dataSource;
    this.dialect = dialect;
  }

  /** Applies every shipped script not applied yet. */
  void migrate() {
    migrate(scripts(dialect.migrationsLocation()));
  }

  /**
   * Applies those of {@code scripts}, the shipped ones in version order or the first few of them,
   * not applied yet.
   */
  void migrate(List<Script> scripts) {
    try {
      if (dialect == Dialect.POSTGRESQL) {
        migratePostgres(scripts);
      } else {
        migrateH2(scripts);
      }
    } catch (SQLException e) {
      throw new StorageException("Meadow migration failed (SQLState " + e.getSQLState() + ")", e);
    }
  }

  /*
   * PostgreSQL runs DDL in transactions, so each script, its history row and the lock that keeps
   * other migrating processes waiting share one transaction: pg_advisory_xact_lock is released by
   * the commit or rollback.
   */
  private void migratePostgres(List<Script> scripts) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        while (true) {
          try {
            try (PreparedStatement lock = connection.prepareStatement(ADVISORY_LOCK)) {
              lock.setLong(1, ADVISORY_LOCK_KEY);
              lock.execute();
            }
            execute(connection, CREATE_HISTORY);
            Optional<Script> next = next(scripts, history(connection));
            if (next.isEmpty()) {
              connection.commit();
              return;
            }
            apply(connection, next.get());
            record(connection, next.get());
            connection.commit();
            log.info("Applied Meadow migration {} to PostgreSQL", next.get().label());
          } catch (SQLException | RuntimeException e) {
            rollback(connection, e);
            throw e;
          }
        }
      } finally {
        restoreAutoCommit(connection, autoCommit);
      }
    }
  }

  /*
   * H2 commits the open transaction on every DDL statement, so neither a transaction nor a row lock
   * taken in it can span a script. Migrating processes take turns instead on the history row of the
   * version about to be applied: a second connection inserts that row first and keeps its
   * transaction open while the script runs on the first connection, so a concurrent migrator's
   * insert of the same version waits on the key, then fails as a duplicate once the first commits,
   * and that migrator re-reads the history and finds the version applied. If the script fails, the
   * row is rolled back and the version stays unapplied. H2 scripts use IF NOT EXISTS throughout,
   * because a script that failed half-way has committed its first statements.
   */
  private void migrateH2(List<Script> scripts) throws SQLException {
    try (Connection connection = dataSource.getConnection(); Connection guard = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      boolean guardAutoCommit = guard.getAutoCommit();
      connection.setAutoCommit(false);
      guard.setAutoCommit(false);
      try {
        execute(connection, CREATE_HISTORY);
        connection.commit();
        int waits = 0;
        while (true) {
          Optional<Script> next = next(scripts, history(guard));
          if (next.isEmpty()) {
            guard.commit();
            return;
          }
          Script script = next.get();
          try {
            record(guard, script);
          } catch (SQLException e) {
            guard.rollback();
            boolean concurrent = Dialect.UNIQUE_VIOLATION.equals(e.getSQLState())
                || (H2_LOCK_TIMEOUT.equals(e.getSQLState()) && ++waits < H2_LOCK_WAITS);
            if (concurrent) {
              continue; // another process applied it, or is applying it: read the history again
            }
            throw e;
          }
          try {
            apply(connection, script);
            connection.commit();
          } catch (SQLException | RuntimeException e) {
            rollback(connection, e);
            rollback(guard, e);
            throw e;
          }
          guard.commit();
          log.info("Applied Meadow migration {} to H2", script.label());
        }
      } finally {
        restoreAutoCommit(connection, autoCommit);
        restoreAutoCommit(guard, guardAutoCommit);
      }
    }
  }

  /**
   * Returns the first script not yet applied, after checking that every applied script is
   * unchanged and that the history is one this release can continue.
   */
  static Optional<Script> next(List<Script> scripts, Map<Integer, String> applied) {
    int newestKnown = scripts.isEmpty() ? 0 : scripts.get(scripts.size() - 1).version();
    for (Map.Entry<Integer, String> row : applied.entrySet()) {
      int version = row.getKey();
      Optional<Script> script = scripts.stream().filter(s -> s.version() == version).findFirst();
      if (script.isPresent()) {
        if (!script.get().checksum().equals(row.getValue())) {
          throw new StorageException("Meadow migration " + script.get().label()
              + " was changed after it was applied: its checksum no longer matches meadow_schema_history;"
              + " restore the original " + script.get().resource());
        }
      } else if (version < newestKnown) {
        throw new StorageException("meadow_schema_history records migration V" + version
            + ", which this release of Meadow does not ship");
      }
    }
    for (Script script : scripts) {
      if (!applied.containsKey(script.version())) {
        int newestApplied = applied.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        if (newestApplied > script.version()) {
          throw new StorageException("Meadow migration " + script.label()
              + " is not applied but the later V" + newestApplied + " is; migrations apply in order");
        }
        return Optional.of(script);
      }
    }
    if (!applied.isEmpty()) {
      int newestApplied = applied.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
      if (newestApplied > newestKnown) {
        log.warn("The database has Meadow migrations up to V{}, newer than this release's V{}",
            newestApplied, newestKnown);
      }
    }
    return Optional.empty();
  }

  private static Map<Integer, String> history(Connection connection) throws SQLException {
    Map<Integer, String> applied = new TreeMap<>();
    try (PreparedStatement statement = connection.prepareStatement(READ_HISTORY);
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        applied.put(rows.getInt("version"), rows.getString("checksum"));
      }
    }
    return applied;
  }

  private static void apply(Connection connection, Script script) throws SQLException {
    List<String> statements = SqlScript.statements(script.sql());
    try (Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw new SQLException("Meadow migration " + script.label() + " failed: " + e.getMessage(),
          e.getSQLState(), e.getErrorCode(), e);
    }
  }

  private static void record(Connection connection, Script script) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(RECORD)) {
      statement.setInt(1, script.version());
      statement.setString(2, script.description());
      statement.setString(3, script.checksum());
      statement.executeUpdate();
    }
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** Restores auto-commit before the connection goes back to the pool; a failure must not hide the real one. */
  private static void restoreAutoCommit(Connection connection, boolean autoCommit) {
    try {
      connection.setAutoCommit(autoCommit);
    } catch (SQLException e) {
      log.warn("Meadow migration could not restore a connection's auto-commit", e);
    }
  }

  private static void rollback(Connection connection, Throwable failure) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  /**
   * Returns the scripts listed in {@code location/migrations.txt}, in version order.
   *
   * @throws StorageException if the list or a script is missing or malformed
   */
  static List<Script> scripts(String location) {
    List<Script> scripts = new ArrayList<>();
    String index = location + "/" + INDEX;
    for (String line : read(index).split("\n")) {
      String name = line.strip();
      if (name.isEmpty() || name.startsWith("#")) {
        continue;
      }
      Matcher matcher = SCRIPT_NAME.matcher(name);
      if (!matcher.matches()) {
        throw new StorageException(index + " lists '" + name + "', which is not named V<version>__<description>.sql");
      }
      int version = Integer.parseInt(matcher.group(1));
      if (!scripts.isEmpty() && scripts.get(scripts.size() - 1).version() >= version) {
        throw new StorageException(index + " lists V" + version + " out of order");
      }
      String resource = location + "/" + name;
      String sql = read(resource);
      scripts.add(new Script(version, matcher.group(2).replace('_', ' '), resource, sql, checksum(sql)));
    }
    return List.copyOf(scripts);
  }

  /** Returns a script's text with line endings normalized, so a checkout's line endings do not count. */
  private static String read(String resource) {
    ClassLoader loader = Migrator.class.getClassLoader();
    try (InputStream in = loader == null ? null : loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new StorageException("Meadow's migration resource " + resource + " is missing from the classpath");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      if (text.startsWith("\uFEFF")) {
        text = text.substring(1);
      }
      return text.replace("\r\n", "\n").replace('\r', '\n');
    } catch (IOException e) {
      throw new StorageException("Meadow could not read its migration resource " + resource, e);
    }
  }

  /** Returns the SHA-256 of a script's normalized text, in hex. */
  static String checksum(String sql) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(sql.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }
}
