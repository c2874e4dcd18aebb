package dev.meadow.core.referrals;

import static dev.meadow.core.referrals.ReferralsFixture.EUR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.OrderId;
import dev.meadow.core.UserId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Clawbacks whose outcome Meadow did not learn: the host took the money back, then the call threw
 * (as when the process stops before Meadow records it), and a further refund came before the
 * retry. The retry repeats the same key with the same amount; what is left is a new clawback
 * under a new key, so the host takes back exactly what the refunds require.
 */
class ClawbackTest {
  private final ReferralsFixture r = ReferralsFixture.create();
  private final UserId ann = r.user("ann");
  private final UserId bo = r.user("bo");
  private final OrderId order = r.orderId("order-1");

  /** Ann referred Bo, who bought for 40.00; both rewards (5.00 and 4.00) are paid. */
  private void paid() {
    r.refer(ann, bo);
    r.order("order-1", bo, 4_000);
    r.days(14);
    assertEquals(new PendingRun(2, 2, 0, 0), r.referrals.runPending());
  }

  private void refund(long totalMinor) {
    r.referrals.recordRefund(order, Money.of(totalMinor, EUR)).orElseThrow();
  }

  private Reward referrer() {
    return r.rewards("order-1").get(RewardRole.REFERRER);
  }

  private static String key(Reward reward, long clawedBackBefore) {
    return "meadow-reward-" + reward.id() + "-clawback-" + clawedBackBefore;
  }

  @Test
  void clawbackTakenButNotRecorded_thenAFurtherRefund_takesBackExactlyWhatTheRefundsRequire() {
    paid();
    refund(2_000);
    r.host.failAfterClawingBack.set(2);
    assertEquals(new PendingRun(0, 0, 0, 2), r.referrals.runPending(), "taken back, but Meadow did not hear it");
    assertEquals(250, r.host.balance(ann));
    Reward inFlight = referrer();
    assertEquals(RewardState.CLAWBACK, inFlight.state());
    assertEquals(250, inFlight.clawing(), "the amount in flight was recorded before the host was called");
    assertEquals(0, inFlight.clawedBack());

    refund(3_000);
    assertEquals(250, referrer().clawing(), "a refund leaves the clawback in flight as it was");
    assertEquals(Money.of(125, EUR), referrer().owed());
    int calls = r.host.calls.size();
    assertEquals(new PendingRun(0, 0, 0, 0), r.referrals.runPending(), "a fresh claim is not retried at once");
    assertEquals(calls, r.host.calls.size());

    r.clock.advance(Referrals.ISSUE_RETRY_AFTER);
    assertEquals(new PendingRun(0, 0, 4, 0), r.referrals.runPending(),
        "each reward: the retry, then the rest under a new key");
    assertEquals(125, r.host.balance(ann), "5.00 paid, 3.75 taken back: a quarter of the order was kept");
    assertEquals(100, r.host.balance(bo));
    assertEquals(List.of("clawback " + key(inFlight, 0) + " 2.50 EUR", "clawback " + key(inFlight, 0) + " 2.50 EUR",
        "clawback " + key(inFlight, 250) + " 1.25 EUR"),
        r.host.calls.stream().filter(call -> call.contains(inFlight.id().value() + "-clawback")).toList());
    r.host.assertOneAmountPerKey();
    Reward settled = referrer();
    assertEquals(RewardState.ISSUED, settled.state());
    assertEquals(375, settled.clawedBack());
    assertEquals(0, settled.clawing());
    assertEquals(settled.owed(), settled.held());
    assertEquals(new PendingRun(0, 0, 0, 0), r.referrals.runPending(), "nothing is taken back twice");
    r.assertStatsExact();
  }

  @Test
  void clawbackFailedBeforeTakingBack_isRetriedWithTheSameKeyAndAmount_evenAfterAFullRefund() {
    paid();
    refund(1_000);
    r.host.failBeforePaying.set(2);
    assertEquals(new PendingRun(0, 0, 0, 2), r.referrals.runPending());
    assertEquals(500, r.host.balance(ann), "nothing taken back yet");
    Reward inFlight = referrer();
    assertEquals(125, inFlight.clawing());
    refund(4_000);
    r.clock.advance(Referrals.ISSUE_RETRY_AFTER);
    assertEquals(new PendingRun(0, 0, 4, 0), r.referrals.runPending());
    assertEquals(0, r.host.balance(ann));
    assertEquals(0, r.host.balance(bo));
    assertEquals(2, r.host.callsWith(key(inFlight, 0)), "the failed call and its retry");
    assertEquals(1, r.host.callsWith(key(inFlight, 125)));
    r.host.assertOneAmountPerKey();
    Reward reversed = referrer();
    assertEquals(RewardState.REVERSED, reversed.state());
    assertEquals(500, reversed.clawedBack());
    assertFalse(reversed.isClawing());
    r.assertStatsExact();
  }

  @Test
  void clawbackInFlight_countsInTheStatisticsAsWhatIsOwed() {
    paid();
    refund(2_000);
    r.host.failAfterClawingBack.set(2);
    r.referrals.runPending();
    assertTrue(referrer().isClawing());
    ReferralStats stats = r.referrals.programStats();
    assertEquals(2, stats.rewards(RewardState.CLAWBACK));
    assertEquals(250 + 200, stats.rewardsMinor(RewardState.CLAWBACK));
    r.assertStatsExact();
  }
}
