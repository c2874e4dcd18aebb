package dev.meadow.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

// snippet: referrals-imports
import dev.meadow.core.Meadow;
import dev.meadow.core.OrderId;
import dev.meadow.core.ProductId;
import dev.meadow.core.UserId;
import dev.meadow.core.referrals.Attribution;
import dev.meadow.core.referrals.Audience;
import dev.meadow.core.referrals.Channel;
import dev.meadow.core.referrals.Conversion;
import dev.meadow.core.referrals.Money;
import dev.meadow.core.referrals.OrderLine;
import dev.meadow.core.referrals.ReferralProgram;
import dev.meadow.core.referrals.ReferralStats;
import dev.meadow.core.referrals.Referrals;
import dev.meadow.core.referrals.RewardPayment;
import dev.meadow.core.referrals.RewardRule;
import dev.meadow.core.referrals.Share;
import dev.meadow.core.referrals.ShareTarget;
import dev.meadow.core.ports.RewardIssuer;
import java.time.Duration;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
// end snippet: referrals-imports
import dev.meadow.core.TestClock;
import dev.meadow.core.referrals.RewardState;
import java.util.ArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The examples of docs/referrals.md beyond the README's former referrals example. */
class ReferralsGuideTest {
  private final TestClock clock = TestClock.at("2026-05-01T09:00:00Z");
  private final List<RewardPayment> paid = new ArrayList<>();

  @Test
  @DisplayName("Repeated clicks, signups, orders and refunds change nothing; a lower refunded total is ignored")
  void repeats_changeNothing() {
    Currency eur = Currency.getInstance("EUR");
    UserId ada = UserId.of("ada");
    UserId bo = UserId.of("bo");
    UserId chen = UserId.of("chen");
    ProductId shoes = ProductId.of("sku-trail-2");
    String cookie = "visitor-cookie-of-bo";
    Meadow meadow = Meadow.builder()
        .clock(clock)
        .referralProgram(ReferralProgram.builder("friends", eur)
            .referrerReward(RewardRule.fixed(Money.of(500, eur)))
            .landingUrl("https://shop.example/r/{code}")
            .build())
        .rewards(new RewardIssuer() {
          @Override
          public void issue(RewardPayment payment) {
            paid.add(payment);
          }

          @Override
          public void clawBack(RewardPayment payment) {
            paid.add(payment);
          }
        })
        .build();
    Referrals referrals = meadow.referrals();
    Share share = referrals.share(ada, ShareTarget.product(shoes), Channel.LINK, Audience.everyone());
    // snippet: referrals-repeats
    boolean counted = referrals.recordClick(share.code(), cookie);        // true
    boolean again = referrals.recordClick(share.code(), cookie);          // false: one visitor, one link, within the click window
    Optional<Attribution> signup = referrals.attributeSignup(cookie, bo); // bo is ada's referral
    referrals.attributeSignup(cookie, bo);                                // the same attribution again; nothing new stored

    List<OrderLine> lines = List.of(OrderLine.of(shoes, 1, Money.of(12_000, eur)));
    Optional<Conversion> first = referrals.recordOrder(OrderId.of("order-1"), bo, Money.of(12_000, eur), lines);
    Optional<Conversion> repeat = referrals.recordOrder(OrderId.of("order-1"), bo, Money.of(12_000, eur), lines);
    // repeat equals first: the same conversion, no second reward, stats unchanged
    referrals.recordOrder(OrderId.of("order-2"), chen, Money.of(3_000, eur), List.of());   // empty, nothing stored: chen was not referred

    referrals.recordRefund(OrderId.of("order-1"), Money.of(6_000, eur));  // half refunded: the 5.00 reward becomes 2.50
    referrals.recordRefund(OrderId.of("order-1"), Money.of(6_000, eur));  // the same total again: nothing changes
    Optional<Conversion> now = referrals.recordRefund(OrderId.of("order-1"), Money.of(4_000, eur));
    // a lower total than recorded changes nothing either: refunds only grow; now.get().refunded() is still 60.00
    // end snippet: referrals-repeats
    assertTrue(counted);
    assertFalse(again);
    assertEquals(ada, signup.orElseThrow().referrer());
    assertEquals(first, repeat);
    assertTrue(first.isPresent());
    assertTrue(referrals.recordOrder(OrderId.of("order-2"), chen, Money.of(3_000, eur), List.of()).isEmpty());
    assertEquals(Money.of(6_000, eur), now.orElseThrow().refunded());
    assertEquals(2, now.orElseThrow().version(), "recorded once, refunded once");
    ReferralStats stats = referrals.stats(ada);
    assertEquals(1, stats.clicks());
    assertEquals(1, stats.orders());
    assertEquals(6_000, stats.revenueMinor());
    assertEquals(1, stats.rewards(RewardState.PENDING));
    assertEquals(250, stats.rewardsMinor(RewardState.PENDING));

    clock.advance(Duration.ofDays(14));
    referrals.runPending();
    referrals.runPending();
    assertEquals(1, paid.size(), "paid once");
    assertEquals(250, paid.get(0).amount().minor());
  }
}
