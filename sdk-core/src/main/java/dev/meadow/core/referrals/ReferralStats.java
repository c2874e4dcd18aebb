package dev.meadow.core.referrals;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.UserId;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What one sharer's links, or a whole program, brought: clicks, signups, orders, revenue (net of
 * refunds, in minor units of the program's currency) and rewards by state.
 *
 * @param programId the program
 * @param sharer the sharer, or null for the whole program
 * @param clicks counted clicks
 * @param signups customers attributed
 * @param orders conversions
 * @param revenueMinor what the conversions cost, less refunds
 * @param rewardCounts how many rewards stand in each state; states with none may be absent
 * @param rewardMinor what the rewards in each state are worth; states with none may be absent
 */
public record ReferralStats(String programId, @Nullable UserId sharer, long clicks, long signups, long orders,
    long revenueMinor, Map<RewardState, Long> rewardCounts, Map<RewardState, Long> rewardMinor) {
  public ReferralStats {
    requireNonNull(programId, "programId");
    rewardCounts = dense(rewardCounts);
    rewardMinor = dense(rewardMinor);
  }

  /** Returns the statistics of nothing at all. */
  public static ReferralStats empty(String programId, @Nullable UserId sharer) {
    return new ReferralStats(programId, sharer, 0, 0, 0, 0, Map.of(), Map.of());
  }

  /** Returns how many rewards stand in {@code state}. */
  public long rewards(RewardState state) {
    return rewardCounts.get(state);
  }

  /** Returns what the rewards in {@code state} are worth, in minor units. */
  public long rewardsMinor(RewardState state) {
    return rewardMinor.get(state);
  }

  /** Returns these statistics with {@code delta} added. */
  public ReferralStats plus(StatsDelta delta) {
    Map<RewardState, Long> counts = new EnumMap<>(rewardCounts);
    Map<RewardState, Long> minor = new EnumMap<>(rewardMinor);
    delta.rewardCounts().forEach((state, n) -> counts.merge(state, n, Long::sum));
    delta.rewardMinor().forEach((state, n) -> minor.merge(state, n, Long::sum));
    return new ReferralStats(programId, sharer, clicks + delta.clicks(), signups + delta.signups(),
        orders + delta.orders(), revenueMinor + delta.revenueMinor(), counts, minor);
  }

  /** Every state present, zero where absent, in state order. */
  private static Map<RewardState, Long> dense(Map<RewardState, Long> values) {
    Map<RewardState, Long> all = new EnumMap<>(RewardState.class);
    for (RewardState state : RewardState.values()) {
      all.put(state, values.getOrDefault(state, 0L));
    }
    return Collections.unmodifiableMap(all);
  }
}
