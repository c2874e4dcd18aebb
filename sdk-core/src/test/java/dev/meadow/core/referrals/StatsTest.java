package dev.meadow.core.referrals;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.meadow.core.UserId;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {
  @Test
  void statsPerSharerAndProgram_andTheLeaderboard() {
    ReferralsFixture r = ReferralsFixture.create();
    UserId ann = r.user("ann");
    UserId bo = r.user("bo");
    UserId cy = r.user("cy");
    Share anns = r.share(ann);
    Share bos = r.share(bo);
    r.share(cy);
    for (int i = 0; i < 3; i++) {
      UserId friend = r.user("a-friend-" + i);
      r.refer(anns, friend);
      r.order("a-" + i, friend, 1_000);
    }
    UserId big = r.user("big-spender");
    r.refer(bos, big);
    r.order("b-1", big, 90_000);
    r.click(bos, r.user("window-shopper"));
    r.referrals.recordRefund(dev.meadow.core.OrderId.of("a-0"), Money.of(1_000, ReferralsFixture.EUR));

    ReferralStats annStats = r.referrals.stats(ann);
    assertEquals(3, annStats.clicks());
    assertEquals(3, annStats.signups());
    assertEquals(3, annStats.orders());
    assertEquals(2_000, annStats.revenueMinor(), "net of the refund");
    assertEquals(2, annStats.rewards(RewardState.PENDING));
    assertEquals(1_000, annStats.rewardsMinor(RewardState.PENDING));
    assertEquals(1, annStats.rewards(RewardState.REVERSED));
    assertEquals(500, annStats.rewardsMinor(RewardState.REVERSED));

    ReferralStats program = r.referrals.programStats();
    assertEquals(5, program.clicks());
    assertEquals(4, program.signups());
    assertEquals(4, program.orders());
    assertEquals(92_000, program.revenueMinor());
    r.assertStatsExact();

    List<UserId> board = r.referrals.leaderboard(3).stream().map(ReferralStats::sharer).toList();
    assertEquals(List.of(ann, bo), board.subList(0, 2), "most orders first");
    assertEquals(1, r.referrals.leaderboard(1).size());
  }
}
