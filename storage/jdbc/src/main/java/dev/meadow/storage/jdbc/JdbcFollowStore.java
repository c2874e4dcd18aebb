package dev.meadow.storage.jdbc;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.UserId;
import dev.meadow.core.groups.Follow;
import dev.meadow.core.groups.FollowTarget;
import dev.meadow.core.spi.FollowStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Follows in {@code meadow_follows}. */
final class JdbcFollowStore implements FollowStore {
  private static final String COLUMNS = "follower_id, target_kind, target_id, since";
  private static final String SELECT = "SELECT " + COLUMNS + " FROM meadow_follows";
  private static final String KEY = " WHERE follower_id = ? AND target_kind = ? AND target_id = ?";
  private static final String INSERT = "INSERT INTO meadow_follows (" + COLUMNS + ") VALUES (?, ?, ?, ?)";
  private static final String DELETE = "DELETE FROM meadow_follows" + KEY;
  private static final String FIND = SELECT + KEY;
  private static final Keyset FOLLOWERS =
      Keyset.byInstantThenText(SELECT, "target_kind = ? AND target_id = ?", "since", "follower_id", true);
  private static final Keyset FOLLOWING =
      Keyset.byInstantThenText(SELECT, "follower_id = ? AND target_kind = ?", "since", "target_id", true);

  private final JdbcTransaction tx;

  JdbcFollowStore(JdbcTransaction tx) {
    this.tx = tx;
  }

  @Override
  public boolean insertFollow(Follow follow) {
    requireNonNull(follow, "follow");
    return tx.insertIfAbsent("insert a follow", INSERT, s -> {
      bindKey(s, follow.follower(), follow.target());
      Sql.setInstant(s, 4, follow.since());
    });
  }

  @Override
  public boolean deleteFollow(UserId follower, FollowTarget target) {
    requireNonNull(follower, "follower");
    requireNonNull(target, "target");
    return tx.update("delete a follow", DELETE, s -> bindKey(s, follower, target)) == 1;
  }

  @Override
  public Optional<Follow> findFollow(UserId follower, FollowTarget target) {
    requireNonNull(follower, "follower");
    requireNonNull(target, "target");
    return tx.one("find a follow", FIND, s -> bindKey(s, follower, target), JdbcFollowStore::follow);
  }

  @Override
  public List<Follow> listFollowers(
      FollowTarget target, @Nullable Instant beforeSince, @Nullable UserId beforeFollower, int limit) {
    requireNonNull(target, "target");
    return FOLLOWERS.list(tx, "list followers", List.of(target.kind().name(), target.id()), beforeSince,
        beforeFollower == null ? null : beforeFollower.value(), limit, JdbcFollowStore::follow);
  }

  @Override
  public List<Follow> listFollowing(UserId follower, FollowTarget.Kind kind, @Nullable Instant beforeSince,
      @Nullable String beforeTargetId, int limit) {
    requireNonNull(follower, "follower");
    requireNonNull(kind, "kind");
    return FOLLOWING.list(tx, "list what a user follows", List.of(follower.value(), kind.name()), beforeSince,
        beforeTargetId, limit, JdbcFollowStore::follow);
  }

  private static void bindKey(PreparedStatement s, UserId follower, FollowTarget target) throws SQLException {
    s.setString(1, follower.value());
    s.setString(2, target.kind().name());
    s.setString(3, target.id());
  }

  private static Follow follow(ResultSet row) throws SQLException {
    return new Follow(
        new UserId(Sql.string(row, "follower_id")),
        new FollowTarget(Sql.enumValue(row, "target_kind", FollowTarget.Kind.class), Sql.string(row, "target_id")),
        Sql.instant(row, "since"));
  }
}
