package dev.meadow.core.spi;

import dev.meadow.core.GroupId;
import dev.meadow.core.InvitationId;
import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import dev.meadow.core.groups.Group;
import dev.meadow.core.groups.Invitation;
import dev.meadow.core.groups.MemberStatus;
import dev.meadow.core.groups.Membership;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Groups, their members, their invitations and their activity. Each method runs inside the
 * transaction it was obtained from.
 *
 * <p>Uniqueness is the store's job, by unique keys: one group per id, per slug and per station
 * store; one membership per group and user; one invitation per id and per token hash. Under
 * concurrency exactly one of several racing inserts of the same key succeeds, and the
 * compare-and-set updates below succeed for exactly one of several racing callers.
 *
 * <p>Instants are stored and compared at millisecond precision. Listing methods return at most
 * {@code limit} items (0 to 1,000, else {@code IllegalArgumentException}); a keyset position is
 * given whole or not at all. An invitation is usable strictly before its {@code expiresAt}. In a
 * {@link GroupFilter}, an empty category set matches nothing and {@code %}, {@code _} and
 * {@code \} in a name prefix are literal.
 */
public interface GroupStore {
  /**
   * Inserts a group exactly as given, counts included.
   *
   * @return {@code false}, inserting nothing, if a group with the same id or slug exists, or the
   *     group is a station and the store already has one
   */
  boolean insertGroup(Group group);

  /** Returns the group with this id. */
  Optional<Group> findGroup(GroupId id);

  /** Returns the group with this slug (slugs are stored lower-case and compared exactly). */
  Optional<Group> findGroupBySlug(String slug);

  /** Returns the station of a store. */
  Optional<Group> findStation(StoreId store);

  /**
   * Replaces a group's settings with {@code next}'s (every field but its id, slug, store, counts
   * and creation time), if the stored version is {@code next.version() - 1}.
   *
   * @return {@code false}, changing nothing, if there is no such group or its version differs
   */
  boolean updateGroup(Group next);

  /**
   * Adds to a group's member and post counts atomically: concurrent adjustments all count.
   *
   * @return {@code false} if there is no such group
   */
  boolean adjustGroupCounts(GroupId id, long membersDelta, long postsDelta);

  /**
   * Lists the groups discovery shows: {@link dev.meadow.core.groups.GroupState#ACTIVE active},
   * {@linkplain dev.meadow.core.groups.GroupVisibility#listed() listed}, and matching every
   * condition of {@code filter}. Ordered by {@link Group#nameKey()}, then id, starting after the
   * group with {@code afterNameKey} and {@code afterId} (both null for the first page).
   */
  List<Group> listGroups(GroupFilter filter, @Nullable String afterNameKey, @Nullable GroupId afterId, int limit);

  /**
   * Inserts a membership.
   *
   * @return {@code false}, inserting nothing, if the user already has a membership of any status
   */
  boolean insertMembership(Membership membership);

  /**
   * Replaces a membership with {@code next}, if the stored one still has {@code current}'s status
   * and role (its other fields are not compared).
   *
   * @throws IllegalArgumentException if {@code next} is of another group or user than
   *     {@code current}
   * @return {@code false}, changing nothing, if there is none or its status or role differ
   */
  boolean updateMembership(Membership current, Membership next);

  /**
   * Deletes a user's membership of a group if it has {@code status}.
   *
   * @return {@code false} if there was none with that status
   */
  boolean deleteMembership(GroupId groupId, UserId userId, MemberStatus status);

  /** Returns a user's membership of a group, of any status. */
  Optional<Membership> findMembership(GroupId groupId, UserId userId);

  /**
   * Lists a group's memberships of one status ordered by {@link Membership#since()}, then user
   * id, starting after the one with {@code afterSince} and {@code afterUser} (both null for the
   * first page).
   */
  List<Membership> listMembers(
      GroupId groupId, MemberStatus status, @Nullable Instant afterSince, @Nullable UserId afterUser, int limit);

  /**
   * Lists a user's memberships of one status ordered by {@link Membership#since()}, then group
   * id, starting after the one with {@code afterSince} and {@code afterGroup} (both null for the
   * first page).
   */
  List<Membership> listMemberships(
      UserId userId, MemberStatus status, @Nullable Instant afterSince, @Nullable GroupId afterGroup, int limit);

  /**
   * Inserts an invitation.
   *
   * @return {@code false}, inserting nothing, if one with the same id or token hash exists
   */
  boolean insertInvitation(Invitation invitation);

  /** Returns an invitation by id. */
  Optional<Invitation> findInvitation(InvitationId id);

  /** Returns the invitation whose token has this hash. */
  Optional<Invitation> findInvitationByTokenHash(String tokenHash);

  /**
   * Counts one use of an invitation, if it is {@linkplain Invitation#usableAt usable} at
   * {@code now}. Racing callers never use it more than {@code maxUses} times.
   *
   * @return {@code false}, changing nothing, if there is no such invitation or it is revoked,
   *     expired or used up
   */
  boolean useInvitation(InvitationId id, Instant now);

  /**
   * Revokes an invitation that is not revoked yet.
   *
   * @return {@code false} if there is no such invitation or it was already revoked
   */
  boolean revokeInvitation(InvitationId id, Instant at);

  /** Lists a group's invitations, newest first, starting after {@code before} (null for the first page). */
  List<Invitation> listInvitations(GroupId groupId, @Nullable InvitationId before, int limit);

  /**
   * Adds {@code delta} to a group's activity in the hour starting at {@code hour} (a whole UTC
   * hour), creating the hour's tally if needed. Concurrent additions all count.
   *
   * @throws IllegalArgumentException if {@code hour} is not a whole UTC hour
   */
  void addActivity(GroupId groupId, Instant hour, long delta);

  /**
   * Lists the most active groups since {@code since}: the sum of their hourly tallies from the
   * hour holding {@code since} on (that whole hour counts), for groups that are active and listed. Ordered by that sum
   * (descending), then group id, starting after {@code after} (null for the first page). Groups
   * with no activity in the window are not listed.
   */
  List<GroupActivity> listMostActive(Instant since, @Nullable GroupActivity after, int limit);
}
