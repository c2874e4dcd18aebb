package dev.meadow.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

// snippet: host-ports-imports
import dev.meadow.core.Meadow;
import dev.meadow.core.OrderId;
import dev.meadow.core.ProductId;
import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import dev.meadow.core.events.EventListener;
import dev.meadow.core.referrals.RewardPayment;
import dev.meadow.core.reviews.ContentModerator;
import dev.meadow.core.reviews.ContentModerators;
import dev.meadow.core.reviews.ModerationVerdict;
import dev.meadow.core.reviews.Purchase;
import dev.meadow.core.reviews.PurchaseState;
import dev.meadow.core.reviews.ReviewPolicy;
import dev.meadow.core.ports.Fingerprints;
import dev.meadow.core.ports.PurchaseVerifier;
import dev.meadow.core.ports.RewardIssuer;
import dev.meadow.core.ports.StoreStaff;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
// end snippet: host-ports-imports
import dev.meadow.core.TestClock;
import dev.meadow.core.events.MeadowEvent;
import dev.meadow.core.groups.Group;
import dev.meadow.core.groups.GroupDraft;
import dev.meadow.core.groups.Post;
import dev.meadow.core.groups.PostDraft;
import dev.meadow.core.referrals.Audience;
import dev.meadow.core.referrals.Channel;
import dev.meadow.core.referrals.Money;
import dev.meadow.core.referrals.OrderLine;
import dev.meadow.core.referrals.ReferralProgram;
import dev.meadow.core.referrals.Referrals;
import dev.meadow.core.referrals.RewardRule;
import dev.meadow.core.referrals.RewardState;
import dev.meadow.core.referrals.Share;
import dev.meadow.core.referrals.ShareTarget;
import dev.meadow.core.reviews.DisclosureLabel;
import dev.meadow.core.reviews.Review;
import dev.meadow.core.reviews.ReviewContent;
import dev.meadow.core.reviews.ReviewDraft;
import dev.meadow.core.reviews.ReviewState;
import java.util.Currency;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The example of docs/host-ports.md: every port a host implements, wired into one Meadow and used. */
class HostPortsGuideTest {
  private static final Currency EUR = Currency.getInstance("EUR");
  private final TestClock clock = TestClock.at("2026-05-01T09:00:00Z");
  private final Instant nineDaysAgo = clock.instant().minus(Duration.ofDays(9));
  private final List<MeadowEvent> audited = new ArrayList<>();

  @Test
  @DisplayName("Each host port, implemented as the guide shows, is asked by Meadow")
  void everyPort_isUsed() {
    Map<String, RewardPayment> wallet = new ConcurrentHashMap<>();
    ReferralProgram program = ReferralProgram.builder("friends", EUR)
        .referrerReward(RewardRule.fixed(Money.of(500, EUR)))
        .landingUrl("https://shop.example/r/{code}")
        .build();
    // snippet: host-ports
    PurchaseVerifier purchases = (user, product, order) ->          // order is null unless the draft names one
        user.value().equals("ada")
            ? Optional.of(new Purchase(OrderId.of("o-1001"), product, nineDaysAgo, PurchaseState.DELIVERED))
            : Optional.empty();                                      // bought nothing: not verified
    StoreStaff staff = user ->
        user.value().equals("sam") ? Set.of(StoreId.of("trailhead")) : Set.of();   // empty for a consumer
    Fingerprints fingerprints = user ->
        Set.of("device:" + Integer.toHexString(user.value().hashCode()));          // hashes, never raw ids
    RewardIssuer rewards = new RewardIssuer() {                      // once per idempotency key
      @Override
      public void issue(RewardPayment payment) {
        wallet.putIfAbsent(payment.idempotencyKey(), payment);       // pay payment.amount() to payment.beneficiary()
      }

      @Override
      public void clawBack(RewardPayment payment) {
        wallet.putIfAbsent(payment.idempotencyKey(), payment);       // take payment.amount() back
      }
    };
    ContentModerator noShouting = input -> input.text().chars().anyMatch(Character::isLowerCase)
        ? ModerationVerdict.PUBLISH
        : ModerationVerdict.hold("written in capitals");             // never sees the rating
    EventListener audit = event -> audited.add(event);               // after commit; exceptions are logged

    List<ContentModerator> moderators = new ArrayList<>(ContentModerators.defaults());
    moderators.add(noShouting);                                      // keep the built-in rules, add yours
    Meadow meadow = Meadow.builder()
        .clock(clock)
        .purchases(purchases)
        .storeStaff(staff)
        .fingerprints(fingerprints)
        .rewards(rewards)
        .reviewPolicy(ReviewPolicy.defaults().withModerators(moderators))
        .referralProgram(program)
        .listener(audit)
        .build();
    // end snippet: host-ports
    UserId ada = UserId.of("ada");
    UserId bo = UserId.of("bo");
    UserId sam = UserId.of("sam");
    ProductId shoes = ProductId.of("sku-trail-2");
    StoreId trailhead = StoreId.of("trailhead");

    Review verified = meadow.reviews().submit(ada, ReviewDraft.of(shoes, trailhead, ReviewContent.of(5, "Grippy on wet rock.")));
    assertEquals(List.of(DisclosureLabel.VERIFIED_PURCHASE), verified.labels());
    Review shouted = meadow.reviews().submit(bo, ReviewDraft.of(shoes, trailhead, ReviewContent.of(1, "WORST SHOES EVER")));
    assertEquals(ReviewState.HELD, shouted.state());
    assertEquals(List.of("written in capitals"), shouted.reasons());

    Group station = meadow.groups().createStation(sam, trailhead, GroupDraft.of("Trailhead", "trailhead"));
    Post news = meadow.posts().publish(sam, station.id(), PostDraft.of("New in", "Trail socks."));
    assertEquals(List.of(trailhead), news.affiliations());

    Referrals referrals = meadow.referrals();
    Share share = referrals.share(ada, ShareTarget.product(shoes), Channel.LINK, Audience.everyone());
    referrals.recordClick(share.code(), "cookie-bo");
    referrals.attributeSignup("cookie-bo", bo);
    referrals.recordOrder(OrderId.of("order-1"), bo, Money.of(8_000, EUR), List.of(OrderLine.of(shoes, 1, Money.of(8_000, EUR))));
    clock.advance(Duration.ofDays(14));
    referrals.runPending();
    assertEquals(1, wallet.size());
    RewardPayment payment = wallet.values().iterator().next();
    assertEquals(ada, payment.beneficiary());
    assertEquals(500, payment.amount().minor());
    assertEquals(OrderId.of("order-1"), payment.orderId());
    assertEquals(1, referrals.stats(ada).rewards(RewardState.ISSUED));
    assertTrue(audited.stream().anyMatch(e -> e.type().equals("group.created")));
  }
}
