package dev.meadow.core.groups;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.Actor;
import dev.meadow.core.ConflictException;
import dev.meadow.core.GroupId;
import dev.meadow.core.NotFoundException;
import dev.meadow.core.PermissionDeniedException;
import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import dev.meadow.core.internal.HostPorts;
import dev.meadow.core.spi.FollowStore;
import dev.meadow.core.spi.GroupStore;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Where one actor stands with one group, read inside the transaction that acts on it: every
 * permission of the community is decided here.
 *
 * <ul>
 *   <li>Reading: anyone for a public group; otherwise active members and, for a station, the
 *       store's staff.
 *   <li>Posting: active members of an interest group; only the store's staff in a station.
 *   <li>Commenting and liking: active members; in a station also the store's staff and whoever
 *       follows the station or its store.
 *   <li>Moderating: active owners and moderators; the store's staff in its station.
 *   <li>A banned user does none of these but read what is public.
 *   <li>An archived group accepts nothing new (no joins, invitations, settings or roles, posts,
 *       edits, approvals, pins, comments or likes); members may still leave, moderators still
 *       take content down, reject requests, ban and unban, and likes may be taken back.
 * </ul>
 */
final class Access {
  final Group group;
  final @Nullable UserId user;
  final Optional<Membership> membership;
  private final boolean staff;

  private Access(Group group, @Nullable UserId user, Optional<Membership> membership, boolean staff) {
    this.group = group;
    this.user = user;
    this.membership = membership;
    this.staff = staff;
  }

  /** Reads where {@code actor}, working for {@code stores}, stands with a group. */
  static Access of(GroupStore store, GroupId groupId, Actor actor, Set<StoreId> stores) {
    requireNonNull(actor, "actor");
    Group group = group(store, groupId);
    UserId user = actor.user().orElse(null);
    Optional<Membership> membership = user == null ? Optional.empty() : store.findMembership(groupId, user);
    boolean banned = membership.map(m -> m.status() == MemberStatus.BANNED).orElse(false);
    boolean staff = !banned && group.store() != null && stores.contains(group.store());
    return new Access(group, user, membership, staff);
  }

  /** Asks the host which stores the actor works for; call outside any transaction. */
  static Set<StoreId> storesOf(CommunitySettings settings, Actor actor) {
    requireNonNull(actor, "actor");
    return actor.user()
        .map(user -> Set.copyOf(HostPorts.ask("StoreStaff", () -> settings.storeStaff().storesOf(user))))
        .orElse(Set.of());
  }

  static Group group(GroupStore store, GroupId id) {
    return store.findGroup(id).orElseThrow(() -> new NotFoundException("group", id.value()));
  }

  boolean banned() {
    return membership.map(m -> m.status() == MemberStatus.BANNED).orElse(false);
  }

  boolean member() {
    return membership.map(Membership::isActive).orElse(false);
  }

  boolean staff() {
    return staff;
  }

  boolean moderator() {
    return staff || membership.map(Membership::moderates).orElse(false);
  }

  boolean owner() {
    return member() && membership.get().role() == GroupRole.OWNER;
  }

  boolean canRead() {
    return group.visibility() == GroupVisibility.PUBLIC || member() || staff;
  }

  Access requireRead() {
    if (!canRead()) {
      throw new PermissionDeniedException("only members read group " + group.id());
    }
    return this;
  }

  UserId requireUser(String action) {
    if (user == null) {
      throw new PermissionDeniedException("sign in to " + action);
    }
    return user;
  }

  Access requireActive() {
    if (!group.isActive()) {
      throw new ConflictException("group " + group.id() + " is archived");
    }
    return this;
  }

  Access requireNotBanned(String action) {
    requireUser(action);
    if (banned()) {
      throw new PermissionDeniedException("banned from group " + group.id() + ": cannot " + action);
    }
    return this;
  }

  /** Requires the actor to comment and like here. */
  Access requireParticipant(String action, FollowStore follows) {
    requireNotBanned(action);
    if (!member() && !staff && !followsStation(follows)) {
      throw new PermissionDeniedException("only members of group " + group.id() + " " + action);
    }
    return requireActive();
  }

  private boolean followsStation(FollowStore follows) {
    StoreId store = group.store();
    return store != null && user != null
        && (follows.findFollow(user, FollowTarget.group(group.id())).isPresent()
            || follows.findFollow(user, FollowTarget.store(store)).isPresent());
  }

  /** Requires the actor to post here. */
  Access requirePoster() {
    requireNotBanned("post");
    boolean allowed = group.isStation() ? staff : member();
    if (!allowed) {
      throw new PermissionDeniedException(group.isStation()
          ? "only the staff of store " + group.store() + " post in its station"
          : "only members post in group " + group.id());
    }
    return requireActive();
  }

  Access requireModerator(String action) {
    requireNotBanned(action);
    if (!moderator()) {
      throw new PermissionDeniedException("only moderators of group " + group.id() + " " + action);
    }
    return this;
  }

  /** Returns the actor if they wrote what they remove, or else requires them to moderate. */
  UserId requireAuthorOrModerator(UserId author, String what) {
    UserId by = requireUser("remove " + what);
    if (!author.equals(by)) {
      requireModerator("remove others' " + what);
    }
    return by;
  }

  Access requireOwner(String action) {
    requireNotBanned(action);
    if (!owner()) {
      throw new PermissionDeniedException("only the owner of group " + group.id() + " may " + action);
    }
    return this;
  }
}
