package dev.meadow.examples.quickstart;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.Actor;
import dev.meadow.core.ConflictException;
import dev.meadow.core.GroupId;
import dev.meadow.core.Meadow;
import dev.meadow.core.Page;
import dev.meadow.core.PageRequest;
import dev.meadow.core.PermissionDeniedException;
import dev.meadow.core.OrderId;
import dev.meadow.core.ProductId;
import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import dev.meadow.core.ValidationException;
import dev.meadow.core.events.MeadowEvent;
import dev.meadow.core.groups.Comment;
import dev.meadow.core.groups.CommunityLimits;
import dev.meadow.core.groups.ContentState;
import dev.meadow.core.groups.Disclosure;
import dev.meadow.core.groups.FollowTarget;
import dev.meadow.core.groups.Group;
import dev.meadow.core.groups.GroupDraft;
import dev.meadow.core.groups.GroupRole;
import dev.meadow.core.groups.GroupSearch;
import dev.meadow.core.groups.GroupVisibility;
import dev.meadow.core.groups.Groups;
import dev.meadow.core.groups.IssuedInvitation;
import dev.meadow.core.groups.LabelCatalogue;
import dev.meadow.core.groups.MemberStatus;
import dev.meadow.core.groups.Membership;
import dev.meadow.core.groups.Post;
import dev.meadow.core.groups.PostDraft;
import dev.meadow.core.groups.Posts;
import dev.meadow.core.groups.ReactionTarget;
import dev.meadow.core.groups.Taxonomy;
import dev.meadow.core.groups.TrendingGroup;
import dev.meadow.core.memory.MemoryStorage;
import dev.meadow.core.reviews.ContentModerators;
import dev.meadow.core.reviews.DisclosureLabel;
import dev.meadow.core.reviews.Incentive;
import dev.meadow.core.reviews.Purchase;
import dev.meadow.core.reviews.PurchaseState;
import dev.meadow.core.reviews.RatingSummary;
import dev.meadow.core.reviews.Review;
import dev.meadow.core.reviews.ReviewAttribute;
import dev.meadow.core.reviews.ReviewContent;
import dev.meadow.core.reviews.ReviewDraft;
import dev.meadow.core.reviews.ReviewFilter;
import dev.meadow.core.reviews.ReviewPage;
import dev.meadow.core.reviews.ReviewPolicy;
import dev.meadow.core.reviews.ReviewSort;
import dev.meadow.core.reviews.ReviewState;
import dev.meadow.core.reviews.Reviews;
import dev.meadow.core.reviews.SummaryKey;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.h2.jdbcx.JdbcDataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Java examples of the guides under {@code docs/} (the front door, groups, reviews, errors, the
 * outbox, JDBC), compiled and run; {@link Quickstart} is the README's. {@link MarkdownSnippetsTest}
 * checks that the Markdown files show exactly the code between each pair of snippet markers here.
 */
class ReadmeExamplesTest {

  @Test
  void quickstart_printsEventsThenOwnerAndOneMember() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(bytes, true, UTF_8));
    try {
      Quickstart.main(new String[0]);
    } finally {
      System.setOut(original);
    }
    assertEquals(
        List.of("group.created", "group.member_joined", "post.created", "post.liked", "ada OWNER", "bo MEMBER"),
        bytes.toString(UTF_8).lines().toList());
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
      m.groups().join(UserId.of("bo"), group.id());
    }
    GroupId id = meadow.groups().findBySlug("trail-runners").orElseThrow().id();
    String cursor = meadow.groups().members(Actor.ANONYMOUS, id, PageRequest.first(1)).nextCursor();
    GroupId otherId = other.groups().findBySlug("trail-runners").orElseThrow().id();
    ValidationException wrongListing = assertThrows(ValidationException.class,
        () -> other.groups().members(Actor.ANONYMOUS, otherId, PageRequest.of(1, cursor)));
    assertTrue(wrongListing.names("cursor"));
    assertEquals(List.of(UserId.of("bo")), meadow.groups().members(Actor.ANONYMOUS, id, PageRequest.of(1, cursor))
        .items().stream().map(Membership::userId).toList());
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
    meadow.groups().join(UserId.of("bo"), group.id());
    String cursor = meadow.groups().members(Actor.ANONYMOUS, group.id(), PageRequest.first(1)).nextCursor();

    JdbcStorage restarted = JdbcStorage.h2(dataSource);
    restarted.migrate();
    Meadow later = Meadow.builder().storage(restarted).cursorSecret(secret).build();
    assertEquals(2, later.groups().get(group.id()).memberCount());
    assertEquals(List.of(UserId.of("bo")),
        later.groups().members(Actor.ANONYMOUS, group.id(), PageRequest.of(1, cursor)).items().stream()
            .map(Membership::userId).toList());
  }

  /** The host's view of who works for which store. */
  static final class Shop {
    Set<StoreId> storesStaffedBy(UserId user) {
      return user.equals(UserId.of("sam")) ? Set.of(StoreId.of("trailhead")) : Set.of();
    }
  }

  private static Meadow community() {
    Shop shop = new Shop();
    // snippet: community
    Meadow meadow = Meadow.builder()
        .taxonomy(Taxonomy.builder()                      // the shop's group categories, a tree
            .category("sport", "Sport")
            .category("running", "Running", "sport")
            .build())
        .labels(LabelCatalogue.builder()                  // the shop's style labels
            .label("minimalist", "Minimalist")
            .label("trail", "Trail")
            .build())
        .limits(CommunityLimits.defaults().withGroupsJoined(200))
        .storeStaff(shop::storesStaffedBy)                // which stores a user works for
        .build();
    // end snippet: community
    return meadow;
  }

  @Test
  void groups_visibilityRolesInvitationsBansAndDiscovery() {
    Meadow meadow = community();
    UserId ada = UserId.of("ada");
    UserId bo = UserId.of("bo");
    UserId chen = UserId.of("chen");
    UserId dara = UserId.of("dara");
    // snippet: groups
    Groups groups = meadow.groups();
    Group group = groups.create(ada, GroupDraft.of("Trail Runners", "trail-runners")
        .withCategory("running")
        .withLabels(List.of("trail"))
        .withVisibility(GroupVisibility.REQUEST));    // PUBLIC, REQUEST or INVITE

    groups.join(bo, group.id());                      // REQUESTED: a moderator decides
    groups.approve(ada, group.id(), bo);              // true: bo is a member now
    groups.setRole(ada, group.id(), bo, GroupRole.MODERATOR);

    IssuedInvitation invitation = groups.invite(bo, group.id(), Duration.ofDays(7), 1);  // single use
    groups.joinWithInvitation(chen, invitation.token());  // JOINED, whatever the visibility

    groups.ban(bo, group.id(), dara, "Spam links");   // dara cannot join, post, comment or like here

    Page<Group> running = groups.discover(GroupSearch.inCategory("sport"), PageRequest.first(20));
    Page<TrendingGroup> hot = groups.trending(Duration.ofDays(7), PageRequest.first(10));
    // end snippet: groups
    assertEquals(3, groups.get(group.id()).memberCount());
    assertEquals(List.of(group.id()), running.items().stream().map(Group::id).toList(), "sub-categories count");
    assertEquals(group.id(), hot.items().get(0).group().id());
    assertEquals(GroupRole.MODERATOR, groups.membership(ada, group.id(), bo).orElseThrow().role());
    assertEquals(MemberStatus.BANNED, groups.membership(ada, group.id(), dara).orElseThrow().status());
    assertThrows(PermissionDeniedException.class, () -> groups.join(dara, group.id()));
    assertThrows(PermissionDeniedException.class, () -> groups.joinWithInvitation(dara, invitation.token()));

    // snippet: posts
    Posts posts = meadow.posts();
    Post post = posts.publish(chen, group.id(), PostDraft.of("800 km on these", "Still grippy when wet.")
        .withProducts(List.of(ProductId.of("sku-trail-2")))
        .withDisclosure(Disclosure.GIFTED));          // shown next to the post
    Comment question = posts.comment(ada, post.id(), "How is the sizing?");
    posts.reply(chen, question.id(), "True to size.");  // replies go one level deep
    posts.like(ada, ReactionTarget.post(post.id()));  // true; false if ada liked it already
    posts.edit(chen, post.id(), PostDraft.of(post).withBody("Still grippy when wet. Laces wore out."));
    posts.revisions(ada, post.id());                  // what it said before each edit
    posts.remove(bo, post.id(), "Off topic");         // moderators remove, with a reason
    // end snippet: posts
    assertEquals(1, posts.revisions(ada, post.id()).size());
    assertEquals(ContentState.REMOVED, posts.get(ada, post.id()).state());
    assertEquals(0, groups.get(group.id()).postCount());
    assertThrows(PermissionDeniedException.class, () -> posts.get(chen, post.id()), "only moderators see removed posts");
    assertThrows(PermissionDeniedException.class, () -> posts.list(Actor.ANONYMOUS, group.id(), PageRequest.first(5)));

    UserId sam = UserId.of("sam");
    // snippet: stations
    Group station = groups.createStation(sam, StoreId.of("trailhead"),
        GroupDraft.of("Trailhead Outfitters", "trailhead"));
    Post news = posts.publish(sam, station.id(), PostDraft.of("New in: trail socks", "Merino, three weights."));
    news.affiliations();                              // [trailhead]: a seller always speaks as one
    groups.join(bo, station.id());                    // buyers join to comment and like
    posts.comment(bo, news.id(), "Do they come in XL?");
    // end snippet: stations
    assertEquals(List.of(StoreId.of("trailhead")), news.affiliations());
    assertThrows(PermissionDeniedException.class,
        () -> posts.publish(bo, station.id(), PostDraft.of("Me too", "Buyers comment; the store posts.")));
    Post staffElsewhere = posts.publish(sam, groups.create(sam, GroupDraft.of("Sam's socks", "sams-socks")).id(),
        PostDraft.of("Honest opinion", "Our socks are great."));
    assertEquals(List.of(StoreId.of("trailhead")), staffElsewhere.affiliations(), "affiliated in every group");

    // snippet: follows
    meadow.follows().follow(bo, FollowTarget.store(StoreId.of("trailhead")));
    meadow.follows().followerCount(FollowTarget.store(StoreId.of("trailhead")));   // 1
    meadow.labels().assign(bo, List.of("minimalist", "trail"));                  // up to 5 by default
    meadow.labels().users("trail", PageRequest.first(20));                        // bo
    // end snippet: follows
    assertEquals(1, meadow.follows().followerCount(FollowTarget.store(StoreId.of("trailhead"))));
    assertEquals(List.of(bo), meadow.labels().users("trail", PageRequest.first(20)).items());
  }

  /** The host's view of what its shoppers bought. */
  static final class Orders {
    Optional<Purchase> find(UserId user, ProductId product, @Nullable OrderId order) {
      return Optional.of(new Purchase(OrderId.of("o-1001"), product, Instant.now().minus(Duration.ofDays(9)),
          PurchaseState.DELIVERED));
    }
  }

  @Test
  void reviews_submitVerifyVoteReplyAndSummarise() {
    Orders orders = new Orders();
    Shop shop = new Shop();
    UserId ada = UserId.of("ada");
    UserId bo = UserId.of("bo");
    UserId sam = UserId.of("sam");
    ProductId shoes = ProductId.of("sku-trail-2");
    StoreId trailhead = StoreId.of("trailhead");
    // snippet: reviews
    Meadow meadow = Meadow.builder()
        .purchases(orders::find)                         // what a user bought: the verification evidence
        .storeStaff(shop::storesStaffedBy)
        .reviewPolicy(ReviewPolicy.defaults()
            .withAttributes(List.of(ReviewAttribute.choice("fit", "Fit", "small", "true", "large")))
            .withModerators(List.of(ContentModerators.length(10, 10_000), ContentModerators.contactDetails(),
                ContentModerators.blockedWords(Set.of("scam")))))
        .build();
    Reviews reviews = meadow.reviews();

    Review review = reviews.submit(ada, ReviewDraft.of(shoes, trailhead,
            ReviewContent.of(4, "Grippy on wet rock, a little narrow.").withAttributes(Map.of("fit", "small")))
        .withIncentive(Incentive.FREE_PRODUCT));
    review.labels();                                      // [VERIFIED_PURCHASE, RECEIVED_FREE_PRODUCT]
    reviews.vote(bo, review.id(), true);                  // helpful; one vote per user, changeable
    reviews.reply(sam, review.id(), "Try the wide version!");   // the store's staff, one public reply

    RatingSummary summary = reviews.summary(SummaryKey.product(shoes));   // one row, however many reviews
    summary.mean();                                       // 4.0
    reviews.bayesianAverage(summary);                     // pulled towards the shop's prior
    ReviewPage page = reviews.list(SummaryKey.product(shoes), ReviewFilter.all(), ReviewSort.MOST_HELPFUL,
        PageRequest.first(20));                           // every published rating, unless a filter says
    // end snippet: reviews
    assertEquals(ReviewState.PUBLISHED, review.state());
    assertEquals(List.of(DisclosureLabel.VERIFIED_PURCHASE, DisclosureLabel.RECEIVED_FREE_PRODUCT), review.labels());
    assertEquals(1, reviews.get(Actor.ANONYMOUS, review.id()).helpfulCount());
    assertEquals("Try the wide version!", reviews.replyTo(Actor.ANONYMOUS, review.id()).orElseThrow().body());
    assertEquals(1, summary.count());
    assertEquals(4.0, summary.mean());
    assertEquals((4.0 * 5 + 4) / 6, reviews.bayesianAverage(summary), 1e-9);
    assertEquals(List.of(review.id()), page.items().stream().map(Review::id).toList());
    assertTrue(page.excludedRatings().isEmpty());
    assertThrows(PermissionDeniedException.class, () -> reviews.reply(bo, review.id(), "I am not staff"));
    Review held = reviews.submit(bo, ReviewDraft.of(shoes, trailhead, ReviewContent.of(1, "Mail me at bo@example.com")));
    assertEquals(ReviewState.HELD, held.state(), "contact details are held, whatever the rating");
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
    ManualClock clock = new ManualClock(Instant.parse("2026-03-01T12:00:00Z"));
    List<MeadowEvent> events = new ArrayList<>();
    Meadow meadow = Meadow.builder().clock(clock).listener(events::add).build();
    Group group = meadow.groups().create(UserId.of("ada"), GroupDraft.of("Trail Runners", "trail-runners"));
    meadow.groups().join(UserId.of("bo"), group.id());
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
}
