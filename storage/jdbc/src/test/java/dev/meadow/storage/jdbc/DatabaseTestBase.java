package dev.meadow.storage.jdbc;

import dev.meadow.core.internal.Ulids;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;

/**
 * A test of the adapter on one real database, chosen by a subclass: a migrated database shared by
 * such tests and emptied before each, a storage over it, and time-ordered ids.
 */
public abstract class DatabaseTestBase {
  protected static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123Z");

  private final Ulids ids = Ulids.create(Clock.fixed(T0, ZoneOffset.UTC));
  protected DataSource dataSource;
  protected JdbcStorage storage;

  protected abstract TestDatabase database();

  @BeforeEach
  protected void emptyTables() {
    dataSource = database().pooled("behaviour");
    TestDatabase.empty(dataSource);
    storage = database().storage(dataSource);
  }

  /** Returns a new id, greater than every one returned before. */
  protected String newId() {
    return ids.next();
  }
}
