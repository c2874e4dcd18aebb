package dev.meadow.core.spi;

import dev.meadow.core.UserId;
import dev.meadow.core.groups.Follow;
import dev.meadow.core.groups.FollowTarget;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Who follows whom. One follow per follower and target, by a unique key. Each method runs inside
 * the transaction it was obtained from; instants are stored at millisecond precision; listing
 * methods return at most {@code limit} items (0 to 1,000).
 */
public interface FollowStore {
  /**
   * Inserts a follow.
   *
   * @return {@code false}, inserting nothing, if the follower already follows the target
   */
  boolean insertFollow(Follow follow);

  /**
   * Deletes a follow.
   *
   * @return {@code false} if there was none
   */
  boolean deleteFollow(UserId follower, FollowTarget target);

  /** Returns a follow. */
  Optional<Follow> findFollow(UserId follower, FollowTarget target);

  /**
   * Lists a target's followers, newest first: ordered by {@link Follow#since()} descending, then
   * follower id descending, starting after the follow with {@code beforeSince} and
   * {@code beforeFollower} (both null for the first page).
   */
  List<Follow> listFollowers(
      FollowTarget target, @Nullable Instant beforeSince, @Nullable UserId beforeFollower, int limit);

  /**
   * Lists what a user follows, of one kind, newest first: ordered by {@link Follow#since()}
   * descending, then target id descending, starting after the follow with {@code beforeSince}
   * and {@code beforeTargetId} (both null for the first page).
   */
  List<Follow> listFollowing(
      UserId follower, FollowTarget.Kind kind, @Nullable Instant beforeSince, @Nullable String beforeTargetId, int limit);
}
