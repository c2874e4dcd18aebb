package dev.meadow.storage.jdbc;

import java.util.List;

/**
 * A module's part of the JDBC adapter: its stores and its migrations. A module ships one and
 * lists it in {@code META-INF/services/dev.meadow.storage.jdbc.JdbcModule}; every
 * {@link JdbcStorage} finds it there, hands out its stores by type and applies its migrations in
 * {@link JdbcStorage#migrate()}. A host may also pass modules explicitly with
 * {@link JdbcStorage#withModules}.
 *
 * <pre>{@code
 * public final class JdbcNotes implements JdbcModule {
 *   public String name() { return "notes"; }
 *   public String migrationsLocation(String database) { return "db/meadow-notes/" + database; }
 *   public List<JdbcStoreProvider<?>> stores() {
 *     return List.of(JdbcStoreProvider.of(NoteStore.class, JdbcNoteStore::new));
 *   }
 * }
 * }</pre>
 *
 * <p>The migration folder holds scripts named {@code V<version>__<description>.sql}, versions from
 * 1, and a {@code migrations.txt} listing them in order, as core's folder does; their history rows
 * in {@code meadow_migrations} carry the module's name.
 */
public interface JdbcModule {
  /**
   * Returns the module's name, which keys its rows in the migration history: 1 to 64 lower-case
   * letters, digits, {@code -} and {@code _}, starting with a letter; {@code core} is Meadow's own.
   */
  String name();

  /**
   * Returns the classpath folder of this module's migrations for {@code database}
   * ({@code postgresql} or {@code h2}), such as {@code db/meadow-notes/postgresql}.
   */
  String migrationsLocation(String database);

  /** Returns the providers of the module's stores. */
  List<JdbcStoreProvider<?>> stores();
}
