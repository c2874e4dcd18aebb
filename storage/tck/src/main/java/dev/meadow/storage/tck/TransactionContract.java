package dev.meadow.storage.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.GroupId;
import dev.meadow.core.groups.Group;
import dev.meadow.core.spi.GroupStore;
import dev.meadow.core.spi.OutboxMessage;
import dev.meadow.core.spi.OutboxStore;
import dev.meadow.core.spi.Transaction;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The transaction contract of {@link dev.meadow.core.spi.Storage#inTransaction}. */
public abstract class TransactionContract extends StorageContract {

  @Test
  @DisplayName("A transaction that returns commits every write and returns the work's result")
  void commitKeepsWrites() {
    Group group = group("committed");
    OutboxMessage message = message("{}");
    String result = tx(tx -> {
      tx.groups().insertGroup(group);
      tx.outbox().append(message);
      return "done";
    });
    assertEquals("done", result);
    assertTrue(tx(tx -> tx.groups().findGroup(group.id())).isPresent());
    assertTrue(tx(tx -> tx.outbox().find(message.id())).isPresent());
  }

  @Test
  @DisplayName("A transaction whose work throws leaves nothing behind, in any store")
  void rollbackLeavesNothing() {
    Group existing = group("existing");
    tx(tx -> tx.groups().insertGroup(existing));
    Group group = group("rolled-back");
    OutboxMessage message = message("{\"n\":1}");
    RuntimeException failure = new IllegalStateException("work failed");
    RuntimeException thrown = assertThrows(RuntimeException.class, () -> tx(tx -> {
      tx.groups().insertGroup(group);
      tx.groups().insertMembership(member(group.id(), "u1", T0));
      tx.groups().adjustMemberCount(existing.id(), 5);
      tx.groups().insertMembership(member(existing.id(), "u2", T0));
      tx.outbox().append(message);
      throw failure;
    }));
    assertSame(failure, thrown, "the work's own exception reaches the caller unchanged");
    tx(tx -> {
      assertTrue(tx.groups().findGroup(group.id()).isEmpty());
      assertTrue(tx.groups().findGroupBySlug("rolled-back").isEmpty());
      assertTrue(tx.groups().findMembership(group.id(), member(group.id(), "u1", T0).userId()).isEmpty());
      assertTrue(tx.groups().listMembers(existing.id(), null, null, 10).isEmpty());
      assertEquals(0, tx.groups().findGroup(existing.id()).orElseThrow().memberCount());
      assertTrue(tx.outbox().find(message.id()).isEmpty());
      return null;
    });
    assertTrue(is(tx -> tx.groups().insertGroup(group)), "the rolled-back slug is free again");
  }

  @Test
  @DisplayName("A rolled-back claim leaves the outbox entry unclaimed")
  void rollbackUndoesClaim() {
    OutboxMessage message = message("{}");
    tx(tx -> {
      tx.outbox().append(message);
      return null;
    });
    assertThrows(IllegalStateException.class, () -> tx(tx -> {
      assertEquals(1, tx.outbox().claim(10, T0, java.time.Duration.ofMinutes(1)).size());
      throw new IllegalStateException("delivery aborted");
    }));
    var entry = tx(tx -> tx.outbox().find(message.id())).orElseThrow();
    assertEquals(0, entry.attempts());
    assertEquals(null, entry.leaseToken());
    assertEquals(1, tx(tx -> tx.outbox().claim(10, T0, java.time.Duration.ofMinutes(1))).size());
  }

  @Test
  @DisplayName("Writes are visible to later reads in the same transaction")
  void readYourWrites() {
    Group group = group("visible");
    tx(tx -> {
      assertTrue(tx.groups().insertGroup(group));
      assertTrue(tx.groups().adjustMemberCount(group.id(), 2));
      assertEquals(2, tx.groups().findGroup(group.id()).orElseThrow().memberCount());
      return null;
    });
  }

  @Test
  @DisplayName("Transactions do not nest: inTransaction inside a transaction throws IllegalStateException")
  void nestingIsRefused() {
    Group group = group("outer");
    assertThrows(IllegalStateException.class, () -> tx(tx -> {
      tx.groups().insertGroup(group);
      return storage.inTransaction(inner -> inner.groups().findGroup(group.id()));
    }));
    assertTrue(tx(tx -> tx.groups().findGroup(group.id())).isEmpty(), "the outer transaction rolled back");
  }

  @Test
  @DisplayName("A transaction or store used after its work returned throws IllegalStateException")
  void storesDoNotOutliveTheirTransaction() {
    AtomicReference<Transaction> escapedTx = new AtomicReference<>();
    AtomicReference<GroupStore> escapedGroups = new AtomicReference<>();
    AtomicReference<OutboxStore> escapedOutbox = new AtomicReference<>();
    tx(tx -> {
      escapedTx.set(tx);
      escapedGroups.set(tx.groups());
      escapedOutbox.set(tx.outbox());
      return null;
    });
    assertThrows(IllegalStateException.class, () -> escapedTx.get().groups());
    assertThrows(IllegalStateException.class, () -> escapedGroups.get().findGroup(new GroupId(newId())));
    assertThrows(IllegalStateException.class, () -> escapedOutbox.get().append(message("{}")));
  }

  @Test
  @DisplayName("Concurrent transactions on 8 threads each commit their own writes")
  void concurrentTransactionsCommit() throws Exception {
    List<List<Group>> written = race(8, thread -> {
      List<Group> mine = new java.util.ArrayList<>();
      for (int i = 0; i < 25; i++) {
        Group group = group("t" + thread + "-g" + i);
        assertTrue(is(tx -> tx.groups().insertGroup(group)));
        mine.add(group);
      }
      return mine;
    });
    for (List<Group> groups : written) {
      for (Group group : groups) {
        assertEquals(group, tx(tx -> tx.groups().findGroup(group.id())).orElseThrow());
      }
    }
  }

  @Test
  @DisplayName("A failing transaction on one thread does not disturb a concurrent one")
  void failuresAreIsolated() throws Exception {
    List<Boolean> outcomes = race(8, thread -> {
      Group group = group("iso-" + thread);
      try {
        tx(tx -> {
          tx.groups().insertGroup(group);
          if (thread % 2 == 0) {
            throw new IllegalArgumentException("even threads fail");
          }
          return null;
        });
        return true;
      } catch (IllegalArgumentException expected) {
        return false;
      }
    });
    for (int thread = 0; thread < 8; thread++) {
      boolean committed = outcomes.get(thread);
      assertEquals(thread % 2 != 0, committed);
      String slug = "iso-" + thread;
      assertEquals(committed, tx(tx -> tx.groups().findGroupBySlug(slug)).isPresent());
    }
    assertFalse(outcomes.stream().allMatch(b -> b));
  }
}
