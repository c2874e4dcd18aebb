package dev.meadow.core.referrals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.Meadow;
import dev.meadow.core.OrderId;
import dev.meadow.core.ProductId;
import dev.meadow.core.TestClock;
import dev.meadow.core.UserId;
import dev.meadow.core.ports.RewardIssuer;
import java.time.Duration;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The README's referrals example, compiled and run. The code between the snippet markers is what
 * the README section in NOTES-referrals.md shows; the lead moves it to the quickstart's
 * {@code ReadmeExamplesTest} together with the README text.
 */
class ReadmeExampleTest {
  /** The shop's side: a wallet that pays each idempotency key once. */
  static final class Wallet {
    final Map<String, RewardPayment> credited = new ConcurrentHashMap<>();

    void credit(RewardPayment payment) {
      credited.putIfAbsent(payment.idempotencyKey(), payment);
    }

    void debit(RewardPayment payment) {
      credited.putIfAbsent(payment.idempotencyKey(), payment);
    }

    Set<String> devicesOf(UserId user) {
      return Set.of("device:" + user.value());
    }
  }

  private final Wallet wallet = new Wallet();
  private final TestClock clock = TestClock.at(ReferralsFixture.START);

  @Test
  void referralsExample() {
    UserId ada = UserId.of("ada");
    UserId bo = UserId.of("bo");
    ProductId shoes = ProductId.of("trail-shoes-42");
    Currency eur = Currency.getInstance("EUR");
    String cookie = "visitor-cookie-of-bo";

    // snippet: referrals
    Meadow meadow = Meadow.builder()
        .clock(clock)
        .referralProgram(ReferralProgram.builder("friends", eur)
            .referrerReward(RewardRule.fixed(Money.of(500, eur)))              // 5.00 EUR, exact minor units
            .friendReward(RewardRule.percent(1_000, Money.of(1_000, eur)))     // 10% of the order, at most 10.00
            .approvalHold(Duration.ofDays(14))                                 // your return window
            .landingUrl("https://shop.example/r/{code}")
            .build())                                                          // depth 3+ is refused here
        .rewards(new RewardIssuer() {                                          // pays each idempotency key once
          public void issue(RewardPayment payment) { wallet.credit(payment); }
          public void clawBack(RewardPayment payment) { wallet.debit(payment); }
        })
        .fingerprints(wallet::devicesOf)                                       // hashed devices, cards
        .build();
    Referrals referrals = meadow.referrals();

    Share share = referrals.share(ada, ShareTarget.product(shoes), Channel.MESSAGE,
        Audience.direct(List.of(bo), "The ones I run in"));                   // only ada and bo see it
    String link = referrals.landingUrl(share);                                 // https://shop.example/r/Xk3…
    referrals.recordClick(share.code(), cookie);                               // the cookie is stored hashed
    referrals.attributeSignup(cookie, bo);                                     // bo is ada's referral
    Optional<Conversion> conversion = referrals.recordOrder(OrderId.of("order-1"), bo,
        Money.of(12_000, eur), List.of(OrderLine.of(shoes, 1, Money.of(12_000, eur))));   // once per order id
    referrals.recordRefund(OrderId.of("order-1"), Money.of(6_000, eur));      // half refunded: rewards halved
    referrals.runPending();                  // schedule it: approves after the hold, pays, claws back
    ReferralStats stats = referrals.stats(ada);                                // clicks, orders, rewards by state
    // end snippet: referrals

    assertTrue(link.startsWith("https://shop.example/r/" + share.code()));
    assertEquals(ada, conversion.orElseThrow().referrer());
    assertEquals(1, stats.clicks());
    assertEquals(1, stats.orders());
    assertEquals(6_000, stats.revenueMinor());
    assertEquals(1, stats.rewards(RewardState.PENDING), "the hold has not passed");
    assertEquals(250, stats.rewardsMinor(RewardState.PENDING), "half of 5.00");
    assertTrue(wallet.credited.isEmpty());

    clock.advance(Duration.ofDays(14));
    assertEquals(new PendingRun(2, 2, 0, 0), referrals.runPending());
    assertEquals(Set.of(250L, 500L), Set.copyOf(wallet.credited.values().stream().map(p -> p.amount().minor()).toList()));
  }
}
