package dev.meadow.storage.jdbc;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.GroupId;
import dev.meadow.core.UserId;
import dev.meadow.core.groups.Group;
import dev.meadow.core.groups.GroupRole;
import dev.meadow.core.groups.Membership;
import dev.meadow.core.spi.GroupStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Groups and memberships in {@code meadow_groups} and {@code meadow_group_members}. */
final class JdbcGroupStore implements GroupStore {
  private static final String GROUP_COLUMNS =
      "id, name, slug, description, owner_id, member_count, created_at";
  private static final String MEMBER_COLUMNS = "group_id, user_id, role, joined_at";

  private static final String INSERT_GROUP =
      "INSERT INTO meadow_groups (" + GROUP_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)";
  private static final String FIND_GROUP =
      "SELECT " + GROUP_COLUMNS + " FROM meadow_groups WHERE id = ?";
  private static final String FIND_GROUP_BY_SLUG =
      "SELECT " + GROUP_COLUMNS + " FROM meadow_groups WHERE slug = ?";
  private static final String ADJUST_MEMBER_COUNT =
      "UPDATE meadow_groups SET member_count = member_count + ? WHERE id = ?";
  private static final String INSERT_MEMBERSHIP =
      "INSERT INTO meadow_group_members (" + MEMBER_COLUMNS + ") VALUES (?, ?, ?, ?)";
  private static final String DELETE_MEMBERSHIP =
      "DELETE FROM meadow_group_members WHERE group_id = ? AND user_id = ?";
  private static final String FIND_MEMBERSHIP =
      "SELECT " + MEMBER_COLUMNS + " FROM meadow_group_members WHERE group_id = ? AND user_id = ?";
  private static final String FIRST_MEMBERS =
      "SELECT " + MEMBER_COLUMNS + " FROM meadow_group_members WHERE group_id = ?"
          + " ORDER BY joined_at, user_id LIMIT ?";
  // The redundant "joined_at >= ?" lets both databases range-scan the (group_id, joined_at,
  // user_id) index instead of filtering the whole group.
  private static final String NEXT_MEMBERS =
      "SELECT " + MEMBER_COLUMNS + " FROM meadow_group_members WHERE group_id = ? AND joined_at >= ?"
          + " AND (joined_at > ? OR (joined_at = ? AND user_id > ?))"
          + " ORDER BY joined_at, user_id LIMIT ?";

  private final JdbcTransaction tx;

  JdbcGroupStore(JdbcTransaction tx) {
    this.tx = tx;
  }

  @Override
  public boolean insertGroup(Group group) {
    requireNonNull(group, "group");
    return tx.insertIfAbsent("insert a group", INSERT_GROUP, s -> {
      s.setString(1, group.id().value());
      s.setString(2, group.name());
      s.setString(3, group.slug());
      s.setString(4, group.description());
      s.setString(5, group.owner().value());
      s.setLong(6, group.memberCount());
      Sql.setInstant(s, 7, group.createdAt());
    });
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
  public boolean adjustMemberCount(GroupId id, long delta) {
    requireNonNull(id, "id");
    return tx.update("adjust a group's member count", ADJUST_MEMBER_COUNT, s -> {
      s.setLong(1, delta);
      s.setString(2, id.value());
    }) == 1;
  }

  @Override
  public boolean insertMembership(Membership membership) {
    requireNonNull(membership, "membership");
    return tx.insertIfAbsent("insert a membership", INSERT_MEMBERSHIP, s -> {
      s.setString(1, membership.groupId().value());
      s.setString(2, membership.userId().value());
      s.setString(3, membership.role().name());
      Sql.setInstant(s, 4, membership.joinedAt());
    });
  }

  @Override
  public boolean deleteMembership(GroupId groupId, UserId userId) {
    requireNonNull(groupId, "groupId");
    requireNonNull(userId, "userId");
    return tx.update("delete a membership", DELETE_MEMBERSHIP, s -> {
      s.setString(1, groupId.value());
      s.setString(2, userId.value());
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
  public List<Membership> listMembers(
      GroupId groupId, @Nullable Instant afterJoinedAt, @Nullable UserId afterUser, int limit) {
    tx.checkOpen();
    requireNonNull(groupId, "groupId");
    if ((afterJoinedAt == null) != (afterUser == null)) {
      throw new IllegalArgumentException("afterJoinedAt and afterUser are both null or both set");
    }
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative, was " + limit);
    }
    if (limit == 0) {
      return List.of();
    }
    if (afterJoinedAt == null || afterUser == null) {
      return tx.list("list a group's members", FIRST_MEMBERS, s -> {
        s.setString(1, groupId.value());
        s.setInt(2, limit);
      }, JdbcGroupStore::membership);
    }
    return tx.list("list a group's members", NEXT_MEMBERS, s -> {
      s.setString(1, groupId.value());
      Sql.setInstant(s, 2, afterJoinedAt);
      Sql.setInstant(s, 3, afterJoinedAt);
      Sql.setInstant(s, 4, afterJoinedAt);
      s.setString(5, afterUser.value());
      s.setInt(6, limit);
    }, JdbcGroupStore::membership);
  }

  private static Group group(ResultSet row) throws SQLException {
    return new Group(
        new GroupId(Sql.string(row, "id")),
        Sql.string(row, "name"),
        Sql.string(row, "slug"),
        row.getString("description"),
        new UserId(Sql.string(row, "owner_id")),
        row.getLong("member_count"),
        Sql.instant(row, "created_at"));
  }

  private static Membership membership(ResultSet row) throws SQLException {
    return new Membership(
        new GroupId(Sql.string(row, "group_id")),
        new UserId(Sql.string(row, "user_id")),
        GroupRole.valueOf(Sql.string(row, "role")),
        Sql.instant(row, "joined_at"));
  }
}
