package dev.meadow.core.memory;

import static dev.meadow.core.spi.Listings.checkLimit;
import static dev.meadow.core.spi.Listings.checkPosition;
import static java.util.Objects.requireNonNull;

import dev.meadow.core.GroupId;
import dev.meadow.core.InvitationId;
import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import dev.meadow.core.groups.Group;
import dev.meadow.core.groups.Invitation;
import dev.meadow.core.groups.MemberStatus;
import dev.meadow.core.groups.Membership;
import dev.meadow.core.spi.GroupActivity;
import dev.meadow.core.spi.GroupFilter;
import dev.meadow.core.spi.GroupStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Groups, memberships, invitations and hourly activity kept in memory; guarded by the storage's
 * lock.
 */
final class MemoryGroupStore {
  /** A place in an oldest-first listing: an instant to the millisecond, then an id. */
  private record Position(long millis, String id) {}

  /** A group's place in discovery order. */
  private record DiscoveryKey(String nameKey, String id) {}

  private record MemberKey(GroupId groupId, UserId userId) {}

  private record GroupStatus(GroupId groupId, MemberStatus status) {}

  private record UserStatus(UserId userId, MemberStatus status) {}

  private static final Comparator<Position> OLDEST_FIRST =
      Comparator.comparingLong(Position::millis).thenComparing(Position::id);

  private static final Comparator<DiscoveryKey> DISCOVERY_ORDER =
      Comparator.comparing(DiscoveryKey::nameKey).thenComparing(DiscoveryKey::id);

  private static final Comparator<GroupActivity> MOST_ACTIVE_FIRST =
      Comparator.comparingLong(GroupActivity::count).reversed().thenComparing(GroupActivity::groupId);

  private final Map<GroupId, Group> groups = new HashMap<>();
  private final Map<String, GroupId> slugs = new HashMap<>();
  private final Map<StoreId, GroupId> stations = new HashMap<>();
  /** The groups discovery shows (active and listed), in discovery order. */
  private final NavigableMap<DiscoveryKey, Group> discoverable = new TreeMap<>(DISCOVERY_ORDER);

  private final Map<MemberKey, Membership> memberships = new HashMap<>();
  private final Map<GroupStatus, NavigableMap<Position, Membership>> membersOfGroup = new HashMap<>();
  private final Map<UserStatus, NavigableMap<Position, Membership>> membershipsOfUser = new HashMap<>();

  private final Map<InvitationId, Invitation> invitations = new HashMap<>();
  private final Map<String, InvitationId> tokenHashes = new HashMap<>();
  private final Map<GroupId, NavigableMap<InvitationId, Invitation>> invitationsOfGroup = new HashMap<>();

  /** Each group's tallies by the hour they count. */
  private final Map<GroupId, NavigableMap<Instant, Long>> activity = new HashMap<>();

  GroupStore bind(MemoryTransaction tx) {
    return new Bound(tx);
  }

  /** Returns a group as it stands; for the other stores of this storage, under its lock. */
  @Nullable Group group(GroupId id) {
    return groups.get(id);
  }

  private static DiscoveryKey discoveryKey(Group group) {
    return new DiscoveryKey(group.nameKey(), group.id().value());
  }

  private static boolean discoverable(Group group) {
    return group.isActive() && group.visibility().listed();
  }

  /*
   * Each record type has one write method that moves the store from one version of a record
   * (null: absent) to another, keeping every index in step. A change records the reverse write
   * on the transaction, so a rollback replays changes backwards through the same code.
   */

  private void putGroup(MemoryTransaction tx, @Nullable Group previous, Group next) {
    writeGroup(previous, next);
    tx.onRollback(() -> writeGroup(next, previous));
  }

  private void writeGroup(@Nullable Group previous, @Nullable Group next) {
    if (previous != null) {
      groups.remove(previous.id());
      slugs.remove(previous.slug());
      if (previous.store() != null) {
        stations.remove(previous.store());
      }
      discoverable.remove(discoveryKey(previous));
    }
    if (next != null) {
      groups.put(next.id(), next);
      slugs.put(next.slug(), next.id());
      if (next.store() != null) {
        stations.put(next.store(), next.id());
      }
      if (discoverable(next)) {
        discoverable.put(discoveryKey(next), next);
      }
    }
  }

  private void putMembership(MemoryTransaction tx, @Nullable Membership previous, @Nullable Membership next) {
    writeMembership(previous, next);
    tx.onRollback(() -> writeMembership(next, previous));
  }

  private void writeMembership(@Nullable Membership previous, @Nullable Membership next) {
    if (previous != null) {
      memberships.remove(new MemberKey(previous.groupId(), previous.userId()));
      long millis = previous.since().toEpochMilli();
      Indexes.remove(membersOfGroup, new GroupStatus(previous.groupId(), previous.status()),
          new Position(millis, previous.userId().value()));
      Indexes.remove(membershipsOfUser, new UserStatus(previous.userId(), previous.status()),
          new Position(millis, previous.groupId().value()));
    }
    if (next != null) {
      memberships.put(new MemberKey(next.groupId(), next.userId()), next);
      long millis = next.since().toEpochMilli();
      Indexes.add(membersOfGroup, new GroupStatus(next.groupId(), next.status()),
          new Position(millis, next.userId().value()), next, OLDEST_FIRST);
      Indexes.add(membershipsOfUser, new UserStatus(next.userId(), next.status()),
          new Position(millis, next.groupId().value()), next, OLDEST_FIRST);
    }
  }

  private void putInvitation(MemoryTransaction tx, @Nullable Invitation previous, Invitation next) {
    writeInvitation(previous, next);
    tx.onRollback(() -> writeInvitation(next, previous));
  }

  private void writeInvitation(@Nullable Invitation previous, @Nullable Invitation next) {
    if (previous != null) {
      invitations.remove(previous.id());
      tokenHashes.remove(previous.tokenHash());
      Indexes.remove(invitationsOfGroup, previous.groupId(), previous.id());
    }
    if (next != null) {
      invitations.put(next.id(), next);
      tokenHashes.put(next.tokenHash(), next.id());
      Indexes.add(invitationsOfGroup, next.groupId(), next.id(), next, Comparator.<InvitationId>reverseOrder());
    }
  }

  private void writeTally(GroupId groupId, Instant hour, @Nullable Long tally) {
    if (tally == null) {
      Indexes.remove(activity, groupId, hour);
    } else {
      Indexes.add(activity, groupId, hour, tally);
    }
  }

  private final class Bound implements GroupStore {
    private final MemoryTransaction tx;

    Bound(MemoryTransaction tx) {
      this.tx = tx;
    }

    @Override
    public boolean insertGroup(Group group) {
      tx.checkOpen();
      requireNonNull(group, "group");
      if (groups.containsKey(group.id()) || slugs.containsKey(group.slug())
          || (group.store() != null && stations.containsKey(group.store()))) {
        return false;
      }
      putGroup(tx, null, group);
      return true;
    }

    @Override
    public Optional<Group> findGroup(GroupId id) {
      tx.checkOpen();
      return Optional.ofNullable(groups.get(requireNonNull(id, "id")));
    }

    @Override
    public Optional<Group> findGroupBySlug(String slug) {
      tx.checkOpen();
      GroupId id = slugs.get(requireNonNull(slug, "slug"));
      return id == null ? Optional.empty() : Optional.of(groups.get(id));
    }

    @Override
    public Optional<Group> findStation(StoreId store) {
      tx.checkOpen();
      GroupId id = stations.get(requireNonNull(store, "store"));
      return id == null ? Optional.empty() : Optional.of(groups.get(id));
    }

    @Override
    public boolean updateGroup(Group next) {
      tx.checkOpen();
      requireNonNull(next, "next");
      Group stored = groups.get(next.id());
      if (stored == null || stored.version() != next.version() - 1) {
        return false;
      }
      putGroup(tx, stored, new Group(stored.id(), next.name(), stored.slug(), next.description(), next.rules(),
          next.category(), next.labels(), next.visibility(), next.postApproval(), stored.store(), next.state(),
          next.owner(), stored.memberCount(), stored.postCount(), stored.createdAt(), next.updatedAt(),
          next.version()));
      return true;
    }

    @Override
    public boolean adjustGroupCounts(GroupId id, long membersDelta, long postsDelta) {
      tx.checkOpen();
      Group stored = groups.get(requireNonNull(id, "id"));
      if (stored == null) {
        return false;
      }
      putGroup(tx, stored, new Group(stored.id(), stored.name(), stored.slug(), stored.description(),
          stored.rules(), stored.category(), stored.labels(), stored.visibility(), stored.postApproval(),
          stored.store(), stored.state(), stored.owner(), stored.memberCount() + membersDelta,
          stored.postCount() + postsDelta, stored.createdAt(), stored.updatedAt(), stored.version()));
      return true;
    }

    /*
     * Discovery walks the index of discoverable groups from the later of the cursor and the name
     * prefix, and stops at the first group past the prefix: names starting with a prefix are one
     * run in name-key order. Category and label conditions are checked group by group.
     */
    @Override
    public List<Group> listGroups(GroupFilter filter, @Nullable String afterNameKey, @Nullable GroupId afterId,
        int limit) {
      tx.checkOpen();
      requireNonNull(filter, "filter");
      checkPosition(afterNameKey, afterId, "afterNameKey and afterId");
      checkLimit(limit);
      Set<String> categories = filter.categories();
      String label = filter.label();
      String prefix = filter.namePrefix() == null || filter.namePrefix().isEmpty() ? null : filter.namePrefix();
      if (limit == 0 || (categories != null && categories.isEmpty())) {
        return List.of();
      }
      NavigableMap<DiscoveryKey, Group> view = discoverable;
      DiscoveryKey after = afterNameKey == null ? null : new DiscoveryKey(afterNameKey, afterId.value());
      // The empty id sorts before every id, so this is the first place a name key can hold the prefix.
      DiscoveryKey start = prefix == null ? null : new DiscoveryKey(prefix, "");
      if (after != null && (start == null || DISCOVERY_ORDER.compare(after, start) >= 0)) {
        view = discoverable.tailMap(after, false);
      } else if (start != null) {
        view = discoverable.tailMap(start, true);
      }
      List<Group> page = new ArrayList<>();
      for (Group group : view.values()) {
        if (prefix != null && !group.nameKey().startsWith(prefix)) {
          break;
        }
        boolean inCategory = categories == null || (group.category() != null && categories.contains(group.category()));
        boolean labelled = label == null || group.labels().contains(label);
        if (inCategory && labelled) {
          page.add(group);
          if (page.size() == limit) {
            break;
          }
        }
      }
      return page;
    }

    @Override
    public boolean insertMembership(Membership membership) {
      tx.checkOpen();
      requireNonNull(membership, "membership");
      if (memberships.containsKey(new MemberKey(membership.groupId(), membership.userId()))) {
        return false;
      }
      putMembership(tx, null, membership);
      return true;
    }

    @Override
    public boolean updateMembership(Membership current, Membership next) {
      tx.checkOpen();
      requireNonNull(current, "current");
      requireNonNull(next, "next");
      if (!current.groupId().equals(next.groupId()) || !current.userId().equals(next.userId())) {
        throw new IllegalArgumentException("current and next must be the same user's membership of the same group");
      }
      Membership stored = memberships.get(new MemberKey(current.groupId(), current.userId()));
      if (stored == null || stored.status() != current.status() || stored.role() != current.role()) {
        return false;
      }
      putMembership(tx, stored, next);
      return true;
    }

    @Override
    public boolean deleteMembership(GroupId groupId, UserId userId, MemberStatus status) {
      tx.checkOpen();
      requireNonNull(groupId, "groupId");
      requireNonNull(userId, "userId");
      requireNonNull(status, "status");
      Membership stored = memberships.get(new MemberKey(groupId, userId));
      if (stored == null || stored.status() != status) {
        return false;
      }
      putMembership(tx, stored, null);
      return true;
    }

    @Override
    public Optional<Membership> findMembership(GroupId groupId, UserId userId) {
      tx.checkOpen();
      requireNonNull(groupId, "groupId");
      requireNonNull(userId, "userId");
      return Optional.ofNullable(memberships.get(new MemberKey(groupId, userId)));
    }

    @Override
    public List<Membership> listMembers(GroupId groupId, MemberStatus status, @Nullable Instant afterSince,
        @Nullable UserId afterUser, int limit) {
      tx.checkOpen();
      requireNonNull(groupId, "groupId");
      requireNonNull(status, "status");
      checkPosition(afterSince, afterUser, "afterSince and afterUser");
      checkLimit(limit);
      Position after = afterSince == null ? null : new Position(afterSince.toEpochMilli(), afterUser.value());
      return Indexes.first(Indexes.after(membersOfGroup, new GroupStatus(groupId, status), after).values(), limit);
    }

    @Override
    public List<Membership> listMemberships(UserId userId, MemberStatus status, @Nullable Instant afterSince,
        @Nullable GroupId afterGroup, int limit) {
      tx.checkOpen();
      requireNonNull(userId, "userId");
      requireNonNull(status, "status");
      checkPosition(afterSince, afterGroup, "afterSince and afterGroup");
      checkLimit(limit);
      Position after = afterSince == null ? null : new Position(afterSince.toEpochMilli(), afterGroup.value());
      return Indexes.first(Indexes.after(membershipsOfUser, new UserStatus(userId, status), after).values(), limit);
    }

    @Override
    public boolean insertInvitation(Invitation invitation) {
      tx.checkOpen();
      requireNonNull(invitation, "invitation");
      if (invitations.containsKey(invitation.id()) || tokenHashes.containsKey(invitation.tokenHash())) {
        return false;
      }
      putInvitation(tx, null, invitation);
      return true;
    }

    @Override
    public Optional<Invitation> findInvitation(InvitationId id) {
      tx.checkOpen();
      return Optional.ofNullable(invitations.get(requireNonNull(id, "id")));
    }

    @Override
    public Optional<Invitation> findInvitationByTokenHash(String tokenHash) {
      tx.checkOpen();
      InvitationId id = tokenHashes.get(requireNonNull(tokenHash, "tokenHash"));
      return id == null ? Optional.empty() : Optional.of(invitations.get(id));
    }

    @Override
    public boolean useInvitation(InvitationId id, Instant now) {
      tx.checkOpen();
      requireNonNull(id, "id");
      requireNonNull(now, "now");
      Invitation stored = invitations.get(id);
      if (stored == null || !stored.usableAt(now)) {
        return false;
      }
      putInvitation(tx, stored, new Invitation(stored.id(), stored.groupId(), stored.tokenHash(), stored.createdBy(),
          stored.createdAt(), stored.expiresAt(), stored.maxUses(), stored.uses() + 1, stored.revokedAt()));
      return true;
    }

    @Override
    public boolean revokeInvitation(InvitationId id, Instant at) {
      tx.checkOpen();
      requireNonNull(id, "id");
      requireNonNull(at, "at");
      Invitation stored = invitations.get(id);
      if (stored == null || stored.revokedAt() != null) {
        return false;
      }
      putInvitation(tx, stored, new Invitation(stored.id(), stored.groupId(), stored.tokenHash(), stored.createdBy(),
          stored.createdAt(), stored.expiresAt(), stored.maxUses(), stored.uses(), at));
      return true;
    }

    @Override
    public List<Invitation> listInvitations(GroupId groupId, @Nullable InvitationId before, int limit) {
      tx.checkOpen();
      requireNonNull(groupId, "groupId");
      checkLimit(limit);
      return Indexes.first(Indexes.after(invitationsOfGroup, groupId, before).values(), limit);
    }

    @Override
    public void addActivity(GroupId groupId, Instant hour, long delta) {
      tx.checkOpen();
      requireNonNull(groupId, "groupId");
      requireNonNull(hour, "hour");
      if (!hour.truncatedTo(ChronoUnit.HOURS).equals(hour)) {
        throw new IllegalArgumentException("hour must be the start of a whole UTC hour, was " + hour);
      }
      NavigableMap<Instant, Long> tallies = activity.get(groupId);
      Long previous = tallies == null ? null : tallies.get(hour);
      writeTally(groupId, hour, (previous == null ? 0 : previous) + delta);
      tx.onRollback(() -> writeTally(groupId, hour, previous));
    }

    /*
     * Most-active sums every group's tallies in the window and keeps the best page in a heap
     * whose head is the weakest entry kept: O(n log limit) over the groups with activity.
     */
    @Override
    public List<GroupActivity> listMostActive(Instant since, @Nullable GroupActivity after, int limit) {
      tx.checkOpen();
      requireNonNull(since, "since");
      checkLimit(limit);
      if (limit == 0) {
        return List.of();
      }
      // Tallies are of whole hours: the hour holding `since` counts in full.
      Instant fromHour = since.truncatedTo(ChronoUnit.HOURS);
      PriorityQueue<GroupActivity> best = new PriorityQueue<>(MOST_ACTIVE_FIRST.reversed());
      for (Map.Entry<GroupId, NavigableMap<Instant, Long>> tallies : activity.entrySet()) {
        Group group = groups.get(tallies.getKey());
        if (group == null || !discoverable(group)) {
          continue;
        }
        long sum = 0;
        for (long tally : tallies.getValue().tailMap(fromHour, true).values()) {
          sum += tally;
        }
        GroupActivity candidate = new GroupActivity(group.id(), sum);
        if (sum <= 0 || (after != null && MOST_ACTIVE_FIRST.compare(candidate, after) <= 0)) {
          continue;
        }
        best.add(candidate);
        if (best.size() > limit) {
          best.poll();
        }
      }
      List<GroupActivity> page = new ArrayList<>(best);
      page.sort(MOST_ACTIVE_FIRST);
      return page;
    }
  }
}
