package dev.meadow.core.spi;

import dev.meadow.core.GroupId;
import dev.meadow.core.UserId;
import dev.meadow.core.groups.Group;
import dev.meadow.core.groups.Membership;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Groups and their members. Each method runs inside the transaction it was obtained from.
 *
 * <p>Uniqueness is the store's job, by unique keys: one group per slug, one membership per group
 * and user. Under concurrency exactly one of several racing inserts of the same key succeeds.
 */
public interface GroupStore {
  /**
   * Inserts a group exactly as given.
   *
   * @return {@code false}, inserting nothing, if a group with the same slug exists
   */
  boolean insertGroup(Group group);

  /** Returns the group with this id. */
  Optional<Group> findGroup(GroupId id);

  /** Returns the group with this slug (slugs are stored lower-case and compared exactly). */
  Optional<Group> findGroupBySlug(String slug);

  /**
   * Adds {@code delta} to a group's member count atomically: concurrent adjustments all count.
   *
   * @return {@code false} if there is no such group
   */
  boolean adjustMemberCount(GroupId id, long delta);

  /**
   * Inserts a membership.
   *
   * @return {@code false}, inserting nothing, if the user already has a membership of the group
   */
  boolean insertMembership(Membership membership);

  /**
   * Deletes a membership.
   *
   * @return {@code false} if there was none
   */
  boolean deleteMembership(GroupId groupId, UserId userId);

  /** Returns a user's membership of a group. */
  Optional<Membership> findMembership(GroupId groupId, UserId userId);

  /**
   * Returns up to {@code limit} members of a group ordered by join time, then user id, starting
   * after the member that joined at {@code afterJoinedAt} with id {@code afterUser} (both null for
   * the first page, both non-null otherwise). Instants are compared at millisecond precision.
   */
  List<Membership> listMembers(
      GroupId groupId, @Nullable Instant afterJoinedAt, @Nullable UserId afterUser, int limit);
}
