package dev.meadow.storage.jdbc;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** What differs between the databases the adapter supports. */
enum Dialect {
  POSTGRESQL("PostgreSQL", "postgresql") {
    @Override
    String ignoringDuplicates(String insert) {
      return insert + " ON CONFLICT DO NOTHING";
    }

    @Override
    String lockingClaimSuffix() {
      return " FOR UPDATE SKIP LOCKED";
    }

    @Override
    String returning(String update, String columns) {
      return update + " RETURNING " + columns;
    }
  },

  H2("H2", "h2") {
    @Override
    String ignoringDuplicates(String insert) {
      // H2 has ON CONFLICT only in its PostgreSQL mode; the store catches the duplicate instead.
      return insert;
    }

    @Override
    String lockingClaimSuffix() {
      // H2 locks every row matching the WHERE clause before LIMIT applies, so FOR UPDATE would
      // hold all pending entries; the claim relies on its conditional UPDATE instead.
      return "";
    }

    @Override
    String returning(String update, String columns) {
      return "SELECT " + columns + " FROM FINAL TABLE (" + update + ")";
    }
  };

  /** SQLState of a unique-key violation, the same in both databases. */
  static final String UNIQUE_VIOLATION = "23505";

  private final String productName;
  private final String folder;
  /*
   * The statements derived from the stores' constant statements, built once: the same text every
   * time, which the driver finds in its cache of prepared statements without building it again.
   * Only constant statements are keys, so the maps stay as small as the adapter's SQL.
   */
  private final Map<String, String> ignoringDuplicates = new ConcurrentHashMap<>();
  private final Map<List<String>, String> returning = new ConcurrentHashMap<>();

  Dialect(String productName, String folder) {
    this.productName = productName;
    this.folder = folder;
  }

  /** Returns the product name the database's JDBC metadata reports. */
  String productName() {
    return productName;
  }

  /** Returns the classpath folder holding core's migration scripts for this dialect. */
  String migrationsLocation() {
    return "db/meadow/" + folder;
  }

  /** Returns the database's name as migration folders name it, such as {@code postgresql}. */
  String folder() {
    return folder;
  }

  /**
   * Returns {@code insert}, one of the adapter's constant statements, made to insert nothing,
   * rather than fail, on a unique-key conflict, or unchanged where the dialect reports the conflict
   * as SQLState 23505 without aborting the transaction.
   */
  final String insertIgnoringDuplicates(String insert) {
    return ignoringDuplicates.computeIfAbsent(insert, this::ignoringDuplicates);
  }

  /** Builds what {@link #insertIgnoringDuplicates} returns. */
  abstract String ignoringDuplicates(String insert);

  /** Returns what to append to the claim's candidate query to lock and skip rows. */
  abstract String lockingClaimSuffix();

  /**
   * Returns a query running {@code update}, one of the adapter's constant statements, and
   * returning {@code columns} (a comma-separated list) of each row it changed, as the row is after
   * the change.
   */
  final String updateReturning(String update, String columns) {
    return returning.computeIfAbsent(List.of(update, columns), key -> returning(update, columns));
  }

  /** Builds what {@link #updateReturning} returns. */
  abstract String returning(String update, String columns);

  /**
   * Returns whether a batch of {@link #insertIgnoringDuplicates} statements skips duplicates
   * (rather than failing at the first).
   */
  boolean batchesIgnoreDuplicates() {
    return this == POSTGRESQL;
  }

  /** Returns whether a failed statement left the transaction usable and was a duplicate key. */
  boolean isIgnorableDuplicate(SQLException e) {
    return this == H2 && UNIQUE_VIOLATION.equals(e.getSQLState());
  }

  /**
   * Returns the dialect of a database product name as {@link java.sql.DatabaseMetaData} reports
   * it.
   *
   * @throws IllegalArgumentException if the adapter does not support the product
   */
  static Dialect forProductName(String productName) {
    for (Dialect dialect : values()) {
      if (dialect.productName.equalsIgnoreCase(productName.trim())) {
        return dialect;
      }
    }
    throw new IllegalArgumentException("Meadow's JDBC storage supports PostgreSQL and H2, but the DataSource"
        + " connects to '" + productName + "'");
  }
}
