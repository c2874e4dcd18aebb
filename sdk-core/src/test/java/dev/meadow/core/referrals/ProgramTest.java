package dev.meadow.core.referrals;

import static dev.meadow.core.referrals.ReferralsFixture.EUR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.Meadow;
import dev.meadow.core.ProductId;
import dev.meadow.core.ValidationException;
import java.time.Duration;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProgramTest {
  private static final Currency JPY = Currency.getInstance("JPY");

  @Test
  void depth_isOneByDefault_twoAllowed_moreRefusedWhenBuilt() {
    assertEquals(1, ReferralsFixture.program().build().depth());
    assertEquals(2, ReferralsFixture.program().depth(2).secondLevelReward(RewardRule.fixed(Money.of(100, EUR)))
        .build().depth());
    ReferralProgram.Builder pyramid = ReferralsFixture.program().depth(3)
        .secondLevelReward(RewardRule.fixed(Money.of(100, EUR)));
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, pyramid::build);
    assertTrue(refused.getMessage().contains("pyramid"), refused.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ReferralsFixture.program().depth(10).build());
    assertThrows(IllegalArgumentException.class, () -> ReferralsFixture.program().depth(0));
  }

  @Test
  void defaults_areTheDocumentedOnes() {
    ReferralProgram program = ReferralProgram.builder("p", EUR).landingUrl("https://shop.example/{code}").build();
    assertEquals(null, program.referrerReward());
    assertEquals(null, program.friendReward());
    assertEquals(1, program.depth());
    assertEquals(Duration.ofDays(30), program.attributionWindow());
    assertEquals(TouchModel.LAST_TOUCH, program.model());
    assertEquals(Duration.ofDays(14), program.approvalHold());
    assertEquals(Duration.ofMinutes(30), program.clickWindow());
    assertEquals(0, program.capPerReferrer());
    assertEquals(20, program.maxConversionsPerCode());
    assertEquals(50, program.maxConversionsPerReferrer());
    assertEquals(Duration.ofDays(1), program.velocityPeriod());
    assertEquals(3, program.maxStrangersPerDirectShare());
    assertEquals(Set.of(ShareTarget.Kind.values()), program.eligibleTargets());
  }

  @Test
  void depth_secondLevelRewardGoesWithDepthTwo() {
    assertThrows(IllegalArgumentException.class, () -> ReferralsFixture.program().depth(2).build());
    assertThrows(IllegalArgumentException.class,
        () -> ReferralsFixture.program().secondLevelReward(RewardRule.fixed(Money.of(1, EUR))).build());
  }

  @Test
  void build_refusesRewardsInAnotherCurrencyAndMissingLandingUrl() {
    assertThrows(IllegalArgumentException.class,
        () -> ReferralsFixture.program().referrerReward(RewardRule.fixed(Money.of(500, JPY))));
    assertThrows(IllegalStateException.class, () -> ReferralProgram.builder("p", EUR).build());
    assertThrows(IllegalArgumentException.class, () -> ReferralProgram.builder("Not Valid", EUR));
    assertThrows(IllegalArgumentException.class, () -> ReferralsFixture.program().landingUrl("https://shop.example/r"));
    assertThrows(IllegalArgumentException.class, () -> ReferralsFixture.program().landingUrl("javascript:{code}"));
    assertThrows(IllegalArgumentException.class, () -> ReferralsFixture.program().attributionWindowDays(0));
    assertThrows(IllegalArgumentException.class, () -> ReferralsFixture.program().approvalHold(Duration.ofDays(-1)));
    assertThrows(IllegalArgumentException.class, () -> ReferralsFixture.program().eligibleTargets(Set.of()));
  }

  @Test
  void meadowWithoutProgram_hasNoReferrals() {
    assertThrows(IllegalStateException.class, () -> Meadow.builder().build().referrals());
    Meadow.Builder builder = Meadow.builder().referralProgram(ReferralsFixture.program().build());
    assertThrows(IllegalStateException.class, () -> builder.referralProgram(ReferralsFixture.program().build()));
  }

  @Test
  void money_isExactMinorUnits() {
    Money price = Money.of(1999, "EUR");
    assertEquals("19.99 EUR", price.toString());
    assertEquals(Money.of(199, EUR), price.percent(1_000), "10% of 19.99 is 1.99, rounded down");
    assertEquals(Money.of(Money.MAX_MINOR / 10, EUR), Money.of(Money.MAX_MINOR, EUR).percent(1_000), "no overflow");
    assertEquals("500 JPY", Money.of(500, JPY).toString());
    assertThrows(ValidationException.class, () -> Money.of(-1, EUR));
    assertThrows(ValidationException.class, () -> Money.of(Money.MAX_MINOR + 1, EUR));
    assertThrows(ValidationException.class, () -> Money.of(1, "EURO"));
    assertThrows(ValidationException.class, () -> Money.of(1, EUR).plus(Money.of(1, JPY)));
  }

  @Test
  void rewardRules_fixedPercentWithCapAndTiers() {
    Money order = Money.of(25_000, EUR);
    assertEquals(Money.of(500, EUR), RewardRule.fixed(Money.of(500, EUR)).amountFor(order, 7));
    assertEquals(Money.of(1_000, EUR), RewardRule.percent(1_000, Money.of(1_000, EUR)).amountFor(order, 1), "capped");
    assertEquals(Money.of(750, EUR), RewardRule.percent(300, Money.of(1_000, EUR)).amountFor(order, 1));
    RewardRule tiers = RewardRule.tiered(List.of(
        RewardRule.Tier.from(6, RewardRule.fixed(Money.of(800, EUR))),
        RewardRule.Tier.from(1, RewardRule.fixed(Money.of(500, EUR))),
        RewardRule.Tier.from(20, RewardRule.percent(1_000, Money.of(5_000, EUR)))));
    assertEquals(Money.of(500, EUR), tiers.amountFor(order, 1));
    assertEquals(Money.of(500, EUR), tiers.amountFor(order, 5));
    assertEquals(Money.of(800, EUR), tiers.amountFor(order, 6));
    assertEquals(Money.of(2_500, EUR), tiers.amountFor(order, 20));
    assertThrows(IllegalArgumentException.class,
        () -> RewardRule.tiered(List.of(RewardRule.Tier.from(2, RewardRule.fixed(Money.of(1, EUR))))));
    assertThrows(IllegalArgumentException.class, () -> RewardRule.percent(0, Money.of(1, EUR)));
    assertThrows(IllegalArgumentException.class, () -> RewardRule.percent(10_001, Money.of(1, EUR)));
  }

  @Test
  void landingUrl_fillsTheTemplate() {
    ReferralProgram program = ReferralsFixture.program().build();
    Share share = new Share(ShareCode.of("Ab-_09xyZ12"), "default", dev.meadow.core.UserId.of("ann"),
        ShareTarget.product(ProductId.of("scarf & hat")), Channel.LINK, Audience.everyone(),
        java.time.Instant.parse(ReferralsFixture.START), null);
    assertEquals("https://shop.example/r/Ab-_09xyZ12?to=product/scarf+%26+hat", program.landingUrl(share));
  }
}
