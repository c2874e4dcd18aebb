package dev.meadow.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.EventId;
import dev.meadow.core.GroupId;
import dev.meadow.core.StorageException;
import dev.meadow.core.UserId;
import dev.meadow.core.groups.Group;
import dev.meadow.core.groups.GroupRole;
import dev.meadow.core.groups.GroupState;
import dev.meadow.core.groups.GroupVisibility;
import dev.meadow.core.groups.MemberStatus;
import dev.meadow.core.groups.Membership;
import dev.meadow.core.spi.GroupStore;
import dev.meadow.core.spi.OutboxEntry;
import dev.meadow.core.spi.OutboxMessage;
import dev.meadow.core.spi.OutboxStatus;
import dev.meadow.core.spi.Transaction;
import dev.meadow.storage.tck.Race;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What the JDBC adapter promises beyond the conformance kit, run against each real database by a
 * subclass: transaction handling, retries, SQL-level failures, and races on the real locks.
 */
abstract class JdbcStorageTestBase extends DatabaseTestBase {
  static final String HOSTILE = "'; DROP TABLE meadow_groups; --";

  GroupId newGroupId() {
    return new GroupId(newId());
  }

  Group group(String slug) {
    return group("Group " + slug, slug, null, new UserId("owner"));
  }

  /** Returns an active, public interest group with no labels and no members. */
  Group group(String name, String slug, @Nullable String description, UserId owner) {
    return new Group(newGroupId(), name, slug, description, null, null, List.of(), GroupVisibility.PUBLIC, false, null,
        GroupState.ACTIVE, owner, 0, 0, T0, T0, 1);
  }

  OutboxMessage message(String payload) {
    return new OutboxMessage(new EventId(newId()), "test.happened", 1, T0, payload);
  }

  @Test
  @DisplayName("Work that throws rolls back every write and the caller gets the very same exception")
  void rollbackOnException_leavesNothingAndRethrowsTheSameException() {
    Group group = group("doomed");
    OutboxMessage message = message("{}");
    IllegalArgumentException failure = new IllegalArgumentException("refused");
    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> storage.inTransaction(tx -> {
      tx.groups().insertGroup(group);
      tx.groups().insertMembership(Membership.active(group.id(), new UserId("u"), GroupRole.OWNER, T0));
      tx.outbox().append(message);
      throw failure;
    }));
    assertSame(failure, thrown);
    assertTrue(storage.inTransaction(tx -> tx.groups().findGroup(group.id())).isEmpty());
    assertTrue(storage.inTransaction(tx -> tx.groups().findMembership(group.id(), new UserId("u"))).isEmpty());
    assertTrue(storage.inTransaction(tx -> tx.outbox().find(message.id())).isEmpty());
  }

  @Test
  @DisplayName("A failing SQL statement surfaces as StorageException naming the operation, never the values")
  void sqlFailure_surfacesAsStorageExceptionNamingTheOperation() {
    JdbcStorage unmigrated = database().storage(database().fresh());
    StorageException e = assertThrows(StorageException.class,
        () -> unmigrated.inTransaction(tx -> tx.groups().findGroupBySlug(HOSTILE)));
    assertTrue(e.getMessage().contains("find a group by slug"), e.getMessage());
    assertFalse(e.getMessage().contains("DROP TABLE"), e.getMessage());
    assertInstanceOf(SQLException.class, e.getCause());
  }

  @Test
  @DisplayName("When work swallows a failed statement and returns, the transaction still rolls back")
  void swallowedSqlFailure_stillRollsBackEverything() {
    DataSource fresh = database().fresh();
    JdbcStorage damaged = database().storage(fresh);
    damaged.migrate();
    TestDatabase.execute(fresh, "DROP TABLE meadow_outbox");
    Group group = group("half-done");
    StorageException e = assertThrows(StorageException.class, () -> damaged.inTransaction(tx -> {
      tx.groups().insertGroup(group);
      try {
        tx.outbox().append(message("{}"));
      } catch (StorageException ignored) {
        // the work carries on as if nothing happened
      }
      return "done";
    }));
    assertTrue(e.getMessage().contains("append to the outbox"), e.getMessage());
    assertTrue(damaged.inTransaction(tx -> tx.groups().findGroup(group.id())).isEmpty());
  }

  @Test
  @DisplayName("A duplicate outbox append fails, but leaves the transaction usable for the work to go on")
  void duplicateAppend_failsWithoutBreakingTheTransaction() {
    OutboxMessage message = message("{}");
    Group group = group("after-duplicate");
    storage.inTransaction(tx -> {
      tx.outbox().append(message);
      assertThrows(StorageException.class, () -> tx.outbox().append(message));
      return tx.groups().insertGroup(group);
    });
    assertTrue(storage.inTransaction(tx -> tx.groups().findGroup(group.id())).isPresent());
    assertTrue(storage.inTransaction(tx -> tx.outbox().find(message.id())).isPresent());
  }

  @Test
  @DisplayName("inTransaction inside a transaction on the same thread throws IllegalStateException")
  void nestedTransaction_throwsIllegalStateException() {
    Group group = group("outer");
    assertThrows(IllegalStateException.class, () -> storage.inTransaction(tx -> {
      tx.groups().insertGroup(group);
      return storage.inTransaction(inner -> inner.groups().findGroup(group.id()));
    }));
    assertTrue(storage.inTransaction(tx -> tx.groups().findGroup(group.id())).isEmpty());
    assertEquals(Boolean.TRUE, storage.inTransaction(tx -> Boolean.TRUE), "the storage is usable afterwards");
  }

  @Test
  @DisplayName("A transaction or store used after the work returned throws IllegalStateException")
  void transactionUsedAfterTheWork_throwsIllegalStateException() {
    AtomicReference<Transaction> leakedTx = new AtomicReference<>();
    AtomicReference<GroupStore> leakedStore = new AtomicReference<>();
    storage.inTransaction(tx -> {
      leakedTx.set(tx);
      leakedStore.set(tx.groups());
      return null;
    });
    assertThrows(IllegalStateException.class, () -> leakedTx.get().outbox());
    assertThrows(IllegalStateException.class, () -> leakedStore.get().findGroupBySlug("any"));
  }

  @Test
  @DisplayName("A transaction used from another thread than its work's throws IllegalStateException")
  void transactionUsedFromAnotherThread_throwsIllegalStateException() {
    storage.inTransaction(tx -> {
      GroupStore groups = tx.groups();
      CompletableFuture<Object> elsewhere = CompletableFuture.supplyAsync(() -> groups.findGroupBySlug("any"));
      Exception e = assertThrows(Exception.class, () -> elsewhere.get(10, TimeUnit.SECONDS));
      assertInstanceOf(IllegalStateException.class, e.getCause());
      return null;
    });
  }

  @Test
  @DisplayName("The transaction runs at READ COMMITTED, without auto-commit from its first change; the connection is"
      + " restored and closed")
  void connection_isConfiguredRestoredAndClosed() throws Exception {
    try (Connection real = dataSource.getConnection()) {
      real.setAutoCommit(true);
      real.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
      AtomicInteger closes = new AtomicInteger();
      JdbcStorage onOne = database().storage(singleConnection(real, closes));
      onOne.inTransaction(tx -> {
        try {
          assertEquals(Connection.TRANSACTION_READ_COMMITTED, real.getTransactionIsolation());
          boolean inserted = tx.groups().insertGroup(group("restored"));
          assertFalse(real.getAutoCommit());
          return inserted;
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      assertTrue(real.getAutoCommit());
      assertEquals(Connection.TRANSACTION_SERIALIZABLE, real.getTransactionIsolation());
      assertEquals(1, closes.get());
      assertThrows(IllegalStateException.class, () -> onOne.inTransaction(tx -> {
        throw new IllegalStateException("failed");
      }));
      assertTrue(real.getAutoCommit(), "restored after a rollback too");
      assertEquals(Connection.TRANSACTION_SERIALIZABLE, real.getTransactionIsolation());
      assertEquals(2, closes.get());
      real.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
    }
  }

  @Test
  @DisplayName("A work that only reads runs in auto-commit mode and costs no COMMIT; its first change or lock opens"
      + " the transaction, which holds every later statement and commits or rolls back as one")
  void readsBeforeTheFirstChange_runWithoutATransaction() throws Exception {
    Group group = group("reads");
    storage.inTransaction(tx -> tx.groups().insertGroup(group));
    try (Connection real = dataSource.getConnection()) {
      real.setAutoCommit(true);
      AtomicInteger commits = new AtomicInteger();
      AtomicInteger closes = new AtomicInteger();
      JdbcStorage onOne = database().storage(singleConnection(counting(real, "commit", commits), closes));
      List<Boolean> autoCommit = new ArrayList<>();
      Runnable observe = () -> {
        try {
          autoCommit.add(real.getAutoCommit());
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      };

      onOne.inTransaction(tx -> {
        tx.groups().findGroup(group.id());
        tx.posts().listPinnedPosts(group.id(), 10);
        observe.run();
        return null;
      });
      assertEquals(List.of(true), autoCommit);
      assertEquals(0, commits.get(), "nothing to commit");

      onOne.inTransaction(tx -> {
        tx.groups().findGroup(group.id());
        observe.run();
        tx.labels().replaceUserLabels(new UserId("reader"), List.of("minimal"));
        observe.run();
        tx.groups().findGroup(group.id());
        observe.run();
        return null;
      });
      assertEquals(List.of(true, true, false, false), autoCommit, "the lock on the user's labels opened it");
      assertEquals(1, commits.get());

      assertThrows(IllegalStateException.class, () -> onOne.inTransaction(tx -> {
        tx.counters().add("reads", "k", 1);
        tx.groups().adjustGroupCounts(group.id(), 1, 0);
        throw new IllegalStateException("after two changes");
      }));
      assertEquals(1, commits.get());
      assertTrue(real.getAutoCommit(), "restored");
    }
    assertEquals(0, storage.<Long>inTransaction(tx -> tx.counters().get("reads", "k")), "rolled back as one");
    assertEquals(0, storage.inTransaction(tx -> tx.groups().findGroup(group.id())).orElseThrow().memberCount());
  }

  @Test
  @DisplayName("A connection found at READ COMMITTED is not asked its isolation again, a round trip on PostgreSQL;"
      + " one found at another level is asked at every use")
  void isolation_isReadOnceForAConnectionAtReadCommitted() throws Exception {
    try (Connection real = dataSource.getConnection()) {
      real.setAutoCommit(true);
      real.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
      AtomicInteger reads = new AtomicInteger();
      AtomicInteger closes = new AtomicInteger();
      Connection counted = counting(real, "getTransactionIsolation", reads);
      JdbcStorage atReadCommitted = database().storage(singleConnection(counted, closes));
      for (int i = 0; i < 3; i++) {
        atReadCommitted.inTransaction(tx -> tx.counters().get("n", "k"));
      }
      assertEquals(1, reads.get());

      real.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
      JdbcStorage atSerializable = database().storage(singleConnection(counted, closes));
      for (int i = 0; i < 2; i++) {
        atSerializable.inTransaction(tx -> {
          try {
            assertEquals(Connection.TRANSACTION_READ_COMMITTED, real.getTransactionIsolation());
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
          return tx.counters().get("n", "k");
        });
        assertEquals(Connection.TRANSACTION_SERIALIZABLE, real.getTransactionIsolation());
      }
      assertEquals(3, reads.get());
      assertEquals(5, closes.get());
      real.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
    }
  }

  @Test
  @DisplayName("A deadlock between two transactions is resolved by running the victim's work again")
  void deadlock_isRetriedInAFreshTransaction() throws Exception {
    Group first = group("first");
    Group second = group("second");
    storage.inTransaction(tx -> tx.groups().insertGroup(first) && tx.groups().insertGroup(second));
    CyclicBarrier bothHoldALock = new CyclicBarrier(2);
    AtomicInteger attempts = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int thread = 0; thread < 2; thread++) {
        GroupId lockFirst = thread == 0 ? first.id() : second.id();
        GroupId lockSecond = thread == 0 ? second.id() : first.id();
        results.add(pool.submit(() -> storage.inTransaction(tx -> {
          boolean firstAttempt = attempts.incrementAndGet() <= 2;
          tx.groups().adjustGroupCounts(lockFirst, 1, 0);
          if (firstAttempt) {
            await(bothHoldALock);
          }
          return tx.groups().adjustGroupCounts(lockSecond, 1, 0);
        })));
      }
      for (Future<Boolean> result : results) {
        assertTrue(result.get(30, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    assertTrue(attempts.get() >= 3, "one transaction was the deadlock's victim and ran again: " + attempts.get());
    assertEquals(2, storage.inTransaction(tx -> tx.groups().findGroup(first.id())).orElseThrow().memberCount());
    assertEquals(2, storage.inTransaction(tx -> tx.groups().findGroup(second.id())).orElseThrow().memberCount());
  }

  @Test
  @DisplayName("A conflict that persists (serialization failure, deadlock or lock timeout) is retried a bounded number"
      + " of times, then reported")
  void persistentConflict_isRetriedAFewTimesThenThrown() {
    for (String state : List.of("40001", "40P01", "55P03", "HYT00")) {
      AtomicInteger attempts = new AtomicInteger();
      StorageException conflict = new StorageException("conflict", new SQLException("conflict", state));
      StorageException thrown = assertThrows(StorageException.class, () -> storage.inTransaction(tx -> {
        attempts.incrementAndGet();
        throw conflict;
      }));
      assertSame(conflict, thrown, state);
      assertEquals(JdbcStorage.MAX_ATTEMPTS, attempts.get(), state);
    }
  }

  @Test
  @DisplayName("Ordinary failures are never retried")
  void ordinaryFailure_runsTheWorkOnce() {
    AtomicInteger attempts = new AtomicInteger();
    assertThrows(StorageException.class, () -> storage.inTransaction(tx -> {
      attempts.incrementAndGet();
      throw new StorageException("broken", new SQLException("syntax error", "42601"));
    }));
    assertEquals(1, attempts.get());
  }

  @Test
  @DisplayName("8 threads racing claims never receive the same outbox entry, and together receive all")
  void outboxClaims_byEightRacingThreads_neverShareAnEntry() throws Exception {
    List<EventId> appended = new ArrayList<>();
    storage.inTransaction(tx -> {
      for (int i = 0; i < 300; i++) {
        OutboxMessage message = message("{\"n\":" + i + "}");
        tx.outbox().append(message);
        appended.add(message.id());
      }
      return null;
    });
    List<List<OutboxEntry>> perThread = race(8, thread -> {
      List<OutboxEntry> mine = new ArrayList<>();
      List<OutboxEntry> batch;
      while (!(batch = storage.inTransaction(tx -> tx.outbox().claim(4, T0, Duration.ofMinutes(5)))).isEmpty()) {
        mine.addAll(batch);
      }
      return mine;
    });
    Set<EventId> seen = new HashSet<>();
    int handedOut = 0;
    for (List<OutboxEntry> entries : perThread) {
      for (OutboxEntry entry : entries) {
        assertTrue(seen.add(entry.message().id()), "handed out twice: " + entry.message().id());
        assertEquals(1, entry.attempts());
        assertEquals(OutboxStatus.PENDING, entry.status());
        assertNotNull(entry.leaseToken());
        handedOut++;
      }
    }
    assertEquals(appended.size(), handedOut);
    assertEquals(new HashSet<>(appended), seen);
  }

  @Test
  @DisplayName("8 threads × 100 joins, half of them repeats: the member count equals the inserted memberships")
  void memberCount_underEightThreadsOfJoins_staysExact() throws Exception {
    Group group = group("crowded");
    storage.inTransaction(tx -> tx.groups().insertGroup(group));
    List<Integer> inserted = race(8, thread -> {
      int mine = 0;
      for (int i = 0; i < 100; i++) {
        // Threads 2k and 2k+1 join the same users: every user is contested by two threads.
        UserId user = new UserId("user-" + (thread / 2) + "-" + i);
        boolean joined = storage.inTransaction(tx -> {
          if (!tx.groups().insertMembership(Membership.active(group.id(), user, GroupRole.MEMBER, T0))) {
            return false;
          }
          return tx.groups().adjustGroupCounts(group.id(), 1, 0);
        });
        if (joined) {
          mine++;
        }
      }
      return mine;
    });
    int total = inserted.stream().mapToInt(Integer::intValue).sum();
    assertEquals(400, total, "each of the 400 distinct users joined exactly once");
    assertEquals(400, storage.inTransaction(tx -> tx.groups().findGroup(group.id())).orElseThrow().memberCount());
    assertEquals(400, storage.inTransaction(tx -> tx.groups().listMembers(group.id(), MemberStatus.ACTIVE, null, null, 1000)).size());
  }

  @Test
  @DisplayName("User values that look like SQL are stored and read back as plain data")
  void sqlFragmentsInValues_roundTripAsData() {
    Group group = group(HOSTILE, "slug-" + "x", HOSTILE + " \" \\ %_", new UserId(HOSTILE));
    Membership member = new Membership(group.id(), new UserId("' OR '1'='1"), GroupRole.MEMBER, MemberStatus.BANNED,
        T0, HOSTILE, new UserId("%"));
    OutboxMessage message = new OutboxMessage(new EventId(newId()), HOSTILE, 1, T0, "{\"q\":\"" + HOSTILE + "\"}");
    storage.inTransaction(tx -> {
      assertTrue(tx.groups().insertGroup(group));
      assertTrue(tx.groups().insertMembership(member));
      tx.outbox().append(message);
      return null;
    });
    assertEquals(group, storage.inTransaction(tx -> tx.groups().findGroup(group.id())).orElseThrow());
    assertTrue(storage.inTransaction(tx -> tx.groups().findGroupBySlug(HOSTILE)).isEmpty());
    assertTrue(storage.inTransaction(tx -> tx.groups().findGroupBySlug("' OR '1'='1")).isEmpty());
    assertEquals(member, storage.inTransaction(tx -> tx.groups().findMembership(group.id(), member.userId())).orElseThrow());
    assertTrue(storage.inTransaction(tx -> tx.groups().findMembership(group.id(), new UserId("%"))).isEmpty());
    assertEquals(message, storage.inTransaction(tx -> tx.outbox().find(message.id())).orElseThrow().message());
    OutboxEntry claimed = storage.inTransaction(tx -> tx.outbox().claim(1, T0, Duration.ofMinutes(1))).get(0);
    assertFalse(storage.<Boolean>inTransaction(tx -> tx.outbox().markDelivered(message.id(), "' OR '1'='1")));
    assertTrue(storage.<Boolean>inTransaction(tx -> tx.outbox().markDead(message.id(), claimed.leaseToken(), HOSTILE)));
    assertEquals(HOSTILE, storage.inTransaction(tx -> tx.outbox().find(message.id())).orElseThrow().lastError());
    assertEquals(group, storage.inTransaction(tx -> tx.groups().findGroup(group.id())).orElseThrow(),
        "meadow_groups is still there");
  }

  @Test
  @DisplayName("Instants are kept to the millisecond: finer digits are dropped, not rounded")
  void instants_areTruncatedToTheMillisecond() {
    Group group = group("precise");
    Instant since = Instant.parse("2026-03-01T12:00:00.123999999Z");
    storage.inTransaction(tx -> tx.groups().insertGroup(group)
        && tx.groups().insertMembership(Membership.active(group.id(), new UserId("u"), GroupRole.MEMBER, since)));
    Membership stored = storage.inTransaction(tx -> tx.groups().findMembership(group.id(), new UserId("u"))).orElseThrow();
    assertEquals(Instant.parse("2026-03-01T12:00:00.123Z"), stored.since());
  }

  @Test
  @DisplayName("Members who joined in the same millisecond are ordered by user id code point, whatever the locale")
  void listMembers_breaksTiesByCodePointOrder() {
    Group group = group("ties");
    List<String> users = List.of("Zed", "adam", "Émile", "Bob", "_x", "10", "9");
    storage.inTransaction(tx -> {
      tx.groups().insertGroup(group);
      for (String user : users) {
        tx.groups().insertMembership(Membership.active(group.id(), new UserId(user), GroupRole.MEMBER, T0));
      }
      return null;
    });
    List<String> expected = users.stream().sorted().toList();
    List<String> listed = new ArrayList<>();
    Membership after = null;
    while (true) {
      Membership cursor = after;
      List<Membership> page = storage.inTransaction(tx -> tx.groups().listMembers(group.id(), MemberStatus.ACTIVE,
          cursor == null ? null : cursor.since(), cursor == null ? null : cursor.userId(), 2));
      if (page.isEmpty()) {
        break;
      }
      page.forEach(m -> listed.add(m.userId().value()));
      after = page.get(page.size() - 1);
    }
    assertEquals(expected, listed);
  }

  static void await(CyclicBarrier barrier) {
    try {
      barrier.await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("the other thread did not arrive", e);
    }
  }

  static <T> List<T> race(int threads, Race.ThreadTask<T> task) throws Exception {
    return Race.run(threads, task);
  }

  /** Returns a data source that always hands out {@code connection}, counting closes instead of closing. */
  static DataSource singleConnection(Connection connection, AtomicInteger closes) {
    Connection handle = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
        new Class<?>[] {Connection.class}, (proxy, method, args) -> {
          if (method.getName().equals("close")) {
            closes.incrementAndGet();
            return null;
          }
          try {
            return method.invoke(connection, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
        new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
          if (method.getName().equals("getConnection")) {
            return handle;
          }
          throw new UnsupportedOperationException(method.getName());
        });
  }

  /** Returns {@code connection} counting the calls of its method named {@code method}. */
  static Connection counting(Connection connection, String method, AtomicInteger calls) {
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, called, args) -> {
          if (called.getName().equals(method)) {
            calls.incrementAndGet();
          }
          try {
            return called.invoke(connection, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
