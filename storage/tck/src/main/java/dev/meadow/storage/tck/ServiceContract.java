package dev.meadow.storage.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.Actor;
import dev.meadow.core.ConflictException;
import dev.meadow.core.Meadow;
import dev.meadow.core.Page;
import dev.meadow.core.PageRequest;
import dev.meadow.core.OrderId;
import dev.meadow.core.PermissionDeniedException;
import dev.meadow.core.ProductId;
import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import dev.meadow.core.events.GroupEvent;
import dev.meadow.core.events.MeadowEvent;
import dev.meadow.core.events.Outbox;
import dev.meadow.core.events.PostEvent;
import dev.meadow.core.events.ReferralEvent;
import dev.meadow.core.events.ReviewEvent;
import dev.meadow.core.groups.ContentState;
import dev.meadow.core.groups.Group;
import dev.meadow.core.groups.GroupDraft;
import dev.meadow.core.groups.GroupVisibility;
import dev.meadow.core.groups.IssuedInvitation;
import dev.meadow.core.groups.JoinMethod;
import dev.meadow.core.groups.JoinResult;
import dev.meadow.core.groups.Membership;
import dev.meadow.core.groups.Post;
import dev.meadow.core.groups.PostDraft;
import dev.meadow.core.groups.ReactionTarget;
import dev.meadow.core.referrals.Attribution;
import dev.meadow.core.referrals.Audience;
import dev.meadow.core.referrals.Channel;
import dev.meadow.core.referrals.Conversion;
import dev.meadow.core.referrals.Money;
import dev.meadow.core.referrals.PendingRun;
import dev.meadow.core.referrals.OrderLine;
import dev.meadow.core.referrals.ReferralProgram;
import dev.meadow.core.referrals.Referrals;
import dev.meadow.core.referrals.Reward;
import dev.meadow.core.referrals.RewardRole;
import dev.meadow.core.referrals.RewardRule;
import dev.meadow.core.referrals.RewardPayment;
import dev.meadow.core.referrals.RewardState;
import dev.meadow.core.referrals.Share;
import dev.meadow.core.referrals.ShareTarget;
import dev.meadow.core.reviews.RatingSummary;
import dev.meadow.core.reviews.Review;
import dev.meadow.core.reviews.ReviewContent;
import dev.meadow.core.reviews.ReviewDraft;
import dev.meadow.core.reviews.SummaryKey;
import dev.meadow.core.spi.OutboxEntry;
import dev.meadow.core.ports.RewardIssuer;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Meadow's services running on the adapter: the guarantees a shop relies on, which hold only if
 * the adapter keeps the SPI's promises together.
 */
public abstract class ServiceContract extends StorageContract {
  private static final Currency EUR = Currency.getInstance("EUR");

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
    assertEquals(JoinResult.JOINED, meadow.groups().join(new UserId("ann"), group.id()));
    Post post = meadow.posts().publish(new UserId("ann"), group.id(), PostDraft.of("Oolong", "Floral"));
    List<MeadowEvent> outbox = drainOutbox();
    assertEquals(heard, outbox, "the outbox holds exactly what listeners heard, in order");
    assertEquals(3, outbox.size());
    assertEquals(new GroupEvent.Created(outbox.get(0).id(), T0, group.id(), new UserId("owner"), "Tea", "tea",
        GroupVisibility.PUBLIC, null), outbox.get(0));
    assertEquals(new GroupEvent.MemberJoined(outbox.get(1).id(), T0, group.id(), new UserId("ann"), JoinMethod.OPEN),
        outbox.get(1));
    assertEquals(new PostEvent.Created(outbox.get(2).id(), T0, post.id(), group.id(), new UserId("ann"), List.of(),
        ContentState.PUBLISHED), outbox.get(2));
  }

  @Test
  @DisplayName("A refused change stores nothing, writes no event and tells no listener")
  void refusedChangeLeavesNoTrace() {
    meadow.groups().create(new UserId("owner"), GroupDraft.of("Tea", "tea"));
    heard.clear();
    drainOutbox();
    assertThrows(ConflictException.class,
        () -> meadow.groups().create(new UserId("other"), GroupDraft.of("Tea again", "tea")));
    assertEquals(0, meadow.groups().ownedCount(new UserId("other")), "the refused creation counted nothing");
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
        if (meadow.groups().join(new UserId("user-" + (thread / 2) + "-" + i), group.id()) == JoinResult.JOINED) {
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
  @DisplayName("8 threads × 500 likes on one post: the like count equals the acknowledged likes")
  void concurrentLikesAreCountedExactly() throws Exception {
    Group group = meadow.groups().create(new UserId("owner"), GroupDraft.of("Likes", "likes"));
    Post post = meadow.posts().publish(new UserId("owner"), group.id(), PostDraft.of("Hot take", "Tea over coffee"));
    ReactionTarget target = ReactionTarget.post(post.id());
    List<Integer> acknowledged = race(8, thread -> {
      int liked = 0;
      for (int i = 0; i < 500; i++) {
        // Thread pairs share their users, so every like races a twin that must be refused.
        UserId user = new UserId("fan-" + (thread / 2) + "-" + i);
        meadow.groups().join(user, group.id());
        if (meadow.posts().like(user, target)) {
          liked++;
        }
      }
      return liked;
    });
    int total = acknowledged.stream().mapToInt(Integer::intValue).sum();
    assertEquals(2000, total, "each distinct user liked once");
    assertEquals(total, meadow.posts().get(new UserId("owner"), post.id()).likeCount());
    assertEquals(total, heard.stream().filter(PostEvent.Liked.class::isInstance).count());
    assertEquals(2001, meadow.groups().get(group.id()).memberCount());
  }

  @Test
  @DisplayName("8 threads liking and unliking: the like count equals acknowledged likes minus acknowledged unlikes")
  void concurrentLikesAndUnlikesBalance() throws Exception {
    Group group = meadow.groups().create(new UserId("owner"), GroupDraft.of("Flip", "flip"));
    Post post = meadow.posts().publish(new UserId("owner"), group.id(), PostDraft.of("Flip", "Flop"));
    ReactionTarget target = ReactionTarget.post(post.id());
    for (int u = 0; u < 10; u++) {
      meadow.groups().join(new UserId("flipper-" + u), group.id());
    }
    List<Integer> net = race(8, thread -> {
      int balance = 0;
      for (int i = 0; i < 60; i++) {
        UserId user = new UserId("flipper-" + ((thread + i) % 10));
        if (i % 2 == 0 ? meadow.posts().like(user, target) : meadow.posts().unlike(user, target)) {
          balance += i % 2 == 0 ? 1 : -1;
        }
      }
      return balance;
    });
    long expected = net.stream().mapToInt(Integer::intValue).sum();
    long liking = 0;
    for (int u = 0; u < 10; u++) {
      if (meadow.posts().likes(new UserId("flipper-" + u), target)) {
        liking++;
      }
    }
    assertEquals(expected, liking, "every acknowledged like and unlike is reflected in who likes the post");
    assertEquals(expected, meadow.posts().get(new UserId("owner"), post.id()).likeCount());
  }

  @Test
  @DisplayName("8 threads creating groups for one user: exactly the limit of groups owned succeed")
  void concurrentCreationsStopAtTheLimit() throws Exception {
    UserId greedy = new UserId("greedy");
    List<Integer> created = race(8, thread -> {
      int ok = 0;
      for (int i = 0; i < 3; i++) {
        try {
          meadow.groups().create(greedy, GroupDraft.of("G " + thread + " " + i, "g-" + thread + "-" + i));
          ok++;
        } catch (ConflictException expected) {
          // over the limit
        }
      }
      return ok;
    });
    assertEquals(15, created.stream().mapToInt(Integer::intValue).sum(), "the default limit of groups owned");
    assertEquals(15, meadow.groups().ownedCount(greedy));
    assertEquals(15, heard.stream().filter(GroupEvent.Created.class::isInstance).count());
  }

  @Test
  @DisplayName("8 threads redeeming one invitation with 5 uses: exactly 5 users join")
  void concurrentInvitationUsesStopAtMaxUses() throws Exception {
    Group group = meadow.groups().create(new UserId("owner"),
        GroupDraft.of("Secret", "secret").withVisibility(GroupVisibility.INVITE));
    IssuedInvitation invitation = meadow.groups().invite(new UserId("owner"), group.id(), Duration.ofDays(1), 5);
    List<Boolean> joined = race(8, thread -> {
      try {
        return meadow.groups().joinWithInvitation(new UserId("guest-" + thread), invitation.token()) == JoinResult.JOINED;
      } catch (PermissionDeniedException usedUp) {
        return false;
      }
    });
    assertEquals(5, joined.stream().filter(Boolean::booleanValue).count());
    assertEquals(6, meadow.groups().get(group.id()).memberCount());
  }

  @Test
  @DisplayName("Members page through signed cursors in join order, every member exactly once")
  void membersPageThroughCursors() {
    Group group = meadow.groups().create(new UserId("owner"), GroupDraft.of("Paged", "paged"));
    for (int i = 0; i < 11; i++) {
      meadow.groups().join(new UserId(String.format("m%02d", i)), group.id());
    }
    List<String> seen = new ArrayList<>();
    Page<Membership> page = meadow.groups().members(Actor.ANONYMOUS, group.id(), PageRequest.first(4));
    seen.addAll(page.items().stream().map(m -> m.userId().value()).toList());
    while (page.hasNext()) {
      page = meadow.groups().members(Actor.ANONYMOUS, group.id(), PageRequest.first(4).next(page));
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
  @Test
  @DisplayName("8 threads submitting a review of one product for one user: exactly one review, counted once")
  void concurrentDuplicateReviewsResolveToOne() throws Exception {
    ProductId product = new ProductId("sku-race");
    StoreId store = new StoreId("race-shop");
    UserId author = new UserId("eager");
    List<Boolean> accepted = race(8, thread -> {
      try {
        meadow.reviews().submit(author, ReviewDraft.of(product, store,
            ReviewContent.of(1 + thread % 5, "Attempt number " + thread + " at reviewing this")));
        return true;
      } catch (ConflictException duplicate) {
        return false;
      }
    });
    assertEquals(1, accepted.stream().filter(Boolean::booleanValue).count());
    RatingSummary summary = meadow.reviews().summary(SummaryKey.product(product));
    assertEquals(1, summary.count());
    assertEquals(summary, meadow.reviews().rebuildSummary(SummaryKey.product(product)));
    assertEquals(1, heard.stream().filter(ReviewEvent.Submitted.class::isInstance).count());
  }

  @Test
  @DisplayName("8 threads submitting again after the author withdrew the review: exactly one revives it, under its id, with one revision kept, counted once")
  void concurrentRevivalsResolveToOne() throws Exception {
    ProductId product = new ProductId("sku-revived");
    UserId author = new UserId("returning");
    Review withdrawn = meadow.reviews().submit(author, ReviewDraft.of(product, new StoreId("revive-shop"),
        ReviewContent.of(2, "First impressions were not good at all")));
    assertTrue(meadow.reviews().withdraw(author, withdrawn.id()));
    List<Review> revived = race(8, thread -> {
      try {
        return meadow.reviews().submit(author, ReviewDraft.of(product, new StoreId("revive-shop"),
            ReviewContent.of(1 + thread % 5, "Second try number " + thread + ", a fairer view")));
      } catch (ConflictException duplicate) {
        return null;
      }
    });
    List<Review> winners = revived.stream().filter(java.util.Objects::nonNull).toList();
    assertEquals(1, winners.size());
    Review winner = winners.get(0);
    assertEquals(withdrawn.id(), winner.id());
    assertEquals(winner, meadow.reviews().get(Actor.ANONYMOUS, withdrawn.id()));
    assertEquals(1, meadow.reviews().revisions(Actor.ANONYMOUS, withdrawn.id()).size());
    assertEquals(withdrawn.body(), meadow.reviews().revisions(Actor.ANONYMOUS, withdrawn.id()).get(0).body());
    RatingSummary summary = meadow.reviews().summary(SummaryKey.product(product));
    assertEquals(1, summary.count());
    assertEquals(winner.rating(), summary.sum());
    assertEquals(summary, meadow.reviews().rebuildSummary(SummaryKey.product(product)));
    assertEquals(2, heard.stream().filter(ReviewEvent.Submitted.class::isInstance).count());
  }

  @Test
  @DisplayName("8 threads × 500 votes on one review: helpful and unhelpful counts equal the acknowledged votes")
  void concurrentVotesAreCountedExactly() throws Exception {
    Review review = meadow.reviews().submit(new UserId("writer"), ReviewDraft.of(new ProductId("sku-voted"),
        new StoreId("vote-shop"), ReviewContent.of(4, "Solid kettle, boils fast and quietly.")));
    List<int[]> acknowledged = race(8, thread -> {
      int[] counts = new int[2];
      for (int i = 0; i < 500; i++) {
        // Thread pairs share their voters, so every vote races a twin that must change nothing.
        boolean helpful = i % 3 != 0;
        if (meadow.reviews().vote(new UserId("voter-" + (thread / 2) + "-" + i), review.id(), helpful)) {
          counts[helpful ? 0 : 1]++;
        }
      }
      return counts;
    });
    long helpful = acknowledged.stream().mapToLong(c -> c[0]).sum();
    long unhelpful = acknowledged.stream().mapToLong(c -> c[1]).sum();
    assertEquals(2000, helpful + unhelpful, "each distinct voter counted once");
    Review counted = meadow.reviews().get(Actor.ANONYMOUS, review.id());
    assertEquals(helpful, counted.helpfulCount());
    assertEquals(unhelpful, counted.unhelpfulCount());
    assertEquals(RatingSummary.wilsonLowerBound(helpful, helpful + unhelpful), counted.helpfulScore());
  }

  private Meadow referralShop() {
    return referralShop(Duration.ZERO, null);
  }

  /** Returns the shop as a process started {@code later} than T0 sees it, paying through {@code host}. */
  private Meadow referralShop(Duration later, @Nullable RewardIssuer host) {
    Meadow.Builder builder = Meadow.builder()
        .storage(storage)
        .clock(Clock.fixed(T0.plus(later), ZoneOffset.UTC))
        .referralProgram(ReferralProgram.builder("default", EUR)
            .referrerReward(RewardRule.fixed(Money.of(500, EUR)))
            .friendReward(RewardRule.percent(1_000, Money.of(1_000, EUR)))
            .landingUrl("https://shop.example/r/{code}")
            .build())
        .listener(heard::add);
    if (host != null) {
      builder.rewards(host);
    }
    return builder.build();
  }

  @Test
  @DisplayName("8 threads reporting the same order: exactly one conversion and one set of rewards")
  void racingOrdersConvertOnce() throws Exception {
    Meadow shop = referralShop();
    Referrals referrals = shop.referrals();
    UserId ann = new UserId("ann");
    UserId bo = new UserId("bo");
    Share share = referrals.share(ann, ShareTarget.product(new ProductId("sku-1")), Channel.LINK, Audience.everyone());
    assertTrue(referrals.recordClick(share.code(), "cookie-bo"));
    assertEquals(ann, referrals.attributeSignup("cookie-bo", bo).orElseThrow().referrer());
    heard.clear();
    drainOutbox();

    List<Optional<Conversion>> results = race(8, thread -> referrals.recordOrder(new OrderId("order-1"), bo,
        Money.of(4_000, EUR), List.of(OrderLine.of(new ProductId("sku-1"), 1, Money.of(4_000, EUR)))));
    assertEquals(1, results.stream().distinct().count(), "every racer is answered with the one conversion");
    assertTrue(results.get(0).isPresent());
    List<MeadowEvent> events = drainOutbox();
    assertEquals(heard, events);
    assertEquals(1, events.stream().filter(ReferralEvent.Converted.class::isInstance).count());
    assertEquals(2, events.stream().filter(ReferralEvent.RewardEarned.class::isInstance).count());
    List<Reward> rewards = referrals.rewardsOfOrder(new OrderId("order-1"));
    assertEquals(List.of(RewardRole.REFERRER, RewardRole.FRIEND), rewards.stream().map(Reward::role).toList());
    assertEquals(1, referrals.stats(ann).orders());
    assertEquals(4_000, referrals.programStats().revenueMinor());
    assertEquals(2, referrals.programStats().rewards(RewardState.PENDING));
  }

  @Test
  @DisplayName("8 threads clicking one link as one visitor, and signing one customer up: one click and one attribution count")
  void racingClicksAndSignupsCountOnce() throws Exception {
    Referrals referrals = referralShop().referrals();
    UserId ann = new UserId("ann");
    Share share = referrals.share(ann, ShareTarget.product(new ProductId("sku-1")), Channel.LINK, Audience.everyone());
    List<Boolean> counted = race(8, thread -> referrals.recordClick(share.code(), "cookie-bo"));
    assertEquals(1, counted.stream().filter(c -> c).count());
    List<Optional<Attribution>> attributed = race(8, thread -> referrals.attributeSignup("cookie-bo",
        new UserId("bo")));
    assertEquals(1, attributed.stream().distinct().count());
    assertEquals(1, referrals.stats(ann).clicks());
    assertEquals(1, referrals.stats(ann).signups());
  }

  @Test
  @DisplayName("8 threads reporting the same refund: the rewards are reversed once")
  void racingRefundsReverseOnce() throws Exception {
    Referrals referrals = referralShop().referrals();
    UserId ann = new UserId("ann");
    UserId bo = new UserId("bo");
    Share share = referrals.share(ann, ShareTarget.product(new ProductId("sku-1")), Channel.LINK, Audience.everyone());
    referrals.recordClick(share.code(), "cookie-bo");
    referrals.attributeSignup("cookie-bo", bo);
    referrals.recordOrder(new OrderId("order-1"), bo, Money.of(4_000, EUR), List.of());
    race(8, thread -> referrals.recordRefund(new OrderId("order-1"), Money.of(1_000 * (thread % 4 + 1), EUR)));
    assertEquals(Money.of(4_000, EUR), referrals.conversion(new OrderId("order-1")).orElseThrow().refunded());
    for (Reward reward : referrals.rewardsOfOrder(new OrderId("order-1"))) {
      assertEquals(RewardState.REVERSED, reward.state());
      assertEquals(reward.amount().minor(), reward.reversed());
    }
    assertEquals(0, referrals.stats(ann).revenueMinor());
    assertEquals(2, referrals.programStats().rewards(RewardState.REVERSED));
    assertEquals(0, referrals.programStats().rewards(RewardState.PENDING));
  }

  @Test
  @DisplayName("8 threads running pending work while clawbacks the host made are unrecorded and a refund grew:"
      + " each key goes with one amount and exactly what the refunds require is taken back")
  void racingClawbacksTakeBackExactly() throws Exception {
    TakingHost host = new TakingHost();
    Referrals referrals = referralShop(Duration.ZERO, host).referrals();
    UserId ann = new UserId("ann");
    UserId bo = new UserId("bo");
    OrderId order = new OrderId("order-1");
    Share share = referrals.share(ann, ShareTarget.product(new ProductId("sku-1")), Channel.LINK, Audience.everyone());
    referrals.recordClick(share.code(), "cookie-bo");
    referrals.attributeSignup("cookie-bo", bo);
    referrals.recordOrder(order, bo, Money.of(4_000, EUR), List.of());
    Duration hold = referrals.program().approvalHold();
    Referrals afterHold = referralShop(hold, host).referrals();
    assertEquals(new PendingRun(2, 2, 0, 0), afterHold.runPending());
    afterHold.recordRefund(order, Money.of(2_000, EUR));
    host.failAfterTakingBack.set(2);
    assertEquals(new PendingRun(0, 0, 0, 2), afterHold.runPending(), "taken back, but Meadow did not hear it");
    afterHold.recordRefund(order, Money.of(3_000, EUR));

    Referrals restarted = referralShop(hold.plus(Referrals.ISSUE_RETRY_AFTER), host).referrals();
    List<PendingRun> runs = race(8, thread -> restarted.runPending());
    assertEquals(0, runs.stream().mapToInt(PendingRun::failed).sum());
    assertEquals(4, runs.stream().mapToInt(PendingRun::clawedBack).sum(), "per reward: the retry, then the rest");
    for (Reward reward : referrals.rewardsOfOrder(order)) {
      assertEquals(RewardState.ISSUED, reward.state());
      assertEquals(reward.owed(), reward.held());
      assertEquals(reward.amount().minor() - reward.owed().minor(), host.takenBack(reward.beneficiary()),
          "what the host took from " + reward.beneficiary());
      String first = "meadow-reward-" + reward.id() + "-clawback-0";
      assertEquals(List.of(first, first, "meadow-reward-" + reward.id() + "-clawback-" + reward.amount().minor() / 2),
          host.keys.stream().filter(key -> key.startsWith("meadow-reward-" + reward.id())).toList());
    }
    host.amounts.forEach((key, amounts) -> assertEquals(1, amounts.size(), key + " was sent with " + amounts));
    assertEquals(2, referrals.programStats().rewards(RewardState.ISSUED));
    assertEquals(125 + 100, referrals.programStats().rewardsMinor(RewardState.ISSUED));
    assertEquals(0, referrals.programStats().rewards(RewardState.CLAWBACK));
    assertEquals(0, referrals.programStats().rewardsMinor(RewardState.CLAWBACK));
  }

  /**
   * A host that pays and takes back each idempotency key once, records every key with its amounts,
   * and can be made to take money back and then fail, as a process that stops before Meadow hears.
   */
  private static final class TakingHost implements RewardIssuer {
    final List<String> keys = new CopyOnWriteArrayList<>();
    final Map<String, Set<Money>> amounts = new ConcurrentHashMap<>();
    final Map<String, RewardPayment> taken = new ConcurrentHashMap<>();
    final AtomicInteger failAfterTakingBack = new AtomicInteger();

    @Override
    public void issue(RewardPayment payment) {
      amounts.computeIfAbsent(payment.idempotencyKey(), key -> ConcurrentHashMap.newKeySet()).add(payment.amount());
    }

    @Override
    public void clawBack(RewardPayment payment) {
      keys.add(payment.idempotencyKey());
      amounts.computeIfAbsent(payment.idempotencyKey(), key -> ConcurrentHashMap.newKeySet()).add(payment.amount());
      taken.putIfAbsent(payment.idempotencyKey(), payment);
      if (failAfterTakingBack.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new IllegalStateException("connection reset after taking back");
      }
    }

    long takenBack(UserId user) {
      return taken.values().stream().filter(p -> p.beneficiary().equals(user)).mapToLong(p -> p.amount().minor()).sum();
    }
  }
}
