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
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the versioned migration scripts of core and of every JDBC module, each from its own
 * classpath folder, and records each in {@code meadow_migrations} under its module's name.
 *
 * <p>Scripts are listed, in order, in {@code migrations.txt} beside them, so they are found in a
 * jar without scanning the classpath. Each is named as Flyway expects,
 * {@code V<version>__<description>.sql}, so hosts may apply the same folders with Flyway.
 *
 * <p>Databases migrated by earlier releases kept their history in {@code meadow_schema_history},
 * core's scripts only. The first migration by this release copies those rows into
 * {@code meadow_migrations} as core's and drops the old table; a recorded script that a module now
 * ships in place of core (the same text, so the same checksum) is then filed under that module.
 */
final class Migrator {
  static final String INDEX = "migrations.txt";
  /** The module name of Meadow's own migrations. */
  static final String CORE = "core";

  private static final Logger log = LoggerFactory.getLogger(Migrator.class);
  private static final Pattern SCRIPT_NAME = Pattern.compile("V([1-9][0-9]{0,8})__([A-Za-z0-9_]+)\\.sql");
  private static final Pattern MODULE_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,63}");

  private static final String CREATE_HISTORY = "CREATE TABLE IF NOT EXISTS meadow_migrations ("
      + "module VARCHAR(64) NOT NULL, "
      + "version INTEGER NOT NULL, "
      + "description VARCHAR(200) NOT NULL, "
      + "checksum VARCHAR(64) NOT NULL, "
      + "applied_at TIMESTAMP WITH TIME ZONE NOT NULL, "
      + "PRIMARY KEY (module, version))";
  private static final String READ_HISTORY = "SELECT module, version, checksum FROM meadow_migrations";
  private static final String RECORD = "INSERT INTO meadow_migrations (module, version, description, checksum,"
      + " applied_at) VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP)";
  private static final String ADOPT = "UPDATE meadow_migrations SET module = ?, version = ?, description = ?"
      + " WHERE module = ? AND version = ? AND checksum = ?";

  /** The history table of releases before module migrations, core's rows only. */
  private static final String LEGACY_EXISTS = "SELECT COUNT(*) FROM information_schema.tables"
      + " WHERE LOWER(table_name) = 'meadow_schema_history' AND table_schema = CURRENT_SCHEMA";
  private static final String COPY_LEGACY = "INSERT INTO meadow_migrations (module, version, description,"
      + " checksum, applied_at) SELECT '" + CORE + "', version, description, checksum, applied_at"
      + " FROM meadow_schema_history h WHERE NOT EXISTS (SELECT 1 FROM meadow_migrations m"
      + " WHERE m.module = '" + CORE + "' AND m.version = h.version)";
  private static final String DROP_LEGACY = "DROP TABLE IF EXISTS meadow_schema_history";
  /** SQLStates of a missing table: H2's and PostgreSQL's. */
  private static final Set<String> NO_TABLE = Set.of("42S02", "42P01");

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

  /** One module's folder of scripts, read through {@code loader}: core's, or a {@link JdbcModule}'s. */
  record Location(String module, String path, ClassLoader loader) {
    Location {
      if (!MODULE_NAME.matcher(module).matches()) {
        throw new IllegalArgumentException("a JDBC module's name is 1 to 64 lower-case letters, digits, '-' and"
            + " '_', starting with a letter, was '" + module + "'");
      }
    }
  }

  /** One module's scripts, in version order. */
  record Plan(String module, List<Script> scripts) {
    String label(Script script) {
      return module + " " + script.label();
    }
  }

  private final DataSource dataSource;
  private final Dialect dialect;

  Migrator(DataSource dataSource, Dialect dialect) {
    this.dataSource = dataSource;
    this.dialect = dialect;
  }

  /** Applies every shipped script of the given locations not applied yet, core's first. */
  void migrate(List<Location> locations) {
    List<Plan> plans = new ArrayList<>();
    for (Location location : locations) {
      plans.add(new Plan(location.module(), scripts(location.path(), location.loader())));
    }
    migratePlans(plans);
  }

  /** Applies those of the plans' scripts (the shipped ones, or the first few of them) not applied yet. */
  void migratePlans(List<Plan> plans) {
    try {
      if (dialect == Dialect.POSTGRESQL) {
        migratePostgres(plans);
      } else {
        migrateH2(plans);
      }
    } catch (SQLException e) {
      throw new StorageException("Meadow migration failed (SQLState " + e.getSQLState() + ")", e);
    }
  }

  /*
   * PostgreSQL runs DDL in transactions, so each script, its history row and the lock that keeps
   * other migrating processes waiting share one transaction: pg_advisory_xact_lock is released by
   * the commit or rollback. The history is prepared (created, carried over from the old table,
   * moved scripts filed under their modules) in a first transaction under the same lock.
   */
  private void migratePostgres(List<Plan> plans) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        inPostgresTransaction(connection, () -> {
          prepareHistory(connection, plans);
          return true;
        });
        for (Plan plan : plans) {
          while (inPostgresTransaction(connection, () -> {
            Optional<Script> next = next(plan, history(connection, plan.module()));
            if (next.isEmpty()) {
              return false;
            }
            apply(connection, plan, next.get());
            record(connection, plan.module(), next.get());
            log.info("Applied Meadow migration {} to PostgreSQL", plan.label(next.get()));
            return true;
          })) {
            // one script per transaction, until the module is up to date
          }
        }
      } finally {
        restoreAutoCommit(connection, autoCommit);
      }
    }
  }

  /** A step of a PostgreSQL migration, run in a transaction of its own under the advisory lock. */
  @FunctionalInterface
  private interface Step {
    boolean run() throws SQLException;
  }

  private static boolean inPostgresTransaction(Connection connection, Step step) throws SQLException {
    try {
      try (PreparedStatement lock = connection.prepareStatement(ADVISORY_LOCK)) {
        lock.setLong(1, ADVISORY_LOCK_KEY);
        lock.execute();
      }
      boolean more = step.run();
      connection.commit();
      return more;
    } catch (SQLException | RuntimeException e) {
      rollback(connection, e);
      throw e;
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
  private void migrateH2(List<Plan> plans) throws SQLException {
    try (Connection connection = dataSource.getConnection(); Connection guard = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      boolean guardAutoCommit = guard.getAutoCommit();
      connection.setAutoCommit(false);
      guard.setAutoCommit(false);
      try {
        prepareHistory(connection, plans);
        connection.commit();
        for (Plan plan : plans) {
          migrateH2(connection, guard, plan);
        }
      } finally {
        restoreAutoCommit(connection, autoCommit);
        restoreAutoCommit(guard, guardAutoCommit);
      }
    }
  }

  private static void migrateH2(Connection connection, Connection guard, Plan plan) throws SQLException {
    int waits = 0;
    while (true) {
      Optional<Script> next = next(plan, history(guard, plan.module()));
      if (next.isEmpty()) {
        guard.commit();
        return;
      }
      Script script = next.get();
      try {
        record(guard, plan.module(), script);
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
        apply(connection, plan, script);
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        rollback(connection, e);
        rollback(guard, e);
        throw e;
      }
      guard.commit();
      log.info("Applied Meadow migration {} to H2", plan.label(script));
    }
  }

  /**
   * Creates the history table, carries the rows of the old one over as core's, and files each
   * recorded script that no longer ships where it was recorded (its version gone, or used by
   * another script), but ships unchanged in another module, under that module. A recorded script
   * that matches nothing shipped is left for {@link #next} to report.
   */
  private static void prepareHistory(Connection connection, List<Plan> plans) throws SQLException {
    execute(connection, CREATE_HISTORY);
    if (legacyHistoryExists(connection)) {
      try {
        execute(connection, COPY_LEGACY);
        execute(connection, DROP_LEGACY);
        log.info("Moved Meadow's migration history from meadow_schema_history to meadow_migrations");
      } catch (SQLException e) {
        // Another process on H2 copied or dropped it meanwhile (PostgreSQL's lock rules that out).
        if (!Dialect.UNIQUE_VIOLATION.equals(e.getSQLState()) && !NO_TABLE.contains(e.getSQLState())) {
          throw e;
        }
      }
    }
    Map<String, List<Script>> shipped = new HashMap<>();
    plans.forEach(plan -> shipped.put(plan.module(), plan.scripts()));
    List<String[]> rows = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(READ_HISTORY);
        ResultSet result = statement.executeQuery()) {
      while (result.next()) {
        rows.add(new String[] {result.getString(1), Integer.toString(result.getInt(2)), result.getString(3)});
      }
    }
    for (String[] row : List.copyOf(rows)) {
      List<Script> home = shipped.get(row[0]);
      int version = Integer.parseInt(row[1]);
      if (home == null || home.stream().anyMatch(s -> s.version() == version && s.checksum().equals(row[2]))) {
        continue; // a module not installed here, or a script still shipped, unchanged, where it was recorded
      }
      adopting:
      for (Plan plan : plans) {
        for (Script script : plan.scripts()) {
          if (script.checksum().equals(row[2]) && rows.stream().noneMatch(
              r -> r[0].equals(plan.module()) && Integer.parseInt(r[1]) == script.version())) {
            adopt(connection, row[0], version, plan, script);
            rows.add(new String[] {plan.module(), Integer.toString(script.version()), script.checksum()});
            break adopting;
          }
        }
      }
    }
  }

  private static boolean legacyHistoryExists(Connection connection) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(LEGACY_EXISTS);
        ResultSet result = statement.executeQuery()) {
      return result.next() && result.getInt(1) > 0;
    }
  }

  private static void adopt(Connection connection, String module, int version, Plan plan, Script script)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(ADOPT)) {
      statement.setString(1, plan.module());
      statement.setInt(2, script.version());
      statement.setString(3, script.description());
      statement.setString(4, module);
      statement.setInt(5, version);
      statement.setString(6, script.checksum());
      if (statement.executeUpdate() == 1) {
        log.info("Meadow migration {} V{} now ships as {}; its history row was moved", module, version,
            plan.label(script));
      }
    }
  }

  /**
   * Returns the first script not yet applied, after checking that every applied script is
   * unchanged and that the history is one this release can continue.
   */
  static Optional<Script> next(Plan plan, Map<Integer, String> applied) {
    List<Script> scripts = plan.scripts();
    int newestKnown = scripts.isEmpty() ? 0 : scripts.get(scripts.size() - 1).version();
    for (Map.Entry<Integer, String> row : applied.entrySet()) {
      int version = row.getKey();
      Optional<Script> script = scripts.stream().filter(s -> s.version() == version).findFirst();
      if (script.isPresent()) {
        if (!script.get().checksum().equals(row.getValue())) {
          throw new StorageException("Meadow migration " + plan.label(script.get())
              + " was changed after it was applied: its checksum no longer matches meadow_schema_history;"
              + " restore the original " + script.get().resource());
        }
      } else if (version < newestKnown) {
        throw new StorageException("meadow_migrations records " + plan.module() + " migration V" + version
            + ", which this release of Meadow does not ship");
      }
    }
    for (Script script : scripts) {
      if (!applied.containsKey(script.version())) {
        int newestApplied = applied.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        if (newestApplied > script.version()) {
          throw new StorageException("Meadow migration " + plan.label(script)
              + " is not applied but the later V" + newestApplied + " is; migrations apply in order");
        }
        return Optional.of(script);
      }
    }
    if (!applied.isEmpty()) {
      int newestApplied = applied.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
      if (newestApplied > newestKnown) {
        log.warn("The database has Meadow {} migrations up to V{}, newer than this release's V{}",
            plan.module(), newestApplied, newestKnown);
      }
    }
    return Optional.empty();
  }

  private static Map<Integer, String> history(Connection connection, String module) throws SQLException {
    Map<Integer, String> applied = new TreeMap<>();
    try (PreparedStatement statement = connection.prepareStatement(READ_HISTORY + " WHERE module = ?")) {
      statement.setString(1, module);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          applied.put(rows.getInt("version"), rows.getString("checksum"));
        }
      }
    }
    return applied;
  }

  private static void apply(Connection connection, Plan plan, Script script) throws SQLException {
    List<String> statements = SqlScript.statements(script.sql());
    try (Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw new SQLException("Meadow migration " + plan.label(script) + " failed: " + e.getMessage(),
          e.getSQLState(), e.getErrorCode(), e);
    }
  }

  private static void record(Connection connection, String module, Script script) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(RECORD)) {
      statement.setString(1, module);
      statement.setInt(2, script.version());
      statement.setString(3, script.description());
      statement.setString(4, script.checksum());
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
    return scripts(location, Migrator.class.getClassLoader());
  }

  /** Returns the scripts listed in {@code location/migrations.txt}, read through {@code loader}. */
  static List<Script> scripts(String location, ClassLoader loader) {
    List<Script> scripts = new ArrayList<>();
    String index = location + "/" + INDEX;
    for (String line : read(loader, index).split("\n")) {
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
      String sql = read(loader, resource);
      scripts.add(new Script(version, matcher.group(2).replace('_', ' '), resource, sql, checksum(sql)));
    }
    return List.copyOf(scripts);
  }

  /** Returns a script's text with line endings normalized, so a checkout's line endings do not count. */
  static String read(ClassLoader loader, String resource) {
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
