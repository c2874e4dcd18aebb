package dev.meadow.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.GroupId;
import dev.meadow.core.HostileInput;
import dev.meadow.core.PageRequest;
import dev.meadow.core.UserId;
import dev.meadow.core.ValidationException;
import dev.meadow.core.Witness;
import dev.meadow.core.events.EventJson;
import dev.meadow.core.events.MeadowEvent;
import dev.meadow.core.groups.FollowTarget;
import dev.meadow.core.reviews.Review;
import dev.meadow.core.spi.Storage;
import dev.meadow.trust.spi.TrustStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Badges through {@code Meadow} and {@link Trust}: what the service does, on every storage adapter.
 * Each adapter's subclass (in {@code dev.meadow.trust.adapters}) gives a new, empty storage with
 * trust's store for every shop a test builds.
 */
@DisplayName("Badges through Meadow and Trust")
public abstract class BadgesTest {
  /** Returns a new, empty storage with trust's store; called once for every shop a test builds. */
  protected abstract Storage newStorage();

  private Shop shop(List<Badge> catalogue) {
    return new Shop(newStorage(), catalogue);
  }

  private static List<Badge> builtIns() {
    return List.of(BuiltInBadges.firstReview().build(), BuiltInBadges.verifiedBuyerOfProduct().build(),
        BuiltInBadges.verifiedBuyerOfStore().build(), BuiltInBadges.topReviewer().build(),
        BuiltInBadges.helpfulReviewer().build(), BuiltInBadges.activeMember().build(),
        BuiltInBadges.stationFavourite().build(), BuiltInBadges.certifiedExpert().build());
  }

  @Test
  @DisplayName("A first review earns first-review once, with one badge.granted event")
  void firstReview() {
    Shop shop = shop(builtIns());
    shop.review("ann", "oolong");
    shop.review("ann", "sencha");
    assertEquals(List.of("first-review"), shop.held("ann"));
    List<TrustEvent.Granted> granted = shop.witness.heard().stream()
        .filter(TrustEvent.Granted.class::isInstance).map(TrustEvent.Granted.class::cast).toList();
    assertEquals(1, granted.size());
    assertEquals("first-review", granted.get(0).badgeId());
    assertFalse(granted.get(0).granted());
  }

  @Test
  @DisplayName("A verified review earns verified buyer of the product and of the store, each per subject, revoked on withdrawal")
  void verifiedBuyer() {
    Shop shop = shop(builtIns());
    shop.buys("ann", "oolong");
    shop.buys("ann", "sencha");
    Review oolong = shop.review("ann", "oolong");
    shop.review("ann", "sencha");
    shop.review("ann", "puer");
    assertEquals(List.of("first-review", "verified-buyer-product@product:oolong", "verified-buyer-product@product:sencha",
        "verified-buyer-store@store:tea-shop"), shop.held("ann"));
    shop.meadow.reviews().withdraw(UserId.of("ann"), oolong.id());
    assertEquals(List.of("first-review", "verified-buyer-product@product:sencha", "verified-buyer-store@store:tea-shop"),
        shop.held("ann"));
    assertTrue(shop.witness.heard().stream().anyMatch(e -> e instanceof TrustEvent.Revoked r
        && r.subject().equals("product:oolong") && r.reason().equals(Trust.RULE_NO_LONGER_HOLDS)));
  }

  @Test
  @DisplayName("Helpful votes earn helpful reviewer once the count and the Wilson lower bound both hold")
  void helpfulReviewer() {
    Shop shop = shop(builtIns());
    Review review = shop.review("ann", "oolong");
    for (int i = 0; i < 9; i++) {
      shop.meadow.reviews().vote(UserId.of("voter" + i), review.id(), true);
    }
    assertFalse(shop.held("ann").contains("helpful-reviewer"), "9 votes");
    shop.meadow.reviews().vote(UserId.of("voter9"), review.id(), true);
    assertTrue(shop.held("ann").contains("helpful-reviewer"));
  }

  @Test
  @DisplayName("Top reviewer needs ten reviews and a helpful lower bound, and is revoked when the bound falls")
  void topReviewer() {
    Shop shop = shop(builtIns());
    List<Review> reviews = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      reviews.add(shop.review("ann", "tea" + i));
    }
    assertFalse(shop.held("ann").contains("top-reviewer"), "no votes yet: bound 0");
    for (int i = 0; i < 10; i++) {
      shop.meadow.reviews().vote(UserId.of("voter" + i), reviews.get(i).id(), true);
    }
    assertTrue(shop.held("ann").contains("top-reviewer"));
    for (int i = 0; i < 10; i++) {
      shop.meadow.reviews().vote(UserId.of("critic" + i), reviews.get(i).id(), false);
    }
    assertFalse(shop.held("ann").contains("top-reviewer"));
  }

  @Test
  @DisplayName("Active member of a group counts posts within the window, per group; backfill revokes once the window passes")
  void activeMemberWindow() {
    Shop shop = shop(builtIns());
    GroupId tea = shop.group("tea");
    GroupId coffee = shop.group("coffee");
    shop.post("ann", tea);
    shop.post("ann", tea);
    shop.post("ann", coffee);
    assertFalse(shop.held("ann").contains("active-member@group:" + tea.value()));
    shop.post("ann", tea);
    assertEquals(List.of("active-member@group:" + tea.value()), shop.held("ann"));
    shop.clock.advance(Duration.ofDays(31));
    BackfillResult result = shop.trust.backfill(PageRequest.first(100));
    assertEquals(1, result.revoked());
    assertEquals(List.of(), shop.held("ann"));
  }

  @Test
  @DisplayName("Station favourite counts likes received on comments in a store's station")
  void stationFavourite() {
    Shop shop = shop(builtIns());
    GroupId station = shop.meadow.groups().createStation(UserId.of("owner"), Shop.TEA_SHOP,
        dev.meadow.core.groups.GroupDraft.of("Tea shop station", "tea-station")).id();
    var post = shop.post("owner", station);
    shop.meadow.groups().join(UserId.of("ann"), station);
    var comment = shop.meadow.posts().comment(UserId.of("ann"), post.id(), "This oolong is wonderful");
    for (int i = 0; i < 20; i++) {
      shop.meadow.groups().join(UserId.of("fan" + i), station);
      shop.meadow.posts().like(UserId.of("fan" + i), dev.meadow.core.groups.ReactionTarget.comment(comment.id()));
    }
    assertEquals(List.of("station-favourite@station:" + station.value()), shop.held("ann"));
  }

  @Test
  @DisplayName("Rules combine atLeast, atMost, and, or, followers and host signals; evaluate() applies a host signal's change")
  void andOrAndHostSignals() {
    Badge popular = Badge.earned("popular", "Popular", Rule.atLeast(Signal.FOLLOWERS, 2)
        .and(Rule.atMost(Signal.MODERATION_REJECTIONS, 0))
        .or(Rule.atLeast(Signal.host("orders"), 5))).build();
    Shop shop = shop(List.of(popular));
    shop.meadow.follows().follow(UserId.of("bob"), FollowTarget.user(UserId.of("ann")));
    assertEquals(List.of(), shop.held("ann"));
    shop.meadow.follows().follow(UserId.of("cat"), FollowTarget.user(UserId.of("ann")));
    assertEquals(List.of("popular"), shop.held("ann"));

    shop.hostSignals.put("dan/orders", 5.0);
    assertEquals(List.of(), shop.held("dan"), "Trust hears of no host change by itself");
    assertEquals(1, shop.trust.evaluate(UserId.of("dan")).awarded());
    assertEquals(List.of("popular"), shop.held("dan"));
    assertEquals(0, shop.trust.evaluate(UserId.of("dan")).awarded(), "again: nothing changes");
  }

  @Test
  @DisplayName("A grant shows until it expires or is revoked; a repeat grant or revoke returns false and changes nothing")
  void grantRevokeExpiry() {
    Shop shop = shop(builtIns());
    UserId ann = UserId.of("ann");
    Grant grant = Grant.of(ann, "certified-expert", Shop.STAFF, "Tea sommelier, 12 years").inDomain("oolong")
        .expiringAt(shop.clock.instant().plus(Duration.ofDays(30)));
    assertTrue(shop.trust.grant(grant));
    assertFalse(shop.trust.grant(grant.inDomain("oolong")), "held already");
    assertTrue(shop.trust.grant(grant.inDomain("puer")));
    HeldBadge held = shop.trust.badges(ann, PageRequest.first()).items().get(0);
    assertEquals("Tea sommelier, 12 years", held.evidence());
    assertEquals(Shop.STAFF, held.grantedBy());
    assertTrue(shop.trust.revoke(ann, "certified-expert", "puer", "certificate withdrawn"));
    assertFalse(shop.trust.revoke(ann, "certified-expert", "puer", "again"));
    assertEquals(List.of("certified-expert@domain:oolong"), shop.held("ann"));
    shop.clock.advance(Duration.ofDays(30));
    assertEquals(List.of(), shop.held("ann"), "an expired grant no longer shows");
    assertEquals(List.of(), shop.trust.holders("certified-expert", PageRequest.first()).items());
    assertTrue(shop.trust.grant(Grant.of(ann, "certified-expert", Shop.STAFF, "Renewed").inDomain("oolong")));
  }

  @Test
  @DisplayName("badge.granted and badge.revoked read back from their stable JSON, and reach the outbox")
  void eventsJson() {
    Shop shop = shop(builtIns());
    UserId ann = UserId.of("ann");
    shop.trust.grant(Grant.of(ann, "certified-expert", Shop.STAFF, "Evidence").inDomain("linen"));
    shop.trust.revoke(ann, "certified-expert", "linen", "Reason");
    List<MeadowEvent> outbox = shop.witness.outboxEvents();
    TrustEvent.Granted granted = assertInstanceOf(TrustEvent.Granted.class, outbox.get(0));
    TrustEvent.Revoked revoked = assertInstanceOf(TrustEvent.Revoked.class, outbox.get(1));
    assertEquals("badge.granted", granted.type());
    assertEquals("badge.revoked", revoked.type());
    assertEquals(granted, EventJson.read(EventJson.write(granted)));
    assertEquals(revoked, EventJson.read(EventJson.write(revoked)));
    assertTrue(EventJson.write(granted).contains("\"badgeId\":\"certified-expert\""), EventJson.write(granted));
  }

  @Test
  @DisplayName("Listings page with signed cursors; a garbage, altered or other user's cursor is refused naming cursor")
  void listingsAndCursors() {
    Shop shop = shop(builtIns());
    for (String user : List.of("ann", "bob", "cat")) {
      for (String domain : List.of("a", "b", "c")) {
        shop.trust.grant(Grant.of(UserId.of(user), "certified-expert", Shop.STAFF, "Evidence").inDomain(domain));
      }
    }
    var first = shop.trust.badges(UserId.of("ann"), PageRequest.first(2));
    var second = shop.trust.badges(UserId.of("ann"), PageRequest.first(2).next(first));
    assertEquals(List.of("domain:a", "domain:b", "domain:c"),
        java.util.stream.Stream.concat(first.items().stream(), second.items().stream()).map(HeldBadge::subject).toList());
    assertFalse(second.hasNext());
    var holders = shop.trust.holders("certified-expert", PageRequest.first(4));
    assertEquals(4, holders.items().size());
    assertEquals(4, shop.trust.holders("certified-expert", PageRequest.first(4).next(holders)).items().size());
    for (String bad : HostileInput.GARBAGE_CURSORS) {
      assertTrue(assertThrows(ValidationException.class,
          () -> shop.trust.badges(UserId.of("ann"), PageRequest.of(5, bad))).names("cursor"), bad);
    }
    assertTrue(assertThrows(ValidationException.class, () -> shop.trust.badges(UserId.of("bob"),
        PageRequest.of(2, first.nextCursor()))).names("cursor"), "another user's cursor");
    assertTrue(assertThrows(ValidationException.class, () -> shop.trust.holders("certified-expert",
        PageRequest.of(2, first.nextCursor()))).names("cursor"), "another listing's cursor");
    assertTrue(assertThrows(ValidationException.class, () -> shop.trust.backfill(
        PageRequest.of(2, HostileInput.alter(first.nextCursor(), 3)))).names("cursor"));
  }

  @Test
  @DisplayName("Hostile input to grant, revoke, holders and backfill is refused naming the field, and nothing stored changes")
  void hostileInput() {
    Shop shop = shop(builtIns());
    UserId ann = UserId.of("ann");
    shop.trust.grant(Grant.of(ann, "certified-expert", Shop.STAFF, "Evidence").inDomain("linen"));
    Witness w = shop.witness;
    java.util.function.Supplier<Witness.Snapshot> stored = () -> w.snapshot((tx, world) -> {
      world.put("awards", tx.store(TrustStore.class).awardsOf("ann"));
      world.put("users", tx.store(TrustStore.class).users(null, 100));
    });
    for (String bad : List.of(HostileInput.SQL, HostileInput.SCRIPT, "", "UPPER", "x".repeat(65))) {
      w.rejects("badgeId", () -> shop.trust.grant(Grant.of(ann, bad, Shop.STAFF, "Evidence")), stored);
      w.rejects("badgeId", () -> shop.trust.revoke(ann, bad, null, "Reason"), stored);
      w.rejects("badgeId", () -> shop.trust.holders(bad, PageRequest.first()), stored);
      w.rejects("domain", () -> shop.trust.grant(Grant.of(ann, "certified-expert", Shop.STAFF, "E").inDomain(bad)),
          stored);
    }
    w.rejects("badgeId", () -> shop.trust.grant(Grant.of(ann, "first-review", Shop.STAFF, "Earned, not granted")),
        stored);
    w.rejects("domain", () -> shop.trust.grant(Grant.of(ann, "certified-expert", Shop.STAFF, "No domain")), stored);
    w.rejects("domain", () -> shop.trust.grant(Grant.of(ann, "certified-expert", Shop.STAFF, "Not the shop's")
        .inDomain("cotton")), stored);
    w.rejects("expiresAt", () -> shop.trust.grant(Grant.of(ann, "certified-expert", Shop.STAFF, "E").inDomain("silk")
        .expiringAt(shop.clock.instant())), stored);
    for (Map.Entry<String, String> text : HostileInput.FORBIDDEN_TEXT.entrySet()) {
      w.rejects("evidence", () -> shop.trust.grant(Grant.of(ann, "certified-expert", Shop.STAFF, text.getValue())
          .inDomain("silk")), stored);
      w.rejects("reason", () -> shop.trust.revoke(ann, "certified-expert", "linen", text.getValue()), stored);
    }
    w.rejects("evidence", () -> shop.trust.grant(Grant.of(ann, "certified-expert", Shop.STAFF,
        "x".repeat(Grant.MAX_EVIDENCE + 1)).inDomain("silk")), stored);
    w.rejects("reason", () -> shop.trust.revoke(ann, "certified-expert", "linen", "x".repeat(Trust.MAX_REASON + 1)),
        stored);
    w.rejects("signal", () -> Signal.host(HostileInput.SQL), stored);
    assertThrows(IllegalArgumentException.class, () -> Rule.atLeast(Signal.REVIEWS, Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> Rule.atLeast(Signal.FOLLOWERS, 1).within(Duration.ofDays(1)));
    assertThrows(IllegalArgumentException.class, () -> Rule.atLeast(Signal.POSTS, 1).within(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> Trust.builder().badges(List.of(
        BuiltInBadges.firstReview().build(), BuiltInBadges.firstReview().build())));
  }

  @Test
  @DisplayName("Eight threads racing events for one user award the badge once, with one badge.granted")
  void raceOneAward() throws Exception {
    Shop shop = shop(List.of(BuiltInBadges.firstReview().build()));
    dev.meadow.core.Races.run(8, thread -> () -> shop.review("ann", "tea" + thread));
    assertEquals(List.of("first-review"), shop.held("ann"));
    assertEquals(1, shop.witness.heard().stream().filter(TrustEvent.Granted.class::isInstance).count());
  }

  @Test
  @DisplayName("Random sequences of reviews, votes, withdrawals, posts, likes and follows, then backfill, agree with incremental awards")
  void backfillAgreesWithIncremental() {
    for (long seed = 1; seed <= 8; seed++) {
      java.util.Random random = new java.util.Random(seed);
      List<Badge> catalogue = List.of(BuiltInBadges.firstReview().build(), BuiltInBadges.verifiedBuyerOfProduct().build(),
          BuiltInBadges.helpfulReviewer().id("helpful").build(),
          Badge.earned("busy", "Busy", Rule.atLeast(Signal.POSTS, 2).or(Rule.atLeast(Signal.LIKES_RECEIVED, 3)))
              .revokedWhenRuleFails(true).build(),
          Badge.earned("followed", "Followed", Rule.atLeast(Signal.FOLLOWERS, 2).and(Rule.atMost(Signal.REVIEWS, 3)))
              .revokedWhenRuleFails(true).build());
      Shop shop = shop(catalogue);
      GroupId group = shop.group("grp");
      List<String> users = List.of("u0", "u1", "u2", "u3");
      List<Review> reviews = new ArrayList<>();
      List<dev.meadow.core.groups.Post> posts = new ArrayList<>();
      for (int step = 0; step < 120; step++) {
        String user = users.get(random.nextInt(users.size()));
        String other = users.get(random.nextInt(users.size()));
        try {
          switch (random.nextInt(7)) {
            case 0 -> {
              if (random.nextBoolean()) {
                shop.buys(user, "p" + step);
              }
              reviews.add(shop.review(user, "p" + step));
            }
            case 1 -> {
              if (!reviews.isEmpty()) {
                shop.meadow.reviews().vote(UserId.of(other), reviews.get(random.nextInt(reviews.size())).id(),
                    random.nextInt(4) != 0);
              }
            }
            case 2 -> {
              if (!reviews.isEmpty()) {
                Review r = reviews.get(random.nextInt(reviews.size()));
                shop.meadow.reviews().withdraw(r.author(), r.id());
              }
            }
            case 3 -> posts.add(shop.post(user, group));
            case 4 -> {
              if (!posts.isEmpty()) {
                shop.meadow.groups().join(UserId.of(other), group);
                shop.meadow.posts().like(UserId.of(other), dev.meadow.core.groups.ReactionTarget.post(
                    posts.get(random.nextInt(posts.size())).id()));
              }
            }
            case 5 -> shop.meadow.follows().follow(UserId.of(other), FollowTarget.user(UserId.of(user)));
            default -> shop.meadow.follows().unfollow(UserId.of(other), FollowTarget.user(UserId.of(user)));
          }
        } catch (dev.meadow.core.MeadowException expected) {
          // a refused step (own review voted, self-follow) changes nothing
        }
      }
      Map<String, List<String>> incremental = new TreeMap<>();
      users.forEach(u -> incremental.put(u, shop.held(u)));
      BackfillResult result;
      PageRequest page = PageRequest.first(2);
      int awarded = 0;
      int revoked = 0;
      while (true) {
        result = shop.trust.backfill(page);
        awarded += result.awarded();
        revoked += result.revoked();
        if (!result.hasNext()) {
          break;
        }
        page = PageRequest.of(2, result.nextCursor());
      }
      Map<String, List<String>> backfilled = new TreeMap<>();
      users.forEach(u -> backfilled.put(u, shop.held(u)));
      assertEquals(incremental, backfilled, "seed " + seed);
      assertEquals(0, awarded + revoked, "seed " + seed + ": backfill found nothing to change");
    }
  }

  @Test
  @DisplayName("A backfill of no users ends at once; a backfill after incremental evaluation changes nothing")
  void backfillEmpty() {
    Shop shop = shop(builtIns());
    BackfillResult result = shop.trust.backfill(PageRequest.first(100));
    assertEquals(new BackfillResult(0, 0, 0, null), result);
    shop.review("ann", "oolong");
    assertEquals(new BackfillResult(1, 0, 0, null), shop.trust.backfill(PageRequest.first(100)));
  }
}
