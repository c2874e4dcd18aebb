package dev.meadow.storage.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.spi.CounterStore;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The contract of {@link dev.meadow.core.spi.CounterStore}. */
public abstract class CounterStoreContract extends StorageContract {

  private long get(String name, String key) {
    return tx(tx -> tx.counters().get(name, key));
  }

  private long add(String name, String key, long delta) {
    return tx(tx -> tx.counters().add(name, key, delta));
  }

  private boolean incrementBelow(String name, String key, long limit) {
    return is(tx -> tx.counters().incrementBelow(name, key, limit));
  }

  private void store(Consumer<CounterStore> work) {
    tx(tx -> {
      work.accept(tx.counters());
      return null;
    });
  }

  @Test
  @DisplayName("A counter that was never changed reads 0")
  void unchangedReadsZero() {
    assertEquals(0, get("groups.owned", "nobody"));
  }

  @Test
  @DisplayName("add adds any delta, negative or zero too, and returns the new value")
  void addReturnsNewValue() {
    assertEquals(5, add("groups.owned", "ann", 5));
    assertEquals(3, add("groups.owned", "ann", -2));
    assertEquals(3, add("groups.owned", "ann", 0));
    assertEquals(-4, add("groups.owned", "ann", -7));
    assertEquals(-4, get("groups.owned", "ann"));
    assertEquals(0, add("groups.joined", "bob", 0), "adding 0 to a new counter reads 0");
  }

  @Test
  @DisplayName("Counters are told apart by name and by key, keys of any text")
  void countersAreSeparate() {
    add("groups.owned", "ann", 1);
    add("groups.joined", "ann", 2);
    add("groups.owned", "Ann", 3);
    add("groups.owned", "用户 🌿", 4);
    add("groups.owned", "ann:2026-03-01", 5);
    assertEquals(1, get("groups.owned", "ann"));
    assertEquals(2, get("groups.joined", "ann"));
    assertEquals(3, get("groups.owned", "Ann"));
    assertEquals(4, get("groups.owned", "用户 🌿"));
    assertEquals(5, get("groups.owned", "ann:2026-03-01"));
  }

  @Test
  @DisplayName("8 threads × 50 concurrent additions to a counter nobody changed before: it equals their sum")
  void concurrentAdditions() throws Exception {
    List<Long> lastSeen = race(8, thread -> {
      long last = 0;
      for (int i = 0; i < 50; i++) {
        last = add("hot", "key", thread % 2 == 0 ? 3 : -1);
      }
      return last;
    });
    assertEquals(4 * 50 * 3 - 4 * 50, get("hot", "key"));
    assertTrue(lastSeen.contains(get("hot", "key")), "the last addition returns the final value");
  }

  @Test
  @DisplayName("incrementBelow adds one while the counter is below the limit, then refuses and changes nothing")
  void incrementBelowStopsAtLimit() {
    for (int i = 1; i <= 3; i++) {
      assertTrue(incrementBelow("posts.today", "ann", 3));
      assertEquals(i, get("posts.today", "ann"));
    }
    assertFalse(incrementBelow("posts.today", "ann", 3));
    assertEquals(3, get("posts.today", "ann"));
    assertTrue(incrementBelow("posts.today", "ann", 4), "a higher limit allows more");
    assertEquals(4, get("posts.today", "ann"));
  }

  @Test
  @DisplayName("incrementBelow refuses a limit of 0 or less on a new counter, and a counter already past the limit")
  void incrementBelowRefusesAtOrPastLimit() {
    assertFalse(incrementBelow("fresh", "key", 0));
    assertFalse(incrementBelow("fresh", "key", -5));
    assertEquals(0, get("fresh", "key"));
    add("full", "key", 10);
    assertFalse(incrementBelow("full", "key", 10));
    assertFalse(incrementBelow("full", "key", 5));
    assertEquals(10, get("full", "key"));
    add("negative", "key", -2);
    assertTrue(incrementBelow("negative", "key", 0));
    assertEquals(-1, get("negative", "key"));
  }

  @Test
  @DisplayName("8 threads × 50 racing bounded increments with a limit of 37: exactly 37 succeed and the counter stops at 37")
  void racingBoundedIncrements() throws Exception {
    List<Integer> granted = race(8, thread -> {
      int mine = 0;
      for (int i = 0; i < 50; i++) {
        if (incrementBelow("joins", "group-1", 37)) {
          mine++;
        }
      }
      return mine;
    });
    assertEquals(37, granted.stream().mapToInt(Integer::intValue).sum());
    assertEquals(37, get("joins", "group-1"));
  }

  @Test
  @DisplayName("Names of 1 to 64 and keys of up to 300 characters work; longer ones throw IllegalArgumentException")
  void nameAndKeyLengths() {
    String name = "n".repeat(64);
    String key = "k".repeat(300);
    assertEquals(1, add(name, key, 1));
    assertTrue(incrementBelow(name, key, 5));
    assertEquals(2, get(name, key));
    assertThrows(IllegalArgumentException.class, () -> get("n".repeat(65), "key"));
    assertThrows(IllegalArgumentException.class, () -> add("n".repeat(65), "key", 1));
    assertThrows(IllegalArgumentException.class, () -> incrementBelow("n".repeat(65), "key", 5));
    assertThrows(IllegalArgumentException.class, () -> get("name", "k".repeat(301)));
    assertThrows(IllegalArgumentException.class, () -> add("name", "k".repeat(301), 1));
    assertThrows(IllegalArgumentException.class, () -> incrementBelow("name", "k".repeat(301), 5));
    assertThrows(IllegalArgumentException.class, () -> add("", "key", 1));
  }

  @Test
  @DisplayName("Null arguments throw NullPointerException")
  void nullArguments() {
    List<Consumer<CounterStore>> calls = List.of(
        s -> s.get(null, "key"),
        s -> s.get("name", null),
        s -> s.add(null, "key", 1),
        s -> s.add("name", null, 1),
        s -> s.incrementBelow(null, "key", 1),
        s -> s.incrementBelow("name", null, 1));
    for (Consumer<CounterStore> call : calls) {
      assertThrows(NullPointerException.class, () -> store(call));
    }
  }

  @Test
  @DisplayName("A transaction that throws undoes every counter change in it")
  void rollbackUndoesChanges() {
    add("kept", "key", 4);
    assertThrows(IllegalStateException.class, () -> store(s -> {
      assertEquals(9, s.add("kept", "key", 5));
      assertTrue(s.incrementBelow("kept", "key", 100));
      assertEquals(1, s.add("new", "key", 1));
      assertTrue(s.incrementBelow("bounded", "key", 1));
      throw new IllegalStateException("work failed");
    }));
    assertEquals(4, get("kept", "key"));
    assertEquals(0, get("new", "key"));
    assertTrue(incrementBelow("bounded", "key", 1), "the rolled-back increment no longer counts");
  }
}
