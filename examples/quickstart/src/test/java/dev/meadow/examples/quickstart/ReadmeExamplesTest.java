package dev.meadow.examples.quickstart;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.ConflictException;
import dev.meadow.core.GroupId;
import dev.meadow.core.Meadow;
import dev.meadow.core.Page;
import dev.meadow.core.PageRequest;
import dev.meadow.core.UserId;
import dev.meadow.core.ValidationException;
import dev.meadow.core.events.MeadowEvent;
import dev.meadow.core.groups.Group;
import dev.meadow.core.groups.GroupDraft;
import dev.meadow.core.groups.GroupRole;
import dev.meadow.core.groups.Groups;
import dev.meadow.core.groups.Membership;
import dev.meadow.core.memory.MemoryStorage;
import dev.meadow.core.spi.OutboxEntry;
import dev.meadow.core.spi.OutboxStatus;
import dev.meadow.core.spi.Storage;
import dev.meadow.storage.jdbc.JdbcStorage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.h2.jdbcx.JdbcDataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Java examples of the top-level README, compiled and run. {@link ReadmeSnippetsTest} checks
 * that the README shows exactly the code between each pair of snippet markers here.
 */
class ReadmeExamplesTest {

  @Test
  void quickstart_printsEventsThenOwnerAndOneMember() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(bytes, true, UTF_8));
    Meadow meadow;
    try {
      meadow = quickstart();
    } finally {
      System.setOut(original);
    }
    assertEquals(
        List.of("group.created", "group.member_joined", "ada OWNER", "bo MEMBER"),
        bytes.toString(UTF_8).lines().toList());
    assertEquals(2, meadow.groups().findBySlug("trail-runners").orElseThrow().memberCount());
  }

  private static Meadow quickstart() {
    // snippet: quickstart
    Meadow meadow = Meadow.builder()                 // in-memory storage by default
        .listener(event -> System.out.println(event.type()))
        .build();

    Group runners = meadow.groups().create(UserId.of("ada"), GroupDraft.of("Trail Runners", "trail-runners"));
    meadow.groups().join(runners.id(), UserId.of("bo"));   // true
    meadow.groups().join(runners.id(), UserId.of("bo"));   // false: already a member, no event

    Page<Membership> members = meadow.groups().members(runners.id(), PageRequest.first(20));
    for (Membership m : members.items()) {
      System.out.println(m.userId() + " " + m.role());    // ada OWNER, then bo MEMBER
    }
    // end snippet: quickstart
    return meadow;
  }

  @Test
  void builder_setsStorageClockSecretAndListener() {
    Storage storage = MemoryStorage.create();
    byte[] secret = "a secret of at least sixteen bytes".getBytes(UTF_8);
    Logger log = LoggerFactory.getLogger(ReadmeExamplesTest.class);
    // snippet: builder
    Meadow meadow = Meadow.builder()
        .storage(storage)                 // default: MemoryStorage.create()
        .clock(Clock.systemUTC())         // every time Meadow records comes from this clock
        .cursorSecret(secret)             // 16+ bytes shared by every JVM serving the shop
        .listener(event -> log.info("{}", event.type()))
        .build();
    // end snippet: builder
    assertSame(storage, meadow.storage());

    Meadow other = Meadow.builder().cursorSecret(secret).build();
    for (Meadow m : List.of(meadow, other)) {
      Group group = m.groups().create(UserId.of("ada"), GroupDraft.of("Trail Runners", "trail-runners"));
      m.groups().join(group.id(), UserId.of("bo"));
    }
    GroupId id = meadow.groups().findBySlug("trail-runners").orElseThrow().id();
    String cursor = meadow.groups().members(id, PageRequest.first(1)).nextCursor();
    GroupId otherId = other.groups().findBySlug("trail-runners").orElseThrow().id();
    ValidationException wrongListing =
        assertThrows(ValidationException.class, () -> other.groups().members(otherId, PageRequest.of(1, cursor)));
    assertTrue(wrongListing.names("cursor"));
    assertEquals(List.of(UserId.of("bo")),
        meadow.groups().members(id, PageRequest.of(1, cursor)).items().stream().map(Membership::userId).toList());
  }

  @Test
  void jdbc_migratesThenKeepsGroupsInTheDatabase() {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:readme-jdbc;DB_CLOSE_DELAY=-1");
    byte[] secret = "a secret of at least sixteen bytes".getBytes(UTF_8);
    // snippet: jdbc
    JdbcStorage storage = JdbcStorage.create(dataSource);  // PostgreSQL or H2, as the JDBC metadata says;
                                                           // or JdbcStorage.postgres(...), JdbcStorage.h2(...)
    storage.migrate();                                     // creates or upgrades Meadow's tables
    Meadow meadow = Meadow.builder().storage(storage).cursorSecret(secret).build();
    // end snippet: jdbc
    Group group = meadow.groups().create(UserId.of("ada"), GroupDraft.of("Trail Runners", "trail-runners"));
    meadow.groups().join(group.id(), UserId.of("bo"));
    String cursor = meadow.groups().members(group.id(), PageRequest.first(1)).nextCursor();

    JdbcStorage restarted = JdbcStorage.h2(dataSource);
    restarted.migrate();
    Meadow later = Meadow.builder().storage(restarted).cursorSecret(secret).build();
    assertEquals(2, later.groups().get(group.id()).memberCount());
    assertEquals(List.of(UserId.of("bo")),
        later.groups().members(group.id(), PageRequest.of(1, cursor)).items().stream().map(Membership::userId).toList());
  }

  @Test
  void groups_joinLeaveFindAndPageThroughEveryMember() {
    Meadow meadow = Meadow.builder().build();
    UserId owner = UserId.of("ada");
    UserId bo = UserId.of("bo");
    // snippet: groups
    Groups groups = meadow.groups();
    Group group = groups.create(owner, GroupDraft.of("Trail Runners", "trail-runners")
        .withDescription("Shoes, packs and poles that survived the mountains."));

    groups.join(group.id(), bo);                  // true; false if bo already was a member
    groups.leave(group.id(), bo);                 // true; false if bo was not a member
    groups.findBySlug("Trail-Runners");           // Optional<Group>: slugs ignore case
    groups.membership(group.id(), owner);         // Optional<Membership>, role OWNER

    List<UserId> everyone = new ArrayList<>();
    PageRequest request = PageRequest.first(50);  // 1 to 100 per page
    while (true) {
      Page<Membership> page = groups.members(group.id(), request);
      page.items().forEach(m -> everyone.add(m.userId()));
      if (!page.hasNext()) {
        break;
      }
      request = request.next(page);               // or PageRequest.of(50, cursorFromTheClient)
    }
    // end snippet: groups
    assertEquals(List.of(owner), everyone);
    assertEquals(1, groups.get(group.id()).memberCount());
    assertEquals(group.id(), groups.findBySlug("Trail-Runners").orElseThrow().id());
    assertEquals(GroupRole.OWNER, groups.membership(group.id(), owner).orElseThrow().role());
    assertTrue(groups.membership(group.id(), bo).isEmpty());
  }

  @Test
  void errors_mapValidationFieldByFieldAndConflictsToStatusCodes() {
    Groups groups = Meadow.builder().build().groups();
    UserId owner = UserId.of("ada");
    groups.create(owner, GroupDraft.of("Trail Runners", "trail-runners"));

    assertEquals(201, createGroup(groups, owner, "Trail Runners 2", "trail-runners-2", new LinkedHashMap<>()));
    assertEquals(409, createGroup(groups, owner, "Another", "Trail-Runners", new LinkedHashMap<>()));
    Map<String, String> errors = new LinkedHashMap<>();
    assertEquals(400, createGroup(groups, owner, "Bad\u0000Name", "<script>", errors));
    assertEquals(List.of("name", "slug"), List.copyOf(errors.keySet()));
  }

  private static int createGroup(Groups groups, UserId owner, String name, String slug, Map<String, String> errors) {
    // snippet: errors
    try {
      groups.create(owner, GroupDraft.of(name, slug));
      return 201;
    } catch (ValidationException e) {             // bad input: one violation per field
      e.violations().forEach(v -> errors.put(v.field(), v.message()));
      return 400;
    } catch (ConflictException e) {               // the slug is taken
      return 409;
    }
    // end snippet: errors
  }

  @Test
  void outbox_deliversEveryEventAndRetriesAFailedOneLater() {
    MovableClock clock = new MovableClock(Instant.parse("2026-03-01T12:00:00Z"));
    List<MeadowEvent> events = new ArrayList<>();
    Meadow meadow = Meadow.builder().clock(clock).listener(events::add).build();
    Group group = meadow.groups().create(UserId.of("ada"), GroupDraft.of("Trail Runners", "trail-runners"));
    meadow.groups().join(group.id(), UserId.of("bo"));
    Publisher publisher = new Publisher("group.member_joined");

    deliverPending(meadow, publisher);
    assertEquals(List.of("group.created"), publisher.sent);
    assertEquals(OutboxStatus.DELIVERED, meadow.outbox().find(events.get(0).id()).orElseThrow().status());
    OutboxEntry failed = meadow.outbox().find(events.get(1).id()).orElseThrow();
    assertEquals(OutboxStatus.PENDING, failed.status());
    assertEquals(clock.instant().plusSeconds(60), failed.availableAt());
    assertTrue(failed.lastError().contains("broker unavailable"), failed.lastError());

    deliverPending(meadow, publisher);
    assertEquals(List.of("group.created"), publisher.sent, "not due again before a minute has passed");

    clock.advance(Duration.ofSeconds(60));
    deliverPending(meadow, publisher);
    assertEquals(List.of("group.created", "group.member_joined"), publisher.sent);
    assertEquals(OutboxStatus.DELIVERED, meadow.outbox().find(events.get(1).id()).orElseThrow().status());
  }

  private static void deliverPending(Meadow meadow, Publisher publisher) {
    // snippet: outbox
    for (OutboxEntry entry : meadow.outbox().claim(100, Duration.ofSeconds(30))) {
      try {
        publisher.publish(entry.message().type(), entry.message().payload());  // your broker or endpoint
        meadow.outbox().delivered(entry);
      } catch (IOException e) {
        if (entry.attempts() >= 10) {
          meadow.outbox().deadLetter(entry, e.toString());  // listed by outbox().deadLetters(...)
        } else {
          meadow.outbox().failed(entry, meadow.clock().instant().plusSeconds(60), e.toString());
        }
      }
    }
    // end snippet: outbox
  }

  /** Stands in for the host's message broker: fails the first send of one event type. */
  private static final class Publisher {
    final List<String> sent = new ArrayList<>();
    private @Nullable String failOnce;

    Publisher(String failOnce) {
      this.failOnce = failOnce;
    }

    void publish(String type, String json) throws IOException {
      if (type.equals(failOnce)) {
        failOnce = null;
        throw new IOException("broker unavailable");
      }
      assertTrue(json.startsWith("{\"type\":\"" + type + "\""), json);
      sent.add(type);
    }
  }

  /** A clock the test moves by hand: tests never sleep to move time. */
  private static final class MovableClock extends Clock {
    private Instant now;

    MovableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }
}
