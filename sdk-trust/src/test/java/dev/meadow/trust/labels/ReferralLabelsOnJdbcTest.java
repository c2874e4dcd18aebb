package dev.meadow.trust.labels;

import static dev.meadow.trust.labels.Shop.ADA;
import static dev.meadow.trust.labels.Shop.BO;
import static dev.meadow.trust.labels.Shop.SAM;
import static dev.meadow.trust.labels.Shop.SHOES;
import static dev.meadow.trust.labels.Shop.SOCKS;
import static dev.meadow.trust.labels.Shop.TRAILHEAD;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.meadow.core.OrderId;
import dev.meadow.core.referrals.Reward;
import dev.meadow.core.referrals.RewardRole;
import dev.meadow.core.referrals.RewardState;
import dev.meadow.core.spi.Storage;
import dev.meadow.storage.jdbc.TestDatabase;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The labels that read the referral ledger, on the JDBC adapter (the rest of the label tests run
 * on memory): the same records read back from H2 and PostgreSQL label a review the same way.
 */
@DisplayName("Referral-derived labels on H2 and PostgreSQL")
class ReferralLabelsOnJdbcTest {
  static Stream<Storage> storages() {
    return Stream.of(TestDatabase.H2.kitStorage(List.of()), TestDatabase.POSTGRES.kitStorage(List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("storages")
  @DisplayName("A referral reward on the reviewed product makes the review incentivised; one on another product does not")
  void rewardOnTheProduct(Storage storage) {
    Shop shop = new Shop(storage, b -> b.referralProgram(Shop.program()));
    shop.refer(ADA, BO);
    OrderId order = shop.order(BO, SHOES);
    Reward reward = shop.meadow.referrals().rewardsOfOrder(order).get(0);
    DisclosureLabels labels = DisclosureLabels.of(shop.meadow);
    assertEquals(List.of(new Label(LabelKind.INCENTIVISED,
            List.of(new Evidence.ReferralReward(reward.id(), RewardRole.REFERRER, RewardState.PENDING)))),
        labels.labels(shop.review(ADA, SHOES, TRAILHEAD, d -> d)));
    assertEquals(List.of(), labels.labels(shop.review(ADA, SOCKS, TRAILHEAD, d -> d)), "no reward on socks");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("storages")
  @DisplayName("A reviewer referred by the store's own staff gets the incentivised label")
  void referredByStaff(Storage storage) {
    Shop shop = new Shop(storage, b -> b.referralProgram(Shop.program()));
    shop.refer(SAM, BO);
    assertEquals(List.of(LabelKind.INCENTIVISED), DisclosureLabels.of(shop.meadow)
        .labels(shop.review(BO, SHOES, TRAILHEAD, d -> d)).stream().map(Label::kind).toList());
  }
}
