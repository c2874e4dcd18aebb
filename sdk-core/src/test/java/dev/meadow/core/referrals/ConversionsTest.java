package dev.meadow.core.referrals;

import static dev.meadow.core.referrals.ReferralsFixture.EUR;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.meadow.core.OrderId;
import dev.meadow.core.UserId;
import dev.meadow.core.events.ReferralEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConversionsTest {
  private final ReferralsFixture r = ReferralsFixture.create();
  private final UserId ann = r.user("ann");
  private final UserId bo = r.user("bo");

  @Test
  void order_ofAReferredCustomer_convertsAndEarnsPendingRewards() {
    r.refer(ann, bo);
    Conversion conversion = r.emits(List.of(ReferralEvent.Converted.class, ReferralEvent.RewardEarned.class,
        ReferralEvent.RewardEarned.class), () -> r.order("order-1", bo, 4_500)).orElseThrow();
    assertEquals(ann, conversion.referrer());
    assertEquals(Money.of(4_500, EUR), conversion.amount());
    assertEquals(List.of(), conversion.reasons());
    Map<RewardRole, Reward> rewards = r.rewards("order-1");
    assertEquals(Money.of(500, EUR), rewards.get(RewardRole.REFERRER).amount());
    assertEquals(ann, rewards.get(RewardRole.REFERRER).beneficiary());
    assertEquals(Money.of(450, EUR), rewards.get(RewardRole.FRIEND).amount(), "10% of 45.00");
    assertEquals(bo, rewards.get(RewardRole.FRIEND).beneficiary());
    rewards.values().forEach(reward -> {
      assertEquals(RewardState.PENDING, reward.state());
      assertEquals(r.clock.instant().plus(java.time.Duration.ofDays(14)), reward.approveAt());
    });
    assertEquals(1, r.referrals.stats(ann).orders());
    assertEquals(4_500, r.referrals.stats(ann).revenueMinor());
    r.assertStatsExact();
  }

  @Test
  void order_reportedAgain_returnsTheSameConversionAndChangesNothing() {
    r.refer(ann, bo);
    Conversion first = r.order("order-1", bo, 4_500).orElseThrow();
    assertEquals(Optional.of(first), r.changesNothing(() -> r.order("order-1", bo, 4_500)));
    assertEquals(Optional.of(first), r.changesNothing(() -> r.order("order-1", bo, 9_999)));
    assertEquals(2, r.referrals.rewardsOfOrder(OrderId.of("order-1")).size());
  }

  @Test
  void order_ofACustomerNobodyReferred_orAfterTheWindow_storesNothing() {
    UserId stranger = r.user("stranger");
    assertEquals(Optional.empty(), r.changesNothing(() -> r.order("order-1", stranger, 4_500)));
    r.refer(ann, bo);
    r.days(31);
    assertEquals(Optional.empty(), r.changesNothing(() -> r.order("order-2", bo, 4_500)));
  }

  @Test
  void tieredRewards_growWithTheReferrersConversions() {
    ReferralsFixture tiers = ReferralsFixture.with(p -> p.referrerReward(RewardRule.tiered(List.of(
        RewardRule.Tier.from(1, RewardRule.fixed(Money.of(500, EUR))),
        RewardRule.Tier.from(3, RewardRule.fixed(Money.of(900, EUR)))))));
    UserId a = tiers.user("ann");
    Share share = tiers.share(a);
    for (int i = 1; i <= 4; i++) {
      UserId friend = tiers.user("friend-" + i);
      tiers.refer(share, friend);
      tiers.order("order-" + i, friend, 2_000);
    }
    assertEquals(List.of(500L, 500L, 900L, 900L), List.of(1, 2, 3, 4).stream()
        .map(i -> tiers.rewards("order-" + i).get(RewardRole.REFERRER).amount().minor()).toList());
  }

  @Test
  void depthTwo_alsoRewardsTheReferrersReferrer_andDepthOneDoesNot() {
    r.refer(ann, bo);
    UserId cy = r.user("cy");
    r.refer(bo, cy);
    r.order("order-1", cy, 2_000);
    assertEquals(List.of(RewardRole.REFERRER, RewardRole.FRIEND), List.copyOf(r.rewards("order-1").keySet()));

    ReferralsFixture deep = ReferralsFixture.with(p -> p.depth(2).secondLevelReward(RewardRule.fixed(Money.of(100, EUR))));
    UserId a = deep.user("ann");
    UserId b = deep.user("bo");
    UserId c = deep.user("cy");
    UserId d = deep.user("dee");
    deep.refer(a, b);
    deep.refer(b, c);
    deep.refer(c, d);
    deep.order("order-1", d, 2_000);
    Map<RewardRole, Reward> rewards = deep.rewards("order-1");
    assertEquals(c, rewards.get(RewardRole.REFERRER).beneficiary());
    assertEquals(b, rewards.get(RewardRole.SECOND_LEVEL).beneficiary());
    assertEquals(Money.of(100, EUR), rewards.get(RewardRole.SECOND_LEVEL).amount());
    assertEquals(3, rewards.size(), "ann, three levels up, earns nothing: the chain stops at two");
  }
}
