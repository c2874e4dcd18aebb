package dev.meadow.core.referrals;

import java.util.EnumMap;
import java.util.Map;

/**
 * A change to {@link ReferralStats}, added atomically by the store; any part may be negative.
 *
 * @param clicks clicks to add
 * @param signups signups to add
 * @param orders conversions to add
 * @param revenueMinor revenue to add, in minor units
 * @param rewardCounts rewards to add per state
 * @param rewardMinor reward value to add per state, in minor units
 */
public record StatsDelta(long clicks, long signups, long orders, long revenueMinor,
    Map<RewardState, Long> rewardCounts, Map<RewardState, Long> rewardMinor) {
  public StatsDelta {
    rewardCounts = Map.copyOf(rewardCounts);
    rewardMinor = Map.copyOf(rewardMinor);
  }

  /** Returns a delta of {@code clicks} counted clicks. */
  public static StatsDelta clicks(long clicks) {
    return new StatsDelta(clicks, 0, 0, 0, Map.of(), Map.of());
  }

  /** Returns a delta of {@code signups} signups. */
  public static StatsDelta signups(long signups) {
    return new StatsDelta(0, signups, 0, 0, Map.of(), Map.of());
  }

  /** Returns a delta of {@code orders} conversions worth {@code revenueMinor}. */
  public static StatsDelta orders(long orders, long revenueMinor) {
    return new StatsDelta(0, 0, orders, revenueMinor, Map.of(), Map.of());
  }

  /** Returns a delta of one reward worth {@code minor} entering {@code state}. */
  public static StatsDelta reward(RewardState state, long minor) {
    return new StatsDelta(0, 0, 0, 0, Map.of(state, 1L), Map.of(state, minor));
  }

  /**
   * Returns a delta of one reward leaving {@code from}, where it was worth {@code fromMinor}, for
   * {@code to}, where it is worth {@code toMinor}.
   */
  public static StatsDelta move(RewardState from, long fromMinor, RewardState to, long toMinor) {
    Map<RewardState, Long> counts = new EnumMap<>(RewardState.class);
    Map<RewardState, Long> minor = new EnumMap<>(RewardState.class);
    counts.merge(from, -1L, Long::sum);
    counts.merge(to, 1L, Long::sum);
    minor.merge(from, -fromMinor, Long::sum);
    minor.merge(to, toMinor, Long::sum);
    return new StatsDelta(0, 0, 0, 0, counts, minor);
  }

  /** Returns whether this delta changes nothing. */
  public boolean isZero() {
    return clicks == 0 && signups == 0 && orders == 0 && revenueMinor == 0
        && rewardCounts.values().stream().allMatch(n -> n == 0) && rewardMinor.values().stream().allMatch(n -> n == 0);
  }
}
