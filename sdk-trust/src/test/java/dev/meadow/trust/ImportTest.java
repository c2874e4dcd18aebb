package dev.meadow.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.GroupId;
import dev.meadow.core.HostileInput;
import dev.meadow.core.Meadow;
import dev.meadow.core.MeadowException;
import dev.meadow.core.OrderId;
import dev.meadow.core.PageRequest;
import dev.meadow.core.ProductId;
import dev.meadow.core.TestClock;
import dev.meadow.core.UserId;
import dev.meadow.core.ValidationException;
import dev.meadow.core.groups.Comment;
import dev.meadow.core.groups.FollowTarget;
import dev.meadow.core.groups.GroupDraft;
import dev.meadow.core.groups.Post;
import dev.meadow.core.groups.PostDraft;
import dev.meadow.core.groups.ReactionTarget;
import dev.meadow.core.reviews.Purchase;
import dev.meadow.core.reviews.PurchaseState;
import dev.meadow.core.reviews.Review;
import dev.meadow.core.reviews.ReviewContent;
import dev.meadow.core.reviews.ReviewDraft;
import dev.meadow.core.spi.Storage;
import dev.meadow.trust.spi.Contribution;
import dev.meadow.trust.spi.TrustStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link Trust#importExisting} on a shop whose history Meadow recorded before Trust was installed,
 * compared with a shop that had Trust from the start and was fed the same history, on every
 * storage adapter. Each adapter's subclass (in {@code dev.meadow.trust.adapters}) gives a new,
 * empty storage with trust's store; a test uses one storage at a time.
 */
@DisplayName("Importing what Meadow recorded before Trust")
public abstract class ImportTest {
  private static final List<String> USERS = List.of("u0", "u1", "u2", "u3", "u4");

  /** Returns a new, empty storage with trust's store; a test uses one at a time. */
  protected abstract Storage newStorage();

  private static List<Badge> catalogue() {
    return List.of(BuiltInBadges.firstReview().build(), BuiltInBadges.verifiedBuyerOfProduct().build(),
        BuiltInBadges.helpfulReviewer().build(), BuiltInBadges.activeMember().build(),
        Badge.earned("chatty", "Chatty", Rule.atLeast(Signal.COMMENTS, 2)).build(),
        Badge.earned("busy", "Busy", Rule.atLeast(Signal.POSTS, 2).or(Rule.atLeast(Signal.LIKES_RECEIVED, 3)))
            .revokedWhenRuleFails(true).build(),
        Badge.earned("followed", "Followed", Rule.atLeast(Signal.FOLLOWERS, 2).and(Rule.atMost(Signal.REVIEWS, 3)))
            .revokedWhenRuleFails(true).build());
  }

  private static LevelThresholds levels() {
    return new LevelThresholds(List.of(Threshold.atLeast(Signal.REVIEWS, 1)),
        List.of(Threshold.atLeast(Signal.REVIEWS, 2), Threshold.atLeast(Signal.HELPFUL_VOTES, 1)),
        List.of(Threshold.atLeast(Signal.POSTS, 2), Threshold.atLeast(Signal.FOLLOWERS, 1),
            Threshold.atMost(Signal.MODERATION_REJECTIONS, 0)));
  }

  /** A Meadow over a storage, with Trust or without, and the history it was fed. */
  private static final class World {
    final Storage storage;
    final TestClock clock;
    final Set<String> bought;
    final Meadow meadow;
    final @Nullable Trust trust;
    final List<Review> reviews = new ArrayList<>();
    final List<Post> posts = new ArrayList<>();
    final List<Comment> comments = new ArrayList<>();
    final List<String> authors = new ArrayList<>();
    GroupId group;
    int texts;

    World(Storage storage, TestClock clock, Set<String> bought, boolean withTrust) {
      this.storage = storage;
      this.clock = clock;
      this.bought = bought;
      Meadow.Builder builder = Meadow.builder().storage(storage).clock(clock).purchases(this::purchase);
      if (withTrust) {
        builder.install(Trust.builder().badges(catalogue()).levels(levels()));
      }
      this.meadow = builder.build();
      this.trust = withTrust ? meadow.module(Trust.class) : null;
    }

    /** Meadow with Trust installed over the storage and history of {@code before}. */
    World(World before) {
      this(before.storage, before.clock, before.bought, true);
      group = before.group;
      reviews.addAll(before.reviews);
      posts.addAll(before.posts);
      comments.addAll(before.comments);
      authors.addAll(before.authors);
    }

    Trust trust() {
      return java.util.Objects.requireNonNull(trust, "trust");
    }

    private Optional<Purchase> purchase(UserId user, ProductId product, @Nullable OrderId order) {
      return bought.contains(user.value() + "/" + product.value())
          ? Optional.of(new Purchase(OrderId.of("o-" + user.value() + "-" + product.value()), product,
              clock.instant().minus(Duration.ofDays(3)), PurchaseState.DELIVERED))
          : Optional.empty();
    }

    void authored(String user) {
      if (!authors.contains(user)) {
        authors.add(user);
      }
    }

    <T> T pick(Random random, List<T> items) {
      return items.get(random.nextInt(items.size()));
    }

    /**
     * Plays a seeded history: reviews, helpful votes, posts, comments and likes, follows of
     * authors, and, when {@code shrinking}, unhelpful votes, withdrawals, unfollows, unlikes and
     * a moderator's removals too.
     */
    void play(long seed, boolean shrinking) {
      Random random = new Random(seed);
      if (group == null) {
        group = meadow.groups().create(UserId.of("owner"), GroupDraft.of("Tea talk", "tea-talk")).id();
      }
      for (int step = 0; step < 90; step++) {
        clock.advance(Duration.ofMinutes(1));
        UserId user = UserId.of(pick(random, USERS));
        UserId other = UserId.of(pick(random, USERS));
        int op = random.nextInt(shrinking ? 11 : 6);
        try {
          switch (op) {
            case 0 -> {
              if (random.nextBoolean()) {
                bought.add(user.value() + "/p" + step);
              }
              texts++;
              reviews.add(meadow.reviews().submit(user, ReviewDraft.of(ProductId.of("p" + step), Shop.TEA_SHOP,
                  ReviewContent.of(1 + random.nextInt(5), "Tea number " + texts + " of seed " + seed + ", lovely"))));
              authored(user.value());
            }
            case 1 -> {
              if (!reviews.isEmpty()) {
                meadow.reviews().vote(other, pick(random, reviews).id(), !shrinking || random.nextInt(3) != 0);
              }
            }
            case 2 -> {
              meadow.groups().join(user, group);
              texts++;
              posts.add(meadow.posts().publish(user, group, PostDraft.of("Post " + texts, "About tea, part " + texts)));
              authored(user.value());
            }
            case 3 -> {
              if (!posts.isEmpty()) {
                meadow.groups().join(user, group);
                texts++;
                comments.add(meadow.posts().comment(user, pick(random, posts).id(), "Comment " + texts));
                authored(user.value());
              }
            }
            case 4 -> {
              meadow.groups().join(other, group);
              if (random.nextBoolean() && !posts.isEmpty()) {
                meadow.posts().like(other, ReactionTarget.post(pick(random, posts).id()));
              } else if (!comments.isEmpty()) {
                meadow.posts().like(other, ReactionTarget.comment(pick(random, comments).id()));
              }
            }
            case 5 -> {
              if (!authors.isEmpty()) {
                meadow.follows().follow(other, FollowTarget.user(UserId.of(pick(random, authors))));
              }
            }
            case 6 -> {
              if (!reviews.isEmpty()) {
                Review r = pick(random, reviews);
                meadow.reviews().withdraw(r.author(), r.id());
              }
            }
            case 7 -> {
              if (!authors.isEmpty()) {
                meadow.follows().unfollow(other, FollowTarget.user(UserId.of(pick(random, authors))));
              }
            }
            case 8 -> {
              if (!posts.isEmpty()) {
                meadow.posts().unlike(other, ReactionTarget.post(pick(random, posts).id()));
              }
            }
            case 9 -> {
              if (!posts.isEmpty()) {
                meadow.posts().remove(UserId.of("owner"), pick(random, posts).id(), "Off topic");
              }
            }
            default -> {
              if (!comments.isEmpty()) {
                Comment c = pick(random, comments);
                meadow.posts().removeComment(c.author(), c.id(), "Said too much");
              }
            }
          }
        } catch (MeadowException refused) {
          // a refused step (a vote on one's own review, a second like) changes nothing
        }
      }
    }

    /** Runs the import to its end, {@code pageSize} at a time; returns every page's result. */
    List<ImportResult> importAll(int pageSize) {
      List<ImportResult> pages = new ArrayList<>();
      PageRequest page = PageRequest.first(pageSize);
      for (int i = 0; i < 10_000; i++) {
        ImportResult result = trust().importExisting(page);
        assertTrue(result.reviews() + result.posts() + result.comments() <= pageSize, "a page holds at most its limit");
        assertTrue(result.users() <= pageSize, "a page holds at most its limit");
        pages.add(result);
        if (!result.hasNext()) {
          return pages;
        }
        page = PageRequest.of(pageSize, result.nextCursor());
      }
      throw new AssertionError("the import did not end");
    }

    /** What Trust holds of a user, with this world's group id written as {@code G}. */
    UserState state(String user) {
      UserId id = UserId.of(user);
      List<String> revocable = new ArrayList<>();
      List<String> kept = new ArrayList<>();
      for (HeldBadge b : trust().badges(id, PageRequest.first(100)).items()) {
        String name = (b.subject().isEmpty() ? b.badgeId() : b.badgeId() + "@" + b.subject())
            .replace(group.value(), "G");
        (trust().catalogue().get(b.badgeId()).revokedWhenRuleFails() ? revocable : kept).add(name);
      }
      List<String> contributions = new ArrayList<>();
      Optional<Instant> firstSeen = storage.inTransaction(tx -> {
        TrustStore store = tx.store(TrustStore.class);
        for (Contribution c : store.contributions(user, null, 1000)) {
          if (c.amount() != 0 && !c.signal().equals(Signals.FIRST_SEEN)) {
            String kind = c.item().substring(0, c.item().indexOf(':'));
            contributions.add(c.signal() + "/" + c.scope().replace(group.value(), "G") + "/" + kind + "=" + c.amount()
                + (kind.equals("followers") ? "" : "@" + c.at()));
          }
        }
        return store.earliest(user, Signals.FIRST_SEEN, "");
      });
      contributions.sort(null);
      TrustLevel level = trust().level(id);
      return new UserState(revocable, kept, level.level(), level.checks(), trust().reputation(id), firstSeen,
          contributions);
    }

    Map<String, Object> states() {
      Map<String, Object> out = new TreeMap<>();
      USERS.forEach(u -> out.put(u, state(u)));
      out.put("store", trust().storeReputation(Shop.TEA_SHOP));
      return out;
    }
  }

  private record UserState(List<String> revocable, List<String> kept, int level, List<TrustLevel.Check> checks,
      Reputation reputation, Optional<Instant> firstSeen, List<String> contributions) {}

  private static TestClock clock() {
    return TestClock.at("2026-03-01T12:00:00Z");
  }

  /** Feeds a seeded history to a Meadow that had Trust from the start; returns its states. */
  private Map<String, Object> fromTheStart(long seed, boolean shrinking) {
    World world = new World(newStorage(), clock(), ConcurrentHashMap.newKeySet(), true);
    world.play(seed, shrinking);
    Map<String, Object> states = world.states();
    List<ImportResult> pages = world.importAll(3);
    assertEquals(0, pages.stream().mapToInt(p -> p.awarded() + p.revoked()).sum(),
        "seed " + seed + ": an import after incremental evaluation awards and revokes nothing");
    assertEquals(states, world.states(), "seed " + seed + ": an import after incremental evaluation changes nothing");
    return states;
  }

  /** Feeds the same history to a Meadow without Trust, then installs Trust and imports; returns its states. */
  private Map<String, Object> imported(long seed, boolean shrinking) {
    World before = new World(newStorage(), clock(), ConcurrentHashMap.newKeySet(), false);
    before.play(seed, shrinking);
    World after = new World(before);
    assertEquals(List.of(), after.trust().badges(UserId.of("u0"), PageRequest.first()).items(),
        "Trust knows nothing before the import");
    List<ImportResult> pages = after.importAll(4);
    assertEquals(after.reviews.size(), pages.stream().mapToInt(ImportResult::reviews).sum(), "every review");
    assertEquals(after.posts.size(), pages.stream().mapToInt(ImportResult::posts).sum(), "every post");
    assertEquals(after.comments.size(), pages.stream().mapToInt(ImportResult::comments).sum(), "every comment");
    Map<String, Object> states = after.states();
    List<ImportResult> again = after.importAll(100);
    assertEquals(0, again.stream().mapToInt(p -> p.awarded() + p.revoked()).sum(),
        "seed " + seed + ": a second import awards and revokes nothing");
    assertEquals(states, after.states(), "seed " + seed + ": a second import changes nothing");
    return states;
  }

  @Test
  @DisplayName("Seeded histories of reviews, helpful votes, posts, comments, likes and follows recorded before Trust, imported, give the badges, levels, reputation, tenure and contributions of Trust installed from the start; a second import, or an import after incremental evaluation, changes nothing")
  void importAgreesWithIncremental() {
    int[] seen = new int[4];
    for (long seed = 1; seed <= 4; seed++) {
      Map<String, Object> expected = fromTheStart(seed, false);
      assertEquals(expected, imported(seed, false), "seed " + seed);
      for (String user : USERS) {
        UserState state = (UserState) expected.get(user);
        seen[0] += state.revocable().size();
        seen[1] += state.kept().size();
        seen[2] += state.level() > 1 ? 1 : 0;
        seen[3] += state.firstSeen().isPresent() ? 1 : 0;
      }
    }
    for (int count : seen) {
      assertTrue(count > 0, "the histories earn badges of both kinds and levels, and users are seen");
    }
  }

  @Test
  @DisplayName("With withdrawals, unhelpful votes, unfollows, unlikes and removals too, the import gives the same reputation, tenure, contributions and badges revoked when their rules fail, and a subset of the kept badges and levels, as it evaluates the shop as it is now")
  void importOfShrinkingHistories() {
    for (long seed = 11; seed <= 14; seed++) {
      Map<String, Object> expected = fromTheStart(seed, true);
      Map<String, Object> actual = imported(seed, true);
      assertEquals(expected.get("store"), actual.get("store"), "seed " + seed + ": store reputation");
      for (String user : USERS) {
        UserState want = (UserState) expected.get(user);
        UserState got = (UserState) actual.get(user);
        String at = "seed " + seed + ", " + user;
        assertEquals(want.revocable(), got.revocable(), at);
        assertEquals(want.reputation(), got.reputation(), at);
        assertEquals(want.firstSeen(), got.firstSeen(), at);
        assertEquals(want.contributions(), got.contributions(), at);
        assertEquals(want.checks(), got.checks(), at);
        assertTrue(want.kept().containsAll(got.kept()), at + ": " + got.kept() + " within " + want.kept());
        assertTrue(got.level() <= want.level(), at + ": level " + got.level() + " at most " + want.level());
      }
    }
  }

  @Test
  @DisplayName("An empty shop imports in two pages; pages walk reviews, posts and comments in turn and hold at most their limit")
  void pages() {
    World empty = new World(newStorage(), clock(), ConcurrentHashMap.newKeySet(), true);
    List<ImportResult> none = empty.importAll(10);
    assertEquals(2, none.size());
    assertEquals(new ImportResult(0, 0, 0, 0, 0, 0, null), none.get(1));

    World before = new World(newStorage(), clock(), ConcurrentHashMap.newKeySet(), false);
    before.play(5, false);
    World after = new World(before);
    List<ImportResult> pages = after.importAll(1);
    int items = before.reviews.size() + before.posts.size() + before.comments.size();
    assertTrue(pages.size() >= items + 1, "one item a page");
    boolean postsStarted = false;
    boolean commentsStarted = false;
    for (ImportResult page : pages) {
      postsStarted |= page.posts() > 0;
      commentsStarted |= page.comments() > 0;
      assertFalse(page.reviews() > 0 && (postsStarted || commentsStarted), "reviews come first");
      assertFalse(page.posts() > 0 && commentsStarted, "then posts, then comments");
    }
    assertNull(pages.get(pages.size() - 1).nextCursor());
  }

  @Test
  @DisplayName("Followers are recounted for every author the import reaches; a user known only from being followed is counted at their next follow")
  void followers() {
    Badge followed = Badge.earned("followed", "Followed", Rule.atLeast(Signal.FOLLOWERS, 2)).build();
    Storage storage = newStorage();
    TestClock clock = clock();
    Meadow before = Meadow.builder().storage(storage).clock(clock).build();
    before.follows().follow(UserId.of("bob"), FollowTarget.user(UserId.of("dan")));
    before.follows().follow(UserId.of("cat"), FollowTarget.user(UserId.of("dan")));
    Meadow meadow = Meadow.builder().storage(storage).clock(clock)
        .install(Trust.builder().badges(List.of(followed))).build();
    Trust trust = meadow.module(Trust.class);
    PageRequest page = PageRequest.first(100);
    ImportResult result;
    do {
      result = trust.importExisting(page);
      page = PageRequest.of(100, result.nextCursor());
    } while (result.hasNext());
    assertEquals(List.of(), trust.badges(UserId.of("dan"), PageRequest.first()).items(), "not walked");
    meadow.follows().follow(UserId.of("eve"), FollowTarget.user(UserId.of("dan")));
    assertEquals(List.of("followed"),
        trust.badges(UserId.of("dan"), PageRequest.first()).items().stream().map(HeldBadge::badgeId).toList());
  }

  @Test
  @DisplayName("A garbage, altered or another listing's cursor is refused naming cursor")
  void badCursors() {
    World world = new World(newStorage(), clock(), ConcurrentHashMap.newKeySet(), true);
    world.play(7, false);
    Trust trust = world.trust();
    for (String bad : HostileInput.GARBAGE_CURSORS) {
      assertTrue(assertThrows(ValidationException.class, () -> trust.importExisting(PageRequest.of(5, bad)))
          .names("cursor"), bad);
    }
    String cursor = trust.importExisting(PageRequest.first(1)).nextCursor();
    assertTrue(assertThrows(ValidationException.class,
        () -> trust.importExisting(PageRequest.of(1, HostileInput.alter(cursor, 3)))).names("cursor"));
    String backfill = trust.backfill(PageRequest.first(1)).nextCursor();
    assertTrue(assertThrows(ValidationException.class, () -> trust.importExisting(PageRequest.of(1, backfill)))
        .names("cursor"), "a backfill's cursor");
    assertTrue(assertThrows(ValidationException.class, () -> trust.backfill(PageRequest.of(1, cursor)))
        .names("cursor"), "an import's cursor given to the backfill");
  }
}
