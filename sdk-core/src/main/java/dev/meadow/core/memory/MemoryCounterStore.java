package dev.meadow.core.memory;

import dev.meadow.core.spi.CounterStore;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Named counters kept in memory; guarded by the storage's lock. */
final class MemoryCounterStore {
  private record Key(String name, String key) {}

  /** Counters that were changed; the others read 0. */
  private final Map<Key, Long> values = new HashMap<>();

  CounterStore bind(MemoryTransaction tx) {
    return new Bound(tx);
  }

  private void write(Key key, @Nullable Long value) {
    if (value == null) {
      values.remove(key);
    } else {
      values.put(key, value);
    }
  }

  private static Key key(String name, String key) {
    CounterStore.checkCounter(name, key);
    return new Key(name, key);
  }

  private final class Bound implements CounterStore {
    private final MemoryTransaction tx;

    Bound(MemoryTransaction tx) {
      this.tx = tx;
    }

    @Override
    public long get(String name, String key) {
      tx.checkOpen();
      return values.getOrDefault(key(name, key), 0L);
    }

    @Override
    public long add(String name, String key, long delta) {
      tx.checkOpen();
      return change(key(name, key), delta);
    }

    @Override
    public boolean incrementBelow(String name, String key, long limit) {
      tx.checkOpen();
      Key counter = key(name, key);
      if (values.getOrDefault(counter, 0L) >= limit) {
        return false;
      }
      change(counter, 1);
      return true;
    }

    private long change(Key counter, long delta) {
      Long previous = values.get(counter);
      long next = (previous == null ? 0 : previous) + delta;
      write(counter, next);
      tx.onRollback(() -> write(counter, previous));
      return next;
    }
  }
}
