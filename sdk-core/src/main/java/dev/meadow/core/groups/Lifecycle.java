package dev.meadow.core.groups;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.Actor;
import dev.meadow.core.ConflictException;
import dev.meadow.core.GroupId;
import dev.meadow.core.PermissionDeniedException;
import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import dev.meadow.core.ValidationException;
import dev.meadow.core.events.GroupEvent;
import dev.meadow.core.internal.Actors;
import dev.meadow.core.internal.HostPorts;
import dev.meadow.core.modules.ModuleContext;
import dev.meadow.core.spi.GroupStore;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The lifecycle stage of groups: creating groups and stations, changing their settings, archiving and reading them. */
final class Lifecycle {
  private final ModuleContext context;
  private final CommunitySettings settings;
  private final Bookkeeping bookkeeping;

  Lifecycle(ModuleContext context, CommunitySettings settings, Bookkeeping bookkeeping) {
    this.context = context;
    this.settings = settings;
    this.bookkeeping = bookkeeping;
  }

  Group create(Actor actor, GroupDraft draft) {
    requireNonNull(draft, "draft");
    UserId owner = Actors.signedIn(requireNonNull(actor, "actor"), "create a group");
    return insert(owner, draft, null);
  }

  Group createStation(Actor actor, StoreId store, GroupDraft draft) {
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
      bookkeeping.countOwned(unit, owner);
      bookkeeping.countJoined(unit, owner);
      unit.emit(new GroupEvent.Created(unit.newEventId(), unit.now(), group.id(), owner, group.name(), group.slug(),
          group.visibility(), store));
      return group;
    });
  }

  Group update(Actor actor, GroupId groupId, GroupSettings newSettings) {
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
      Bookkeeping.saveSettings(unit, next);
      unit.emit(new GroupEvent.Updated(unit.newEventId(), unit.now(), group.id(), by, next.version()));
      return Access.group(unit.tx().groups(), groupId);
    });
  }

  boolean archive(Actor actor, GroupId groupId) {
    requireNonNull(groupId, "groupId");
    Set<StoreId> stores = Access.storesOf(settings, actor);
    return context.write(unit -> {
      Access access = Access.of(unit.tx().groups(), groupId, actor, stores);
      UserId by = ownerOrStaff(access, "archive it");
      Group group = access.group;
      if (!group.isActive()) {
        return false;
      }
      Bookkeeping.saveSettings(unit, Bookkeeping.withOwnerAndState(group, group.owner(), GroupState.ARCHIVED, unit.now()));
      unit.tx().counters().add(Groups.OWNED, group.owner().value(), -1);
      unit.emit(new GroupEvent.Archived(unit.newEventId(), unit.now(), groupId, by));
      return true;
    });
  }

  Group get(GroupId id) {
    requireNonNull(id, "id");
    return context.read(tx -> Access.group(tx.groups(), id));
  }

  Optional<Group> findBySlug(String slug) {
    String stored = GroupDraft.checkSlug(slug);
    return context.read(tx -> tx.groups().findGroupBySlug(stored));
  }

  Optional<Group> station(StoreId store) {
    requireNonNull(store, "store");
    return context.read(tx -> tx.groups().findStation(store));
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
}
