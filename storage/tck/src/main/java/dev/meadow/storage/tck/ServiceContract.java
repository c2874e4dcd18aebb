package dev.meadow.storage.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.ConflictException;
import dev.meadow.core.Meadow;
import dev.meadow.core.Page;
import dev.meadow.core.PageRequest;
import dev.meadow.core.UserId;
import dev.meadow.core.events.GroupEvent;
import dev.meadow.core.events.MeadowEvent;
import dev.meadow.core.events.Outbox;
import dev.meadow.core.groups.Group;
import dev.meadow.core.groups.GroupDraft;
import dev.meadow.core.groups.Membership;
import dev.meadow.core.spi.OutboxEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Meadow's services running on the adapter: the guarantees a shop relies on, which hold only if
 * the adapter keeps the SPI's promises together.
 */
public abstract class ServiceContract extends StorageContract {
  private final List<MeadowEvent> heard = new CopyOnWriteArrayList<>();
  private Meadow meadow;

  @BeforeEach
  final void buildMeadow() {
    meadow = Meadow.builder()
        .storage(storage)
        .clock(Clock.fixed(T0, ZoneOffset.UTC))
        .listener(heard::add)
        .build();
  }

  private List<MeadowEvent> drainOutbox() {
    List<MeadowEvent> events = new ArrayList<>();
    List<OutboxEntry> batch;
    while (!(batch = meadow.outbox().claim(100, Duration.ofMinutes(1))).isEmpty()) {
      for (OutboxEntry entry : batch) {
        events.add(Outbox.event(entry));
        assertTrue(meadow.outbox().delivered(entry));
      }
    }
    return events;
  }

  @Test
  @DisplayName("Each change writes its event to the outbox and tells listeners after commit")
  void changesEmitEvents() {
    Group group = meadow.groups().create(new UserId("owner"), GroupDraft.of("Tea", "tea"));
    assertTrue(meadow.groups().join(group.id(), new UserId("ann")));
    List<MeadowEvent> outbox = drainOutbox();
    assertEquals(heard, outbox, "the outbox holds exactly what listeners heard, in order");
    assertEquals(2, outbox.size());
    assertEquals(new GroupEvent.Created(outbox.get(0).id(), T0, group.id(), new UserId("owner"), "Tea", "tea"), outbox.get(0));
    assertEquals(new GroupEvent.MemberJoined(outbox.get(1).id(), T0, group.id(), new UserId("ann")), outbox.get(1));
  }

  @Test
  @DisplayName("A refused change stores nothing, writes no event and tells no listener")
  void refusedChangeLeavesNoTrace() {
    meadow.groups().create(new UserId("owner"), GroupDraft.of("Tea", "tea"));
    heard.clear();
    drainOutbox();
    assertThrows(ConflictException.class,
        () -> meadow.groups().create(new UserId("other"), GroupDraft.of("Tea again", "tea")));
    assertTrue(heard.isEmpty());
    assertTrue(drainOutbox().isEmpty());
    assertEquals("Tea", meadow.groups().findBySlug("tea").orElseThrow().name());
  }

  @Test
  @DisplayName("8 threads joining one group: the member count equals the acknowledged joins")
  void concurrentJoinsAreCountedExactly() throws Exception {
    Group group = meadow.groups().create(new UserId("owner"), GroupDraft.of("Crowd", "crowd"));
    List<Integer> acknowledged = race(8, thread -> {
      int joined = 0;
      for (int i = 0; i < 40; i++) {
        // Threads overlap on purpose: user i is shared by thread pairs, so half the joins repeat.
        if (meadow.groups().join(group.id(), new UserId("user-" + (thread / 2) + "-" + i))) {
          joined++;
        }
      }
      return joined;
    });
    int total = acknowledged.stream().mapToInt(Integer::intValue).sum();
    assertEquals(160, total, "each distinct user joined once");
    assertEquals(total + 1, meadow.groups().get(group.id()).memberCount());
    assertEquals(total, heard.stream().filter(GroupEvent.MemberJoined.class::isInstance).count());
  }

  @Test
  @DisplayName("Members page through signed cursors in join order, every member exactly once")
  void membersPageThroughCursors() {
    Group group = meadow.groups().create(new UserId("owner"), GroupDraft.of("Paged", "paged"));
    for (int i = 0; i < 11; i++) {
      meadow.groups().join(group.id(), new UserId(String.format("m%02d", i)));
    }
    List<String> seen = new ArrayList<>();
    Page<Membership> page = meadow.groups().members(group.id(), PageRequest.first(4));
    seen.addAll(page.items().stream().map(m -> m.userId().value()).toList());
    while (page.hasNext()) {
      page = meadow.groups().members(group.id(), PageRequest.first(4).next(page));
      seen.addAll(page.items().stream().map(m -> m.userId().value()).toList());
    }
    List<String> expected = new ArrayList<>(List.of("m00", "m01", "m02", "m03", "m04", "m05", "m06", "m07", "m08", "m09", "m10", "owner"));
    assertEquals(expected, seen);
  }

  @Test
  @DisplayName("Any failure text can be recorded: NUL bytes are replaced and long texts are cut at a character boundary")
  void hostileFailureTextIsStorable() {
    meadow.groups().create(new UserId("owner"), GroupDraft.of("Tea", "tea"));
    OutboxEntry entry = meadow.outbox().claim(1, Duration.ofMinutes(1)).get(0);
    String hostile = "boom\u0000" + "x".repeat(1994) + "\uD83D\uDE00 and more";
    assertTrue(meadow.outbox().deadLetter(entry, hostile));
    String stored = meadow.outbox().deadLetters(PageRequest.first(10)).items().get(0).lastError();
    assertEquals("boom\uFFFD" + "x".repeat(1994), stored, "cut before the emoji, never inside it");
  }
}
