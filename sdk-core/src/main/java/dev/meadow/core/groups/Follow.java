package dev.meadow.core.groups;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.UserId;
import java.time.Instant;

/**
 * One user following a user, store or group.
 *
 * @param follower who follows
 * @param target whom or what
 * @param since when they started
 */
public record Follow(UserId follower, FollowTarget target, Instant since) {
  public Follow {
    requireNonNull(follower, "follower");
    requireNonNull(target, "target");
    requireNonNull(since, "since");
  }
}
