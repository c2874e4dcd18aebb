package dev.meadow.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.StorageException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The static factories, and dialect detection from the connection's metadata. */
class JdbcStorageFactoryTest {

  @Test
  @DisplayName("create() detects H2")
  void create_detectsH2() {
    JdbcStorage storage = JdbcStorage.create(TestDatabase.H2.fresh());
    assertEquals("db/meadow/h2", storage.migrationsLocation());
    assertEquals("JdbcStorage[H2]", storage.toString());
  }

  @Test
  @DisplayName("create() detects PostgreSQL")
  void create_detectsPostgres() {
    JdbcStorage storage = JdbcStorage.create(TestDatabase.POSTGRES.pooled("factory"));
    assertEquals("db/meadow/postgresql", storage.migrationsLocation());
    assertEquals("JdbcStorage[PostgreSQL]", storage.toString());
  }

  @Test
  @DisplayName("create() refuses a database it does not support, naming it")
  void create_refusesAnUnknownDatabase() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> JdbcStorage.create(reportingProduct("MySQL")));
    assertTrue(e.getMessage().contains("MySQL"), e.getMessage());
  }

  @Test
  @DisplayName("create() reports a database it cannot reach as StorageException")
  void create_reportsAConnectionFailure() {
    DataSource unreachable = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
          throw new SQLException("connection refused", "08001");
        });
    StorageException e = assertThrows(StorageException.class, () -> JdbcStorage.create(unreachable));
    assertTrue(e.getMessage().contains("08001"), e.getMessage());
  }

  @Test
  @DisplayName("The explicit factories pick their dialect without connecting, and refuse null")
  void explicitFactories_doNotConnect() {
    DataSource neverUsed = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
          throw new AssertionError("connected");
        });
    assertEquals("db/meadow/postgresql", JdbcStorage.postgres(neverUsed).migrationsLocation());
    assertEquals("db/meadow/h2", JdbcStorage.h2(neverUsed).migrationsLocation());
    assertThrows(NullPointerException.class, () -> JdbcStorage.postgres(null));
    assertThrows(NullPointerException.class, () -> JdbcStorage.create(null));
  }

  private DataSource reportingProduct(String product) {
    ClassLoader loader = getClass().getClassLoader();
    DatabaseMetaData metaData = (DatabaseMetaData) Proxy.newProxyInstance(loader,
        new Class<?>[] {DatabaseMetaData.class}, (proxy, method, args) -> {
          if (method.getName().equals("getDatabaseProductName")) {
            return product;
          }
          throw new UnsupportedOperationException(method.getName());
        });
    Connection connection = (Connection) Proxy.newProxyInstance(loader,
        new Class<?>[] {Connection.class}, (proxy, method, args) -> switch (method.getName()) {
          case "getMetaData" -> metaData;
          case "close" -> null;
          default -> throw new UnsupportedOperationException(method.getName());
        });
    return (DataSource) Proxy.newProxyInstance(loader,
        new Class<?>[] {DataSource.class}, (proxy, method, args) -> connection);
  }
}
