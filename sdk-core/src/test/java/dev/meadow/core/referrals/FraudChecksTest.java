package dev.meadow.core.referrals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.PageRequest;
import dev.meadow.core.UserId;
import dev.meadow.core.events.ReferralEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every fraud rule, once triggered and once not. A flagged reward is held with its reasons: never
 * dropped, never paid until a person releases it.
 */
class FraudChecksTest {
  private final ReferralsFixture r = ReferralsFixture.create();
  private final UserId ann = r.user("ann");
  private final UserId bo = r.user("bo");
  private final UserId cy = r.user("cy");

  private Conversion order(String id, UserId buyer) {
    return r.order(id, buyer, 4_000).orElseThrow();
  }

  private void assertHeld(String order, String reason) {
    Conversion conversion = r.referrals.conversion(dev.meadow.core.OrderId.of(order)).orElseThrow();
    assertTrue(conversion.reasons().contains(reason), () -> conversion.reasons().toString());
    r.rewards(order).values().forEach(reward -> {
      assertEquals(RewardState.HELD, reward.state());
      assertTrue(reward.reasons().contains(reason), () -> reward.reasons().toString());
    });
    assertEquals(2, r.rewards(order).size(), "held, not dropped");
  }

  private void assertClean(String order) {
    r.rewards(order).values().forEach(reward -> {
      assertEquals(RewardState.PENDING, reward.state(), () -> reward.reasons().toString());
      assertEquals(List.of(), reward.reasons());
    });
    assertEquals(2, r.rewards(order).size());
  }

  @Test
  void selfReferral_buyerIsTheSharer_isHeld() {
    Attribution self = r.refer(ann, ann);
    assertEquals(List.of(FraudReason.SELF_REFERRAL), self.reasons());
    order("order-1", ann);
    assertHeld("order-1", FraudReason.SELF_REFERRAL);
  }

  @Test
  void sharedFingerprint_isHeld_andDistinctFingerprintsAreNot() {
    r.fingerprints(ann, "device:aa11", "card:77ff");
    r.fingerprints(bo, "device:bb22", "card:77ff");
    r.fingerprints(cy, "device:cc33", "card:0000");
    assertEquals(List.of(FraudReason.SHARED_FINGERPRINT), r.refer(ann, bo).reasons());
    order("order-1", bo);
    assertHeld("order-1", FraudReason.SHARED_FINGERPRINT);

    assertEquals(List.of(), r.refer(ann, cy).reasons());
    order("order-2", cy);
    assertClean("order-2");
  }

  @Test
  void ring_aRefersBAndBRefersA_isHeld_whileAChainIsNot() {
    r.refer(ann, bo);
    order("order-1", bo);
    assertClean("order-1");
    // bo's own link now brings ann back: bo was referred by ann, so a reward from ann to bo is a ring.
    ReferralsFixture ring = ReferralsFixture.create();
    UserId a = ring.user("ann");
    UserId b = ring.user("bo");
    ring.refer(a, b);
    Share bos = ring.share(b);
    ring.click(bos, a);
    Attribution back = ring.emits(ReferralEvent.SignupAttributed.class,
        () -> ring.referrals.attributeSignup(ReferralsFixture.visitor(a), a)).orElseThrow();
    assertEquals(List.of(FraudReason.RING), back.reasons());
    ring.order("order-9", a, 4_000);
    ring.rewards("order-9").values().forEach(reward -> assertEquals(RewardState.HELD, reward.state()));

    UserId dee = r.user("dee");
    r.refer(bo, dee);
    order("order-2", dee);
    assertClean("order-2");
  }

  @Test
  void velocityPerCode_isHeldAboveTheLimit() {
    ReferralsFixture fast = ReferralsFixture.with(p -> p.velocity(2, 100, Duration.ofDays(1)));
    UserId a = fast.user("ann");
    Share share = fast.share(a);
    for (int i = 1; i <= 3; i++) {
      UserId friend = fast.user("friend-" + i);
      fast.refer(share, friend);
      fast.order("order-" + i, friend, 4_000);
    }
    assertEquals(RewardState.PENDING, fast.rewards("order-2").get(RewardRole.REFERRER).state());
    assertEquals(List.of(FraudReason.CODE_VELOCITY), fast.rewards("order-3").get(RewardRole.REFERRER).reasons());
    assertEquals(RewardState.HELD, fast.rewards("order-3").get(RewardRole.REFERRER).state());

    fast.days(1);
    UserId late = fast.user("friend-late");
    fast.refer(share, late);
    fast.order("order-4", late, 4_000);
    assertEquals(RewardState.PENDING, fast.rewards("order-4").get(RewardRole.REFERRER).state(), "a new period");
  }

  @Test
  void velocityPerReferrer_isHeldAboveTheLimit_acrossLinks() {
    ReferralsFixture fast = ReferralsFixture.with(p -> p.velocity(100, 2, Duration.ofDays(1)));
    UserId a = fast.user("ann");
    for (int i = 1; i <= 3; i++) {
      UserId friend = fast.user("friend-" + i);
      fast.refer(a, friend);
      fast.order("order-" + i, friend, 4_000);
    }
    assertEquals(List.of(), fast.rewards("order-2").get(RewardRole.REFERRER).reasons());
    assertEquals(List.of(FraudReason.REFERRER_VELOCITY), fast.rewards("order-3").get(RewardRole.REFERRER).reasons());
  }

  @Test
  void directShare_convertingForManyStrangers_isALeakedCode_whileItsRecipientsAreFine() {
    Share direct = r.emits(ReferralEvent.Shared.class, () -> r.referrals.share(ann,
        ShareTarget.product(ReferralsFixture.SCARF), Channel.MESSAGE, Audience.direct(List.of(bo, cy), null)));
    r.refer(direct, bo);
    order("order-bo", bo);
    assertClean("order-bo");
    for (int i = 1; i <= 4; i++) {
      UserId stranger = r.user("stranger-" + i);
      Attribution attribution = r.refer(direct, stranger);
      assertEquals(i > 3, attribution.reasons().contains(FraudReason.LEAKED_CODE), "stranger " + i);
      order("order-" + i, stranger);
    }
    assertClean("order-3");
    assertHeld("order-4", FraudReason.LEAKED_CODE);
    r.refer(direct, cy);
    order("order-cy", cy);
    assertClean("order-cy");
  }

  @Test
  void referrerCap_holdsRewardsBeyondIt_perPeriod() {
    ReferralsFixture capped = ReferralsFixture.with(p -> p.capPerReferrer(2, Duration.ofDays(30)));
    UserId a = capped.user("ann");
    for (int i = 1; i <= 3; i++) {
      UserId friend = capped.user("friend-" + i);
      capped.refer(a, friend);
      capped.order("order-" + i, friend, 4_000);
    }
    assertEquals(RewardState.PENDING, capped.rewards("order-2").get(RewardRole.REFERRER).state());
    Reward third = capped.rewards("order-3").get(RewardRole.REFERRER);
    assertEquals(RewardState.HELD, third.state());
    assertEquals(List.of(FraudReason.REFERRER_CAP), third.reasons());
    assertEquals(RewardState.PENDING, capped.rewards("order-3").get(RewardRole.FRIEND).state(), "the friend is not capped");
  }

  @Test
  void heldRewards_areNeverPaid_untilReleased_andRejectedOnesNever() {
    r.refer(ann, ann);
    order("order-1", ann);
    r.days(30);
    assertEquals(new PendingRun(0, 0, 0, 0), r.referrals.runPending());
    assertEquals(0, r.host.balance(ann));
    List<Reward> held = r.referrals.held(PageRequest.first(10)).items();
    assertEquals(2, held.size());
    assertTrue(r.emits(ReferralEvent.RewardChanged.class, () -> r.referrals.release(r.user("reviewer"), held.get(0).id())));
    assertTrue(r.emits(ReferralEvent.RewardChanged.class,
        () -> r.referrals.reject(r.user("reviewer"), held.get(1).id(), "the same person")));
    assertFalse(r.changesNothing(() -> r.referrals.release(r.user("reviewer"), held.get(1).id())));
    assertEquals(new PendingRun(1, 1, 0, 0), r.referrals.runPending());
    assertEquals(held.get(0).amount().minor(), r.host.balance(ann));
    Reward rejected = r.reload(held.get(1));
    assertEquals(RewardState.REJECTED, rejected.state());
    assertTrue(rejected.reasons().contains("rejected by reviewer: the same person"), rejected.reasons()::toString);
    assertTrue(r.reload(held.get(0)).reasons().contains("released by reviewer"));
    r.assertStatsExact();
  }
}
