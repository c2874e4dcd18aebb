package dev.meadow.core.referrals;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.meadow.core.OrderId;
import dev.meadow.core.Races;
import dev.meadow.core.UserId;
import dev.meadow.core.events.MeadowEvent;
import dev.meadow.core.events.ReferralEvent;
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
}
