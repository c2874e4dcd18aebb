package dev.meadow.storage.jdbc;

import dev.meadow.core.spi.Listings;
import static java.util.Objects.requireNonNull;

import dev.meadow.core.CommentId;
import dev.meadow.core.GroupId;
import dev.meadow.core.PostId;
import dev.meadow.core.ProductId;
import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import dev.meadow.core.groups.Comment;
import dev.meadow.core.groups.ContentState;
import dev.meadow.core.groups.Disclosure;
import dev.meadow.core.groups.Post;
import dev.meadow.core.groups.PostRevision;
import dev.meadow.core.groups.ReactionTarget;
import dev.meadow.core.groups.Removal;
import dev.meadow.core.spi.PostStore;
import dev.meadow.storage.jdbc.Sql.Query;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Posts in {@code meadow_posts} with their labels in {@code meadow_post_labels}; earlier revisions
 * in {@code meadow_post_revisions}; comments in {@code meadow_comments}; reactions in
 * {@code meadow_reactions}.
 */
final class JdbcPostStore implements PostStore {
  private static final String POST_COLUMNS = "id, group_id, author_id, affiliations, title, body, products, media,"
      + " disclosure, state, " + Sql.REMOVAL_COLUMNS + ", pinned, comment_count, like_count, created_at, edited_at,"
      + " version";
  private static final String SELECT_POST = "SELECT " + Sql.qualify("p", POST_COLUMNS)
      + ", ARRAY(SELECT x.label FROM meadow_post_labels x WHERE x.post_id = p.id ORDER BY x.label) AS labels"
      + " FROM meadow_posts p";
  private static final String INSERT_POST = "INSERT INTO meadow_posts (" + POST_COLUMNS + ")"
      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String FIND_POST = SELECT_POST + " WHERE p.id = ?";
  private static final String UPDATE_POST = "UPDATE meadow_posts SET title = ?, body = ?, products = ?, media = ?,"
      + " disclosure = ?, state = ?, removal_reason = ?, removed_by = ?, removed_at = ?, pinned = ?, edited_at = ?,"
      + " version = ? WHERE id = ? AND version = ?";
  private static final String ADJUST_POST_COUNTS =
      "UPDATE meadow_posts SET comment_count = comment_count + ?, like_count = like_count + ? WHERE id = ?";
  private static final String INSERT_LABEL = "INSERT INTO meadow_post_labels (post_id, label) VALUES (?, ?)";
  private static final String DELETE_LABELS = "DELETE FROM meadow_post_labels WHERE post_id = ?";
  private static final String PINNED_POSTS = SELECT_POST
      + " WHERE p.group_id = ? AND p.pinned AND p.state = 'PUBLISHED' ORDER BY p.id DESC LIMIT ?";
  private static final Keyset POSTS_BY_LABEL = Keyset.byText(
      SELECT_POST + " JOIN meadow_post_labels l ON l.post_id = p.id JOIN meadow_groups g ON g.id = p.group_id",
      "l.label = ? AND p.state = 'PUBLISHED' AND g.state = 'ACTIVE' AND g.visibility = 'PUBLIC'", "l.post_id", true);

  /** Every post in id order, read from the primary key's index. */
  static final Keyset SCAN_POSTS = Keyset.byText(SELECT_POST, "TRUE", "p.id", false);

  private static final String REVISION_COLUMNS =
      "post_id, number, title, body, products, media, labels, disclosure, written_at";
  private static final String INSERT_REVISION =
      "INSERT INTO meadow_post_revisions (" + REVISION_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String LIST_REVISIONS =
      "SELECT " + REVISION_COLUMNS + " FROM meadow_post_revisions WHERE post_id = ? ORDER BY number LIMIT ?";

  private static final String COMMENT_COLUMNS = "id, post_id, group_id, parent_id, author_id, affiliations, body,"
      + " state, " + Sql.REMOVAL_COLUMNS + ", reply_count, like_count, created_at";
  private static final String SELECT_COMMENT = "SELECT " + COMMENT_COLUMNS + " FROM meadow_comments";
  private static final String INSERT_COMMENT = "INSERT INTO meadow_comments (" + COMMENT_COLUMNS + ")"
      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String FIND_COMMENT = SELECT_COMMENT + " WHERE id = ?";
  private static final String REMOVE_COMMENT = "UPDATE meadow_comments SET state = 'REMOVED', removal_reason = ?,"
      + " removed_by = ?, removed_at = ? WHERE id = ? AND state = 'PUBLISHED'";
  private static final String ADJUST_COMMENT_COUNTS =
      "UPDATE meadow_comments SET reply_count = reply_count + ?, like_count = like_count + ? WHERE id = ?";
  private static final Keyset TOP_LEVEL_COMMENTS = Keyset.byText(SELECT_COMMENT,
      "post_id = ? AND parent_id IS NULL AND state = 'PUBLISHED'", "id", false);
  private static final Keyset REPLIES = Keyset.byText(SELECT_COMMENT,
      "post_id = ? AND parent_id = ? AND state = 'PUBLISHED'", "id", false);
  /** Every comment in id order, read from the primary key's index. */
  static final Keyset SCAN_COMMENTS = Keyset.byText(SELECT_COMMENT, "TRUE", "id", false);

  private static final String INSERT_REACTION =
      "INSERT INTO meadow_reactions (target_kind, target_id, user_id, created_at) VALUES (?, ?, ?, ?)";
  private static final String REACTION_KEY = " WHERE target_kind = ? AND target_id = ? AND user_id = ?";
  private static final String DELETE_REACTION = "DELETE FROM meadow_reactions" + REACTION_KEY;
  private static final String HAS_REACTION = "SELECT 1 FROM meadow_reactions" + REACTION_KEY;

  private final JdbcTransaction tx;

  JdbcPostStore(JdbcTransaction tx) {
    this.tx = tx;
  }

  @Override
  public boolean insertPost(Post post) {
    requireNonNull(post, "post");
    boolean inserted = tx.insertIfAbsent("insert a post", INSERT_POST, s -> {
      s.setString(1, post.id().value());
      s.setString(2, post.groupId().value());
      s.setString(3, post.author().value());
      Sql.setArray(s, 4, post.affiliations(), StoreId::value);
      bindChangeable(s, 5, post);
      s.setLong(15, post.commentCount());
      s.setLong(16, post.likeCount());
      Sql.setInstant(s, 17, post.createdAt());
      Sql.setInstant(s, 18, post.editedAt());
      s.setLong(19, post.version());
    });
    if (inserted) {
      tx.insertEachIfAbsent("store a post's labels", INSERT_LABEL, post.id().value(), post.labels());
    }
    return inserted;
  }

  @Override
  public Optional<Post> findPost(PostId id) {
    requireNonNull(id, "id");
    return tx.one("find a post", FIND_POST, s -> s.setString(1, id.value()), JdbcPostStore::post);
  }

  @Override
  public boolean updatePost(Post next) {
    requireNonNull(next, "next");
    boolean updated = tx.update("update a post", UPDATE_POST, s -> {
      bindChangeable(s, 1, next);
      Sql.setInstant(s, 11, next.editedAt());
      s.setLong(12, next.version());
      s.setString(13, next.id().value());
      s.setLong(14, next.version() - 1);
    }) == 1;
    if (updated) {
      // The UPDATE holds the post's row lock, so no other update replaces its labels meanwhile.
      tx.replaceEach("store a post's labels", DELETE_LABELS, INSERT_LABEL, next.id().value(), next.labels());
    }
    return updated;
  }


  /**
   * Binds the columns from title to pinned, which an update may change, from parameter
   * {@code index} on: ten parameters.
   */
  private static void bindChangeable(PreparedStatement s, int index, Post post) throws SQLException {
    s.setString(index, post.title());
    s.setString(index + 1, post.body());
    Sql.setArray(s, index + 2, post.products(), ProductId::value);
    Sql.setArray(s, index + 3, post.media());
    s.setString(index + 4, post.disclosure().name());
    s.setString(index + 5, post.state().name());
    Sql.setRemoval(s, index + 6, post.removal());
    s.setBoolean(index + 9, post.pinned());
  }

  @Override
  public boolean adjustPostCounts(PostId id, long commentsDelta, long likesDelta) {
    requireNonNull(id, "id");
    return tx.addToRow("adjust a post's counts", ADJUST_POST_COUNTS, id.value(), commentsDelta, likesDelta);
  }

  /*
   * A group's posts in several states are the newest of each state's own keyset page, merged: one
   * branch per state, each reading the index on (group_id, state, id) from the position down, so
   * the database never sorts more than a page per state.
   */
  @Override
  public List<Post> listGroupPosts(GroupId groupId, Set<ContentState> states, @Nullable PostId before, int limit) {
    tx.checkOpen();
    requireNonNull(groupId, "groupId");
    requireNonNull(states, "states");
    Listings.checkLimit(limit);
    if (limit == 0 || states.isEmpty()) {
      return List.of();
    }
    List<Query> branches = new ArrayList<>();
    for (ContentState state : EnumSet.copyOf(states)) {
      Query branch = new Query(SELECT_POST).append(" WHERE p.group_id = ? AND p.state = ?", groupId.value(), state.name());
      if (before != null) {
        branch.append(" AND p.id < ?", before.value());
      }
      branches.add(branch.append(" ORDER BY p.id DESC LIMIT ?", limit));
    }
    Query query = Query.unionAll(branches, "id DESC", limit);
    return tx.list("list a group's posts", query.sql(), query, JdbcPostStore::post);
  }

  @Override
  public List<Post> listPinnedPosts(GroupId groupId, int limit) {
    requireNonNull(groupId, "groupId");
    return tx.listByKey("list a group's pinned posts", PINNED_POSTS, groupId.value(), limit, JdbcPostStore::post);
  }

  @Override
  public List<Post> listPostsByLabel(String label, @Nullable PostId before, int limit) {
    requireNonNull(label, "label");
    return POSTS_BY_LABEL.list(tx, "list posts by label", List.of(label), null,
        before == null ? null : before.value(), limit, JdbcPostStore::post);
  }

  @Override
  public List<Post> scanPosts(@Nullable PostId after, int limit) {
    return SCAN_POSTS.list(tx, "scan posts", List.of(), null, after == null ? null : after.value(), limit,
        JdbcPostStore::post);
  }

  @Override
  public boolean insertRevision(PostRevision revision) {
    requireNonNull(revision, "revision");
    return tx.insertIfAbsent("insert a post revision", INSERT_REVISION, s -> {
      s.setString(1, revision.postId().value());
      s.setInt(2, revision.number());
      s.setString(3, revision.title());
      s.setString(4, revision.body());
      Sql.setArray(s, 5, revision.products(), ProductId::value);
      Sql.setArray(s, 6, revision.media());
      Sql.setArray(s, 7, revision.labels());
      s.setString(8, revision.disclosure().name());
      Sql.setInstant(s, 9, revision.writtenAt());
    });
  }

  @Override
  public List<PostRevision> listRevisions(PostId postId, int limit) {
    requireNonNull(postId, "postId");
    return tx.listByKey("list a post's revisions", LIST_REVISIONS, postId.value(), limit, JdbcPostStore::revision);
  }

  @Override
  public boolean insertComment(Comment comment) {
    requireNonNull(comment, "comment");
    return tx.insertIfAbsent("insert a comment", INSERT_COMMENT, s -> {
      s.setString(1, comment.id().value());
      s.setString(2, comment.postId().value());
      s.setString(3, comment.groupId().value());
      s.setString(4, comment.parentId() == null ? null : comment.parentId().value());
      s.setString(5, comment.author().value());
      Sql.setArray(s, 6, comment.affiliations(), StoreId::value);
      s.setString(7, comment.body());
      s.setString(8, comment.state().name());
      Sql.setRemoval(s, 9, comment.removal());
      s.setLong(12, comment.replyCount());
      s.setLong(13, comment.likeCount());
      Sql.setInstant(s, 14, comment.createdAt());
    });
  }

  @Override
  public Optional<Comment> findComment(CommentId id) {
    requireNonNull(id, "id");
    return tx.one("find a comment", FIND_COMMENT, s -> s.setString(1, id.value()), JdbcPostStore::comment);
  }

  @Override
  public boolean removeComment(CommentId id, Removal removal) {
    requireNonNull(id, "id");
    requireNonNull(removal, "removal");
    return tx.update("remove a comment", REMOVE_COMMENT, s -> {
      Sql.setRemoval(s, 1, removal);
      s.setString(4, id.value());
    }) == 1;
  }

  @Override
  public boolean adjustCommentCounts(CommentId id, long repliesDelta, long likesDelta) {
    requireNonNull(id, "id");
    return tx.addToRow("adjust a comment's counts", ADJUST_COMMENT_COUNTS, id.value(), repliesDelta, likesDelta);
  }

  @Override
  public List<Comment> scanComments(@Nullable CommentId after, int limit) {
    return SCAN_COMMENTS.list(tx, "scan comments", List.of(), null, after == null ? null : after.value(), limit,
        JdbcPostStore::comment);
  }

  @Override
  public List<Comment> listComments(PostId postId, @Nullable CommentId parentId, @Nullable CommentId after,
      int limit) {
    requireNonNull(postId, "postId");
    String position = after == null ? null : after.value();
    if (parentId == null) {
      return TOP_LEVEL_COMMENTS.list(tx, "list a post's comments", List.of(postId.value()), null, position, limit,
          JdbcPostStore::comment);
    }
    return REPLIES.list(tx, "list a comment's replies", List.of(postId.value(), parentId.value()), null, position,
        limit, JdbcPostStore::comment);
  }

  @Override
  public boolean insertReaction(ReactionTarget target, UserId userId, Instant at) {
    requireNonNull(target, "target");
    requireNonNull(userId, "userId");
    requireNonNull(at, "at");
    return tx.insertIfAbsent("insert a reaction", INSERT_REACTION, s -> {
      bindReaction(s, target, userId);
      Sql.setInstant(s, 4, at);
    });
  }

  @Override
  public boolean deleteReaction(ReactionTarget target, UserId userId) {
    requireNonNull(target, "target");
    requireNonNull(userId, "userId");
    return tx.update("delete a reaction", DELETE_REACTION, s -> bindReaction(s, target, userId)) == 1;
  }

  @Override
  public boolean hasReaction(ReactionTarget target, UserId userId) {
    requireNonNull(target, "target");
    requireNonNull(userId, "userId");
    return tx.one("find a reaction", HAS_REACTION, s -> bindReaction(s, target, userId), row -> Boolean.TRUE)
        .isPresent();
  }

  private static void bindReaction(PreparedStatement s, ReactionTarget target, UserId userId)
      throws SQLException {
    s.setString(1, target.kind().name());
    s.setString(2, target.id());
    s.setString(3, userId.value());
  }

  private static Post post(ResultSet row) throws SQLException {
    return new Post(
        new PostId(Sql.string(row, "id")),
        new GroupId(Sql.string(row, "group_id")),
        new UserId(Sql.string(row, "author_id")),
        Sql.list(row, "affiliations", StoreId::new),
        Sql.string(row, "title"),
        Sql.string(row, "body"),
        Sql.list(row, "products", ProductId::new),
        Sql.list(row, "media"),
        Sql.list(row, "labels"),
        Sql.enumValue(row, "disclosure", Disclosure.class),
        Sql.enumValue(row, "state", ContentState.class),
        Sql.removal(row),
        row.getBoolean("pinned"),
        row.getLong("comment_count"),
        row.getLong("like_count"),
        Sql.instant(row, "created_at"),
        Sql.nullableInstant(row, "edited_at"),
        row.getLong("version"));
  }

  private static PostRevision revision(ResultSet row) throws SQLException {
    return new PostRevision(
        new PostId(Sql.string(row, "post_id")),
        row.getInt("number"),
        Sql.string(row, "title"),
        Sql.string(row, "body"),
        Sql.list(row, "products", ProductId::new),
        Sql.list(row, "media"),
        Sql.list(row, "labels"),
        Sql.enumValue(row, "disclosure", Disclosure.class),
        Sql.instant(row, "written_at"));
  }

  private static Comment comment(ResultSet row) throws SQLException {
    String parent = row.getString("parent_id");
    return new Comment(
        new CommentId(Sql.string(row, "id")),
        new PostId(Sql.string(row, "post_id")),
        new GroupId(Sql.string(row, "group_id")),
        parent == null ? null : new CommentId(parent),
        new UserId(Sql.string(row, "author_id")),
        Sql.list(row, "affiliations", StoreId::new),
        Sql.string(row, "body"),
        Sql.enumValue(row, "state", ContentState.class),
        Sql.removal(row),
        row.getLong("reply_count"),
        row.getLong("like_count"),
        Sql.instant(row, "created_at"));
  }
}
