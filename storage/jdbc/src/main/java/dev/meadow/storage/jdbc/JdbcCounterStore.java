package dev.meadow.storage.jdbc;

import dev.meadow.core.StorageException;
import dev.meadow.core.spi.CounterStore;
import java.util.Optional;

/**
 * Named counters in {@code meadow_counters}, one row per name and key, created at 0 by the first
 * change. Every change is a single UPDATE of the row, which the database applies atomically under
 * the row's lock; a bounded increment carries its bound in the UPDATE's condition.
 */
final class JdbcCounterStore implements CounterStore {
  private static final String KEY = " WHERE counter_name = ? AND counter_key = ?";
  private static final String GET = "SELECT counter_value FROM meadow_counters" + KEY;
  private static final String ADD = "UPDATE meadow_counters SET counter_value = counter_value + ?" + KEY;
  private static final String INCREMENT_BELOW =
      "UPDATE meadow_counters SET counter_value = counter_value + 1" + KEY + " AND counter_value < ?";
  private static final String CREATE =
      "INSERT INTO meadow_counters (counter_name, counter_key, counter_value) VALUES (?, ?, 0)";

  private final JdbcTransaction tx;
  private final String addReturning;

  JdbcCounterStore(JdbcTransaction tx) {
    this.tx = tx;
    this.addReturning = tx.dialect().updateReturning(ADD, "counter_value");
  }

  @Override
  public long get(String name, String key) {
    CounterStore.checkCounter(name, key);
    return tx.one("read a counter", GET, s -> {
      s.setString(1, name);
      s.setString(2, key);
    }, row -> row.getLong("counter_value")).orElse(0L);
  }

  @Override
  public long add(String name, String key, long delta) {
    CounterStore.checkCounter(name, key);
    return tx.changeCreating(
        () -> tx.one("add to a counter", addReturning, s -> {
          s.setLong(1, delta);
          s.setString(2, name);
          s.setString(3, key);
        }, row -> row.getLong("counter_value")),
        () -> create(name, key))
        .orElseThrow(() -> new StorageException("Meadow storage could not add to a counter: its row vanished"));
  }

  @Override
  public boolean incrementBelow(String name, String key, long limit) {
    CounterStore.checkCounter(name, key);
    return tx.changeCreating(
        () -> tx.update("increment a counter", INCREMENT_BELOW, s -> {
          s.setString(1, name);
          s.setString(2, key);
          s.setLong(3, limit);
        }) == 1 ? Optional.of(Boolean.TRUE) : Optional.<Boolean>empty(),
        () -> create(name, key))
        .isPresent();
  }

  private void create(String name, String key) {
    tx.insertIfAbsent("create a counter", CREATE, s -> {
      s.setString(1, name);
      s.setString(2, key);
    });
  }

}
