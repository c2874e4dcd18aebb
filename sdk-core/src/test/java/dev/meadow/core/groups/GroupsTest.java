package dev.meadow.core.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.ConflictException;
import dev.meadow.core.GroupId;
import dev.meadow.core.Meadow;
import dev.meadow.core.NotFoundException;
import dev.meadow.core.PageRequest;
import dev.meadow.core.UserId;
import dev.meadow.core.ValidationException;
import dev.meadow.core.events.GroupEvent;
import dev.meadow.core.events.MeadowEvent;
import dev.meadow.core.memory.MemoryStorage;
import dev.meadow.core.spi.OutboxMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GroupsTest {
  private static final Instant NOW = Instant.parse("2026-11-22T10:15:30.123456Z");
  private static final UserId OWNER = new UserId("owner");

  private final List<MeadowEvent> heard = new ArrayList<>();
  private Meadow meadow;
  private Groups groups;

  @BeforeEach
  void setUp() {
    meadow = Meadow.builder()
        .storage(MemoryStorage.create())
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .listener(heard::add)
        .build();
    groups = meadow.groups();
  }

  /** Everything stored that a refused call could have touched. */
  private record Snapshot(List<OutboxMessage> outbox, Optional<Group> tea) {}

  /** Thrown to roll back a transaction that only looked. */
  private static final class Peeked extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  private Snapshot snapshot() {
    List<OutboxMessage> outbox = new ArrayList<>();
    try {
      meadow.storage().inTransaction(tx -> {
        // A claim far in the future sees every pending entry; the rollback undoes it.
        tx.outbox().claim(1000, NOW.plus(Duration.ofDays(3650)), Duration.ofMillis(1))
            .forEach(entry -> outbox.add(entry.message()));
        throw new Peeked();
      });
    } catch (Peeked expected) {
      // looked without touching
    }
    return new Snapshot(outbox, groups.findBySlug("tea"));
  }

  @Test
  void create_makesTheOwnerTheFirstMemberAndEmitsOneEvent() {
    Group group = groups.create(OWNER, new GroupDraft(" Tea lovers ", "Tea-Lovers", "Oolong\r\nand more"));
    assertEquals("Tea lovers", group.name());
    assertEquals("tea-lovers", group.slug());
    assertEquals("Oolong\nand more", group.description());
    assertEquals(1, group.memberCount());
    assertEquals(NOW.truncatedTo(java.time.temporal.ChronoUnit.MILLIS), group.createdAt(), "stored to the millisecond");
    assertEquals(GroupRole.OWNER, groups.membership(group.id(), OWNER).orElseThrow().role());
    assertEquals(List.of(new GroupEvent.Created(heard.get(0).id(), group.createdAt(), group.id(), OWNER, "Tea lovers", "tea-lovers")), heard);
    assertEquals(group, groups.findBySlug("TEA-LOVERS").orElseThrow());
  }

  @Test
  void create_refusesATakenSlugAndLeavesNoTrace() {
    groups.create(OWNER, GroupDraft.of("Tea", "tea"));
    heard.clear();
    assertThrows(ConflictException.class, () -> groups.create(new UserId("b"), GroupDraft.of("Other", "TEA")));
    assertTrue(heard.isEmpty());
    assertEquals("Tea", groups.findBySlug("tea").orElseThrow().name());
  }

  @Test
  void join_isIdempotentAndCounted() {
    Group group = groups.create(OWNER, GroupDraft.of("Tea", "tea"));
    assertTrue(groups.join(group.id(), new UserId("ann")));
    assertFalse(groups.join(group.id(), new UserId("ann")));
    assertFalse(groups.join(group.id(), OWNER));
    assertEquals(2, groups.get(group.id()).memberCount());
    assertEquals(1, heard.stream().filter(GroupEvent.MemberJoined.class::isInstance).count());
  }

  @Test
  void leave_endsMembershipOnceAndRefusesTheOwner() {
    Group group = groups.create(OWNER, GroupDraft.of("Tea", "tea"));
    groups.join(group.id(), new UserId("ann"));
    assertTrue(groups.leave(group.id(), new UserId("ann")));
    assertFalse(groups.leave(group.id(), new UserId("ann")));
    assertThrows(ConflictException.class, () -> groups.leave(group.id(), OWNER));
    assertEquals(1, groups.get(group.id()).memberCount());
    assertTrue(heard.get(heard.size() - 1) instanceof GroupEvent.MemberLeft);
  }

  @Test
  void unknownGroups_areNotFound() {
    GroupId missing = GroupId.of("01JD5Z8Y0Q3E4N6V7W8X9Y0Z1A");
    assertThrows(NotFoundException.class, () -> groups.get(missing));
    assertThrows(NotFoundException.class, () -> groups.join(missing, OWNER));
    assertThrows(NotFoundException.class, () -> groups.leave(missing, OWNER));
    assertThrows(NotFoundException.class, () -> groups.members(missing, PageRequest.first()));
    assertTrue(heard.isEmpty());
  }

  @Test
  void listeners_hearOnlyAfterCommitAndSeeTheCommittedState() {
    AtomicReference<Long> countSeenByListener = new AtomicReference<>();
    MemoryStorage storage = MemoryStorage.create();
    Meadow[] holder = new Meadow[1];
    holder[0] = Meadow.builder().storage(storage).listener(event -> {
      if (event instanceof GroupEvent.MemberJoined joined) {
        countSeenByListener.set(holder[0].groups().get(joined.groupId()).memberCount());
      }
    }).build();
    Group group = holder[0].groups().create(OWNER, GroupDraft.of("Tea", "tea"));
    holder[0].groups().join(group.id(), new UserId("ann"));
    assertEquals(2L, countSeenByListener.get(), "the listener ran after commit, outside the transaction");
  }

  @Test
  void listeners_thatThrowDoNotUndoOrFailTheChange() {
    List<MeadowEvent> later = new ArrayList<>();
    Meadow meadow = Meadow.builder()
        .listener(event -> {
          throw new IllegalStateException("listener bug");
        })
        .listener(later::add)
        .build();
    Group group = meadow.groups().create(OWNER, GroupDraft.of("Tea", "tea"));
    assertEquals(1, meadow.groups().get(group.id()).memberCount());
    assertEquals(1, later.size(), "later listeners still hear the event");
  }

  @Test
  void members_rejectsACursorFromAnotherGroup() {
    Group tea = groups.create(OWNER, GroupDraft.of("Tea", "tea"));
    Group coffee = groups.create(OWNER, GroupDraft.of("Coffee", "coffee"));
    groups.join(tea.id(), new UserId("a"));
    var page = groups.members(tea.id(), PageRequest.first(1));
    ValidationException e = assertThrows(ValidationException.class,
        () -> groups.members(coffee.id(), PageRequest.first(1).next(page)));
    assertTrue(e.names("cursor"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"garbage", "AAAA.BBBB", "' OR 1=1 --", "<script>", "eyJ4IjoxfQ.eyJ4IjoxfQ"})
  void members_rejectsForgedCursors(String cursor) {
    Group tea = groups.create(OWNER, GroupDraft.of("Tea", "tea"));
    ValidationException e = assertThrows(ValidationException.class,
        () -> groups.members(tea.id(), PageRequest.of(10, cursor)));
    assertTrue(e.names("cursor"));
  }

  @Test
  void hostileDrafts_areRejectedNamingEachFieldAndStoreNothing() {
    groups.create(OWNER, GroupDraft.of("Tea", "tea"));
    heard.clear();
    Snapshot before = snapshot();
    assertEquals(1, before.outbox().size());
    String[][] cases = {
        {"x".repeat(81), "tea", null, "name"},
        {"Tea\u0000", "tea", null, "name"},
        {"Tea\ud800", "tea", null, "name"},
        {"", "tea", null, "name"},
        {"Tea", "<script>alert(1)</script>", null, "slug"},
        {"Tea", "tea'; DROP TABLE meadow_groups; --", null, "slug"},
        {"Tea", "te", null, "slug"},
        {"Tea", "t".repeat(65), null, "slug"},
        {"Tea", "tea--lovers", null, "slug"},
        {"Tea", "-tea", null, "slug"},
        {"Tea", "tea", "d".repeat(4001), "description"},
        {"Tea", "tea", "bell\u0007", "description"},
        {"Tea", "fresh", "bell\u0007", "description"},
    };
    for (String[] c : cases) {
      ValidationException e = assertThrows(ValidationException.class,
          () -> groups.create(OWNER, new GroupDraft(c[0], c[1], c[2])), String.join("|", c[0], c[1]));
      assertTrue(e.names(c[3]), c[3] + " in " + e.getMessage());
    }
    ValidationException all = assertThrows(ValidationException.class, () -> new GroupDraft("", "x", "\u0000"));
    assertEquals(3, all.violations().size(), "every bad field is reported at once");
    assertEquals(before, snapshot());
    assertTrue(heard.isEmpty());
  }

  @Test
  void markupIsStoredAsText() {
    Group group = groups.create(OWNER, new GroupDraft("<b>Tea</b>", "tea", "<script>alert(1)</script>"));
    assertEquals("<b>Tea</b>", groups.get(group.id()).name());
    assertEquals("<script>alert(1)</script>", groups.get(group.id()).description());
  }

  @Test
  void findBySlug_validatesTheSlug() {
    assertTrue(assertThrows(ValidationException.class, () -> groups.findBySlug("../etc")).names("slug"));
    assertTrue(groups.findBySlug("no-such").isEmpty());
  }

  @Test
  void nullArguments_areApiMisuse() {
    assertThrows(NullPointerException.class, () -> groups.create(null, GroupDraft.of("Tea", "tea")));
    assertThrows(NullPointerException.class, () -> groups.create(OWNER, null));
    assertThrows(NullPointerException.class, () -> groups.members(null, PageRequest.first()));
  }
}
