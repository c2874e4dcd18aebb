package dev.meadow.core.memory;

import static dev.meadow.core.spi.Listings.checkLimit;
import static dev.meadow.core.spi.Listings.checkPosition;
import static java.util.Objects.requireNonNull;

import dev.meadow.core.UserId;
import dev.meadow.core.groups.Follow;
import dev.meadow.core.groups.FollowTarget;
import dev.meadow.core.spi.FollowStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Follows kept in memory; guarded by the storage's lock. */
final class MemoryFollowStore {
  /** A place in a newest-first listing: the follow's start to the millisecond, then an id. */
  private record Position(long millis, String id) {}

  private record Key(UserId follower, FollowTarget target) {}

  private record Following(UserId follower, FollowTarget.Kind kind) {}

  private static final Comparator<Position> NEWEST_FIRST =
      Comparator.comparingLong(Position::millis).thenComparing(Position::id).reversed();

  private final Map<Key, Follow> follows = new HashMap<>();
  /** Each target's followers, ordered by follower id after the start. */
  private final Map<FollowTarget, NavigableMap<Position, Follow>> followers = new HashMap<>();
  /** What each user follows of each kind, ordered by target id after the start. */
  private final Map<Following, NavigableMap<Position, Follow>> following = new HashMap<>();

  FollowStore bind(MemoryTransaction tx) {
    return new Bound(tx);
  }

  private void write(@Nullable Follow previous, @Nullable Follow next) {
    if (previous != null) {
      follows.remove(new Key(previous.follower(), previous.target()));
      long millis = previous.since().toEpochMilli();
      Indexes.remove(followers, previous.target(), new Position(millis, previous.follower().value()));
      Indexes.remove(following, new Following(previous.follower(), previous.target().kind()),
          new Position(millis, previous.target().id()));
    }
    if (next != null) {
      follows.put(new Key(next.follower(), next.target()), next);
      long millis = next.since().toEpochMilli();
      Indexes.add(followers, next.target(), new Position(millis, next.follower().value()), next, NEWEST_FIRST);
      Indexes.add(following, new Following(next.follower(), next.target().kind()),
          new Position(millis, next.target().id()), next, NEWEST_FIRST);
    }
  }

  private final class Bound implements FollowStore {
    private final MemoryTransaction tx;

    Bound(MemoryTransaction tx) {
      this.tx = tx;
    }

    @Override
    public boolean insertFollow(Follow follow) {
      tx.checkOpen();
      requireNonNull(follow, "follow");
      if (follows.containsKey(new Key(follow.follower(), follow.target()))) {
        return false;
      }
      write(null, follow);
      tx.onRollback(() -> write(follow, null));
      return true;
    }

    @Override
    public boolean deleteFollow(UserId follower, FollowTarget target) {
      tx.checkOpen();
      Follow stored = follows.get(new Key(requireNonNull(follower, "follower"), requireNonNull(target, "target")));
      if (stored == null) {
        return false;
      }
      write(stored, null);
      tx.onRollback(() -> write(null, stored));
      return true;
    }

    @Override
    public Optional<Follow> findFollow(UserId follower, FollowTarget target) {
      tx.checkOpen();
      return Optional.ofNullable(
          follows.get(new Key(requireNonNull(follower, "follower"), requireNonNull(target, "target"))));
    }

    @Override
    public List<Follow> listFollowers(FollowTarget target, @Nullable Instant beforeSince,
        @Nullable UserId beforeFollower, int limit) {
      tx.checkOpen();
      requireNonNull(target, "target");
      checkPosition(beforeSince, beforeFollower, "beforeSince and beforeFollower");
      checkLimit(limit);
      Position after = beforeSince == null ? null : new Position(beforeSince.toEpochMilli(), beforeFollower.value());
      return Indexes.first(Indexes.after(followers, target, after).values(), limit);
    }

    @Override
    public List<Follow> listFollowing(UserId follower, FollowTarget.Kind kind, @Nullable Instant beforeSince,
        @Nullable String beforeTargetId, int limit) {
      tx.checkOpen();
      requireNonNull(follower, "follower");
      requireNonNull(kind, "kind");
      checkPosition(beforeSince, beforeTargetId, "beforeSince and beforeTargetId");
      checkLimit(limit);
      Position after = beforeSince == null ? null : new Position(beforeSince.toEpochMilli(), beforeTargetId);
      return Indexes.first(Indexes.after(following, new Following(follower, kind), after).values(), limit);
    }
  }
}
