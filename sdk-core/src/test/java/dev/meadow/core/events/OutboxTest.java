package dev.meadow.core.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.Actor;
import dev.meadow.core.Meadow;
import dev.meadow.core.Page;
import dev.meadow.core.PageRequest;
import dev.meadow.core.TestClock;
import dev.meadow.core.UserId;
import dev.meadow.core.ValidationException;
import dev.meadow.core.groups.Group;
import dev.meadow.core.groups.GroupDraft;
import dev.meadow.core.groups.GroupVisibility;
import dev.meadow.core.spi.OutboxEntry;
import dev.meadow.core.spi.OutboxStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OutboxTest {
  private final TestClock clock = TestClock.at("2026-11-22T10:00:00Z");
  private Meadow meadow;
  private Outbox outbox;
  private Group group;

  @BeforeEach
  void setUp() {
    meadow = Meadow.builder().clock(clock).build();
    outbox = meadow.outbox();
    group = meadow.groups().create(new UserId("owner"), GroupDraft.of("Tea", "tea"));
    for (int i = 0; i < 4; i++) {
      meadow.groups().join(new UserId("u" + i), group.id());
    }
  }

  @Test
  void claim_returnsEventsInOrderAndTheyParseBack() {
    List<OutboxEntry> claimed = outbox.claim(10, Duration.ofMinutes(1));
    assertEquals(5, claimed.size());
    assertEquals(new GroupEvent.Created(claimed.get(0).message().id(), clock.instant(), group.id(), new UserId("owner"), "Tea", "tea",
        GroupVisibility.PUBLIC, null),
        Outbox.event(claimed.get(0)));
    assertEquals("group.member_joined", claimed.get(1).message().type());
    assertTrue(outbox.claim(10, Duration.ofMinutes(1)).isEmpty(), "leased");
    clock.advance(Duration.ofMinutes(1));
    assertEquals(5, outbox.claim(10, Duration.ofMinutes(1)).size(), "lease lapsed: delivered again");
  }

  @Test
  void failed_retriesAtTheGivenTimeWithTheErrorKept() {
    OutboxEntry entry = outbox.claim(1, Duration.ofMinutes(1)).get(0);
    assertTrue(outbox.failed(entry, clock.instant().plus(Duration.ofMinutes(10)), "x".repeat(5000)));
    assertEquals(2000, outbox.find(entry.message().id()).orElseThrow().lastError().length(), "errors are bounded");
    clock.advance(Duration.ofMinutes(2));
    assertFalse(outbox.claim(10, Duration.ofMinutes(1)).stream().anyMatch(e -> e.message().id().equals(entry.message().id())));
    clock.advance(Duration.ofMinutes(10));
    assertTrue(outbox.claim(10, Duration.ofMinutes(1)).stream().anyMatch(e -> e.message().id().equals(entry.message().id())));
  }

  @Test
  void deadLetters_pageByCursorAndReplay() {
    for (OutboxEntry entry : outbox.claim(10, Duration.ofMinutes(1))) {
      assertTrue(outbox.deadLetter(entry, "endpoint gone"));
    }
    List<OutboxEntry> seen = new ArrayList<>();
    Page<OutboxEntry> page = outbox.deadLetters(PageRequest.first(2));
    seen.addAll(page.items());
    while (page.hasNext()) {
      page = outbox.deadLetters(PageRequest.first(2).next(page));
      seen.addAll(page.items());
    }
    assertEquals(5, seen.size());
    assertTrue(seen.stream().allMatch(e -> e.status() == OutboxStatus.DEAD));
    assertTrue(outbox.replay(seen.get(0).message().id()));
    assertFalse(outbox.replay(seen.get(0).message().id()), "no longer a dead letter");
    assertEquals(List.of(seen.get(0).message()), outbox.claim(10, Duration.ofMinutes(1)).stream().map(OutboxEntry::message).toList());
  }

  @Test
  void delivered_entriesArePurgedOnceOldEnough() {
    for (OutboxEntry entry : outbox.claim(10, Duration.ofMinutes(1))) {
      assertTrue(outbox.delivered(entry));
    }
    assertEquals(0, outbox.purgeDelivered(Duration.ofDays(7)));
    clock.advance(Duration.ofDays(8));
    assertEquals(5, outbox.purgeDelivered(Duration.ofDays(7)));
  }

  @Test
  void deadLetters_rejectsForeignCursors() {
    var members = meadow.groups().members(Actor.ANONYMOUS, group.id(), PageRequest.first(1));
    ValidationException e = assertThrows(ValidationException.class,
        () -> outbox.deadLetters(PageRequest.of(5, members.nextCursor())));
    assertTrue(e.names("cursor"));
  }

  @Test
  void misuse_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> outbox.claim(0, Duration.ofMinutes(1)));
    assertThrows(IllegalArgumentException.class, () -> outbox.claim(1001, Duration.ofMinutes(1)));
    assertThrows(IllegalArgumentException.class, () -> outbox.claim(1, Duration.ZERO));
    assertThrows(NullPointerException.class, () -> outbox.claim(1, null));
    OutboxEntry unclaimed = outbox.find(outbox.claim(1, Duration.ofMinutes(1)).get(0).message().id()).orElseThrow();
    clock.advance(Duration.ofMinutes(5));
    OutboxEntry reclaimed = outbox.claim(1, Duration.ofMinutes(1)).get(0);
    assertFalse(outbox.delivered(unclaimed), "a stale lease changes nothing");
    assertTrue(outbox.delivered(reclaimed));
    assertThrows(IllegalArgumentException.class, () -> outbox.delivered(
        new OutboxEntry(reclaimed.message(), OutboxStatus.PENDING, 0, clock.instant(), null, null, null)));
  }
}
