package dev.meadow.core.groups;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.Actor;
import dev.meadow.core.ConflictException;
import dev.meadow.core.GroupId;
import dev.meadow.core.InvitationId;
import dev.meadow.core.NotFoundException;
import dev.meadow.core.Page;
import dev.meadow.core.PageRequest;
import dev.meadow.core.PermissionDeniedException;
import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import dev.meadow.core.ValidationException;
import dev.meadow.core.events.GroupEvent;
import dev.meadow.core.modules.ModuleContext;
import java.time.Duration;
import java.util.Optional;

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

  private final Lifecycle lifecycle;
  private final Joining joining;
  private final Invitations invitations;
  private final Moderation moderation;
  private final Roster roster;
  private final Discovery discovery;
  private final Taxonomy taxonomy;

  /** Creates the groups service; hosts obtain it from {@code Meadow.groups()}. */
  public Groups(ModuleContext context, CommunitySettings settings) {
    requireNonNull(context, "context");
    requireNonNull(settings, "settings");
    this.taxonomy = settings.taxonomy();
    Bookkeeping bookkeeping = new Bookkeeping(settings);
    this.lifecycle = new Lifecycle(context, settings, bookkeeping);
    this.joining = new Joining(context, settings, bookkeeping);
    this.invitations = new Invitations(context, settings);
    this.moderation = new Moderation(context, settings, bookkeeping);
    this.roster = new Roster(context, settings);
    this.discovery = new Discovery(context, settings);
  }

  /** Returns the shop's tree of group categories, as set on {@code Meadow.builder().taxonomy(...)}. */
  public Taxonomy taxonomy() {
    return taxonomy;
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
    return lifecycle.create(actor, draft);
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
    return lifecycle.createStation(actor, store, draft);
  }

  /**
   * Replaces a group's settings. Allowed to its owner and, for a station, the store's staff.
   *
   * @return the group as saved
   * @throws ValidationException naming {@code category}, {@code labels} or {@code visibility}
   * @throws ConflictException if the group is archived or its settings changed meanwhile
   */
  public Group update(Actor actor, GroupId groupId, GroupSettings newSettings) {
    return lifecycle.update(actor, groupId, newSettings);
  }

  /**
   * Archives a group: it stays readable as its visibility allows, accepts nothing new, leaves
   * discovery and no longer counts against its owner's limit. Allowed to its owner and, for a
   * station, the store's staff.
   *
   * @return {@code false} if it was archived already
   */
  public boolean archive(Actor actor, GroupId groupId) {
    return lifecycle.archive(actor, groupId);
  }

  /**
   * Returns a group. Anyone may read a group's settings and counts; its posts and members are
   * guarded by its visibility.
   *
   * @throws NotFoundException if there is no such group
   */
  public Group get(GroupId id) {
    return lifecycle.get(id);
  }

  /**
   * Returns the group with a slug, compared without regard to case.
   *
   * @throws ValidationException naming {@code slug} if it is not a valid slug
   */
  public Optional<Group> findBySlug(String slug) {
    return lifecycle.findBySlug(slug);
  }

  /** Returns a store's station, if it has one. */
  public Optional<Group> station(StoreId store) {
    return lifecycle.station(store);
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
    return joining.join(actor, groupId);
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
    return joining.joinWithInvitation(actor, token);
  }

  /**
   * Issues an invitation to a group. Allowed to its moderators. The token is in the result only.
   *
   * @param validFor how long it admits, from a minute to {@link #MAX_INVITATION_VALIDITY}
   * @param maxUses how many users it admits, 1 to {@value #MAX_INVITATION_USES}
   * @throws ValidationException naming {@code validFor} or {@code maxUses}
   */
  public IssuedInvitation invite(Actor actor, GroupId groupId, Duration validFor, int maxUses) {
    return invitations.invite(actor, groupId, validFor, maxUses);
  }

  /**
   * Revokes an invitation. Allowed to the moderators of its group.
   *
   * @return {@code false} if it was revoked already
   * @throws NotFoundException if there is no such invitation
   */
  public boolean revokeInvitation(Actor actor, InvitationId invitationId) {
    return invitations.revokeInvitation(actor, invitationId);
  }

  /** Lists a group's invitations, newest first. Allowed to its moderators. */
  public Page<Invitation> invitations(Actor actor, GroupId groupId, PageRequest request) {
    return invitations.invitations(actor, groupId, request);
  }

  /**
   * Admits a user who asked to join. Allowed to moderators.
   *
   * @return {@code false} if the user has no pending request
   */
  public boolean approve(Actor actor, GroupId groupId, UserId user) {
    return joining.approve(actor, groupId, user);
  }

  /**
   * Turns down a join request. Allowed to moderators.
   *
   * @return {@code false} if the user has no pending request
   */
  public boolean reject(Actor actor, GroupId groupId, UserId user) {
    return joining.reject(actor, groupId, user);
  }

  /**
   * Leaves a group, or withdraws a pending request to join it (which emits
   * {@link GroupEvent.JoinRejected} by the user).
   *
   * @return {@code false} if the user was neither a member nor waiting
   * @throws ConflictException if the user owns the group: hand it over first
   */
  public boolean leave(Actor actor, GroupId groupId) {
    return joining.leave(actor, groupId);
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
    return moderation.ban(actor, groupId, user, reason);
  }

  /**
   * Lifts a ban; the user may join again. Allowed to moderators.
   *
   * @return {@code false} if the user was not banned
   */
  public boolean unban(Actor actor, GroupId groupId, UserId user) {
    return moderation.unban(actor, groupId, user);
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
    return moderation.setRole(actor, groupId, user, role);
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
    return moderation.transferOwnership(actor, groupId, newOwner);
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
    return roster.membership(actor, groupId, user);
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
    return roster.members(actor, groupId, status, request);
  }

  /**
   * Lists the groups the actor is an active member of, in the order they joined.
   *
   * @throws PermissionDeniedException for an anonymous visitor
   */
  public Page<Membership> memberships(Actor actor, PageRequest request) {
    return roster.memberships(actor, request);
  }

  /** Returns how many groups a user owns (archived ones excluded). */
  public long ownedCount(UserId user) {
    return roster.ownedCount(user);
  }

  /** Returns how many groups a user is a member of or waits to join. */
  public long joinedCount(UserId user) {
    return roster.joinedCount(user);
  }

  /**
   * Lists active, listed groups (not by invitation) matching a search, ordered by name.
   *
   * @throws ValidationException naming {@code category} or {@code label} if the shop has no
   *     such category or label, or {@code cursor}
   */
  public Page<Group> discover(GroupSearch search, PageRequest request) {
    return discovery.discover(search, request);
  }

  /**
   * Lists the groups with the most activity (joins, posts, comments, likes) in a recent window,
   * most active first. Only active, listed groups appear. The window is counted in whole hours.
   *
   * @param window from one hour to {@link #MAX_TRENDING_WINDOW}
   * @throws ValidationException naming {@code window} or {@code cursor}
   */
  public Page<TrendingGroup> trending(Duration window, PageRequest request) {
    return discovery.trending(window, request);
  }
}
