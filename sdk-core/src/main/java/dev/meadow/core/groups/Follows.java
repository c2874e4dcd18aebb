package dev.meadow.core.groups;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.Actor;
import dev.meadow.core.GroupId;
import dev.meadow.core.Page;
import dev.meadow.core.PageRequest;
import dev.meadow.core.UserId;
import dev.meadow.core.ValidationException;
import dev.meadow.core.events.SocialEvent;
import dev.meadow.core.internal.Actors;
import dev.meadow.core.modules.ModuleContext;
import dev.meadow.core.modules.UnitOfWork;
import dev.meadow.core.spi.Transaction;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Who follows whom: users follow users, stores and groups. Follower and following counts are
 * kept in the same transaction as each follow, so they are exact under concurrency; following
 * twice changes nothing.
 *
 * <p>Obtained from {@code Meadow.follows()}; thread-safe.
 */
public final class Follows {
  static final String FOLLOWERS = "follows.followers";
  static final String FOLLOWING = "follows.following";

  private final ModuleContext context;

  /** Creates the follows service; hosts obtain it from {@code Meadow.follows()}. */
  public Follows(ModuleContext context) {
    this.context = requireNonNull(context, "context");
  }

  /**
   * Follows a user, store or group. A group must exist and be readable by the actor.
   *
   * @return {@code false} if the actor followed it already
   * @throws dev.meadow.core.PermissionDeniedException for an anonymous visitor, or a group the
   *     actor may not read
   * @throws ValidationException naming {@code target} when users follow themselves
   * @throws dev.meadow.core.NotFoundException if the group does not exist
   */
  public boolean follow(Actor actor, FollowTarget target) {
    requireNonNull(target, "target");
    UserId follower = Actors.signedIn(requireNonNull(actor, "actor"), "follow");
    if (target.equals(FollowTarget.user(follower))) {
      throw ValidationException.of("target", "self_follow", "users do not follow themselves");
    }
    return context.write(unit -> {
      if (target.kind() == FollowTarget.Kind.GROUP) {
        Access.of(unit.tx().groups(), GroupId.of(target.id()), actor, Set.of()).requireRead();
      }
      if (!unit.tx().follows().insertFollow(new Follow(follower, target, unit.now()))) {
        return false;
      }
      count(unit, follower, target, 1);
      unit.emit(new SocialEvent.Followed(unit.newEventId(), unit.now(), follower, target));
      return true;
    });
  }

  /**
   * Stops following.
   *
   * @return {@code false} if the actor did not follow it
   */
  public boolean unfollow(Actor actor, FollowTarget target) {
    requireNonNull(target, "target");
    UserId follower = Actors.signedIn(requireNonNull(actor, "actor"), "unfollow");
    return context.write(unit -> {
      if (!unit.tx().follows().deleteFollow(follower, target)) {
        return false;
      }
      count(unit, follower, target, -1);
      unit.emit(new SocialEvent.Unfollowed(unit.newEventId(), unit.now(), follower, target));
      return true;
    });
  }

  /** Returns whether a user follows a target. */
  public boolean follows(UserId follower, FollowTarget target) {
    requireNonNull(follower, "follower");
    requireNonNull(target, "target");
    return context.read(tx -> tx.follows().findFollow(follower, target).isPresent());
  }

  /** Returns how many users follow a target. */
  public long followerCount(FollowTarget target) {
    requireNonNull(target, "target");
    return context.read(tx -> followerCount(tx, target));
  }

  /**
   * Returns how many users follow a target, read in {@code tx}: for a module that needs the count
   * inside a transaction of its own (transactions do not nest, so it cannot call
   * {@link #followerCount(FollowTarget)} there). Kept with every follow and unfollow in the same
   * transaction.
   */
  public static long followerCount(Transaction tx, FollowTarget target) {
    requireNonNull(tx, "tx");
    requireNonNull(target, "target");
    return tx.counters().get(FOLLOWERS, key(target));
  }

  /** Returns how many users, stores or groups a user follows. */
  public long followingCount(UserId user, FollowTarget.Kind kind) {
    requireNonNull(user, "user");
    requireNonNull(kind, "kind");
    return context.read(tx -> tx.counters().get(FOLLOWING, kind + ":" + user.value()));
  }

  /**
   * Lists a target's followers, newest first. A group's followers are listed to whoever may read
   * the group.
   *
   * @throws ValidationException naming {@code cursor} for a cursor this listing did not issue
   * @throws dev.meadow.core.PermissionDeniedException if the actor may not read the group
   */
  public Page<Follow> followers(Actor actor, FollowTarget target, PageRequest request) {
    requireNonNull(actor, "actor");
    requireNonNull(target, "target");
    requireNonNull(request, "request");
    String listing = "follows.followers:" + key(target);
    Follow before = context.cursors().position(listing, request, 2,
        key -> new Follow(UserId.of(key.get(1)), target, Instant.ofEpochMilli(Long.parseLong(key.get(0)))));
    List<Follow> rows = context.read(tx -> {
      if (target.kind() == FollowTarget.Kind.GROUP) {
        Access.of(tx.groups(), GroupId.of(target.id()), actor, Set.of()).requireRead();
      }
      return tx.follows().listFollowers(target, before == null ? null : before.since(),
          before == null ? null : before.follower(), request.limit() + 1);
    });
    return context.cursors().page(rows, request.limit(), listing,
        f -> new String[] {Long.toString(f.since().toEpochMilli()), f.follower().value()});
  }

  /**
   * Lists the users, stores or groups a user follows, newest first.
   *
   * @throws ValidationException naming {@code cursor} for a cursor this listing did not issue
   */
  public Page<Follow> following(UserId user, FollowTarget.Kind kind, PageRequest request) {
    requireNonNull(user, "user");
    requireNonNull(kind, "kind");
    requireNonNull(request, "request");
    String listing = "follows.following:" + kind + ":" + user;
    Follow before = context.cursors().position(listing, request, 2,
        key -> new Follow(user, new FollowTarget(kind, key.get(1)), Instant.ofEpochMilli(Long.parseLong(key.get(0)))));
    List<Follow> rows = context.read(tx -> tx.follows().listFollowing(user, kind, before == null ? null : before.since(),
        before == null ? null : before.target().id(), request.limit() + 1));
    return context.cursors().page(rows, request.limit(), listing,
        f -> new String[] {Long.toString(f.since().toEpochMilli()), f.target().id()});
  }

  private static void count(UnitOfWork unit, UserId follower, FollowTarget target, long delta) {
    Transaction tx = unit.tx();
    tx.counters().add(FOLLOWERS, key(target), delta);
    tx.counters().add(FOLLOWING, target.kind() + ":" + follower.value(), delta);
  }

  private static String key(FollowTarget target) {
    return target.kind() + ":" + target.id();
  }
}
