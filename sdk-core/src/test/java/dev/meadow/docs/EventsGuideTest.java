package dev.meadow.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

// snippet: events-imports
import dev.meadow.core.Meadow;
import dev.meadow.core.UserId;
import dev.meadow.core.events.EventJson;
import dev.meadow.core.events.GroupEvent;
import dev.meadow.core.events.MeadowEvent;
import dev.meadow.core.events.Outbox;
import dev.meadow.core.groups.Group;
import dev.meadow.core.groups.GroupDraft;
import dev.meadow.core.spi.OutboxEntry;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
// end snippet: events-imports
import dev.meadow.core.spi.OutboxStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The examples of docs/events.md, compiled and run; the outbox loop is in the quickstart's tests. */
class EventsGuideTest {

  @Test
  @DisplayName("Listeners hear each committed event; one that throws never reaches the caller")
  void listeners_hearCommittedEvents() {
    UserId ada = UserId.of("ada");
    // snippet: events-listener
    List<MeadowEvent> heard = new CopyOnWriteArrayList<>();
    Meadow meadow = Meadow.builder()
        .listener(heard::add)                            // after commit, on the thread that made the change
        .listener(event -> { throw new IllegalStateException("broken"); })   // logged; the caller never sees it
        .build();
    Group group = meadow.groups().create(ada, GroupDraft.of("Trail Runners", "trail-runners"));   // returns normally
    heard.get(0).type();                                 // "group.created"
    // end snippet: events-listener
    assertEquals(List.of("group.created"), heard.stream().map(MeadowEvent::type).toList());

    // snippet: events-json
    MeadowEvent created = heard.get(0);
    String json = EventJson.write(created);              // {"type":"group.created","schemaVersion":1,"id":…,"data":{…}}
    MeadowEvent back = EventJson.read(json);             // equals created
    if (back instanceof GroupEvent.Created c) {
      c.groupId();                                       // group.id()
    }
    EventJson.types().keySet();                          // every type name: "group.created", "review.published", …
    // end snippet: events-json
    assertEquals(created, back);
    assertTrue(json.startsWith("{\"type\":\"group.created\",\"schemaVersion\":1,"), json);
    assertEquals(group.id(), ((GroupEvent.Created) back).groupId());
    assertTrue(EventJson.types().containsKey("review.published"));
    assertTrue(EventJson.types().containsKey("group.member_joined"));

    // snippet: events-outbox-event
    for (OutboxEntry entry : meadow.outbox().claim(100, Duration.ofSeconds(30))) {
      MeadowEvent event = Outbox.event(entry);           // the typed record, read from the stored JSON
      heard.add(event);
      meadow.outbox().delivered(entry);                  // true; false if the lease lapsed and another took it
    }
    // end snippet: events-outbox-event
    assertEquals(List.of(created, created), heard);
    assertEquals(OutboxStatus.DELIVERED, meadow.outbox().find(created.id()).orElseThrow().status());
    assertTrue(meadow.outbox().claim(100, Duration.ofSeconds(30)).isEmpty());
  }
}
