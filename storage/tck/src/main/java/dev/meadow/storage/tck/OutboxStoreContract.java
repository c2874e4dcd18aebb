package dev.meadow.storage.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.EventId;
import dev.meadow.core.StorageException;
import dev.meadow.core.spi.OutboxEntry;
import dev.meadow.core.spi.OutboxMessage;
import dev.meadow.core.spi.OutboxStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The contract of {@link dev.meadow.core.spi.OutboxStore}. */
public abstract class OutboxStoreContract extends StorageContract {
  private static final Duration LEASE = Duration.ofMinutes(5);

  private List<OutboxMessage> append(int count) {
    List<OutboxMessage> messages = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      messages.add(message("{\"n\":" + i + "}"));
    }
    tx(tx -> {
      messages.forEach(tx.outbox()::append);
      return null;
    });
    return messages;
  }

  private List<OutboxEntry> claim(int limit, Instant now) {
    return tx(tx -> tx.outbox().claim(limit, now, LEASE));
  }

  private OutboxEntry find(EventId id) {
    return tx(tx -> tx.outbox().find(id)).orElseThrow();
  }

  private static List<EventId> ids(List<OutboxEntry> entries) {
    return entries.stream().map(e -> e.message().id()).toList();
  }

  @Test
  @DisplayName("An appended entry is pending, unclaimed, due at once, and its message round-trips exactly")
  void appendStoresPendingEntry() {
    String payload = "{\"text\":\"Fits true to size — 好看 🌿 \\\"quoted\\\" '; DROP TABLE meadow_outbox; --\"}";
    OutboxMessage message = new OutboxMessage(newEventId(), "review.published", 3, T0, payload);
    tx(tx -> {
      tx.outbox().append(message);
      return null;
    });
    OutboxEntry entry = find(message.id());
    assertEquals(message, entry.message());
    assertEquals(OutboxStatus.PENDING, entry.status());
    assertEquals(0, entry.attempts());
    assertEquals(T0, entry.availableAt());
    assertNull(entry.leaseToken());
    assertNull(entry.leaseUntil());
    assertNull(entry.lastError());
  }

  @Test
  @DisplayName("Appending an id twice fails with StorageException and keeps the first entry")
  void duplicateAppendFails() {
    OutboxMessage message = message("{\"first\":true}");
    tx(tx -> {
      tx.outbox().append(message);
      return null;
    });
    OutboxMessage copy = new OutboxMessage(message.id(), "other.type", 1, T0, "{\"first\":false}");
    assertThrows(StorageException.class, () -> tx(tx -> {
      tx.outbox().append(copy);
      return null;
    }));
    assertEquals(message, find(message.id()).message());
  }

  @Test
  @DisplayName("Claims hand out due entries oldest id first, at most the limit")
  void claimOrder() {
    List<OutboxMessage> messages = append(7);
    List<OutboxEntry> first = claim(3, T0);
    List<OutboxEntry> rest = claim(10, T0);
    List<EventId> expected = messages.stream().map(OutboxMessage::id).toList();
    assertEquals(expected.subList(0, 3), ids(first));
    assertEquals(expected.subList(3, 7), ids(rest));
    assertTrue(claim(10, T0).isEmpty(), "leased entries are not claimed again");
  }

  @Test
  @DisplayName("A claim gives each entry a fresh lease token, a lease end and one more attempt")
  void claimLeases() {
    append(2);
    List<OutboxEntry> claimed = claim(2, T0);
    assertEquals(2, claimed.size());
    for (OutboxEntry entry : claimed) {
      assertEquals(1, entry.attempts());
      assertNotNull(entry.leaseToken());
      assertEquals(T0.plus(LEASE), entry.leaseUntil());
      assertEquals(entry, find(entry.message().id()), "the claim is stored as returned");
    }
    assertNotEquals(claimed.get(0).leaseToken(), claimed.get(1).leaseToken());
  }

  @Test
  @DisplayName("An entry whose lease lapsed is claimed again, under a new token, and the old token no longer works")
  void leaseExpiryRedelivers() {
    OutboxMessage message = append(1).get(0);
    OutboxEntry first = claim(1, T0).get(0);
    assertTrue(claim(1, T0.plus(LEASE).minusMillis(1)).isEmpty(), "the lease is live until it ends");
    OutboxEntry second = claim(1, T0.plus(LEASE)).get(0);
    assertEquals(message.id(), second.message().id());
    assertEquals(2, second.attempts());
    assertNotEquals(first.leaseToken(), second.leaseToken());
    assertFalse(is(tx -> tx.outbox().markDelivered(message.id(), first.leaseToken())));
    assertEquals(second, find(message.id()));
    assertTrue(is(tx -> tx.outbox().markDelivered(message.id(), second.leaseToken())));
  }

  @Test
  @DisplayName("A delivered entry ends its lease and is never claimed again")
  void deliveredIsFinal() {
    OutboxMessage message = append(1).get(0);
    OutboxEntry claimed = claim(1, T0).get(0);
    assertTrue(is(tx -> tx.outbox().markDelivered(message.id(), claimed.leaseToken())));
    OutboxEntry entry = find(message.id());
    assertEquals(OutboxStatus.DELIVERED, entry.status());
    assertNull(entry.leaseToken());
    assertNull(entry.leaseUntil());
    assertTrue(claim(10, T0.plus(Duration.ofDays(30))).isEmpty());
    assertFalse(is(tx -> tx.outbox().markDelivered(message.id(), claimed.leaseToken())), "marking twice changes nothing");
    assertFalse(is(tx -> tx.outbox().markDead(message.id(), claimed.leaseToken(), "late")));
  }

  @Test
  @DisplayName("A failed attempt keeps the entry pending, records the error and hides it until its retry time")
  void failedRetriesLater() {
    OutboxMessage message = append(1).get(0);
    OutboxEntry claimed = claim(1, T0).get(0);
    Instant retryAt = T0.plus(Duration.ofMinutes(30));
    assertTrue(is(tx -> tx.outbox().markFailed(message.id(), claimed.leaseToken(), retryAt, "HTTP 503")));
    OutboxEntry failed = find(message.id());
    assertEquals(OutboxStatus.PENDING, failed.status());
    assertEquals(retryAt, failed.availableAt());
    assertEquals("HTTP 503", failed.lastError());
    assertEquals(1, failed.attempts());
    assertNull(failed.leaseToken());
    assertTrue(claim(1, retryAt.minusMillis(1)).isEmpty());
    OutboxEntry retried = claim(1, retryAt).get(0);
    assertEquals(2, retried.attempts());
    assertEquals("HTTP 503", retried.lastError(), "the last error stays visible during the retry");
  }

  @Test
  @DisplayName("A stale lease token changes nothing, whatever the mark")
  void staleTokenChangesNothing() {
    OutboxMessage message = append(1).get(0);
    OutboxEntry claimed = claim(1, T0).get(0);
    assertFalse(is(tx -> tx.outbox().markDelivered(message.id(), "not-the-token")));
    assertFalse(is(tx -> tx.outbox().markFailed(message.id(), "not-the-token", T0, "x")));
    assertFalse(is(tx -> tx.outbox().markDead(message.id(), "not-the-token", "x")));
    assertFalse(is(tx -> tx.outbox().markDelivered(newEventId(), claimed.leaseToken())), "unknown id");
    assertEquals(claimed, find(message.id()));
  }

  @Test
  @DisplayName("Dead letters are kept with their reason, listed by id in pages, and never claimed")
  void deadLetters() {
    List<OutboxMessage> messages = append(5);
    List<OutboxEntry> claimed = claim(5, T0);
    for (OutboxEntry entry : claimed) {
      assertTrue(is(tx -> tx.outbox().markDead(entry.message().id(), entry.leaseToken(), "gave up after 10 attempts")));
    }
    assertTrue(claim(10, T0.plus(Duration.ofDays(365))).isEmpty());
    List<OutboxEntry> firstPage = tx(tx -> tx.outbox().listDead(null, 2));
    List<OutboxEntry> secondPage = tx(tx -> tx.outbox().listDead(firstPage.get(1).message().id(), 2));
    List<OutboxEntry> lastPage = tx(tx -> tx.outbox().listDead(secondPage.get(1).message().id(), 2));
    List<EventId> listed = new ArrayList<>();
    listed.addAll(ids(firstPage));
    listed.addAll(ids(secondPage));
    listed.addAll(ids(lastPage));
    assertEquals(messages.stream().map(OutboxMessage::id).toList(), listed);
    for (OutboxEntry dead : firstPage) {
      assertEquals(OutboxStatus.DEAD, dead.status());
      assertEquals("gave up after 10 attempts", dead.lastError());
      assertNull(dead.leaseToken());
    }
  }

  @Test
  @DisplayName("A requeued dead letter is pending again with no attempts, from its new time")
  void requeueDeadLetter() {
    OutboxMessage message = append(1).get(0);
    OutboxEntry claimed = claim(1, T0).get(0);
    tx(tx -> tx.outbox().markDead(message.id(), claimed.leaseToken(), "endpoint gone"));
    Instant later = T0.plus(Duration.ofHours(2));
    assertTrue(is(tx -> tx.outbox().requeue(message.id(), later)));
    OutboxEntry requeued = find(message.id());
    assertEquals(OutboxStatus.PENDING, requeued.status());
    assertEquals(0, requeued.attempts());
    assertEquals(later, requeued.availableAt());
    assertTrue(tx(tx -> tx.outbox().listDead(null, 10)).isEmpty());
    assertTrue(claim(1, later.minusMillis(1)).isEmpty());
    assertEquals(1, claim(1, later).get(0).attempts());
  }

  @Test
  @DisplayName("Requeue changes nothing for an entry that is not a dead letter")
  void requeueNeedsDeadLetter() {
    OutboxMessage message = append(1).get(0);
    assertFalse(is(tx -> tx.outbox().requeue(message.id(), T0)));
    assertFalse(is(tx -> tx.outbox().requeue(newEventId(), T0)));
    assertEquals(0, find(message.id()).attempts());
  }

  @Test
  @DisplayName("Purging deletes delivered entries older than the cut-off and nothing else")
  void purgeDelivered() {
    OutboxMessage old = new OutboxMessage(newEventId(), "t.old", 1, T0.minus(Duration.ofDays(10)), "{}");
    OutboxMessage recent = new OutboxMessage(newEventId(), "t.recent", 1, T0, "{}");
    OutboxMessage pendingOld = new OutboxMessage(newEventId(), "t.pending", 1, T0.minus(Duration.ofDays(10)), "{}");
    tx(tx -> {
      tx.outbox().append(old);
      tx.outbox().append(recent);
      return null;
    });
    for (OutboxEntry entry : claim(10, T0)) {
      tx(tx -> tx.outbox().markDelivered(entry.message().id(), entry.leaseToken()));
    }
    tx(tx -> {
      tx.outbox().append(pendingOld);
      return null;
    });
    assertEquals(1, (int) tx(tx -> tx.outbox().purgeDelivered(T0.minus(Duration.ofDays(1)))));
    assertTrue(tx(tx -> tx.outbox().find(old.id())).isEmpty());
    assertTrue(tx(tx -> tx.outbox().find(recent.id())).isPresent());
    assertTrue(tx(tx -> tx.outbox().find(pendingOld.id())).isPresent());
  }

  @Test
  @DisplayName("Concurrent claimers on 8 threads never receive the same entry, and together receive all")
  void concurrentClaimersNeverShare() throws Exception {
    List<OutboxMessage> messages = append(400);
    List<List<EventId>> perThread = race(8, thread -> {
      List<EventId> mine = new ArrayList<>();
      while (true) {
        List<OutboxEntry> batch = claim(7, T0);
        if (batch.isEmpty()) {
          return mine;
        }
        mine.addAll(ids(batch));
      }
    });
    Set<EventId> seen = Race.takenOnce(perThread, "no entry was handed out twice");
    assertEquals(messages.stream().map(OutboxMessage::id).collect(java.util.stream.Collectors.toSet()), seen);
  }
}
