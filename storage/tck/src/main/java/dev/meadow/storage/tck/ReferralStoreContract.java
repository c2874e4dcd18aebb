package dev.meadow.storage.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.GroupId;
import dev.meadow.core.OrderId;
import dev.meadow.core.ProductId;
import dev.meadow.core.RewardId;
import dev.meadow.core.UserId;
import dev.meadow.core.referrals.Attribution;
import dev.meadow.core.referrals.Audience;
import dev.meadow.core.referrals.Channel;
import dev.meadow.core.referrals.Click;
import dev.meadow.core.referrals.Conversion;
import dev.meadow.core.referrals.FraudReason;
import dev.meadow.core.referrals.Money;
import dev.meadow.core.referrals.OrderLine;
import dev.meadow.core.referrals.ReferralStats;
import dev.meadow.core.referrals.Reward;
import dev.meadow.core.referrals.RewardRole;
import dev.meadow.core.referrals.RewardState;
import dev.meadow.core.referrals.Share;
import dev.meadow.core.referrals.ShareCode;
import dev.meadow.core.referrals.ShareTarget;
import dev.meadow.core.referrals.StatsDelta;
import dev.meadow.core.spi.ReferralStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The contract of {@link dev.meadow.core.spi.ReferralStore}. */
public abstract class ReferralStoreContract extends StorageContract {
  private static final Currency EUR = Currency.getInstance("EUR");
  private static final Currency JPY = Currency.getInstance("JPY");
  private static final UserId ANN = new UserId("ann 🌸");
  private static final UserId BOB = new UserId("bob");
  private static final UserId CY = new UserId("cy");
  private static final String VISITOR = "f".repeat(64);

  private int codes;

  private <T> T store(Function<ReferralStore, T> work) {
    return tx(tx -> work.apply(tx.referrals()));
  }

  private boolean does(Function<ReferralStore, Boolean> work) {
    return is(tx -> work.apply(tx.referrals()));
  }

  /** Returns a fresh code, distinct from every other this test made. */
  private ShareCode code() {
    codes++;
    return new ShareCode(String.format("code-%06d", codes));
  }

  private Share share(UserId sharer, Instant at) {
    return new Share(code(), "default", sharer, ShareTarget.product(new ProductId("sku-1")), Channel.LINK,
        Audience.everyone(), at, null);
  }

  private Share stored(Share share) {
    assertTrue(does(s -> s.insertShare(share)));
    return share;
  }

  private static Conversion conversion(String order, UserId buyer) {
    return new Conversion(new OrderId(order), "default", new ShareCode("code-000001"), ANN, buyer,
        Money.of(12_345, EUR), Money.zero(EUR), List.of(OrderLine.of(new ProductId("sku-1"), 2, Money.of(12_345, EUR))),
        List.of(), T0, 1);
  }

  private Reward reward(String order, RewardRole role, UserId beneficiary) {
    return new Reward(new RewardId(newId()), new OrderId(order), "default", beneficiary, role, Money.of(500, EUR), 0,
        0, 0, 0, RewardState.PENDING, List.of(), T0, T0.plusSeconds(86_400 * 30), T0, 1);
  }

  private Reward stored(Reward reward) {
    assertTrue(does(s -> s.insertReward(reward)));
    return reward;
  }

  private Reward find(RewardId id) {
    return store(s -> s.findReward(id)).orElseThrow();
  }

  private List<Share> sharesOf(UserId sharer) {
    return pageThrough(2, (Share after, int limit) -> store(s -> s.listShares(sharer, after, limit)));
  }

  private List<Share> sharesTo(UserId recipient) {
    return pageThrough(2, (Share after, int limit) -> store(s -> s.listSharesTo(recipient, after, limit)));
  }

  private List<Reward> rewardsIn(RewardState state) {
    return pageThrough(2, (Reward after, int limit) ->
        store(s -> s.listRewards(state, after == null ? null : after.id(), limit)));
  }

  private List<Reward> rewardsOf(UserId user) {
    return pageThrough(2, (Reward after, int limit) ->
        store(s -> s.listRewardsOf(user, after == null ? null : after.id(), limit)));
  }

  private boolean click(ShareCode code, String visitor, Instant at, Instant countIfBefore) {
    return is(tx -> tx.referrals().recordClick(code, visitor, at, countIfBefore));
  }

  // Shares

  @Test
  @DisplayName("A share round-trips exactly, direct audience, awkward note and expiry included, and one code is stored once")
  void sharesRoundTrip() {
    Share direct = new Share(code(), "spring-promo", ANN, ShareTarget.group(new GroupId(newId())), Channel.MESSAGE,
        Audience.direct(List.of(BOB, CY), AWKWARD_TEXT), T0, T0.plusSeconds(3600));
    Share open = share(BOB, T0.plusMillis(1));
    stored(direct);
    stored(open);
    assertEquals(Optional.of(direct), store(s -> s.findShare(direct.code())));
    assertEquals(Optional.of(open), store(s -> s.findShare(open.code())));
    assertEquals(Optional.empty(), store(s -> s.findShare(new ShareCode("nosuchcode"))));
    Share clash = new Share(direct.code(), "default", CY, ShareTarget.product(new ProductId("sku-9")), Channel.QR,
        Audience.everyone(), T0, null);
    assertFalse(does(s -> s.insertShare(clash)), "a second share with the same code is refused");
    assertEquals(Optional.of(direct), store(s -> s.findShare(direct.code())));
  }

  @Test
  @DisplayName("Codes differing only in letter case are different shares")
  void codesAreCaseSensitive() {
    Share lower = new Share(new ShareCode("abcdefgh"), "default", ANN, ShareTarget.product(new ProductId("sku-1")),
        Channel.LINK, Audience.everyone(), T0, null);
    Share upper = new Share(new ShareCode("ABCDEFGH"), "default", BOB, ShareTarget.product(new ProductId("sku-1")),
        Channel.LINK, Audience.everyone(), T0, null);
    stored(lower);
    stored(upper);
    assertEquals(ANN, store(s -> s.findShare(new ShareCode("abcdefgh"))).orElseThrow().sharer());
    assertEquals(BOB, store(s -> s.findShare(new ShareCode("ABCDEFGH"))).orElseThrow().sharer());
  }

  @Test
  @DisplayName("Racing inserts of one code on 8 threads: exactly one share is stored")
  void racingShareInserts() throws Exception {
    ShareCode code = code();
    List<Share> candidates = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      candidates.add(new Share(code, "default", new UserId("user-" + i), ShareTarget.product(new ProductId("sku-1")),
          Channel.LINK, Audience.everyone(), T0, null));
    }
    List<Boolean> won = race(8, thread -> is(tx -> tx.referrals().insertShare(candidates.get(thread))));
    assertEquals(1, won.stream().filter(b -> b).count());
    assertEquals(Optional.of(candidates.get(won.indexOf(true))), store(s -> s.findShare(code)));
  }

  @Test
  @DisplayName("A sharer's shares list newest first, ties by code descending, paging without gaps or repeats")
  void sharesOfASharer() {
    List<Share> made = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      made.add(stored(share(ANN, T0.plusSeconds(i / 2))));
    }
    stored(share(BOB, T0));
    List<Share> expected = new ArrayList<>(made);
    expected.sort(Comparator.comparing(Share::createdAt).thenComparing(Share::code).reversed());
    assertEquals(expected, sharesOf(ANN));
    assertEquals(1, sharesOf(BOB).size());
    assertEquals(List.of(), sharesOf(CY));
    assertEquals(List.of(), store(s -> s.listShares(ANN, null, 0)));
  }

  @Test
  @DisplayName("Direct shares list for each recipient, newest first; public shares and other users' shares do not")
  void sharesToARecipient() {
    Share toBob = stored(new Share(code(), "default", ANN, ShareTarget.product(new ProductId("sku-1")), Channel.MESSAGE,
        Audience.direct(List.of(BOB), null), T0, null));
    Share toBoth = stored(new Share(code(), "default", CY, ShareTarget.product(new ProductId("sku-2")), Channel.EMAIL,
        Audience.direct(List.of(BOB, ANN), "for you"), T0.plusSeconds(1), null));
    stored(share(ANN, T0.plusSeconds(2)));
    assertEquals(List.of(toBoth, toBob), sharesTo(BOB));
    assertEquals(List.of(toBoth), sharesTo(ANN));
    assertEquals(List.of(), sharesTo(CY));
  }

  // Clicks

  @Test
  @DisplayName("recordClick counts a visitor's first click, not a repeat inside the window, and the next one after it")
  void clicksCountOncePerWindow() {
    ShareCode code = stored(share(ANN, T0)).code();
    Instant window = T0.plusSeconds(1800);
    assertTrue(click(code, VISITOR, T0, T0.minusSeconds(1800)), "the first click counts");
    assertFalse(click(code, VISITOR, T0.plusSeconds(60), T0.plusSeconds(60).minusSeconds(1800)),
        "a repeat within the window does not");
    assertEquals(new Click(code, VISITOR, T0, T0.plusSeconds(60), T0, 1), store(s -> s.findClick(code, VISITOR)).orElseThrow());
    assertTrue(click(code, VISITOR, window.plusMillis(1), T0.plusMillis(1)), "a click after the window counts again");
    assertEquals(new Click(code, VISITOR, T0, window.plusMillis(1), window.plusMillis(1), 2),
        store(s -> s.findClick(code, VISITOR)).orElseThrow());
    assertFalse(click(code, VISITOR, T0.plusSeconds(5), T0), "a late, older click moves nothing back");
    assertEquals(window.plusMillis(1), store(s -> s.findClick(code, VISITOR)).orElseThrow().lastAt());
    assertTrue(click(code, "e".repeat(64), T0.plusSeconds(61), T0), "another visitor counts on their own");
    assertEquals(Optional.empty(), store(s -> s.findClick(code, "0".repeat(64))));
  }

  @Test
  @DisplayName("8 threads clicking as one visitor on one code: exactly one click counts")
  void racingClicksCountOnce() throws Exception {
    ShareCode code = stored(share(ANN, T0)).code();
    List<Boolean> counted = race(8, thread -> click(code, VISITOR, T0.plusMillis(thread), T0.minusSeconds(1800)));
    assertEquals(1, counted.stream().filter(b -> b).count());
    Click click = store(s -> s.findClick(code, VISITOR)).orElseThrow();
    assertEquals(1, click.counted());
    assertEquals(T0.plusMillis(7), click.lastAt());
  }

  @Test
  @DisplayName("listClicks lists a visitor's click records last clicked since an instant, oldest first click first")
  void clicksOfAVisitor() {
    ShareCode first = stored(share(ANN, T0)).code();
    ShareCode second = stored(share(BOB, T0)).code();
    ShareCode old = stored(share(CY, T0)).code();
    click(old, VISITOR, T0.minusSeconds(86_400 * 40), T0.minusSeconds(86_400 * 41));
    click(second, VISITOR, T0.plusSeconds(10), T0);
    click(first, VISITOR, T0.plusSeconds(5), T0);
    click(first, VISITOR, T0.plusSeconds(20), T0);
    click(first, "other", T0, T0);
    List<Click> listed = store(s -> s.listClicks(VISITOR, T0.minusSeconds(86_400 * 30), 10));
    assertEquals(List.of(first, second), listed.stream().map(Click::code).toList());
    assertEquals(T0.plusSeconds(20), listed.get(0).lastAt());
    assertEquals(3, store(s -> s.listClicks(VISITOR, T0.minusSeconds(86_400 * 50), 10)).size());
    assertEquals(1, store(s -> s.listClicks(VISITOR, T0.minusSeconds(86_400 * 50), 1)).size());
    assertEquals(List.of(), store(s -> s.listClicks("nobody", T0.minusSeconds(86_400 * 50), 10)));
  }

  // Attributions and conversions

  @Test
  @DisplayName("One attribution per customer: it round-trips with its reasons, and racing inserts on 8 threads store exactly one")
  void attributionsAreUniquePerCustomer() throws Exception {
    Attribution flagged = new Attribution(BOB, ANN, new ShareCode("code-000001"), "default", T0,
        List.of(FraudReason.RING, FraudReason.SELF_REFERRAL));
    assertTrue(does(s -> s.insertAttribution(flagged)));
    assertEquals(Optional.of(flagged), store(s -> s.findAttribution(BOB)));
    assertFalse(does(s -> s.insertAttribution(new Attribution(BOB, CY, new ShareCode("code-000002"), "default", T0,
        List.of()))));
    assertEquals(Optional.of(flagged), store(s -> s.findAttribution(BOB)));
    assertEquals(Optional.empty(), store(s -> s.findAttribution(ANN)));

    List<Boolean> won = race(8, thread -> is(tx -> tx.referrals().insertAttribution(new Attribution(CY,
        new UserId("referrer-" + thread), new ShareCode("code-00000" + thread), "default", T0, List.of()))));
    assertEquals(1, won.stream().filter(b -> b).count());
    assertEquals(new UserId("referrer-" + won.indexOf(true)), store(s -> s.findAttribution(CY)).orElseThrow().referrer());
  }

  @Test
  @DisplayName("A conversion round-trips exactly, lines and reasons included; a second one of the same order is refused")
  void conversionsRoundTrip() {
    Conversion yen = new Conversion(new OrderId("order-¥"), "default", new ShareCode("code-000001"), ANN, BOB,
        Money.of(Money.MAX_MINOR, JPY), Money.of(1, JPY),
        List.of(OrderLine.of(new ProductId("sku-1"), 1, Money.of(1, JPY)),
            OrderLine.of(new ProductId("sku-2 ✨"), 10_000, Money.of(Money.MAX_MINOR - 1, JPY))),
        List.of(FraudReason.LEAKED_CODE), T0, 1);
    assertTrue(does(s -> s.insertConversion(yen)));
    assertEquals(Optional.of(yen), store(s -> s.findConversion(new OrderId("order-¥"))));
    assertFalse(does(s -> s.insertConversion(conversion("order-¥", CY))));
    assertEquals(Optional.of(yen), store(s -> s.findConversion(new OrderId("order-¥"))));
    assertEquals(Optional.empty(), store(s -> s.findConversion(new OrderId("order-2"))));
  }

  @Test
  @DisplayName("8 threads inserting the conversion of one order: exactly one is stored")
  void racingConversions() throws Exception {
    List<Boolean> won = race(8, thread ->
        is(tx -> tx.referrals().insertConversion(conversion("order-1", new UserId("buyer-" + thread)))));
    assertEquals(1, won.stream().filter(b -> b).count());
    assertEquals(new UserId("buyer-" + won.indexOf(true)),
        store(s -> s.findConversion(new OrderId("order-1"))).orElseThrow().buyer());
  }

  @Test
  @DisplayName("updateConversion changes only the refunded amount, only from the previous version and in the stored"
      + " currency, for exactly one of 8 racers")
  void conversionUpdates() throws Exception {
    Conversion stored = conversion("order-1", BOB);
    assertTrue(does(s -> s.insertConversion(stored)));
    Conversion refunded = new Conversion(stored.orderId(), "other", new ShareCode("code-999999"), CY, CY,
        Money.of(1, EUR), Money.of(2_000, EUR), List.of(), List.of("x"), T0.plusSeconds(5), 2);
    assertFalse(does(s -> s.updateConversion(new Conversion(stored.orderId(), "default", stored.code(), ANN, BOB,
        stored.amount(), Money.of(1, EUR), stored.lines(), List.of(), T0, 3))), "a version gap is refused");
    assertFalse(does(s -> s.updateConversion(conversion("order-none", BOB))), "no such conversion");
    assertFalse(does(s -> s.updateConversion(new Conversion(stored.orderId(), "default", stored.code(), ANN, BOB,
        Money.of(12_345, "USD"), Money.of(1, "USD"), List.of(), List.of(), T0, 2))),
        "a refund in another currency than the stored conversion's is refused");
    assertTrue(does(s -> s.updateConversion(refunded)));
    Conversion found = store(s -> s.findConversion(stored.orderId())).orElseThrow();
    assertEquals(new Conversion(stored.orderId(), stored.programId(), stored.code(), stored.referrer(), stored.buyer(),
        stored.amount(), Money.of(2_000, EUR), stored.lines(), stored.reasons(), stored.createdAt(), 2), found);

    List<Boolean> won = race(8, thread -> is(tx -> tx.referrals().updateConversion(new Conversion(found.orderId(),
        found.programId(), found.code(), found.referrer(), found.buyer(), found.amount(),
        Money.of(3_000 + thread, EUR), found.lines(), found.reasons(), found.createdAt(), 3))));
    assertEquals(1, won.stream().filter(b -> b).count());
    assertEquals(Money.of(3_000 + won.indexOf(true), EUR),
        store(s -> s.findConversion(stored.orderId())).orElseThrow().refunded());
  }

  // Rewards

  @Test
  @DisplayName("A reward round-trips exactly; one reward per id and per order and role")
  void rewardsAreUniquePerOrderAndRole() {
    Reward referrer = stored(new Reward(new RewardId(newId()), new OrderId("order-1"), "default", ANN,
        RewardRole.REFERRER, Money.of(750, EUR), 250, 0, 0, 0, RewardState.HELD, List.of(FraudReason.RING, "velocity"),
        T0, T0.plusSeconds(60), T0.plusMillis(5), 1));
    assertEquals(referrer, find(referrer.id()));
    assertFalse(does(s -> s.insertReward(reward("order-1", RewardRole.REFERRER, CY))), "same order and role");
    Reward friend = stored(reward("order-1", RewardRole.FRIEND, BOB));
    Reward second = stored(reward("order-1", RewardRole.SECOND_LEVEL, CY));
    Reward sameId = new Reward(referrer.id(), new OrderId("order-2"), "default", ANN, RewardRole.REFERRER,
        Money.of(1, EUR), 0, 0, 0, 0, RewardState.PENDING, List.of(), T0, T0, T0, 1);
    assertFalse(does(s -> s.insertReward(sameId)), "same id");
    assertEquals(List.of(referrer, friend, second), store(s -> s.listRewardsOfOrder(new OrderId("order-1"))));
    assertEquals(List.of(), store(s -> s.listRewardsOfOrder(new OrderId("order-2"))));
    assertEquals(Optional.empty(), store(s -> s.findReward(new RewardId(newId()))));
  }

  @Test
  @DisplayName("8 threads inserting the referrer's reward of one order: exactly one is stored")
  void racingRewards() throws Exception {
    List<Reward> candidates = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      candidates.add(reward("order-1", RewardRole.REFERRER, ANN));
    }
    List<Boolean> won = race(8, thread -> is(tx -> tx.referrals().insertReward(candidates.get(thread))));
    assertEquals(1, won.stream().filter(b -> b).count());
    assertEquals(List.of(candidates.get(won.indexOf(true))), store(s -> s.listRewardsOfOrder(new OrderId("order-1"))));
  }

  @Test
  @DisplayName("updateReward changes the ledger fields only, only from the previous version, and moves the reward between state listings")
  void rewardUpdates() {
    Reward pending = stored(reward("order-1", RewardRole.REFERRER, ANN));
    Reward other = stored(reward("order-2", RewardRole.REFERRER, ANN));
    Reward issued = pending.with(RewardState.ISSUED, 100, 500, 0, List.of("paid"), T0.plusSeconds(9));
    Reward forged = new Reward(pending.id(), new OrderId("order-9"), "other", CY, RewardRole.FRIEND,
        Money.of(900, EUR), issued.reversed(), issued.paid(), issued.clawedBack(), issued.clawing(), issued.state(), issued.reasons(),
        T0.plusSeconds(1), T0.plusSeconds(2), issued.updatedAt(), 2);
    assertFalse(does(s -> s.updateReward(pending.with(RewardState.APPROVED, 0, 0, 0, List.of(), T0)
        .with(RewardState.ISSUED, 0, 0, 0, List.of(), T0))), "a version gap is refused");
    assertTrue(does(s -> s.updateReward(forged)));
    assertEquals(issued, find(pending.id()), "identity, amount and times stay; the ledger fields change");
    assertFalse(does(s -> s.updateReward(issued)), "the same version twice is refused");
    assertEquals(List.of(other), rewardsIn(RewardState.PENDING));
    assertEquals(List.of(issued), rewardsIn(RewardState.ISSUED));
    assertEquals(List.of(), rewardsIn(RewardState.APPROVED));
    Reward clawback = issued.with(RewardState.CLAWBACK, 500, 500, 0, List.of(FraudReason.REFUNDED), T0.plusSeconds(10));
    assertTrue(does(s -> s.updateReward(clawback)));
    Reward reversed = clawback.with(RewardState.REVERSED, 500, 500, 500, List.of(FraudReason.REFUNDED), T0.plusSeconds(11));
    assertTrue(does(s -> s.updateReward(reversed)));
    assertEquals(reversed, find(pending.id()));
    assertEquals(List.of(reversed), rewardsIn(RewardState.REVERSED));
    assertEquals(List.of(), rewardsIn(RewardState.CLAWBACK));
  }

  @Test
  @DisplayName("Of 8 threads moving one reward from its version, exactly one succeeds")
  void racingRewardUpdates() throws Exception {
    Reward approved = stored(reward("order-1", RewardRole.REFERRER, ANN));
    List<Boolean> won = race(8, thread -> is(tx -> tx.referrals().updateReward(
        approved.with(RewardState.ISSUING, 0, 0, 0, List.of("claim-" + thread), T0.plusSeconds(thread)))));
    assertEquals(1, won.stream().filter(b -> b).count());
    assertEquals(List.of("claim-" + won.indexOf(true)), find(approved.id()).reasons());
    assertEquals(2, find(approved.id()).version());
  }

  @Test
  @DisplayName("A clawback in flight round-trips, is claimed by compare-and-set for exactly one of 8 threads, and settles")
  void clawbackInFlight() throws Exception {
    Reward stored = stored(reward("order-1", RewardRole.REFERRER, ANN));
    Reward issued = stored.with(RewardState.ISSUED, 0, 500, 0, List.of(), T0.plusSeconds(1));
    Reward refunded = issued.with(RewardState.CLAWBACK, 250, 500, 100, List.of(FraudReason.REFUNDED),
        T0.plusSeconds(2));
    assertTrue(does(s -> s.updateReward(issued)));
    assertTrue(does(s -> s.updateReward(refunded)));
    List<Boolean> won = race(8, thread -> is(tx -> tx.referrals().updateReward(refunded.with(RewardState.CLAWBACK,
        250, 500, 100, 150 + thread, refunded.reasons(), T0.plusSeconds(3)))));
    assertEquals(1, won.stream().filter(b -> b).count());
    Reward claimed = find(stored.id());
    assertEquals(150 + won.indexOf(true), claimed.clawing(), "the winner's amount in flight");
    assertEquals(refunded.with(RewardState.CLAWBACK, 250, 500, 100, claimed.clawing(), refunded.reasons(),
        T0.plusSeconds(3)), claimed);
    assertEquals(List.of(claimed), rewardsIn(RewardState.CLAWBACK));
    assertEquals(List.of(claimed), rewardsOf(ANN));
    Reward settled = claimed.with(RewardState.ISSUED, 250, 500, 100 + claimed.clawing(), 0, claimed.reasons(),
        T0.plusSeconds(4));
    assertFalse(does(s -> s.updateReward(refunded.with(RewardState.ISSUED, 250, 500, 250, 0, refunded.reasons(),
        T0.plusSeconds(4)))), "a settlement of a stale version is refused");
    assertTrue(does(s -> s.updateReward(settled)));
    assertEquals(settled, find(stored.id()));
    assertEquals(0, find(stored.id()).clawing());
    assertEquals(List.of(), rewardsIn(RewardState.CLAWBACK));
  }

  @Test
  @DisplayName("Rewards list by state oldest first and by beneficiary newest first, paging without gaps or repeats")
  void rewardListings() {
    List<Reward> anns = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      anns.add(stored(reward("order-" + i, RewardRole.REFERRER, ANN)));
    }
    Reward bobs = stored(reward("order-0", RewardRole.FRIEND, BOB));
    List<Reward> pending = new ArrayList<>(anns);
    pending.add(bobs);
    assertEquals(pending, rewardsIn(RewardState.PENDING));
    List<Reward> newestFirst = new ArrayList<>(anns);
    newestFirst.sort(Comparator.comparing(Reward::id).reversed());
    assertEquals(newestFirst, rewardsOf(ANN));
    assertEquals(List.of(bobs), rewardsOf(BOB));
    assertEquals(List.of(), rewardsOf(CY));
    assertEquals(List.of(), store(s -> s.listRewards(RewardState.PENDING, null, 0)));
    assertThrows(IllegalArgumentException.class, () -> store(s -> s.listRewards(RewardState.PENDING, null, 1001)));
    assertThrows(IllegalArgumentException.class, () -> store(s -> s.listRewardsOf(ANN, null, -1)));
    assertThrows(IllegalArgumentException.class, () -> store(s -> s.listShares(ANN, null, 1001)));
  }

  // Statistics

  @Test
  @DisplayName("Statistics read zero until adjusted, add every part of each delta, and keep sharers and programs apart")
  void statsAdjust() {
    assertEquals(ReferralStats.empty("default", ANN), store(s -> s.findStats("default", ANN)));
    store(s -> {
      s.adjustStats("default", ANN, StatsDelta.clicks(3));
      s.adjustStats("default", ANN, StatsDelta.signups(1));
      s.adjustStats("default", ANN, StatsDelta.orders(1, 12_345));
      s.adjustStats("default", ANN, StatsDelta.reward(RewardState.PENDING, 500));
      s.adjustStats("default", ANN, StatsDelta.move(RewardState.PENDING, 500, RewardState.ISSUED, 400));
      s.adjustStats("default", null, StatsDelta.clicks(7));
      s.adjustStats("other", ANN, StatsDelta.orders(2, 1));
      return null;
    });
    ReferralStats anns = store(s -> s.findStats("default", ANN));
    assertEquals(new ReferralStats("default", ANN, 3, 1, 1, 12_345, Map.of(RewardState.ISSUED, 1L),
        Map.of(RewardState.ISSUED, 400L)), anns);
    assertEquals(0, anns.rewards(RewardState.PENDING));
    assertEquals(400, anns.rewardsMinor(RewardState.ISSUED));
    assertEquals(7, store(s -> s.findStats("default", null)).clicks());
    assertEquals(2, store(s -> s.findStats("other", ANN)).orders());
    assertEquals(ReferralStats.empty("default", BOB), store(s -> s.findStats("default", BOB)));
  }

  @Test
  @DisplayName("8 threads × 50 concurrent statistics adjustments: every one counts")
  void racingStats() throws Exception {
    race(8, thread -> {
      for (int i = 0; i < 50; i++) {
        store(s -> {
          s.adjustStats("default", ANN, new StatsDelta(1, 0, 1, 100, Map.of(RewardState.PENDING, 1L),
              Map.of(RewardState.PENDING, 10L)));
          return null;
        });
      }
      return null;
    });
    ReferralStats stats = store(s -> s.findStats("default", ANN));
    assertEquals(400, stats.clicks());
    assertEquals(400, stats.orders());
    assertEquals(40_000, stats.revenueMinor());
    assertEquals(400, stats.rewards(RewardState.PENDING));
    assertEquals(4_000, stats.rewardsMinor(RewardState.PENDING));
  }

  @Test
  @DisplayName("The leaderboard ranks a program's sharers by orders, then revenue, then id, leaving out the program's own totals and other programs")
  void leaderboard() {
    store(s -> {
      s.adjustStats("default", ANN, StatsDelta.orders(2, 100));
      s.adjustStats("default", BOB, StatsDelta.orders(2, 300));
      s.adjustStats("default", CY, StatsDelta.orders(5, 1));
      s.adjustStats("default", new UserId("dee"), StatsDelta.orders(2, 100));
      s.adjustStats("default", new UserId("eve"), StatsDelta.clicks(9));
      s.adjustStats("default", null, StatsDelta.orders(100, 100_000));
      s.adjustStats("other", new UserId("zed"), StatsDelta.orders(50, 1));
      return null;
    });
    List<ReferralStats> board = store(s -> s.leaderboard("default", 10));
    assertEquals(List.of(CY, BOB, ANN, new UserId("dee"), new UserId("eve")),
        board.stream().map(ReferralStats::sharer).toList());
    assertEquals(List.of(CY, BOB), store(s -> s.leaderboard("default", 2)).stream().map(ReferralStats::sharer).toList());
    assertEquals(List.of(), store(s -> s.leaderboard("none", 10)));
  }

  @Test
  @DisplayName("A rolled-back transaction leaves no share, click, attribution, conversion, reward or statistic behind")
  void rollbackLeavesNothing() {
    Share kept = stored(share(ANN, T0));
    Reward keptReward = stored(reward("order-0", RewardRole.REFERRER, ANN));
    RuntimeException boom = new RuntimeException("boom");
    Share dropped = share(ANN, T0.plusSeconds(1));
    RuntimeException thrown = assertThrows(RuntimeException.class, () -> store(s -> {
      s.insertShare(dropped);
      s.recordClick(kept.code(), VISITOR, T0, T0);
      s.insertAttribution(new Attribution(BOB, ANN, kept.code(), "default", T0, List.of()));
      s.insertConversion(conversion("order-1", BOB));
      s.insertReward(reward("order-1", RewardRole.REFERRER, ANN));
      s.updateReward(keptReward.with(RewardState.APPROVED, 0, 0, 0, List.of(), T0));
      s.adjustStats("default", ANN, StatsDelta.clicks(1));
      throw boom;
    }));
    assertEquals(boom, thrown);
    assertEquals(Optional.empty(), store(s -> s.findShare(dropped.code())));
    assertEquals(List.of(kept), sharesOf(ANN));
    assertEquals(Optional.empty(), store(s -> s.findClick(kept.code(), VISITOR)));
    assertEquals(Optional.empty(), store(s -> s.findAttribution(BOB)));
    assertEquals(Optional.empty(), store(s -> s.findConversion(new OrderId("order-1"))));
    assertEquals(List.of(), store(s -> s.listRewardsOfOrder(new OrderId("order-1"))));
    assertEquals(keptReward, find(keptReward.id()));
    assertEquals(List.of(keptReward), rewardsIn(RewardState.PENDING));
    assertEquals(ReferralStats.empty("default", ANN), store(s -> s.findStats("default", ANN)));
  }

  @Test
  @DisplayName("Reading a missing share, click, attribution, conversion or reward finds nothing and changes nothing")
  void missingFindsNothing() {
    assertEquals(Optional.empty(), store(s -> s.findShare(new ShareCode("missing1"))));
    assertEquals(Optional.empty(), store(s -> s.findClick(new ShareCode("missing1"), VISITOR)));
    assertEquals(Optional.empty(), store(s -> s.findAttribution(ANN)));
    assertEquals(Optional.empty(), store(s -> s.findConversion(new OrderId("order-x"))));
    assertEquals(List.of(), store(s -> s.listRewardsOfOrder(new OrderId("order-x"))));
    assertEquals(List.of(), store(s -> s.leaderboard("default", 10)));
  }
}
