package dev.meadow.trust.labels;

import dev.meadow.core.Meadow;
import dev.meadow.core.OrderId;
import dev.meadow.core.ProductId;
import dev.meadow.core.StoreId;
import dev.meadow.core.TestClock;
import dev.meadow.core.UserId;
import dev.meadow.core.memory.MemoryStorage;
import dev.meadow.core.spi.Storage;
import dev.meadow.core.ports.RewardIssuer;
import dev.meadow.core.referrals.Audience;
import dev.meadow.core.referrals.Channel;
import dev.meadow.core.referrals.Money;
import dev.meadow.core.referrals.OrderLine;
import dev.meadow.core.referrals.ReferralProgram;
import dev.meadow.core.referrals.RewardPayment;
import dev.meadow.core.referrals.RewardRule;
import dev.meadow.core.referrals.Share;
import dev.meadow.core.referrals.ShareTarget;
import dev.meadow.core.reviews.Purchase;
import dev.meadow.core.reviews.PurchaseState;
import dev.meadow.core.reviews.Review;
import dev.meadow.core.reviews.ReviewContent;
import dev.meadow.core.reviews.ReviewDraft;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * One shop on real in-memory storage, as the label and notice tests use it: a clock they move,
 * purchases and store staff they set, and a referral program paying 5.00 EUR to the referrer and
 * 10% (at most 10.00 EUR) to the friend, with a 14-day hold.
 */
public final class Shop {
  public static final Currency EUR = Currency.getInstance("EUR");
  public static final ProductId SHOES = ProductId.of("trail-shoes");
  public static final ProductId SOCKS = ProductId.of("wool-socks");
  public static final StoreId TRAILHEAD = StoreId.of("trailhead");
  public static final StoreId OTHER_STORE = StoreId.of("other-store");
  public static final UserId ADA = UserId.of("ada");
  public static final UserId BO = UserId.of("bo");
  public static final UserId CHEN = UserId.of("chen");
  public static final UserId SAM = UserId.of("sam");

  public final TestClock clock = TestClock.at("2026-03-01T10:00:00Z");
  public final Storage storage;
  public final Map<UserId, Set<StoreId>> staff = new ConcurrentHashMap<>(Map.of(SAM, Set.of(TRAILHEAD)));
  public final Map<String, Purchase> purchases = new ConcurrentHashMap<>();
  public final Meadow meadow;
  /** Whether the host's staff directory is down: its StoreStaff port then throws. */
  public volatile boolean staffDown;
  private int orders;

  public Shop() {
    this(b -> b);
  }

  /** Returns a shop whose builder {@code configure} changes after the defaults are set. */
  public Shop(UnaryOperator<Meadow.Builder> configure) {
    this(MemoryStorage.create(), configure);
  }

  /** Returns a shop on {@code storage}, empty, whose builder {@code configure} changes. */
  public Shop(Storage storage, UnaryOperator<Meadow.Builder> configure) {
    this.storage = storage;
    Meadow.Builder builder = Meadow.builder()
        .storage(storage)
        .clock(clock)
        .storeStaff(user -> {
          if (staffDown) {
            throw new IllegalStateException("the staff directory is down");
          }
          return staff.getOrDefault(user, Set.of());
        })
        .purchases((user, product, order) -> Optional.ofNullable(purchases.get(user.value() + "/" + product.value())));
    meadow = configure.apply(builder).build();
  }

  /** Returns the referral program most tests run. */
  public static ReferralProgram program() {
    return ReferralProgram.builder("friends", EUR)
        .referrerReward(RewardRule.fixed(Money.of(500, EUR)))
        .friendReward(RewardRule.percent(1_000, Money.of(1_000, EUR)))
        .approvalHold(Duration.ofDays(14))
        .landingUrl("https://shop.example/r/{code}")
        .build();
  }

  /** Returns an issuer that pays everything. */
  public static RewardIssuer payingIssuer() {
    return new RewardIssuer() {
      @Override
      public void issue(RewardPayment payment) {}

      @Override
      public void clawBack(RewardPayment payment) {}
    };
  }

  /** Records that {@code user} bought and received {@code product} a day ago. */
  public void bought(UserId user, ProductId product) {
    purchases.put(user.value() + "/" + product.value(), new Purchase(OrderId.of("order-" + user.value()), product,
        clock.instant().minus(Duration.ofDays(1)), PurchaseState.DELIVERED));
  }

  /** Returns a published review of {@code product} sold by {@code store}. */
  public Review review(UserId author, ProductId product, StoreId store, UnaryOperator<ReviewDraft> change) {
    return meadow.reviews().submit(author, change.apply(ReviewDraft.of(product, store,
        ReviewContent.of(4, "Comfortable from the first mile."))));
  }

  /** Makes {@code friend} a customer {@code referrer} referred through a product link. */
  public void refer(UserId referrer, UserId friend) {
    Share share = meadow.referrals().share(referrer, ShareTarget.product(SHOES), Channel.LINK, Audience.everyone());
    String cookie = "cookie-" + friend.value();
    meadow.referrals().recordClick(share.code(), cookie);
    meadow.referrals().attributeSignup(cookie, friend).orElseThrow();
  }

  /** Records an order of {@code buyer} with one line per product; returns its id. */
  public OrderId order(UserId buyer, ProductId... products) {
    OrderId id = OrderId.of("ref-order-" + (++orders));
    List<OrderLine> lines = java.util.Arrays.stream(products).map(p -> OrderLine.of(p, 1, Money.of(6_000, EUR))).toList();
    meadow.referrals().recordOrder(id, buyer, Money.of(6_000L * products.length, EUR), lines).orElseThrow();
    return id;
  }

  /** Returns now. */
  public Instant now() {
    return clock.instant();
  }
}
