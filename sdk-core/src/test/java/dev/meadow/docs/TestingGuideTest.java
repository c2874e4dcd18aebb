package dev.meadow.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.meadow.core.Meadow;
import dev.meadow.core.OrderId;
import dev.meadow.core.ProductId;
import dev.meadow.core.UserId;
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
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The examples of docs/testing.md: time moves when the test says so, never by sleeping. */
class TestingGuideTest {

  @Test
  @DisplayName("A manual clock lets a test pass the approval hold at once")
  void manualClock_movesMeadowsTime() {
    Currency eur = Currency.getInstance("EUR");
    UserId ada = UserId.of("ada");
    UserId bo = UserId.of("bo");
    ProductId shoes = ProductId.of("sku-trail-2");
    // snippet: testing-clock-use
    ManualClock clock = new ManualClock(Instant.parse("2026-05-01T09:00:00Z"));
    Meadow meadow = Meadow.builder()
        .clock(clock)                                   // every time Meadow records or compares comes from it
        .referralProgram(ReferralProgram.builder("friends", eur)
            .referrerReward(RewardRule.fixed(Money.of(500, eur)))
            .approvalHold(Duration.ofDays(14))
            .landingUrl("https://shop.example/r/{code}")
            .build())
        .build();
    Referrals referrals = meadow.referrals();
    Share share = referrals.share(ada, ShareTarget.product(shoes), Channel.LINK, Audience.everyone());
    referrals.recordClick(share.code(), "cookie-1");
    referrals.attributeSignup("cookie-1", bo);
    referrals.recordOrder(OrderId.of("order-1"), bo, Money.of(8_000, eur), List.of(OrderLine.of(shoes, 1, Money.of(8_000, eur))));

    referrals.runPending();                             // PendingRun[approved=0, …]: the hold has not passed
    clock.advance(Duration.ofDays(14));                 // a fortnight, at once
    referrals.runPending();                             // PendingRun[approved=1, …]
    // end snippet: testing-clock-use
    assertEquals(1, referrals.stats(ada).rewards(RewardState.APPROVED), "no issuer: approved rewards wait");
    assertEquals(clock.instant(), Instant.parse("2026-05-15T09:00:00Z"));
  }
}
