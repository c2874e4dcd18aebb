package dev.meadow.core.memory;

import static dev.meadow.core.spi.Listings.checkLimit;
import static java.util.Objects.requireNonNull;

import dev.meadow.core.OrderId;
import dev.meadow.core.RewardId;
import dev.meadow.core.UserId;
import dev.meadow.core.referrals.Attribution;
import dev.meadow.core.referrals.Click;
import dev.meadow.core.referrals.Conversion;
import dev.meadow.core.referrals.ReferralStats;
import dev.meadow.core.referrals.Reward;
import dev.meadow.core.referrals.RewardRole;
import dev.meadow.core.referrals.RewardState;
import dev.meadow.core.referrals.Share;
import dev.meadow.core.referrals.ShareCode;
import dev.meadow.core.referrals.StatsDelta;
import dev.meadow.core.spi.ReferralStore;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Shares, clicks, attributions, conversions, rewards and referral statistics kept in memory;
 * guarded by the storage's lock.
 */
final class MemoryReferralStore {
  /** A share's place in a listing: newest first, then by code, descending. */
  private record SharePosition(Instant createdAt, ShareCode code) {}

  private record ClickKey(ShareCode code, String visitorHash) {}

  /** A click record's place among a visitor's: oldest first click first, then by code. */
  private record ClickPosition(Instant firstAt, ShareCode code) {}

  private record RoleKey(OrderId orderId, RewardRole role) {}

  private record StatsKey(String programId, @Nullable UserId sharer) {}

  private static final Comparator<SharePosition> NEWEST_SHARE_FIRST =
      Comparator.comparing(SharePosition::createdAt).thenComparing(SharePosition::code).reversed();

  private static final Comparator<ClickPosition> OLDEST_CLICK_FIRST =
      Comparator.comparing(ClickPosition::firstAt).thenComparing(ClickPosition::code);

  private static final Comparator<ReferralStats> LEADERBOARD =
      Comparator.comparingLong(ReferralStats::orders).reversed()
          .thenComparing(Comparator.comparingLong(ReferralStats::revenueMinor).reversed())
          .thenComparing(s -> Objects.requireNonNull(s.sharer()));

  private final Map<ShareCode, Share> shares = new HashMap<>();
  private final Map<UserId, NavigableMap<SharePosition, Share>> sharesBy = new HashMap<>();
  private final Map<UserId, NavigableMap<SharePosition, Share>> sharesTo = new HashMap<>();
  private final Map<ClickKey, Click> clicks = new HashMap<>();
  private final Map<String, NavigableMap<ClickPosition, ClickKey>> clicksOf = new HashMap<>();
  private final Map<UserId, Attribution> attributions = new HashMap<>();
  private final Map<OrderId, Conversion> conversions = new HashMap<>();
  private final Map<RewardId, Reward> rewards = new HashMap<>();
  private final Map<RoleKey, RewardId> rewardsByRole = new HashMap<>();
  private final Map<RewardState, NavigableMap<RewardId, Reward>> rewardsIn = new HashMap<>();
  private final Map<UserId, NavigableMap<RewardId, Reward>> rewardsOf = new HashMap<>();
  private final Map<StatsKey, ReferralStats> stats = new HashMap<>();

  ReferralStore bind(MemoryTransaction tx) {
    return new Bound(tx);
  }

  /** Sets {@code key} to {@code value} (removing it for null) and undoes that on rollback. */
  private static <K, V> void put(MemoryTransaction tx, Map<K, V> map, K key, @Nullable V value) {
    V previous = value == null ? map.remove(key) : map.put(key, value);
    tx.onRollback(() -> {
      if (previous == null) {
        map.remove(key);
      } else {
        map.put(key, previous);
      }
    });
  }

  /** Sets {@code key} to {@code value} unless it is set, undoing that on rollback; returns whether it set it. */
  private static <K, V> boolean putNew(MemoryTransaction tx, Map<K, V> map, K key, V value) {
    if (map.containsKey(key)) {
      return false;
    }
    put(tx, map, key, value);
    return true;
  }

  private static SharePosition position(Share share) {
    return new SharePosition(share.createdAt(), share.code());
  }

  private void writeShare(@Nullable Share previous, @Nullable Share next) {
    if (previous != null) {
      shares.remove(previous.code());
      Indexes.remove(sharesBy, previous.sharer(), position(previous));
      for (UserId recipient : previous.audience().recipients()) {
        Indexes.remove(sharesTo, recipient, position(previous));
      }
    }
    if (next != null) {
      shares.put(next.code(), next);
      Indexes.add(sharesBy, next.sharer(), position(next), next, NEWEST_SHARE_FIRST);
      for (UserId recipient : next.audience().recipients()) {
        Indexes.add(sharesTo, recipient, position(next), next, NEWEST_SHARE_FIRST);
      }
    }
  }

  private void writeClick(ClickKey key, @Nullable Click previous, @Nullable Click next) {
    if (previous != null) {
      clicks.remove(key);
      Indexes.remove(clicksOf, key.visitorHash(), new ClickPosition(previous.firstAt(), key.code()));
    }
    if (next != null) {
      clicks.put(key, next);
      Indexes.add(clicksOf, key.visitorHash(), new ClickPosition(next.firstAt(), key.code()), key, OLDEST_CLICK_FIRST);
    }
  }

  private void writeReward(@Nullable Reward previous, @Nullable Reward next) {
    if (previous != null) {
      rewards.remove(previous.id());
      rewardsByRole.remove(new RoleKey(previous.orderId(), previous.role()));
      Indexes.remove(rewardsIn, previous.state(), previous.id());
      Indexes.remove(rewardsOf, previous.beneficiary(), previous.id());
    }
    if (next != null) {
      rewards.put(next.id(), next);
      rewardsByRole.put(new RoleKey(next.orderId(), next.role()), next.id());
      Indexes.add(rewardsIn, next.state(), next.id(), next);
      Indexes.add(rewardsOf, next.beneficiary(), next.id(), next, Comparator.reverseOrder());
    }
  }

  private final class Bound implements ReferralStore {
    private final MemoryTransaction tx;

    Bound(MemoryTransaction tx) {
      this.tx = tx;
    }

    // Shares

    @Override
    public boolean insertShare(Share share) {
      tx.checkOpen();
      requireNonNull(share, "share");
      if (shares.containsKey(share.code())) {
        return false;
      }
      writeShare(null, share);
      tx.onRollback(() -> writeShare(share, null));
      return true;
    }

    @Override
    public Optional<Share> findShare(ShareCode code) {
      tx.checkOpen();
      return Optional.ofNullable(shares.get(requireNonNull(code, "code")));
    }

    @Override
    public List<Share> listShares(UserId sharer, @Nullable Share after, int limit) {
      return listShares(sharesBy, requireNonNull(sharer, "sharer"), after, limit);
    }

    @Override
    public List<Share> listSharesTo(UserId recipient, @Nullable Share after, int limit) {
      return listShares(sharesTo, requireNonNull(recipient, "recipient"), after, limit);
    }

    private List<Share> listShares(Map<UserId, NavigableMap<SharePosition, Share>> index, UserId user,
        @Nullable Share after, int limit) {
      tx.checkOpen();
      checkLimit(limit);
      return Indexes.first(Indexes.after(index, user, after == null ? null : position(after)).values(), limit);
    }

    // Clicks

    @Override
    public boolean recordClick(ShareCode code, String visitorHash, Instant at, Instant countIfCountedBefore) {
      tx.checkOpen();
      ClickKey key = new ClickKey(requireNonNull(code, "code"), requireNonNull(visitorHash, "visitorHash"));
      requireNonNull(at, "at");
      requireNonNull(countIfCountedBefore, "countIfCountedBefore");
      Click previous = clicks.get(key);
      Click next;
      boolean counted;
      if (previous == null) {
        next = new Click(code, visitorHash, at, at, at, 1);
        counted = true;
      } else {
        counted = previous.countedAt().isBefore(countIfCountedBefore);
        Instant last = at.isAfter(previous.lastAt()) ? at : previous.lastAt();
        next = counted
            ? new Click(code, visitorHash, previous.firstAt(), last, at, previous.counted() + 1)
            : new Click(code, visitorHash, previous.firstAt(), last, previous.countedAt(), previous.counted());
      }
      writeClick(key, previous, next);
      tx.onRollback(() -> writeClick(key, next, previous));
      return counted;
    }

    @Override
    public Optional<Click> findClick(ShareCode code, String visitorHash) {
      tx.checkOpen();
      return Optional.ofNullable(clicks.get(new ClickKey(requireNonNull(code, "code"),
          requireNonNull(visitorHash, "visitorHash"))));
    }

    @Override
    public List<Click> listClicks(String visitorHash, Instant since, int limit) {
      tx.checkOpen();
      requireNonNull(visitorHash, "visitorHash");
      requireNonNull(since, "since");
      checkLimit(limit);
      return Indexes.first(Indexes.after(clicksOf, visitorHash, null).values().stream()
          .map(clicks::get)
          .filter(click -> !click.lastAt().isBefore(since))
          .toList(), limit);
    }

    // Attributions and conversions

    @Override
    public boolean insertAttribution(Attribution attribution) {
      tx.checkOpen();
      requireNonNull(attribution, "attribution");
      return putNew(tx, attributions, attribution.customer(), attribution);
    }

    @Override
    public Optional<Attribution> findAttribution(UserId customer) {
      tx.checkOpen();
      return Optional.ofNullable(attributions.get(requireNonNull(customer, "customer")));
    }

    @Override
    public boolean insertConversion(Conversion conversion) {
      tx.checkOpen();
      requireNonNull(conversion, "conversion");
      return putNew(tx, conversions, conversion.orderId(), conversion);
    }

    @Override
    public Optional<Conversion> findConversion(OrderId orderId) {
      tx.checkOpen();
      return Optional.ofNullable(conversions.get(requireNonNull(orderId, "orderId")));
    }

    @Override
    public boolean updateConversion(Conversion next) {
      tx.checkOpen();
      requireNonNull(next, "next");
      Conversion current = conversions.get(next.orderId());
      if (current == null || current.version() != next.version() - 1
          || !next.refunded().isIn(current.amount().currency())) {
        return false;
      }
      put(tx, conversions, next.orderId(), new Conversion(current.orderId(), current.programId(), current.code(),
          current.referrer(), current.buyer(), current.amount(), next.refunded(), current.lines(), current.reasons(),
          current.createdAt(), next.version()));
      return true;
    }

    // Rewards

    @Override
    public boolean insertReward(Reward reward) {
      tx.checkOpen();
      requireNonNull(reward, "reward");
      if (rewards.containsKey(reward.id()) || rewardsByRole.containsKey(new RoleKey(reward.orderId(), reward.role()))) {
        return false;
      }
      writeReward(null, reward);
      tx.onRollback(() -> writeReward(reward, null));
      return true;
    }

    @Override
    public Optional<Reward> findReward(RewardId id) {
      tx.checkOpen();
      return Optional.ofNullable(rewards.get(requireNonNull(id, "id")));
    }

    @Override
    public List<Reward> listRewardsOfOrder(OrderId orderId) {
      tx.checkOpen();
      requireNonNull(orderId, "orderId");
      return Arrays.stream(RewardRole.values())
          .map(role -> rewardsByRole.get(new RoleKey(orderId, role)))
          .filter(Objects::nonNull)
          .map(rewards::get)
          .toList();
    }

    @Override
    public List<Reward> listRewards(RewardState state, @Nullable RewardId after, int limit) {
      tx.checkOpen();
      requireNonNull(state, "state");
      checkLimit(limit);
      return Indexes.first(Indexes.after(rewardsIn, state, after).values(), limit);
    }

    @Override
    public List<Reward> listRewardsOf(UserId beneficiary, @Nullable RewardId after, int limit) {
      tx.checkOpen();
      requireNonNull(beneficiary, "beneficiary");
      checkLimit(limit);
      return Indexes.first(Indexes.after(rewardsOf, beneficiary, after).values(), limit);
    }

    @Override
    public boolean updateReward(Reward next) {
      tx.checkOpen();
      requireNonNull(next, "next");
      Reward current = rewards.get(next.id());
      if (current == null || current.version() != next.version() - 1) {
        return false;
      }
      Reward updated = new Reward(current.id(), current.orderId(), current.programId(), current.beneficiary(),
          current.role(), current.amount(), next.reversed(), next.paid(), next.clawedBack(), next.clawing(), next.state(),
          next.reasons(), current.createdAt(), current.approveAt(), next.updatedAt(), next.version());
      writeReward(current, updated);
      tx.onRollback(() -> writeReward(updated, current));
      return true;
    }

    // Statistics

    @Override
    public void adjustStats(String programId, @Nullable UserId sharer, StatsDelta delta) {
      tx.checkOpen();
      requireNonNull(delta, "delta");
      StatsKey key = new StatsKey(requireNonNull(programId, "programId"), sharer);
      put(tx, stats, key, stats.getOrDefault(key, ReferralStats.empty(programId, sharer)).plus(delta));
    }

    @Override
    public ReferralStats findStats(String programId, @Nullable UserId sharer) {
      tx.checkOpen();
      requireNonNull(programId, "programId");
      return stats.getOrDefault(new StatsKey(programId, sharer), ReferralStats.empty(programId, sharer));
    }

    @Override
    public List<ReferralStats> leaderboard(String programId, int limit) {
      tx.checkOpen();
      requireNonNull(programId, "programId");
      checkLimit(limit);
      return stats.values().stream()
          .filter(s -> s.programId().equals(programId) && s.sharer() != null)
          .sorted(LEADERBOARD)
          .limit(limit)
          .toList();
    }
  }
}
