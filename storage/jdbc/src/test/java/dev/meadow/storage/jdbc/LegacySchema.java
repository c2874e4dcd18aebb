package dev.meadow.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Builds a database as releases before module migrations left it: core's scripts recorded in
 * {@code meadow_schema_history (version, description, checksum, applied_at)}, webhooks' tables as
 * core's V6. Public, in this module's test jar, for the upgrade tests of modules that moved out of
 * core.
 */
public final class LegacySchema {
  private static final String CREATE_HISTORY = "CREATE TABLE meadow_schema_history ("
      + "version INTEGER NOT NULL PRIMARY KEY, description VARCHAR(200) NOT NULL, checksum VARCHAR(64) NOT NULL,"
      + " applied_at TIMESTAMP WITH TIME ZONE NOT NULL)";
  private static final String RECORD = "INSERT INTO meadow_schema_history (version, description, checksum,"
      + " applied_at) VALUES (?, ?, ?, CURRENT_TIMESTAMP)";

  private LegacySchema() {}

  /**
   * Applies {@code scripts} (version to classpath resource, in version order) as the old migrator
   * did, recording each under its version with the description its file name gives.
   */
  public static void migrate(DataSource dataSource, Map<Integer, String> scripts) {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute(CREATE_HISTORY);
      for (Map.Entry<Integer, String> script : scripts.entrySet()) {
        String sql = Migrator.read(LegacySchema.class.getClassLoader(), script.getValue());
        for (String one : SqlScript.statements(sql)) {
          statement.execute(one);
        }
        try (PreparedStatement record = connection.prepareStatement(RECORD)) {
          String file = script.getValue().substring(script.getValue().lastIndexOf('/') + 1);
          record.setInt(1, script.getKey());
          record.setString(2, file.substring(file.indexOf("__") + 2, file.length() - 4).replace('_', ' '));
          record.setString(3, Migrator.checksum(sql));
          record.executeUpdate();
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not build the legacy schema", e);
    }
  }

  /** Returns the classpath folder of core's scripts for {@code database}'s dialect. */
  public static String coreLocation(TestDatabase database) {
    return database.dialect().migrationsLocation();
  }
}
