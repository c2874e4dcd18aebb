package dev.meadow.core.referrals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.Races;
import dev.meadow.core.UserId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LedgerTest {
  private final ReferralsFixture r = ReferralsFixture.create();
  private final UserId ann = r.user("ann");
  private final UserId bo = r.user("bo");

  private Reward referrersReward() {
    r.refer(ann, bo);
    r.order("order-1", bo, 4_500);
    return r.rewards("order-1").get(RewardRole.REFERRER);
  }

  @Test
  void rewards_areApprovedAfterTheHold_andIssuedWithAnIdempotencyKey() {
    Reward reward = referrersReward();
    assertEquals(new PendingRun(0, 0, 0, 0), r.referrals.runPending(), "the hold has not passed");
    assertEquals(RewardState.PENDING, r.reload(reward).state());
    r.days(14);
    assertEquals(new PendingRun(2, 2, 0, 0), r.referrals.runPending());
    Reward issued = r.reload(reward);
    assertEquals(RewardState.ISSUED, issued.state());
    assertEquals(500, issued.paid());
    assertEquals(500, r.host.balance(ann));
    assertEquals(450, r.host.balance(bo));
    assertTrue(r.host.paid.containsKey("meadow-reward-" + reward.id() + "-issue"));
    assertEquals(new PendingRun(0, 0, 0, 0), r.referrals.runPending(), "nothing is paid twice");
    assertEquals(2, r.host.calls.size());
    r.assertStatsExact();
    assertEquals(950, r.referrals.programStats().rewardsMinor(RewardState.ISSUED));
  }

  @Test
  void issuerFailingAfterPaying_isRetriedWithTheSameKey_andNeverPaysTwice() {
    Reward reward = referrersReward();
    r.days(14);
    r.host.failAfterPaying.set(2);
    assertEquals(new PendingRun(2, 0, 0, 2), r.referrals.runPending());
    assertEquals(RewardState.ISSUING, r.reload(reward).state());
    assertEquals(new PendingRun(0, 0, 0, 0), r.referrals.runPending(), "a retry waits a little");
    r.clock.advance(Referrals.ISSUE_RETRY_AFTER);
    assertEquals(new PendingRun(0, 2, 0, 0), r.referrals.runPending());
    assertEquals(RewardState.ISSUED, r.reload(reward).state());
    assertEquals(4, r.host.calls.stream().filter(c -> c.startsWith("issue")).count(), "two calls per reward");
    assertEquals(2, r.host.calls.stream().filter(c -> c.startsWith("issue")).distinct().count(), "with one key each");
    assertEquals(500, r.host.balance(ann), "paid once");
    r.assertStatsExact();
  }

  @Test
  void issuerFailingBeforePaying_isRetriedLater() {
    Reward reward = referrersReward();
    r.days(14);
    r.host.failBeforePaying.set(4);
    assertEquals(2, r.referrals.runPending().failed());
    r.clock.advance(Duration.ofMinutes(5));
    assertEquals(2, r.referrals.runPending().failed());
    r.clock.advance(Duration.ofMinutes(5));
    assertEquals(new PendingRun(0, 2, 0, 0), r.referrals.runPending());
    assertEquals(RewardState.ISSUED, r.reload(reward).state());
    assertEquals(500, r.host.balance(ann));
  }

  @Test
  void withoutAnIssuer_approvedRewardsWait() {
    ReferralsFixture shop = ReferralsFixture.withoutIssuer();
    UserId a = shop.user("ann");
    UserId b = shop.user("bo");
    shop.refer(a, b);
    shop.order("order-1", b, 4_500);
    shop.days(14);
    assertEquals(new PendingRun(2, 0, 0, 0), shop.referrals.runPending());
    assertEquals(RewardState.APPROVED, shop.rewards("order-1").get(RewardRole.REFERRER).state());
  }

  @Test
  void runPending_onTheHostsExecutor_runsThere() throws Exception {
    referrersReward();
    r.days(14);
    ExecutorService executor = Executors.newSingleThreadExecutor(task -> new Thread(task, "host-worker"));
    try {
      List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
      PendingRun run = r.referrals.runPending(task -> executor.execute(() -> {
        threads.add(Thread.currentThread().getName());
        task.run();
      })).get(1, TimeUnit.MINUTES);
      assertEquals(new PendingRun(2, 2, 0, 0), run);
      assertEquals(List.of("host-worker"), threads);
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void concurrentRuns_payEachRewardOnce() throws Exception {
    for (int i = 0; i < 10; i++) {
      UserId friend = r.user("friend-" + i);
      r.refer(ann, friend);
      r.order("order-" + i, friend, 1_000);
    }
    r.days(14);
    List<PendingRun> runs = Races.run(8, thread -> r.referrals::runPending);
    assertEquals(20, runs.stream().mapToInt(PendingRun::issued).sum());
    assertEquals(20, r.host.calls.size(), "each reward's payment asked for once");
    assertEquals(10 * 500, r.host.balance(ann));
    r.assertStatsExact();
  }
}
