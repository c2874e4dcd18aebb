package dev.meadow.core.memory;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.GroupId;
import dev.meadow.core.UserId;
import dev.meadow.core.groups.Group;
import dev.meadow.core.groups.Membership;
import dev.meadow.core.memory.MemoryStorage.MemoryTransaction;
import dev.meadow.core.spi.GroupStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** Groups kept in memory; guarded by the storage's lock. */
final class MemoryGroupStore {
  /** Orders members by join time to the millisecond, then user id, as the SPI requires. */
  private record MemberKey(long joinedAtMillis, String userId) {}

  private static final Comparator<MemberKey> MEMBER_ORDER =
      Comparator.comparingLong(MemberKey::joinedAtMillis).thenComparing(MemberKey::userId);

  private final Map<GroupId, Group> groups = new HashMap<>();
  private final Map<String, GroupId> slugs = new HashMap<>();
  private final Map<GroupId, NavigableMap<MemberKey, Membership>> members = new HashMap<>();
  private final Map<GroupId, Map<UserId, Membership>> memberships = new HashMap<>();

  GroupStore bind(MemoryTransaction tx) {
    return new Bound(tx);
  }

  private static MemberKey key(Membership membership) {
    return new MemberKey(membership.joinedAt().toEpochMilli(), membership.userId().value());
  }

  private void addMembership(Membership membership) {
    memberships.computeIfAbsent(membership.groupId(), g -> new HashMap<>()).put(membership.userId(), membership);
    members.computeIfAbsent(membership.groupId(), g -> new TreeMap<>(MEMBER_ORDER)).put(key(membership), membership);
  }

  private void removeMembership(Membership membership) {
    memberships.get(membership.groupId()).remove(membership.userId());
    members.get(membership.groupId()).remove(key(membership));
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
      if (slugs.containsKey(group.slug()) || groups.containsKey(group.id())) {
        return false;
      }
      groups.put(group.id(), group);
      slugs.put(group.slug(), group.id());
      tx.onRollback(() -> {
        groups.remove(group.id());
        slugs.remove(group.slug());
      });
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
    public boolean adjustMemberCount(GroupId id, long delta) {
      tx.checkOpen();
      Group group = groups.get(requireNonNull(id, "id"));
      if (group == null) {
        return false;
      }
      groups.put(id, new Group(group.id(), group.name(), group.slug(), group.description(), group.owner(),
          group.memberCount() + delta, group.createdAt()));
      tx.onRollback(() -> groups.put(id, group));
      return true;
    }

    @Override
    public boolean insertMembership(Membership membership) {
      tx.checkOpen();
      requireNonNull(membership, "membership");
      Map<UserId, Membership> ofGroup = memberships.get(membership.groupId());
      if (ofGroup != null && ofGroup.containsKey(membership.userId())) {
        return false;
      }
      addMembership(membership);
      tx.onRollback(() -> removeMembership(membership));
      return true;
    }

    @Override
    public boolean deleteMembership(GroupId groupId, UserId userId) {
      tx.checkOpen();
      Optional<Membership> existing = findMembership(groupId, userId);
      if (existing.isEmpty()) {
        return false;
      }
      removeMembership(existing.get());
      tx.onRollback(() -> addMembership(existing.get()));
      return true;
    }

    @Override
    public Optional<Membership> findMembership(GroupId groupId, UserId userId) {
      tx.checkOpen();
      requireNonNull(groupId, "groupId");
      requireNonNull(userId, "userId");
      Map<UserId, Membership> ofGroup = memberships.get(groupId);
      return ofGroup == null ? Optional.empty() : Optional.ofNullable(ofGroup.get(userId));
    }

    @Override
    public List<Membership> listMembers(
        GroupId groupId, @Nullable Instant afterJoinedAt, @Nullable UserId afterUser, int limit) {
      tx.checkOpen();
      requireNonNull(groupId, "groupId");
      if ((afterJoinedAt == null) != (afterUser == null)) {
        throw new IllegalArgumentException("afterJoinedAt and afterUser are both null or both set");
      }
      NavigableMap<MemberKey, Membership> ofGroup = members.get(groupId);
      if (ofGroup == null) {
        return List.of();
      }
      NavigableMap<MemberKey, Membership> view = afterJoinedAt == null
          ? ofGroup
          : ofGroup.tailMap(new MemberKey(afterJoinedAt.toEpochMilli(), afterUser.value()), false);
      return view.values().stream().limit(limit).toList();
    }
  }
}
