package dev.meadow.core.groups;

import static java.util.Objects.requireNonNull;

import com.google.common.hash.Hashing;
import com.google.common.io.BaseEncoding;
import dev.meadow.core.Actor;
import dev.meadow.core.ConflictException;
import dev.meadow.core.GroupId;
import dev.meadow.core.InvitationId;
import dev.meadow.core.NotFoundException;
import dev.meadow.core.Page;
import dev.meadow.core.PageRequest;
import dev.meadow.core.PermissionDeniedException;
import dev.meadow.core.PlainText;
import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import dev.meadow.core.ValidationException;
import dev.meadow.core.events.GroupEvent;
import dev.meadow.core.internal.Actors;
import dev.meadow.core.internal.HostPorts;
import dev.meadow.core.modules.ModuleContext;
import dev.meadow.core.modules.UnitOfWork;
import dev.meadow.core.spi.GroupActivity;
import dev.meadow.core.spi.GroupFilter;
import dev.meadow.core.spi.GroupStore;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Interest groups and store stations: create and configure them, join by the group's visibility
 * (at once, by request, or with an invitation), moderate members, discover groups.
 *
 * <p>Every change is one transaction with its event, its counters and the per-user limits it
 * checks: member counts are exact and limits hold under any concurrency. Asking for what is
 * already so (joining twice, banning a banned user) changes nothing and emits no event. Who may do
 * what is listed on each method; a refusal is a {@link PermissionDeniedException} and changes
 * nothing.
 *
 * <p>Obtained from {@code Meadow.groups()}; thread-safe.
 */
public final class Groups {
  /** The longest reason for a ban. */
  public static final int MAX_REASON = 500;

  /** The longest an invitation stays valid. */
  public static final Duration MAX_INVITATION_VALIDITY = Duration.ofDays(90);

  /** The most users one invitation admits. */
  public static final int MAX_INVITATION_USES = 10_000;

  /** The longest trending window. */
  public static final Duration MAX_TRENDING_WINDOW = Duration.ofDays(30);

  static final String OWNED = "groups.owned";
  static final String JOINED = "groups.joined";

  private static final int TOKEN_BYTES = 32;
  private static final BaseEncoding TOKEN = BaseEncoding.base64Url().omitPadding();

  private final ModuleContext context;
  private final CommunitySettings settings;
  private final SecureRandom random = new SecureRandom();

  /** Creates the groups service; hosts obtain it from {@code Meadow.groups()}. */
  public Groups(ModuleContext context, CommunitySettings settings) {
    this.context = requireNonNull(context, "context");
    this.settings = requireNonNull(settings, "settings");
  }

  /**
   * Creates an interest group owned by {@code actor}, who becomes its first member.
   *
   * @throws PermissionDeniedException for an anonymous visitor
   * @throws ValidationException naming {@code category} or {@code labels} if the shop has no such
   *     category or label
   * @throws ConflictException if another group has the slug, or the user owns or has joined as
   *     many groups as {@link CommunityLimits} allows
   */
  public Group create(Actor actor, GroupDraft draft) {
    requireNonNull(draft, "draft");
    UserId owner = Actors.signedIn(requireNonNull(actor, "actor"), "create a group");
    return insert(owner, draft, null);
  }

  /**
   * Creates the station of a store: a public group where only the store's staff post and
   * members comment and like. {@code actor} must work for the store and becomes its owner.
   *
   * @throws PermissionDeniedException unless {@code actor} works for {@code store}
   * @throws ValidationException naming {@code visibility} unless the draft is public
   * @throws ConflictException if the store has a station already or another group has the slug
   */
  public Group createStation(Actor actor, StoreId store, GroupDraft draft) {
    requireNonNull(store, "store");
    requireNonNull(draft, "draft");
    UserId owner = Actors.signedIn(requireNonNull(actor, "actor"), "create a station");
    if (!HostPorts.ask("StoreStaff", () -> settings.storeStaff().storesOf(owner)).contains(store)) {
      throw new PermissionDeniedException("only the staff of store " + store + " create its station");
    }
    if (draft.settings().visibility() != GroupVisibility.PUBLIC) {
      throw ValidationException.of("visibility", "station_public", "a store station is always public");
    }
    return insert(owner, draft, store);
  }

  private Group insert(UserId owner, GroupDraft draft, @Nullable StoreId store) {
    GroupSettings checked = checkCatalogues(draft.settings());
    return context.write(unit -> {
      GroupStore groups = unit.tx().groups();
      if (store != null && groups.findStation(store).isPresent()) {
        throw new ConflictException("store " + store + " has a station already");
      }
      Group group = new Group(new GroupId(unit.newId()), checked.name(), draft.slug(), checked.description(),
          checked.rules(), checked.category(), checked.labels(), checked.visibility(), checked.postApproval(), store,
          GroupState.ACTIVE, owner, 1, 0, unit.now(), unit.now(), 1);
      if (!groups.insertGroup(group)) {
        throw new ConflictException(store != null && groups.findStation(store).isPresent()
            ? "store " + store + " has a station already"
            : "the slug '" + draft.slug() + "' is taken by another group");
      }
      groups.insertMembership(Membership.active(group.id(), owner, GroupRole.OWNER, unit.now()));
      countOwned(unit, owner);
      countJoined(unit, owner);
      unit.emit(new GroupEvent.Created(unit.newEventId(), unit.now(), group.id(), owner, group.name(), group.slug(),
          group.visibility(), store));
      return group;
    });
  }

  /**
   * Replaces a group's settings. Allowed to its owner and, for a station, the store's staff.
   *
   * @return the group as saved
   * @throws ValidationException naming {@code category}, {@code labels} or {@code visibility}
   * @throws ConflictException if the group is archived or its settings changed meanwhile
   */
  public Group update(Actor actor, GroupId groupId, GroupSettings newSettings) {
    requireNonNull(groupId, "groupId");
    GroupSettings checked = checkCatalogues(requireNonNull(newSettings, "newSettings"));
    Set<StoreId> stores = Access.storesOf(settings, actor);
    return context.write(unit -> {
      Access access = Access.of(unit.tx().groups(), groupId, actor, stores);
      UserId by = ownerOrStaff(access, "change its settings");
      access.requireActive();
      Group group = access.group;
      if (group.isStation() && checked.visibility() != GroupVisibility.PUBLIC) {
        throw ValidationException.of("visibility", "station_public", "a store station is always public");
      }
      Group next = new Group(group.id(), checked.name(), group.slug(), checked.description(), checked.rules(),
          checked.category(), checked.labels(), checked.visibility(), checked.postApproval(), group.store(),
          group.state(), group.owner(), group.memberCount(), group.postCount(), group.createdAt(), unit.now(),
          group.version() + 1);
      saveSettings(unit, next);
      unit.emit(new GroupEvent.Updated(unit.newEventId(), unit.now(), group.id(), by, next.version()));
      return Access.group(unit.tx().groups(), groupId);
    });
  }

  /**
   * Archives a group: it stays readable as its visibility allows, accepts nothing new, leaves
   * discovery and no longer counts against its owner's limit. Allowed to its owner and, for a
   * station, the store's staff.
   *
   * @return {@code false} if it was archived already
   */
  public boolean archive(Actor actor, GroupId groupId) {
    requireNonNull(groupId, "groupId");
    Set<StoreId> stores = Access.storesOf(settings, actor);
    return context.write(unit -> {
      Access access = Access.of(unit.tx().groups(), groupId, actor, stores);
      UserId by = ownerOrStaff(access, "archive it");
      Group group = access.group;
      if (!group.isActive()) {
        return false;
      }
      saveSettings(unit, withOwnerAndState(group, group.owner(), GroupState.ARCHIVED, unit.now()));
      unit.tx().counters().add(OWNED, group.owner().value(), -1);
      unit.emit(new GroupEvent.Archived(unit.newEventId(), unit.now(), groupId, by));
      return true;
    });
  }

  /**
   * Returns a group. Anyone may read a group's settings and counts; its posts and members are
   * guarded by its visibility.
   *
   * @throws NotFoundException if there is no such group
   */
  public Group get(GroupId id) {
    requireNonNull(id, "id");
    return context.read(tx -> Access.group(tx.groups(), id));
  }

  /**
   * Returns the group with a slug, compared without regard to case.
   *
   * @throws ValidationException naming {@code slug} if it is not a valid slug
   */
  public Optional<Group> findBySlug(String slug) {
    String stored = GroupDraft.checkSlug(slug);
    return context.read(tx -> tx.groups().findGroupBySlug(stored));
  }

  /** Returns a store's station, if it has one. */
  public Optional<Group> station(StoreId store) {
    requireNonNull(store, "store");
    return context.read(tx -> tx.groups().findStation(store));
  }

  /**
   * Joins a group, or asks to. A public group admits a signed-in user at once; a group by request
   * records the request for a moderator (a request still waiting when the group became public is
   * granted by joining again); a group by invitation needs {@link #joinWithInvitation}.
   *
   * @throws PermissionDeniedException for an anonymous visitor, a banned user, or a group by
   *     invitation
   * @throws ConflictException if the group is archived or the user has joined as many groups as
   *     {@link CommunityLimits} allows
   */
  public JoinResult join(Actor actor, GroupId groupId) {
    requireNonNull(actor, "actor");
    requireNonNull(groupId, "groupId");
    return context.write(unit -> {
      Access access = Access.of(unit.tx().groups(), groupId, actor, Set.of());
      UserId user = access.requireNotBanned("join").requireActive().user;
      Group group = access.group;
      if (group.visibility() == GroupVisibility.PUBLIC && access.membership.isPresent()
          && access.membership.get().status() == MemberStatus.PENDING) {
        // Asked while the group admitted by request; it is public now, so the request is granted.
        if (unit.tx().groups().updateMembership(access.membership.get(),
            Membership.active(groupId, user, GroupRole.MEMBER, unit.now()))) {
          admitted(unit, groupId, user, JoinMethod.OPEN);
          return JoinResult.JOINED;
        }
      }
      JoinResult already = already(access.membership);
      if (already != null) {
        return already;
      }
      if (group.visibility() == GroupVisibility.INVITE) {
        throw new PermissionDeniedException("group " + groupId + " admits by invitation only");
      }
      boolean open = group.visibility() == GroupVisibility.PUBLIC;
      Membership membership = open
          ? Membership.active(groupId, user, GroupRole.MEMBER, unit.now())
          : new Membership(groupId, user, GroupRole.MEMBER, MemberStatus.PENDING, unit.now(), null, null);
      if (!unit.tx().groups().insertMembership(membership)) {
        // Another request of the same user won the race; report what it did.
        return requireNonNull(already(unit.tx().groups().findMembership(groupId, user)));
      }
      countJoined(unit, user);
      if (!open) {
        unit.emit(new GroupEvent.JoinRequested(unit.newEventId(), unit.now(), groupId, user));
        return JoinResult.REQUESTED;
      }
      admitted(unit, groupId, user, JoinMethod.OPEN);
      return JoinResult.JOINED;
    });
  }

  /**
   * Joins a group with an invitation token, whatever its visibility. A pending request is
   * admitted too. A member redeeming a token again uses nothing up.
   *
   * @return {@link JoinResult#JOINED} or {@link JoinResult#ALREADY_MEMBER}
   * @throws ValidationException naming {@code token} if it is not shaped like a token
   * @throws NotFoundException if no invitation has this token
   * @throws PermissionDeniedException for an anonymous visitor, a banned user, or an invitation
   *     that expired, was revoked or is used up
   */
  public JoinResult joinWithInvitation(Actor actor, String token) {
    requireNonNull(actor, "actor");
    String hash = tokenHash(token);
    return context.write(unit -> {
      GroupStore groups = unit.tx().groups();
      Invitation invitation = groups.findInvitationByTokenHash(hash)
          .orElseThrow(() -> new NotFoundException("invitation", "(token)"));
      Access access = Access.of(groups, invitation.groupId(), actor, Set.of());
      UserId user = access.requireNotBanned("join").requireActive().user;
      if (access.member()) {
        return JoinResult.ALREADY_MEMBER;
      }
      GroupId groupId = invitation.groupId();
      Membership joined = new Membership(groupId, user, GroupRole.MEMBER, MemberStatus.ACTIVE, unit.now(), null,
          invitation.createdBy());
      boolean wasPending = access.membership.isPresent();
      boolean admitted = wasPending
          ? groups.updateMembership(access.membership.get(), joined)
          : groups.insertMembership(joined);
      if (!admitted) {
        return requireNonNull(already(groups.findMembership(groupId, user)));
      }
      if (!groups.useInvitation(invitation.id(), unit.now())) {
        throw new PermissionDeniedException("the invitation expired, was revoked or is used up");
      }
      if (!wasPending) {
        countJoined(unit, user);
      }
      admitted(unit, groupId, user, JoinMethod.INVITATION);
      return JoinResult.JOINED;
    });
  }

  /**
   * Issues an invitation to a group. Allowed to its moderators. The token is in the result only.
   *
   * @param validFor how long it admits, from a minute to {@link #MAX_INVITATION_VALIDITY}
   * @param maxUses how many users it admits, 1 to {@value #MAX_INVITATION_USES}
   * @throws ValidationException naming {@code validFor} or {@code maxUses}
   */
  public IssuedInvitation invite(Actor actor, GroupId groupId, Duration validFor, int maxUses) {
    requireNonNull(groupId, "groupId");
    requireNonNull(validFor, "validFor");
    if (validFor.compareTo(Duration.ofMinutes(1)) < 0 || validFor.compareTo(MAX_INVITATION_VALIDITY) > 0) {
      throw ValidationException.of("validFor", "out_of_range", "must be from 1 minute to 90 days");
    }
    if (maxUses < 1 || maxUses > MAX_INVITATION_USES) {
      throw ValidationException.of("maxUses", "out_of_range", "must be 1 to " + MAX_INVITATION_USES);
    }
    Set<StoreId> stores = Access.storesOf(settings, actor);
    byte[] secret = new byte[TOKEN_BYTES];
    random.nextBytes(secret);
    String token = TOKEN.encode(secret);
    return context.write(unit -> {
      Access access = Access.of(unit.tx().groups(), groupId, actor, stores).requireModerator("invite").requireActive();
      UserId by = access.user;
      Invitation invitation = new Invitation(new InvitationId(unit.newId()), groupId, hash(token), by, unit.now(),
          unit.now().plus(validFor), maxUses, 0, null);
      if (!unit.tx().groups().insertInvitation(invitation)) {
        throw new ConflictException("invitation token collision; try again");
      }
      unit.emit(new GroupEvent.InvitationCreated(unit.newEventId(), unit.now(), groupId, invitation.id(), by,
          invitation.expiresAt(), maxUses));
      return new IssuedInvitation(invitation, token);
    });
  }

  /**
   * Revokes an invitation. Allowed to the moderators of its group.
   *
   * @return {@code false} if it was revoked already
   * @throws NotFoundException if there is no such invitation
   */
  public boolean revokeInvitation(Actor actor, InvitationId invitationId) {
    requireNonNull(invitationId, "invitationId");
    Set<StoreId> stores = Access.storesOf(settings, actor);
    return context.write(unit -> {
      GroupStore groups = unit.tx().groups();
      Invitation invitation = groups.findInvitation(invitationId)
          .orElseThrow(() -> new NotFoundException("invitation", invitationId.value()));
      Access access = Access.of(groups, invitation.groupId(), actor, stores).requireModerator("revoke invitations");
      if (!groups.revokeInvitation(invitationId, unit.now())) {
        return false;
      }
      unit.emit(new GroupEvent.InvitationRevoked(unit.newEventId(), unit.now(), invitation.groupId(), invitationId,
          access.user));
      return true;
    });
  }

  /** Lists a group's invitations, newest first. Allowed to its moderators. */
  public Page<Invitation> invitations(Actor actor, GroupId groupId, PageRequest request) {
    requireNonNull(groupId, "groupId");
    requireNonNull(request, "request");
    Set<StoreId> stores = Access.storesOf(settings, actor);
    String listing = "group.invitations:" + groupId;
    InvitationId before = context.cursors().position(listing, request, 1, key -> InvitationId.of(key.get(0)));
    List<Invitation> rows = context.read(tx -> {
      Access.of(tx.groups(), groupId, actor, stores).requireModerator("list invitations");
      return tx.groups().listInvitations(groupId, before, request.limit() + 1);
    });
    return context.cursors().page(rows, request.limit(), listing, i -> new String[] {i.id().value()});
  }

  /**
   * Admits a user who asked to join. Allowed to moderators.
   *
   * @return {@code false} if the user has no pending request
   */
  public boolean approve(Actor actor, GroupId groupId, UserId user) {
    requireNonNull(groupId, "groupId");
    requireNonNull(user, "user");
    Set<StoreId> stores = Access.storesOf(settings, actor);
    return context.write(unit -> {
      GroupStore groups = unit.tx().groups();
      Access access = Access.of(groups, groupId, actor, stores).requireModerator("approve members").requireActive();
      Optional<Membership> request = groups.findMembership(groupId, user)
          .filter(m -> m.status() == MemberStatus.PENDING);
      if (request.isEmpty()
          || !groups.updateMembership(request.get(), new Membership(groupId, user, GroupRole.MEMBER,
              MemberStatus.ACTIVE, unit.now(), null, access.user))) {
        return false;
      }
      admitted(unit, groupId, user, JoinMethod.APPROVED);
      return true;
    });
  }

  /**
   * Turns down a join request. Allowed to moderators.
   *
   * @return {@code false} if the user has no pending request
   */
  public boolean reject(Actor actor, GroupId groupId, UserId user) {
    requireNonNull(groupId, "groupId");
    requireNonNull(user, "user");
    Set<StoreId> stores = Access.storesOf(settings, actor);
    return context.write(unit -> {
      Access access = Access.of(unit.tx().groups(), groupId, actor, stores).requireModerator("reject requests");
      return withdrawRequest(unit, groupId, user, access.user);
    });
  }

  /**
   * Leaves a group, or withdraws a pending request to join it (which emits
   * {@link GroupEvent.JoinRejected} by the user).
   *
   * @return {@code false} if the user was neither a member nor waiting
   * @throws ConflictException if the user owns the group: hand it over first
   */
  public boolean leave(Actor actor, GroupId groupId) {
    requireNonNull(actor, "actor");
    requireNonNull(groupId, "groupId");
    return context.write(unit -> {
      GroupStore groups = unit.tx().groups();
      Access access = Access.of(groups, groupId, actor, Set.of());
      UserId user = access.requireUser("leave");
      if (access.membership.isEmpty()) {
        return false;
      }
      Membership membership = access.membership.get();
      if (membership.status() == MemberStatus.PENDING) {
        return withdrawRequest(unit, groupId, user, user);
      }
      if (!membership.isActive()) {
        return false;
      }
      if (membership.role() == GroupRole.OWNER) {
        throw new ConflictException("the owner of group " + groupId + " cannot leave it; transfer ownership first");
      }
      if (!groups.deleteMembership(groupId, user, MemberStatus.ACTIVE)) {
        return false;
      }
      groups.adjustGroupCounts(groupId, -1, 0);
      unit.tx().counters().add(JOINED, user.value(), -1);
      unit.emit(new GroupEvent.MemberLeft(unit.newEventId(), unit.now(), groupId, user));
      return true;
    });
  }

  /**
   * Bans a user from a group, whether a member, waiting, or not yet in it: they cannot rejoin,
   * post, comment or like there until unbanned. Allowed to moderators; only the owner bans a
   * moderator or, in a station, the store's staff; nobody bans the owner or themselves.
   *
   * @param reason why, 1 to {@value #MAX_REASON} characters
   * @return {@code false} if the user was banned already
   * @throws ValidationException naming {@code reason}
   */
  public boolean ban(Actor actor, GroupId groupId, UserId user, String reason) {
    requireNonNull(groupId, "groupId");
    requireNonNull(user, "user");
    String why = PlainText.require("reason", reason, MAX_REASON);
    Set<StoreId> stores = Access.storesOf(settings, actor);
    Set<StoreId> targetStores = Access.storesOf(settings, user);
    return context.write(unit -> {
      GroupStore groups = unit.tx().groups();
      Access access = Access.of(groups, groupId, actor, stores).requireModerator("ban users");
      UserId by = access.user;
      if (by.equals(user)) {
        throw new PermissionDeniedException("moderators cannot ban themselves");
      }
      Group group = access.group;
      if (group.isStation() && targetStores.contains(group.store()) && !access.owner()) {
        throw new PermissionDeniedException("only the owner of station " + groupId + " bans the store's staff");
      }
      Optional<Membership> current = groups.findMembership(groupId, user);
      if (current.isPresent() && current.get().status() == MemberStatus.BANNED) {
        return false;
      }
      if (current.isPresent() && current.get().moderates()) {
        if (current.get().role() == GroupRole.OWNER || !access.owner()) {
          throw new PermissionDeniedException("only the owner bans a moderator, and nobody bans the owner");
        }
      }
      Membership banned = new Membership(groupId, user, GroupRole.MEMBER, MemberStatus.BANNED, unit.now(), why, by);
      boolean saved = current.isPresent() ? groups.updateMembership(current.get(), banned) : groups.insertMembership(banned);
      if (!saved) {
        throw new ConflictException("the membership of " + user + " changed meanwhile; try again");
      }
      if (current.isPresent()) {
        if (current.get().isActive()) {
          groups.adjustGroupCounts(groupId, -1, 0);
        }
        unit.tx().counters().add(JOINED, user.value(), -1);
      }
      unit.emit(new GroupEvent.MemberBanned(unit.newEventId(), unit.now(), groupId, user, by, why));
      return true;
    });
  }

  /**
   * Lifts a ban; the user may join again. Allowed to moderators.
   *
   * @return {@code false} if the user was not banned
   */
  public boolean unban(Actor actor, GroupId groupId, UserId user) {
    requireNonNull(groupId, "groupId");
    requireNonNull(user, "user");
    Set<StoreId> stores = Access.storesOf(settings, actor);
    return context.write(unit -> {
      Access access = Access.of(unit.tx().groups(), groupId, actor, stores).requireModerator("unban users");
      if (!unit.tx().groups().deleteMembership(groupId, user, MemberStatus.BANNED)) {
        return false;
      }
      unit.emit(new GroupEvent.MemberUnbanned(unit.newEventId(), unit.now(), groupId, user, access.user));
      return true;
    });
  }

  /**
   * Makes an active member a moderator, or a moderator a member again. Allowed to the owner.
   *
   * @param role {@link GroupRole#MODERATOR} or {@link GroupRole#MEMBER}
   * @return {@code false} if the member had the role already
   * @throws ValidationException naming {@code role} for {@link GroupRole#OWNER}: use
   *     {@link #transferOwnership}
   * @throws NotFoundException if {@code user} is not an active member
   */
  public boolean setRole(Actor actor, GroupId groupId, UserId user, GroupRole role) {
    requireNonNull(groupId, "groupId");
    requireNonNull(user, "user");
    requireNonNull(role, "role");
    if (role == GroupRole.OWNER) {
      throw ValidationException.of("role", "owner_by_transfer", "ownership passes only by transferOwnership");
    }
    return context.write(unit -> {
      GroupStore groups = unit.tx().groups();
      Access access = Access.of(groups, groupId, actor, Set.of()).requireOwner("change roles").requireActive();
      Membership current = activeMember(groups, groupId, user);
      if (current.role() == role) {
        return false;
      }
      if (current.role() == GroupRole.OWNER) {
        throw new ConflictException("the owner's role changes only by transferring ownership");
      }
      Membership next = new Membership(groupId, user, role, MemberStatus.ACTIVE, current.since(), current.note(),
          current.by());
      if (!groups.updateMembership(current, next)) {
        throw new ConflictException("the membership of " + user + " changed meanwhile; try again");
      }
      unit.emit(new GroupEvent.RoleChanged(unit.newEventId(), unit.now(), groupId, user, role, access.user));
      return true;
    });
  }

  /**
   * Hands a group to another active member, who must be under their own limit of groups owned.
   * A station passes only to someone who works for its store, as it was created. The old owner
   * stays as a moderator. Allowed to the owner.
   *
   * @return the group with its new owner
   * @throws PermissionDeniedException unless the actor owns the group, or if the group is a
   *     station and {@code newOwner} does not work for its store
   * @throws NotFoundException if {@code newOwner} is not an active member
   * @throws ConflictException if the new owner owns as many groups as allowed
   */
  public Group transferOwnership(Actor actor, GroupId groupId, UserId newOwner) {
    requireNonNull(actor, "actor");
    requireNonNull(groupId, "groupId");
    requireNonNull(newOwner, "newOwner");
    Set<StoreId> heirsStores = Set.copyOf(settings.storeStaff().storesOf(newOwner));
    return context.write(unit -> {
      GroupStore groups = unit.tx().groups();
      Access access = Access.of(groups, groupId, actor, Set.of()).requireOwner("hand it over").requireActive();
      UserId oldOwner = access.user;
      if (oldOwner.equals(newOwner)) {
        return access.group;
      }
      StoreId store = access.group.store();
      if (store != null && !heirsStores.contains(store)) {
        throw new PermissionDeniedException("only the staff of store " + store + " own its station");
      }
      Membership heir = activeMember(groups, groupId, newOwner);
      Membership owner = access.membership.get();
      boolean moved =
          groups.updateMembership(owner, new Membership(groupId, oldOwner, GroupRole.MODERATOR, MemberStatus.ACTIVE,
              owner.since(), owner.note(), owner.by()))
          && groups.updateMembership(heir, new Membership(groupId, newOwner, GroupRole.OWNER, MemberStatus.ACTIVE,
              heir.since(), heir.note(), heir.by()));
      if (!moved) {
        throw new ConflictException("the memberships of group " + groupId + " changed meanwhile; try again");
      }
      unit.tx().counters().add(OWNED, oldOwner.value(), -1);
      countOwned(unit, newOwner);
      saveSettings(unit, withOwnerAndState(access.group, newOwner, GroupState.ACTIVE, unit.now()));
      unit.emit(new GroupEvent.OwnershipTransferred(unit.newEventId(), unit.now(), groupId, oldOwner, newOwner));
      return Access.group(groups, groupId);
    });
  }

  /**
   * Returns a user's membership of a group, if any. Users see their own of any status, and
   * moderators any member's; others who may read the group see only active memberships, so
   * requests and bans (with their reasons) stay between the user and the moderators.
   *
   * @throws NotFoundException if there is no such group (asked by anyone but the user)
   * @throws PermissionDeniedException if the actor may not read the group
   */
  public Optional<Membership> membership(Actor actor, GroupId groupId, UserId user) {
    requireNonNull(actor, "actor");
    requireNonNull(groupId, "groupId");
    requireNonNull(user, "user");
    if (actor.equals(user)) {
      return context.read(tx -> tx.groups().findMembership(groupId, user));
    }
    Set<StoreId> stores = Access.storesOf(settings, actor);
    return context.read(tx -> {
      Access access = Access.of(tx.groups(), groupId, actor, stores).requireRead();
      Optional<Membership> membership = tx.groups().findMembership(groupId, user);
      return access.moderator() ? membership : membership.filter(Membership::isActive);
    });
  }

  /**
   * Lists a group's active members in the order they joined. Allowed to whoever may read the
   * group.
   *
   * @throws ValidationException naming {@code cursor} for a cursor this listing did not issue
   */
  public Page<Membership> members(Actor actor, GroupId groupId, PageRequest request) {
    return members(actor, groupId, MemberStatus.ACTIVE, request);
  }

  /**
   * Lists a group's memberships of one status, oldest first: active members (allowed to whoever
   * may read the group), pending requests or bans (allowed to moderators).
   *
   * @throws ValidationException naming {@code cursor} for a cursor this listing did not issue
   */
  public Page<Membership> members(Actor actor, GroupId groupId, MemberStatus status, PageRequest request) {
    requireNonNull(actor, "actor");
    requireNonNull(groupId, "groupId");
    requireNonNull(status, "status");
    requireNonNull(request, "request");
    Set<StoreId> stores = status == MemberStatus.ACTIVE ? Set.of() : Access.storesOf(settings, actor);
    String listing = "group.members:" + groupId + ":" + status;
    Membership after = context.cursors().position(listing, request, 2,
        key -> new Membership(groupId, UserId.of(key.get(1)), GroupRole.MEMBER, status,
            Instant.ofEpochMilli(Long.parseLong(key.get(0))), null, null));
    List<Membership> rows = context.read(tx -> {
      Access access = Access.of(tx.groups(), groupId, actor, stores);
      if (status == MemberStatus.ACTIVE) {
        access.requireRead();
      } else {
        access.requireModerator("list requests and bans");
      }
      return tx.groups().listMembers(groupId, status, after == null ? null : after.since(),
          after == null ? null : after.userId(), request.limit() + 1);
    });
    return context.cursors().page(rows, request.limit(), listing,
        m -> new String[] {Long.toString(m.since().toEpochMilli()), m.userId().value()});
  }

  /**
   * Lists the groups the actor is an active member of, in the order they joined.
   *
   * @throws PermissionDeniedException for an anonymous visitor
   */
  public Page<Membership> memberships(Actor actor, PageRequest request) {
    requireNonNull(request, "request");
    UserId user = Actors.signedIn(requireNonNull(actor, "actor"), "list your groups");
    String listing = "user.memberships:" + user;
    Membership after = context.cursors().position(listing, request, 2,
        key -> Membership.active(GroupId.of(key.get(1)), user, GroupRole.MEMBER,
            Instant.ofEpochMilli(Long.parseLong(key.get(0)))));
    List<Membership> rows = context.read(tx -> tx.groups().listMemberships(user, MemberStatus.ACTIVE,
        after == null ? null : after.since(), after == null ? null : after.groupId(), request.limit() + 1));
    return context.cursors().page(rows, request.limit(), listing,
        m -> new String[] {Long.toString(m.since().toEpochMilli()), m.groupId().value()});
  }

  /** Returns how many groups a user owns (archived ones excluded). */
  public long ownedCount(UserId user) {
    requireNonNull(user, "user");
    return context.read(tx -> tx.counters().get(OWNED, user.value()));
  }

  /** Returns how many groups a user is a member of or waits to join. */
  public long joinedCount(UserId user) {
    requireNonNull(user, "user");
    return context.read(tx -> tx.counters().get(JOINED, user.value()));
  }

  /**
   * Lists active, listed groups (not by invitation) matching a search, ordered by name.
   *
   * @throws ValidationException naming {@code category} or {@code label} if the shop has no
   *     such category or label, or {@code cursor}
   */
  public Page<Group> discover(GroupSearch search, PageRequest request) {
    requireNonNull(search, "search");
    requireNonNull(request, "request");
    Set<String> categories = search.category() == null
        ? null
        : settings.taxonomy().withDescendants(settings.taxonomy().check("category", search.category()));
    String label = search.label() == null ? null : settings.labels().check(search.label());
    GroupFilter filter = new GroupFilter(categories, label, search.namePrefix());
    // "-" is never a key, and a prefix is marked, so no two searches share a listing name.
    String listing = "group.discover:" + (search.category() == null ? "-" : search.category()) + ":"
        + (label == null ? "-" : label) + ":" + (search.namePrefix() == null ? "-" : "+" + search.namePrefix());
    Group.Key after = context.cursors().position(listing, request, 2, key -> new Group.Key(key.get(0), GroupId.of(key.get(1))));
    List<Group> rows = context.read(tx -> tx.groups().listGroups(filter, after == null ? null : after.nameKey(),
        after == null ? null : after.id(), request.limit() + 1));
    return context.cursors().page(rows, request.limit(), listing, g -> new String[] {g.nameKey(), g.id().value()});
  }

  /**
   * Lists the groups with the most activity (joins, posts, comments, likes) in a recent window,
   * most active first. Only active, listed groups appear. The window is counted in whole hours.
   *
   * @param window from one hour to {@link #MAX_TRENDING_WINDOW}
   * @throws ValidationException naming {@code window} or {@code cursor}
   */
  public Page<TrendingGroup> trending(Duration window, PageRequest request) {
    requireNonNull(window, "window");
    requireNonNull(request, "request");
    if (window.compareTo(Duration.ofHours(1)) < 0 || window.compareTo(MAX_TRENDING_WINDOW) > 0) {
      throw ValidationException.of("window", "out_of_range", "must be from 1 hour to 30 days");
    }
    // A cursor keeps the window it started with, so paging across the hour stays consistent.
    String listing = "group.trending:" + window.toSeconds();
    List<String> position = context.cursors().position(listing, request, 3, key -> {
      Instant.ofEpochMilli(Long.parseLong(key.get(0)));
      Long.parseLong(key.get(1));
      GroupId.of(key.get(2));
      return key;
    });
    Instant since = position == null
        ? context.now().minus(window).truncatedTo(ChronoUnit.HOURS)
        : Instant.ofEpochMilli(Long.parseLong(position.get(0)));
    GroupActivity after = position == null
        ? null
        : new GroupActivity(GroupId.of(position.get(2)), Long.parseLong(position.get(1)));
    List<TrendingGroup> rows = context.read(tx -> {
      List<TrendingGroup> trending = new ArrayList<>();
      for (GroupActivity activity : tx.groups().listMostActive(since, after, request.limit() + 1)) {
        tx.groups().findGroup(activity.groupId()).ifPresent(g -> trending.add(new TrendingGroup(g, activity.count())));
      }
      return trending;
    });
    return context.cursors().page(rows, request.limit(), listing,
        t -> new String[] {Long.toString(since.toEpochMilli()), Long.toString(t.activity()), t.group().id().value()});
  }

  /** Records one thing happening in a group, for trending. */
  static void recordActivity(UnitOfWork unit, GroupId groupId) {
    unit.tx().groups().addActivity(groupId, unit.now().truncatedTo(ChronoUnit.HOURS), 1);
  }

  /** Returns the SHA-256 of a token, checking its shape first. */
  static String tokenHash(String token) {
    if (token == null || token.length() != 43 || !TOKEN.canDecode(token)) {
      throw ValidationException.of("token", "malformed_token", "is not an invitation token");
    }
    return hash(token);
  }

  private static String hash(String token) {
    return Hashing.sha256().hashString(token, StandardCharsets.US_ASCII).toString();
  }



  private GroupSettings checkCatalogues(GroupSettings requested) {
    if (requested.category() != null) {
      settings.taxonomy().check("category", requested.category());
    }
    settings.labels().check("labels", requested.labels(), GroupSettings.MAX_LABELS);
    return requested;
  }

  private static UserId ownerOrStaff(Access access, String action) {
    UserId user = access.requireNotBanned(action).user;
    if (!access.owner() && !access.staff()) {
      throw new PermissionDeniedException("only the owner of group " + access.group.id() + " may " + action);
    }
    return user;
  }

  private static @Nullable JoinResult already(Optional<Membership> membership) {
    if (membership.isEmpty()) {
      return null;
    }
    return switch (membership.get().status()) {
      case ACTIVE -> JoinResult.ALREADY_MEMBER;
      case PENDING -> JoinResult.ALREADY_REQUESTED;
      case BANNED -> throw new PermissionDeniedException("banned from group " + membership.get().groupId());
    };
  }

  private static Membership activeMember(GroupStore groups, GroupId groupId, UserId user) {
    return groups.findMembership(groupId, user)
        .filter(Membership::isActive)
        .orElseThrow(() -> new NotFoundException("member", user.value()));
  }

  private static Group withOwnerAndState(Group group, UserId owner, GroupState state, Instant now) {
    return new Group(group.id(), group.name(), group.slug(), group.description(), group.rules(), group.category(),
        group.labels(), group.visibility(), group.postApproval(), group.store(), state, owner, group.memberCount(),
        group.postCount(), group.createdAt(), now, group.version() + 1);
  }

  private static void saveSettings(UnitOfWork unit, Group next) {
    if (!unit.tx().groups().updateGroup(next)) {
      throw new ConflictException("group " + next.id() + " changed meanwhile; try again");
    }
  }

  private void admitted(UnitOfWork unit, GroupId groupId, UserId user, JoinMethod method) {
    unit.tx().groups().adjustGroupCounts(groupId, 1, 0);
    recordActivity(unit, groupId);
    unit.emit(new GroupEvent.MemberJoined(unit.newEventId(), unit.now(), groupId, user, method));
  }

  private boolean withdrawRequest(UnitOfWork unit, GroupId groupId, UserId user, UserId by) {
    if (!unit.tx().groups().deleteMembership(groupId, user, MemberStatus.PENDING)) {
      return false;
    }
    unit.tx().counters().add(JOINED, user.value(), -1);
    unit.emit(new GroupEvent.JoinRejected(unit.newEventId(), unit.now(), groupId, user, by));
    return true;
  }

  private void countOwned(UnitOfWork unit, UserId user) {
    if (!unit.tx().counters().incrementBelow(OWNED, user.value(), settings.limits().groupsOwned())) {
      throw new ConflictException(user + " owns " + settings.limits().groupsOwned() + " groups, the most allowed");
    }
  }

  private void countJoined(UnitOfWork unit, UserId user) {
    if (!unit.tx().counters().incrementBelow(JOINED, user.value(), settings.limits().groupsJoined())) {
      throw new ConflictException(user + " is in " + settings.limits().groupsJoined() + " groups, the most allowed");
    }
  }
}
