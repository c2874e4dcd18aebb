package dev.meadow.core.referrals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.OrderId;
import dev.meadow.core.Races;
import dev.meadow.core.UserId;
import dev.meadow.core.events.MeadowEvent;
import dev.meadow.core.events.ReferralEvent;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Eight threads racing on the same order, click, signup or refund: exactly one takes effect. */
class ReferralRacesTest {
  private static final int THREADS = 8;
  private final ReferralsFixture r = ReferralsFixture.create();
  private final UserId ann = r.user("ann");
  private final UserId bo = r.user("bo");

  private long heard(Class<? extends MeadowEvent> type) {
    return r.witness.outboxEvents().stream().filter(type::isInstance).count();
  }

  @Test
  void eightThreadsReportingOneOrder_convertItOnce_withOneSetOfRewards() throws Exception {
    r.refer(ann, bo);
    List<Optional<Conversion>> results = Races.run(THREADS, thread -> () -> r.order("order-1", bo, 4_000));
    assertEquals(1, results.stream().distinct().count(), "every thread gets the one conversion");
    assertEquals(1, heard(ReferralEvent.Converted.class));
    assertEquals(2, heard(ReferralEvent.RewardEarned.class));
    assertEquals(2, r.referrals.rewardsOfOrder(OrderId.of("order-1")).size());
    assertEquals(1, r.referrals.stats(ann).orders());
    assertEquals(4_000, r.referrals.programStats().revenueMinor());
    r.assertStatsExact();
  }

  @Test
  void eightThreadsClickingAsOneVisitor_countOnce() throws Exception {
    Share share = r.share(ann);
    List<Boolean> counted = Races.run(THREADS, thread -> () -> r.referrals.recordClick(share.code(), "cookie-bo"));
    assertEquals(1, counted.stream().filter(c -> c).count());
    assertEquals(1, r.referrals.stats(ann).clicks());
  }

  @Test
  void eightThreadsSigningOneCustomerUp_attributeOnce() throws Exception {
    Share share = r.share(ann);
    r.click(share, bo);
    List<Optional<Attribution>> results = Races.run(THREADS, thread ->
        () -> r.referrals.attributeSignup(ReferralsFixture.visitor(bo), bo));
    assertEquals(1, results.stream().distinct().count());
    assertEquals(1, heard(ReferralEvent.SignupAttributed.class));
    assertEquals(1, r.referrals.stats(ann).signups());
  }

  @Test
  void eightThreadsReportingOneRefund_reverseOnce() throws Exception {
    r.refer(ann, bo);
    r.order("order-1", bo, 4_000);
    Races.run(THREADS, thread -> () -> r.referrals.recordRefund(OrderId.of("order-1"), Money.of(4_000, ReferralsFixture.EUR)));
    assertEquals(1, heard(ReferralEvent.Refunded.class));
    assertEquals(2, heard(ReferralEvent.RewardChanged.class));
    assertEquals(0, r.referrals.stats(ann).revenueMinor());
    r.assertStatsExact();
  }

  @Test
  void eightThreadsRunningPendingWork_whileClawbacksAreInFlightAndRefundsGrow_takeBackExactlyWhatIsOwed()
      throws Exception {
    List<String> orders = List.of("order-0", "order-1", "order-2", "order-3");
    for (int i = 0; i < orders.size(); i++) {
      UserId referrer = r.user("referrer-" + i);
      UserId buyer = r.user("buyer-" + i);
      r.refer(referrer, buyer);
      r.order(orders.get(i), buyer, 4_000);
    }
    r.days(14);
    assertEquals(new PendingRun(8, 8, 0, 0), r.referrals.runPending());
    for (String order : orders) {
      r.referrals.recordRefund(OrderId.of(order), Money.of(2_000, ReferralsFixture.EUR));
    }
    r.host.failAfterClawingBack.set(8);
    assertEquals(new PendingRun(0, 0, 0, 8), r.referrals.runPending(), "every clawback taken, none recorded");
    for (String order : orders.subList(0, 2)) {
      r.referrals.recordRefund(OrderId.of(order), Money.of(3_000, ReferralsFixture.EUR));
    }
    r.clock.advance(Referrals.ISSUE_RETRY_AFTER);
    r.host.clawbackTakes = Duration.ofMillis(20);

    // Two threads report further refunds of the other orders while all eight run the pending work.
    List<PendingRun> runs = Races.run(THREADS, thread -> () -> {
      if (thread < 2) {
        r.referrals.recordRefund(OrderId.of(orders.get(2 + thread)), Money.of(3_000, ReferralsFixture.EUR));
      }
      return r.referrals.runPending();
    });
    int raced = runs.stream().mapToInt(PendingRun::clawedBack).sum();
    assertTrue(raced >= 8, "the first two orders' retries and rests are done in the race, was " + raced);
    r.clock.advance(Referrals.ISSUE_RETRY_AFTER);
    PendingRun last = r.referrals.runPending();

    assertEquals(0, runs.stream().mapToInt(PendingRun::failed).sum() + last.failed());
    assertEquals(16, raced + last.clawedBack(),
        "each reward: one retry of the clawback in flight, one clawback of the rest");
    r.host.assertOneAmountPerKey();
    for (String order : orders) {
      for (Reward reward : r.referrals.rewardsOfOrder(OrderId.of(order))) {
        assertEquals(reward.owed().minor(), r.host.balance(reward.beneficiary()), reward.beneficiary().value());
        assertEquals(reward.owed(), reward.held());
        assertEquals(RewardState.ISSUED, reward.state());
        String inFlight = "meadow-reward-" + reward.id() + "-clawback-0";
        assertEquals(2, r.host.callsWith(inFlight), "the crashed call and one retry: " + inFlight);
        String rest = "meadow-reward-" + reward.id() + "-clawback-" + reward.amount().minor() / 2;
        assertEquals(1, r.host.callsWith(rest), "the rest, once: " + rest);
      }
    }
    assertEquals(8 * 2 + 8, r.host.calls.stream().filter(call -> call.startsWith("clawback")).count());
    r.assertStatsExact();
  }
}
