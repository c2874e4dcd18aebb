package dev.meadow.core.referrals;

import static dev.meadow.core.referrals.ReferralsFixture.EUR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.OrderId;
import dev.meadow.core.UserId;
import dev.meadow.core.events.ReferralEvent;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RefundsTest {
  private final ReferralsFixture r = ReferralsFixture.create();
  private final UserId ann = r.user("ann");
  private final UserId bo = r.user("bo");
  private final OrderId order = OrderId.of("order-1");

  private void converted() {
    r.refer(ann, bo);
    r.order("order-1", bo, 4_000);
  }

  private Conversion refund(long totalMinor, int rewardsChanged) {
    List<Class<? extends dev.meadow.core.events.MeadowEvent>> events = new java.util.ArrayList<>();
    events.add(ReferralEvent.Refunded.class);
    for (int i = 0; i < rewardsChanged; i++) {
      events.add(ReferralEvent.RewardChanged.class);
    }
    return r.emits(events, () -> r.referrals.recordRefund(order, Money.of(totalMinor, EUR))).orElseThrow();
  }

  @Test
  void fullRefund_beforeIssue_reversesEveryReward() {
    converted();
    Conversion refunded = refund(4_000, 2);
    assertEquals(Money.of(0, EUR), refunded.kept());
    r.rewards("order-1").values().forEach(reward -> {
      assertEquals(RewardState.REVERSED, reward.state());
      assertEquals(reward.amount().minor(), reward.reversed());
      assertTrue(reward.reasons().contains(FraudReason.REFUNDED));
    });
    r.days(14);
    assertEquals(new PendingRun(0, 0, 0, 0), r.referrals.runPending(), "nothing reversed is approved or paid");
    assertEquals(0, r.host.balance(ann));
    assertEquals(0, r.referrals.stats(ann).revenueMinor());
    r.assertStatsExact();
  }

  @Test
  void partialRefund_beforeIssue_keepsTheKeptShare_andPaysOnlyThat() {
    converted();
    refund(1_000, 2);
    Reward referrer = r.rewards("order-1").get(RewardRole.REFERRER);
    Reward friend = r.rewards("order-1").get(RewardRole.FRIEND);
    assertEquals(RewardState.PENDING, referrer.state());
    assertEquals(Money.of(375, EUR), referrer.owed(), "three quarters of 5.00");
    assertEquals(Money.of(300, EUR), friend.owed(), "three quarters of 4.00");
    r.days(14);
    r.referrals.runPending();
    assertEquals(375, r.host.balance(ann));
    assertEquals(300, r.host.balance(bo));
    assertEquals(3_000, r.referrals.stats(ann).revenueMinor());
    r.assertStatsExact();
  }

  @Test
  void refundAfterIssue_clawsBackWhatWasPaid() {
    converted();
    r.days(14);
    r.referrals.runPending();
    assertEquals(500, r.host.balance(ann));
    refund(2_000, 2);
    Reward referrer = r.rewards("order-1").get(RewardRole.REFERRER);
    assertEquals(RewardState.CLAWBACK, referrer.state());
    assertEquals(new PendingRun(0, 0, 2, 0), r.referrals.runPending());
    assertEquals(250, r.host.balance(ann), "half of it taken back");
    assertEquals(200, r.host.balance(bo));
    assertEquals(RewardState.ISSUED, r.reload(referrer).state());
    refund(4_000, 2);
    assertEquals(new PendingRun(0, 0, 2, 0), r.referrals.runPending());
    assertEquals(0, r.host.balance(ann), "all of it taken back");
    assertEquals(0, r.host.balance(bo));
    Reward reversed = r.reload(referrer);
    assertEquals(RewardState.REVERSED, reversed.state());
    assertEquals(500, reversed.clawedBack());
    assertEquals(new PendingRun(0, 0, 0, 0), r.referrals.runPending(), "nothing is taken back twice");
    r.assertStatsExact();
  }

  @Test
  void failedClawback_isRetriedWithTheSameKey() {
    converted();
    r.days(14);
    r.referrals.runPending();
    refund(4_000, 2);
    r.host.failBeforePaying.set(1);
    assertEquals(new PendingRun(0, 0, 1, 1), r.referrals.runPending());
    assertEquals(new PendingRun(0, 0, 0, 0), r.referrals.runPending(), "a failed clawback waits before its retry");
    r.clock.advance(Referrals.ISSUE_RETRY_AFTER);
    assertEquals(new PendingRun(0, 0, 1, 0), r.referrals.runPending());
    assertEquals(0, r.host.balance(ann));
    assertEquals(0, r.host.balance(bo));
    assertEquals(2, r.host.clawedBack.size(), "one clawback per reward");
    r.host.assertOneAmountPerKey();
  }

  @Test
  void refundWhileIssuing_isClawedBackOnceThePaymentLands() {
    converted();
    r.days(14);
    r.host.failAfterPaying.set(2);
    r.referrals.runPending();
    refund(4_000, 2);
    assertEquals(RewardState.ISSUING, r.rewards("order-1").get(RewardRole.REFERRER).state());
    r.clock.advance(Referrals.ISSUE_RETRY_AFTER);
    assertEquals(new PendingRun(0, 2, 2, 0), r.referrals.runPending(), "paid, then taken back in the same run");
    assertEquals(RewardState.REVERSED, r.rewards("order-1").get(RewardRole.REFERRER).state());
    assertEquals(0, r.host.balance(ann));
    assertEquals(0, r.host.balance(bo));
    r.assertStatsExact();
  }

  @Test
  void refundTotals_areIdempotent_andBoundedByTheOrder() {
    converted();
    refund(1_000, 2);
    r.changesNothing(() -> r.referrals.recordRefund(order, Money.of(1_000, EUR)));
    r.changesNothing(() -> r.referrals.recordRefund(order, Money.of(500, EUR)));
    r.rejects("amount", () -> r.referrals.recordRefund(order, Money.of(4_001, EUR)));
    r.rejects("amount", () -> r.referrals.recordRefund(order, Money.of(1_000, "USD")));
    assertEquals(Optional.empty(), r.changesNothing(() -> r.referrals.recordRefund(OrderId.of("not-referred"),
        Money.of(1_000, EUR))));
  }
}
