package dev.meadow.storage.jdbc;

import dev.meadow.core.spi.Listings;
import static java.util.Objects.requireNonNull;

import dev.meadow.core.GroupId;
import dev.meadow.core.InvitationId;
import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import dev.meadow.core.groups.Group;
import dev.meadow.core.groups.GroupRole;
import dev.meadow.core.groups.GroupState;
import dev.meadow.core.groups.GroupVisibility;
import dev.meadow.core.groups.Invitation;
import dev.meadow.core.groups.MemberStatus;
import dev.meadow.core.groups.Membership;
import dev.meadow.core.spi.GroupActivity;
import dev.meadow.core.spi.GroupFilter;
import dev.meadow.core.spi.GroupStore;
import dev.meadow.storage.jdbc.Sql.Query;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Groups in {@code meadow_groups} with their labels in {@code meadow_group_labels}; memberships in
 * {@code meadow_group_members}; invitations in {@code meadow_invitations}; hourly activity in
 * {@code meadow_group_activity}.
 */
final class JdbcGroupStore implements GroupStore {
  private static final String GROUP_COLUMNS = "id, name, name_key, slug, description, rules, category, visibility,"
      + " post_approval, store_id, state, owner_id, member_count, post_count, created_at, updated_at, version";
  private static final String SELECT_GROUP = "SELECT " + Sql.qualify("g", GROUP_COLUMNS)
      + ", ARRAY(SELECT x.label FROM meadow_group_labels x WHERE x.group_id = g.id ORDER BY x.label) AS labels"
      + " FROM meadow_groups g";
  private static final String INSERT_GROUP = "INSERT INTO meadow_groups (" + GROUP_COLUMNS + ")"
      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String FIND_GROUP = SELECT_GROUP + " WHERE g.id = ?";
  private static final String FIND_GROUP_BY_SLUG = SELECT_GROUP + " WHERE g.slug = ?";
  private static final String FIND_STATION = SELECT_GROUP + " WHERE g.store_id = ?";
  private static final String UPDATE_GROUP = "UPDATE meadow_groups SET name = ?, name_key = ?, description = ?,"
      + " rules = ?, category = ?, visibility = ?, post_approval = ?, state = ?, owner_id = ?, updated_at = ?,"
      + " version = ? WHERE id = ? AND version = ?";
  private static final String ADJUST_GROUP_COUNTS =
      "UPDATE meadow_groups SET member_count = member_count + ?, post_count = post_count + ? WHERE id = ?";
  private static final String INSERT_LABEL = "INSERT INTO meadow_group_labels (group_id, label) VALUES (?, ?)";
  private static final String DELETE_LABELS = "DELETE FROM meadow_group_labels WHERE group_id = ?";
  /** Discovery's condition, the same text as the partial indexes' on PostgreSQL. */
  private static final String LISTED = "g.state = 'ACTIVE' AND g.visibility <> 'INVITE'";

  private static final String MEMBER_COLUMNS = "group_id, user_id, role, status, since, note, by_user_id";
  private static final String SELECT_MEMBER = "SELECT " + MEMBER_COLUMNS + " FROM meadow_group_members";
  private static final String INSERT_MEMBERSHIP =
      "INSERT INTO meadow_group_members (" + MEMBER_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)";
  private static final String UPDATE_MEMBERSHIP = "UPDATE meadow_group_members SET role = ?, status = ?, since = ?,"
      + " note = ?, by_user_id = ? WHERE group_id = ? AND user_id = ? AND status = ? AND role = ?";
  private static final String DELETE_MEMBERSHIP =
      "DELETE FROM meadow_group_members WHERE group_id = ? AND user_id = ? AND status = ?";
  private static final String FIND_MEMBERSHIP = SELECT_MEMBER + " WHERE group_id = ? AND user_id = ?";
  private static final Keyset MEMBERS =
      Keyset.byInstantThenText(SELECT_MEMBER, "group_id = ? AND status = ?", "since", "user_id", false);
  private static final Keyset MEMBERSHIPS =
      Keyset.byInstantThenText(SELECT_MEMBER, "user_id = ? AND status = ?", "since", "group_id", false);

  private static final String INVITATION_COLUMNS =
      "id, group_id, token_hash, created_by, created_at, expires_at, max_uses, uses, revoked_at";
  private static final String SELECT_INVITATION = "SELECT " + INVITATION_COLUMNS + " FROM meadow_invitations";
  private static final String INSERT_INVITATION =
      "INSERT INTO meadow_invitations (" + INVITATION_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String FIND_INVITATION = SELECT_INVITATION + " WHERE id = ?";
  private static final String FIND_INVITATION_BY_TOKEN_HASH = SELECT_INVITATION + " WHERE token_hash = ?";
  private static final String USE_INVITATION = "UPDATE meadow_invitations SET uses = uses + 1"
      + " WHERE id = ? AND revoked_at IS NULL AND expires_at > ? AND uses < max_uses";
  private static final String REVOKE_INVITATION =
      "UPDATE meadow_invitations SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL";
  private static final Keyset INVITATIONS = Keyset.byText(SELECT_INVITATION, "group_id = ?", "id", true);

  private static final String ADD_ACTIVITY =
      "UPDATE meadow_group_activity SET tally = tally + ? WHERE group_id = ? AND hour_start = ?";
  private static final String CREATE_ACTIVITY =
      "INSERT INTO meadow_group_activity (group_id, hour_start, tally) VALUES (?, ?, 0)";
  private static final String MOST_ACTIVE = "SELECT a.group_id, SUM(a.tally) AS total"
      + " FROM meadow_group_activity a JOIN meadow_groups g ON g.id = a.group_id"
      + " WHERE a.hour_start >= ? AND " + LISTED + " GROUP BY a.group_id HAVING SUM(a.tally) > 0";
  private static final String FIRST_MOST_ACTIVE = MOST_ACTIVE + " ORDER BY total DESC, a.group_id LIMIT ?";
  private static final String NEXT_MOST_ACTIVE = MOST_ACTIVE
      + " AND (SUM(a.tally) < ? OR (SUM(a.tally) = ? AND a.group_id > ?)) ORDER BY total DESC, a.group_id LIMIT ?";

  private final JdbcTransaction tx;

  JdbcGroupStore(JdbcTransaction tx) {
    this.tx = tx;
  }

  @Override
  public boolean insertGroup(Group group) {
    requireNonNull(group, "group");
    boolean inserted = tx.insertIfAbsent("insert a group", INSERT_GROUP, s -> {
      s.setString(1, group.id().value());
      s.setString(2, group.name());
      s.setString(3, group.nameKey());
      s.setString(4, group.slug());
      s.setString(5, group.description());
      s.setString(6, group.rules());
      s.setString(7, group.category());
      s.setString(8, group.visibility().name());
      s.setBoolean(9, group.postApproval());
      s.setString(10, group.store() == null ? null : group.store().value());
      s.setString(11, group.state().name());
      s.setString(12, group.owner().value());
      s.setLong(13, group.memberCount());
      s.setLong(14, group.postCount());
      Sql.setInstant(s, 15, group.createdAt());
      Sql.setInstant(s, 16, group.updatedAt());
      s.setLong(17, group.version());
    });
    if (inserted) {
      tx.insertEachIfAbsent("store a group's labels", INSERT_LABEL, group.id().value(), group.labels());
    }
    return inserted;
  }

  @Override
  public Optional<Group> findGroup(GroupId id) {
    requireNonNull(id, "id");
    return tx.one("find a group", FIND_GROUP, s -> s.setString(1, id.value()), JdbcGroupStore::group);
  }

  @Override
  public Optional<Group> findGroupBySlug(String slug) {
    requireNonNull(slug, "slug");
    return tx.one("find a group by slug", FIND_GROUP_BY_SLUG, s -> s.setString(1, slug), JdbcGroupStore::group);
  }

  @Override
  public Optional<Group> findStation(StoreId store) {
    requireNonNull(store, "store");
    return tx.one("find a store's station", FIND_STATION, s -> s.setString(1, store.value()), JdbcGroupStore::group);
  }

  @Override
  public boolean updateGroup(Group next) {
    requireNonNull(next, "next");
    boolean updated = tx.update("update a group", UPDATE_GROUP, s -> {
      s.setString(1, next.name());
      s.setString(2, next.nameKey());
      s.setString(3, next.description());
      s.setString(4, next.rules());
      s.setString(5, next.category());
      s.setString(6, next.visibility().name());
      s.setBoolean(7, next.postApproval());
      s.setString(8, next.state().name());
      s.setString(9, next.owner().value());
      Sql.setInstant(s, 10, next.updatedAt());
      s.setLong(11, next.version());
      s.setString(12, next.id().value());
      s.setLong(13, next.version() - 1);
    }) == 1;
    if (updated) {
      // The UPDATE holds the group's row lock, so no other update replaces its labels meanwhile.
      tx.replaceEach("store a group's labels", DELETE_LABELS, INSERT_LABEL, next.id().value(), next.labels());
    }
    return updated;
  }


  @Override
  public boolean adjustGroupCounts(GroupId id, long membersDelta, long postsDelta) {
    requireNonNull(id, "id");
    return tx.addToRow("adjust a group's counts", ADJUST_GROUP_COUNTS, id.value(), membersDelta, postsDelta);
  }

  /*
   * Discovery is one statement assembled from constant fragments: a fragment per condition the
   * filter sets, each value bound as a parameter. The name prefix is a range on the name key,
   * which both databases answer from the index on (name_key, id) whatever the plan, and a LIKE
   * with the prefix's wildcards escaped, which alone decides where the range cannot be given.
   */
  @Override
  public List<Group> listGroups(GroupFilter filter, @Nullable String afterNameKey, @Nullable GroupId afterId,
      int limit) {
    tx.checkOpen();
    requireNonNull(filter, "filter");
    Listings.checkPosition(afterNameKey, afterId, "afterNameKey and afterId");
    Listings.checkLimit(limit);
    if (limit == 0 || (filter.categories() != null && filter.categories().isEmpty())) {
      return List.of();
    }
    Query query = new Query(SELECT_GROUP + " WHERE " + LISTED);
    if (filter.categories() != null) {
      query.append(" AND g.category IN (" + Sql.placeholders(filter.categories().size()) + ")",
          new TreeSet<>(filter.categories()));
    }
    if (filter.label() != null) {
      query.append(" AND EXISTS (SELECT 1 FROM meadow_group_labels f WHERE f.group_id = g.id AND f.label = ?)",
          filter.label());
    }
    String prefix = filter.namePrefix();
    if (prefix != null && !prefix.isEmpty()) {
      query.append(" AND g.name_key >= ?", prefix);
      String upper = Sql.prefixUpperBound(prefix);
      if (upper != null) {
        query.append(" AND g.name_key < ?", upper);
      }
      query.append(" AND g.name_key LIKE ? ESCAPE '\\'", Sql.startsWithPattern(prefix));
    }
    if (afterNameKey != null && afterId != null) {
      query.append(" AND g.name_key >= ? AND (g.name_key > ? OR (g.name_key = ? AND g.id > ?))", afterNameKey,
          afterNameKey, afterNameKey, afterId.value());
    }
    query.append(" ORDER BY g.name_key, g.id LIMIT ?", limit);
    return tx.list("list groups", query.sql(), query, JdbcGroupStore::group);
  }

  @Override
  public boolean insertMembership(Membership membership) {
    requireNonNull(membership, "membership");
    return tx.insertIfAbsent("insert a membership", INSERT_MEMBERSHIP, s -> {
      s.setString(1, membership.groupId().value());
      s.setString(2, membership.userId().value());
      s.setString(3, membership.role().name());
      s.setString(4, membership.status().name());
      Sql.setInstant(s, 5, membership.since());
      s.setString(6, membership.note());
      s.setString(7, membership.by() == null ? null : membership.by().value());
    });
  }

  @Override
  public boolean updateMembership(Membership current, Membership next) {
    requireNonNull(current, "current");
    requireNonNull(next, "next");
    if (!current.groupId().equals(next.groupId()) || !current.userId().equals(next.userId())) {
      throw new IllegalArgumentException("current and next must be the same user's membership of the same group");
    }
    return tx.update("update a membership", UPDATE_MEMBERSHIP, s -> {
      s.setString(1, next.role().name());
      s.setString(2, next.status().name());
      Sql.setInstant(s, 3, next.since());
      s.setString(4, next.note());
      s.setString(5, next.by() == null ? null : next.by().value());
      s.setString(6, current.groupId().value());
      s.setString(7, current.userId().value());
      s.setString(8, current.status().name());
      s.setString(9, current.role().name());
    }) == 1;
  }

  @Override
  public boolean deleteMembership(GroupId groupId, UserId userId, MemberStatus status) {
    requireNonNull(groupId, "groupId");
    requireNonNull(userId, "userId");
    requireNonNull(status, "status");
    return tx.update("delete a membership", DELETE_MEMBERSHIP, s -> {
      s.setString(1, groupId.value());
      s.setString(2, userId.value());
      s.setString(3, status.name());
    }) == 1;
  }

  @Override
  public Optional<Membership> findMembership(GroupId groupId, UserId userId) {
    requireNonNull(groupId, "groupId");
    requireNonNull(userId, "userId");
    return tx.one("find a membership", FIND_MEMBERSHIP, s -> {
      s.setString(1, groupId.value());
      s.setString(2, userId.value());
    }, JdbcGroupStore::membership);
  }

  @Override
  public List<Membership> listMembers(GroupId groupId, MemberStatus status, @Nullable Instant afterSince,
      @Nullable UserId afterUser, int limit) {
    requireNonNull(groupId, "groupId");
    requireNonNull(status, "status");
    return MEMBERS.list(tx, "list a group's members", List.of(groupId.value(), status.name()), afterSince,
        afterUser == null ? null : afterUser.value(), limit, JdbcGroupStore::membership);
  }

  @Override
  public List<Membership> listMemberships(UserId userId, MemberStatus status, @Nullable Instant afterSince,
      @Nullable GroupId afterGroup, int limit) {
    requireNonNull(userId, "userId");
    requireNonNull(status, "status");
    return MEMBERSHIPS.list(tx, "list a user's memberships", List.of(userId.value(), status.name()), afterSince,
        afterGroup == null ? null : afterGroup.value(), limit, JdbcGroupStore::membership);
  }

  @Override
  public boolean insertInvitation(Invitation invitation) {
    requireNonNull(invitation, "invitation");
    return tx.insertIfAbsent("insert an invitation", INSERT_INVITATION, s -> {
      s.setString(1, invitation.id().value());
      s.setString(2, invitation.groupId().value());
      s.setString(3, invitation.tokenHash());
      s.setString(4, invitation.createdBy().value());
      Sql.setInstant(s, 5, invitation.createdAt());
      Sql.setInstant(s, 6, invitation.expiresAt());
      s.setInt(7, invitation.maxUses());
      s.setInt(8, invitation.uses());
      Sql.setInstant(s, 9, invitation.revokedAt());
    });
  }

  @Override
  public Optional<Invitation> findInvitation(InvitationId id) {
    requireNonNull(id, "id");
    return tx.one("find an invitation", FIND_INVITATION, s -> s.setString(1, id.value()),
        JdbcGroupStore::invitation);
  }

  @Override
  public Optional<Invitation> findInvitationByTokenHash(String tokenHash) {
    requireNonNull(tokenHash, "tokenHash");
    return tx.one("find an invitation by its token", FIND_INVITATION_BY_TOKEN_HASH, s -> s.setString(1, tokenHash),
        JdbcGroupStore::invitation);
  }

  @Override
  public boolean useInvitation(InvitationId id, Instant now) {
    requireNonNull(id, "id");
    requireNonNull(now, "now");
    return tx.update("use an invitation", USE_INVITATION, s -> {
      s.setString(1, id.value());
      Sql.setInstant(s, 2, now);
    }) == 1;
  }

  @Override
  public boolean revokeInvitation(InvitationId id, Instant at) {
    requireNonNull(id, "id");
    requireNonNull(at, "at");
    return tx.update("revoke an invitation", REVOKE_INVITATION, s -> {
      Sql.setInstant(s, 1, at);
      s.setString(2, id.value());
    }) == 1;
  }

  @Override
  public List<Invitation> listInvitations(GroupId groupId, @Nullable InvitationId before, int limit) {
    requireNonNull(groupId, "groupId");
    return INVITATIONS.list(tx, "list a group's invitations", List.of(groupId.value()), null,
        before == null ? null : before.value(), limit, JdbcGroupStore::invitation);
  }

  @Override
  public void addActivity(GroupId groupId, Instant hour, long delta) {
    requireNonNull(groupId, "groupId");
    requireNonNull(hour, "hour");
    if (!hour.truncatedTo(ChronoUnit.HOURS).equals(hour)) {
      throw new IllegalArgumentException("hour must be the start of a whole UTC hour, was " + hour);
    }
    tx.updateCreating("add to a group's activity",
        ADD_ACTIVITY, s -> {
          s.setLong(1, delta);
          s.setString(2, groupId.value());
          Sql.setInstant(s, 3, hour);
        },
        CREATE_ACTIVITY, s -> {
          s.setString(1, groupId.value());
          Sql.setInstant(s, 2, hour);
        });
  }

  @Override
  public List<GroupActivity> listMostActive(Instant since, @Nullable GroupActivity after, int limit) {
    tx.checkOpen();
    requireNonNull(since, "since");
    Listings.checkLimit(limit);
    if (limit == 0) {
      return List.of();
    }
    // The tallies are of whole hours: the one holding `since` counts in full.
    Instant fromHour = since.truncatedTo(ChronoUnit.HOURS);
    if (after == null) {
      return tx.list("list the most active groups", FIRST_MOST_ACTIVE, s -> {
        Sql.setInstant(s, 1, fromHour);
        s.setInt(2, limit);
      }, JdbcGroupStore::activity);
    }
    return tx.list("list the most active groups", NEXT_MOST_ACTIVE, s -> {
      Sql.setInstant(s, 1, fromHour);
      s.setLong(2, after.count());
      s.setLong(3, after.count());
      s.setString(4, after.groupId().value());
      s.setInt(5, limit);
    }, JdbcGroupStore::activity);
  }

  private static Group group(ResultSet row) throws SQLException {
    String store = row.getString("store_id");
    return new Group(
        new GroupId(Sql.string(row, "id")),
        Sql.string(row, "name"),
        Sql.string(row, "slug"),
        row.getString("description"),
        row.getString("rules"),
        row.getString("category"),
        Sql.list(row, "labels"),
        Sql.enumValue(row, "visibility", GroupVisibility.class),
        row.getBoolean("post_approval"),
        store == null ? null : new StoreId(store),
        Sql.enumValue(row, "state", GroupState.class),
        new UserId(Sql.string(row, "owner_id")),
        row.getLong("member_count"),
        row.getLong("post_count"),
        Sql.instant(row, "created_at"),
        Sql.instant(row, "updated_at"),
        row.getLong("version"));
  }

  private static Membership membership(ResultSet row) throws SQLException {
    return new Membership(
        new GroupId(Sql.string(row, "group_id")),
        new UserId(Sql.string(row, "user_id")),
        Sql.enumValue(row, "role", GroupRole.class),
        Sql.enumValue(row, "status", MemberStatus.class),
        Sql.instant(row, "since"),
        row.getString("note"),
        Sql.nullableUser(row, "by_user_id"));
  }

  private static Invitation invitation(ResultSet row) throws SQLException {
    return new Invitation(
        new InvitationId(Sql.string(row, "id")),
        new GroupId(Sql.string(row, "group_id")),
        Sql.string(row, "token_hash"),
        new UserId(Sql.string(row, "created_by")),
        Sql.instant(row, "created_at"),
        Sql.instant(row, "expires_at"),
        row.getInt("max_uses"),
        row.getInt("uses"),
        Sql.nullableInstant(row, "revoked_at"));
  }

  private static GroupActivity activity(ResultSet row) throws SQLException {
    return new GroupActivity(new GroupId(Sql.string(row, "group_id")), row.getLong("total"));
  }
}
