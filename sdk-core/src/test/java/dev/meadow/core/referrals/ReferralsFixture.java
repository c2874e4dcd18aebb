package dev.meadow.core.referrals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.Meadow;
import dev.meadow.core.OrderId;
import dev.meadow.core.ProductId;
import dev.meadow.core.TestClock;
import dev.meadow.core.UserId;
import dev.meadow.core.ValidationException;
import dev.meadow.core.Witness;
import dev.meadow.core.events.MeadowEvent;
import dev.meadow.core.events.ReferralEvent;
import dev.meadow.core.memory.MemoryStorage;
import dev.meadow.core.ports.RewardIssuer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.function.ThrowingSupplier;

/**
 * One shop's referral program on the default in-memory storage, as the referral tests use it: a
 * clock they move, a host whose issuer and fingerprints they control, every event the listeners
 * heard, and a snapshot of everything referral storage holds, to prove that a refused call
 * changed nothing.
 */
final class ReferralsFixture {
  static final String START = "2026-11-22T10:15:30.123Z";
  static final Currency EUR = Currency.getInstance("EUR");
  static final ProductId SCARF = ProductId.of("merino-scarf");
  static final byte[] CURSOR_SECRET = "referral-fixture-cursor-secret-3".getBytes(StandardCharsets.UTF_8);

  /** The program most tests run: 5.00 EUR for the referrer, 10% up to 10.00 EUR for the friend. */
  static ReferralProgram.Builder program() {
    return ReferralProgram.builder("default", EUR)
        .referrerReward(RewardRule.fixed(Money.of(500, EUR)))
        .friendReward(RewardRule.percent(1_000, Money.of(1_000, EUR)))
        .landingUrl("https://shop.example/r/{code}?to={kind}/{id}");
  }

  final TestClock clock = TestClock.at(START);
  final MemoryStorage storage = MemoryStorage.create();
  final Witness witness = new Witness(storage, clock);
  final Host host = new Host();
  final Meadow meadow;
  final Referrals referrals;

  private final Set<UserId> users = ConcurrentHashMap.newKeySet();
  private final Set<OrderId> orders = ConcurrentHashMap.newKeySet();
  private final Map<UserId, Set<String>> fingerprints = new ConcurrentHashMap<>();

  private ReferralsFixture(ReferralProgram program, boolean withIssuer) {
    Meadow.Builder builder = Meadow.builder()
        .storage(storage)
        .clock(clock)
        .cursorSecret(CURSOR_SECRET)
        .referralProgram(program)
        .fingerprints(user -> fingerprints.getOrDefault(user, Set.of()))
        .listener(witness);
    if (withIssuer) {
      builder.rewards(host);
    }
    meadow = builder.build();
    referrals = meadow.referrals();
  }

  static ReferralsFixture create() {
    return new ReferralsFixture(program().build(), true);
  }

  static ReferralsFixture with(UnaryOperator<ReferralProgram.Builder> change) {
    return new ReferralsFixture(change.apply(program()).build(), true);
  }

  static ReferralsFixture withoutIssuer() {
    return new ReferralsFixture(program().build(), false);
  }

  /** Returns a user, remembered so that snapshots include what is stored about them. */
  UserId user(String id) {
    UserId user = UserId.of(id);
    users.add(user);
    return user;
  }

  /** Makes the host report these hashed fingerprints for a user. */
  void fingerprints(UserId user, String... hashes) {
    fingerprints.put(user, Set.of(hashes));
  }

  /** The visitor key a user browsed under before signing up. */
  static String visitor(UserId user) {
    return "cookie-" + user.value();
  }

  /** Shares the scarf publicly as {@code sharer}, checking the event. */
  Share share(UserId sharer) {
    return emits(ReferralEvent.Shared.class,
        () -> referrals.share(sharer, ShareTarget.product(SCARF), Channel.LINK, Audience.everyone()));
  }

  /** Clicks a link as a user-to-be, checking that it counted. */
  void click(Share share, UserId visitor) {
    assertTrue(emits(ReferralEvent.Clicked.class, () -> referrals.recordClick(share.code(), visitor(visitor))));
  }

  /** Clicks a link again within the click window: nothing counts, nothing is emitted; returns whether it counted. */
  boolean changesNothingButLastClick(Share share, UserId visitor) {
    int heard = witness.heard().size();
    boolean counted = referrals.recordClick(share.code(), visitor(visitor));
    assertEquals(heard, witness.heard().size(), "a repeated click emits nothing");
    return counted;
  }

  /** Signs a clicked visitor up, checking the attribution's event. */
  Attribution signUp(UserId customer) {
    return emits(ReferralEvent.SignupAttributed.class,
        () -> referrals.attributeSignup(visitor(customer), customer)).orElseThrow();
  }

  /** Makes {@code friend} click {@code share} and sign up. */
  Attribution refer(Share share, UserId friend) {
    click(share, friend);
    return signUp(friend);
  }

  /** Makes {@code friend} click a new share of {@code referrer}'s and sign up. */
  Attribution refer(UserId referrer, UserId friend) {
    return refer(share(referrer), friend);
  }

  /** Returns an order id, remembered for snapshots. */
  OrderId orderId(String id) {
    OrderId order = OrderId.of(id);
    orders.add(order);
    return order;
  }

  /** Reports an order of scarves worth {@code minor} cents. */
  Optional<Conversion> order(String id, UserId buyer, long minor) {
    return referrals.recordOrder(orderId(id), buyer, Money.of(minor, EUR),
        List.of(OrderLine.of(SCARF, 1, Money.of(minor, EUR))));
  }

  /** Returns a reward as stored now. */
  Reward reload(Reward reward) {
    return witness.peek(tx -> tx.referrals().findReward(reward.id())).orElseThrow();
  }

  /** Returns an order's rewards as stored now, by role. */
  Map<RewardRole, Reward> rewards(String order) {
    Map<RewardRole, Reward> byRole = new EnumMap<>(RewardRole.class);
    for (Reward reward : referrals.rewardsOfOrder(OrderId.of(order))) {
      byRole.put(reward.role(), reward);
    }
    return byRole;
  }

  /** Moves the clock by a number of days. */
  void days(long days) {
    clock.advance(Duration.ofDays(days));
  }

  // ---- checking what a call did ----

  <T> T emits(Class<? extends MeadowEvent> type, ThrowingSupplier<T> action) {
    return witness.emits(List.of(type), action);
  }

  <T> T emits(List<Class<? extends MeadowEvent>> types, ThrowingSupplier<T> action) {
    return witness.emits(types, action);
  }

  <T> T changesNothing(ThrowingSupplier<T> action) {
    return witness.changesNothing(action, this::stored);
  }

  <E extends Throwable> E refuses(Class<E> type, Executable call) {
    return witness.refuses(type, call, this::stored);
  }

  ValidationException rejects(String field, Executable call) {
    return witness.rejects(field, call, this::stored);
  }

  /** Checks that the statistics of every user and of the program equal what the ledger adds up to. */
  void assertStatsExact() {
    List<Reward> all = witness.peek(tx -> {
      List<Reward> rewards = new ArrayList<>();
      for (RewardState state : RewardState.values()) {
        rewards.addAll(tx.referrals().listRewards(state, null, 1000));
      }
      return rewards;
    });
    for (UserId user : new TreeSet<>(users)) {
      ReferralStats stats = referrals.stats(user);
      for (RewardState state : RewardState.values()) {
        assertEquals(all.stream().filter(r -> r.beneficiary().equals(user) && r.state() == state).count(),
            stats.rewards(state), user + " " + state);
      }
    }
    ReferralStats program = referrals.programStats();
    for (RewardState state : RewardState.values()) {
      assertEquals(all.stream().filter(r -> r.state() == state).count(), program.rewards(state), "program " + state);
      assertEquals(all.stream().filter(r -> r.state() == state).mapToLong(ReferralsFixture::worth).sum(),
          program.rewardsMinor(state), "program's worth in " + state);
    }
  }

  /** What a reward counts for in the statistics: what was reversed if it is reversed, else what is owed. */
  private static long worth(Reward reward) {
    return reward.state() == RewardState.REVERSED ? reward.reversed() : reward.owed().minor();
  }

  /**
   * Everything referral storage holds that a call could change, read through the storage SPI:
   * every known user's shares, direct shares, attribution, rewards and statistics; every known
   * order's conversion and rewards; every link's click records; the ledger by state; the
   * program's statistics and leaderboard.
   */
  Witness.Snapshot stored() {
    return witness.snapshot((tx, world) -> {
      Set<ShareCode> codes = new TreeSet<>();
      for (UserId user : new TreeSet<>(users)) {
        List<Share> shares = tx.referrals().listShares(user, null, 1000);
        shares.forEach(s -> codes.add(s.code()));
        world.put("shares " + user, shares);
        world.put("shared with " + user, tx.referrals().listSharesTo(user, null, 1000));
        world.put("attribution " + user, tx.referrals().findAttribution(user));
        world.put("rewards of " + user, tx.referrals().listRewardsOf(user, null, 1000));
        world.put("stats " + user, tx.referrals().findStats("default", user));
        world.put("clicks of " + user, tx.referrals().listClicks(Referrals.visitorHash(visitor(user)),
            Instant.EPOCH, 1000));
      }
      for (ShareCode code : codes) {
        world.put("strangers " + code, tx.counters().get("referral.strangers", code.value()));
      }
      for (OrderId order : orders.stream().sorted(Comparator.comparing(OrderId::value)).toList()) {
        world.put("conversion " + order, tx.referrals().findConversion(order));
        world.put("rewards " + order, tx.referrals().listRewardsOfOrder(order));
      }
      for (RewardState state : RewardState.values()) {
        world.put("ledger " + state, tx.referrals().listRewards(state, null, 1000));
      }
      world.put("program stats", tx.referrals().findStats("default", null));
      world.put("leaderboard", tx.referrals().leaderboard("default", 1000));
    });
  }

  /**
   * The host's reward issuer: it pays or takes back each idempotency key once, as the port asks,
   * and records every call with its amount. Tests make it fail before paying, or after paying or
   * taking back but before answering (as a process that stops then would), or take its time.
   */
  static final class Host implements RewardIssuer {
    final Map<String, RewardPayment> paid = new ConcurrentHashMap<>();
    final Map<String, RewardPayment> clawedBack = new ConcurrentHashMap<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    final Map<String, Set<Money>> amountsByKey = new ConcurrentHashMap<>();
    final AtomicInteger failBeforePaying = new AtomicInteger();
    final AtomicInteger failAfterPaying = new AtomicInteger();
    final AtomicInteger failAfterClawingBack = new AtomicInteger();
    volatile Duration clawbackTakes = Duration.ZERO;

    @Override
    public void issue(RewardPayment payment) {
      called("issue", payment);
      if (failBeforePaying.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new IllegalStateException("payment service unavailable");
      }
      paid.putIfAbsent(payment.idempotencyKey(), payment);
      if (failAfterPaying.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new IllegalStateException("connection reset after paying");
      }
    }

    @Override
    public void clawBack(RewardPayment payment) {
      called("clawback", payment);
      if (failBeforePaying.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new IllegalStateException("payment service unavailable");
      }
      try {
        Thread.sleep(clawbackTakes.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
      clawedBack.putIfAbsent(payment.idempotencyKey(), payment);
      if (failAfterClawingBack.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new IllegalStateException("connection reset after taking back");
      }
    }

    private void called(String what, RewardPayment payment) {
      calls.add(what + " " + payment.idempotencyKey() + " " + payment.amount());
      amountsByKey.computeIfAbsent(payment.idempotencyKey(), key -> ConcurrentHashMap.newKeySet())
          .add(payment.amount());
    }

    /** Checks that no idempotency key was ever sent with two different amounts. */
    void assertOneAmountPerKey() {
      amountsByKey.forEach((key, amounts) -> assertEquals(1, amounts.size(), key + " was sent with " + amounts));
    }

    /** Returns how many times the host was called with an idempotency key. */
    long callsWith(String key) {
      return calls.stream().filter(call -> call.split(" ")[1].equals(key)).count();
    }

    /** Returns what the host paid a user in all, less what it took back, in cents. */
    long balance(UserId user) {
      return paid.values().stream().filter(p -> p.beneficiary().equals(user)).mapToLong(p -> p.amount().minor()).sum()
          - clawedBack.values().stream().filter(p -> p.beneficiary().equals(user)).mapToLong(p -> p.amount().minor())
              .sum();
    }
  }
}
