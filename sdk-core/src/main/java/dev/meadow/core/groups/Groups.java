package dev.meadow.core.groups;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.ConflictException;
import dev.meadow.core.GroupId;
import dev.meadow.core.NotFoundException;
import dev.meadow.core.Page;
import dev.meadow.core.PageRequest;
import dev.meadow.core.UserId;
import dev.meadow.core.events.GroupEvent;
import dev.meadow.core.internal.Context;
import dev.meadow.core.internal.Cursors;
import dev.meadow.core.spi.GroupStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Interest groups: create them, join and leave them, list their members.
 *
 * <p>Every change is one transaction with its event and its counters: a group's member count is
 * exact under any concurrency. Joining a group twice, or leaving one twice, changes nothing the
 * second time and emits no event.
 *
 * <p>Obtained from {@code Meadow.groups()}; thread-safe.
 */
public final class Groups {
  private static final String MEMBERS = "group.members";

  private final Context context;

  /** Creates the groups service; hosts obtain it from {@code Meadow.groups()}. */
  public Groups(Context context) {
    this.context = requireNonNull(context, "context");
  }

  /**
   * Creates a group owned by {@code owner}, who becomes its first member.
   *
   * @throws ConflictException if another group has the slug
   */
  public Group create(UserId owner, GroupDraft draft) {
    requireNonNull(owner, "owner");
    requireNonNull(draft, "draft");
    return context.write(unit -> {
      GroupStore groups = unit.tx().groups();
      Group group = new Group(new GroupId(unit.newId()), draft.name(), draft.slug(), draft.description(),
          owner, 0, unit.now());
      if (!groups.insertGroup(group)) {
        throw new ConflictException("the slug '" + draft.slug() + "' is taken by another group");
      }
      groups.insertMembership(new Membership(group.id(), owner, GroupRole.OWNER, unit.now()));
      groups.adjustMemberCount(group.id(), 1);
      unit.emit(new GroupEvent.Created(unit.newEventId(), unit.now(), group.id(), owner, group.name(), group.slug()));
      return readGroup(groups, group.id());
    });
  }

  /**
   * Returns a group.
   *
   * @throws NotFoundException if there is no such group
   */
  public Group get(GroupId id) {
    requireNonNull(id, "id");
    return context.read(tx -> readGroup(tx.groups(), id));
  }

  /**
   * Returns the group with a slug, compared without regard to case.
   *
   * @throws dev.meadow.core.ValidationException naming {@code slug} if it is not a valid slug
   */
  public Optional<Group> findBySlug(String slug) {
    String stored = GroupDraft.checkSlug(slug);
    return context.read(tx -> tx.groups().findGroupBySlug(stored));
  }

  /**
   * Makes {@code user} a member of a group.
   *
   * @return {@code true} if the user joined, {@code false} if already a member
   * @throws NotFoundException if there is no such group
   */
  public boolean join(GroupId groupId, UserId user) {
    requireNonNull(groupId, "groupId");
    requireNonNull(user, "user");
    return context.write(unit -> {
      GroupStore groups = unit.tx().groups();
      readGroup(groups, groupId);
      if (!groups.insertMembership(new Membership(groupId, user, GroupRole.MEMBER, unit.now()))) {
        return false;
      }
      groups.adjustMemberCount(groupId, 1);
      unit.emit(new GroupEvent.MemberJoined(unit.newEventId(), unit.now(), groupId, user));
      return true;
    });
  }

  /**
   * Ends {@code user}'s membership of a group.
   *
   * @return {@code true} if the user left, {@code false} if not a member
   * @throws NotFoundException if there is no such group
   * @throws ConflictException if the user owns the group
   */
  public boolean leave(GroupId groupId, UserId user) {
    requireNonNull(groupId, "groupId");
    requireNonNull(user, "user");
    return context.write(unit -> {
      GroupStore groups = unit.tx().groups();
      readGroup(groups, groupId);
      Optional<Membership> membership = groups.findMembership(groupId, user);
      if (membership.isEmpty()) {
        return false;
      }
      if (membership.get().role() == GroupRole.OWNER) {
        throw new ConflictException("the owner of group " + groupId + " cannot leave it");
      }
      if (!groups.deleteMembership(groupId, user)) {
        return false;
      }
      groups.adjustMemberCount(groupId, -1);
      unit.emit(new GroupEvent.MemberLeft(unit.newEventId(), unit.now(), groupId, user));
      return true;
    });
  }

  /** Returns a user's membership of a group, if any. */
  public Optional<Membership> membership(GroupId groupId, UserId user) {
    requireNonNull(groupId, "groupId");
    requireNonNull(user, "user");
    return context.read(tx -> tx.groups().findMembership(groupId, user));
  }

  /**
   * Lists a group's members in the order they joined.
   *
   * @throws NotFoundException if there is no such group
   * @throws dev.meadow.core.ValidationException naming {@code cursor} for a cursor this listing
   *     did not issue
   */
  public Page<Membership> members(GroupId groupId, PageRequest request) {
    requireNonNull(groupId, "groupId");
    requireNonNull(request, "request");
    Instant afterJoinedAt = null;
    UserId afterUser = null;
    if (request.cursor() != null) {
      List<String> key = context.cursors().decode(MEMBERS, request.cursor(), 3);
      if (!key.get(0).equals(groupId.value())) {
        throw Cursors.malformed();
      }
      try {
        afterJoinedAt = Instant.ofEpochMilli(Long.parseLong(key.get(1)));
        afterUser = new UserId(key.get(2));
      } catch (RuntimeException e) {
        throw Cursors.malformed();
      }
    }
    Instant joinedAt = afterJoinedAt;
    UserId user = afterUser;
    List<Membership> rows = context.read(tx -> {
      readGroup(tx.groups(), groupId);
      return tx.groups().listMembers(groupId, joinedAt, user, request.limit() + 1);
    });
    return context.cursors().page(rows, request.limit(), MEMBERS,
        m -> new String[] {groupId.value(), Long.toString(m.joinedAt().toEpochMilli()), m.userId().value()});
  }

  private static Group readGroup(GroupStore groups, GroupId id) {
    return groups.findGroup(id).orElseThrow(() -> new NotFoundException("group", id.value()));
  }
}
