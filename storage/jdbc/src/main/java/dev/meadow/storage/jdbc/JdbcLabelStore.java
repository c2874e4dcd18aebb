package dev.meadow.storage.jdbc;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.UserId;
import dev.meadow.core.spi.LabelStore;
import dev.meadow.storage.jdbc.JdbcSession.Binder;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Users' style labels in {@code meadow_user_labels}, one row per user and label, and the users who
 * have any in {@code meadow_labelled_users}.
 */
final class JdbcLabelStore implements LabelStore {
  private static final String LOCK_USER = "SELECT user_id FROM meadow_labelled_users WHERE user_id = ? FOR UPDATE";
  private static final String INSERT_USER = "INSERT INTO meadow_labelled_users (user_id) VALUES (?)";
  private static final String DELETE_USER = "DELETE FROM meadow_labelled_users WHERE user_id = ?";
  private static final String DELETE = "DELETE FROM meadow_user_labels WHERE user_id = ?";
  private static final String INSERT = "INSERT INTO meadow_user_labels (user_id, label) VALUES (?, ?)";
  private static final String FIND = "SELECT label FROM meadow_user_labels WHERE user_id = ? ORDER BY label";
  private static final Keyset USERS_BY_LABEL =
      Keyset.byText("SELECT user_id FROM meadow_user_labels", "label = ?", "user_id", false);

  private final JdbcTransaction tx;

  JdbcLabelStore(JdbcTransaction tx) {
    this.tx = tx;
  }

  /*
   * A replacement deletes the user's label rows and inserts the new ones. Two racing replacements
   * could each delete only the rows committed before they started and leave both their sets, so
   * each first locks the user's row in meadow_labelled_users (creating it if needed; its key
   * makes racing creators wait for each other): the second waits for the first to commit, then
   * deletes what the first inserted.
   */
  @Override
  public void replaceUserLabels(UserId userId, List<String> labels) {
    requireNonNull(userId, "userId");
    requireNonNull(labels, "labels");
    String operation = "replace a user's labels";
    Binder user = s -> s.setString(1, userId.value());
    tx.changeCreating(() -> tx.one(operation, LOCK_USER, user, row -> Boolean.TRUE),
        () -> tx.insertIfAbsent(operation, INSERT_USER, user));
    tx.replaceEach(operation, DELETE, INSERT, userId.value(), labels);
    if (labels.isEmpty()) {
      tx.update(operation, DELETE_USER, user);
    }
  }

  @Override
  public List<String> findUserLabels(UserId userId) {
    requireNonNull(userId, "userId");
    return tx.list("find a user's labels", FIND, s -> s.setString(1, userId.value()), row -> Sql.string(row, "label"));
  }

  @Override
  public List<UserId> listUsersByLabel(String label, @Nullable UserId after, int limit) {
    requireNonNull(label, "label");
    return USERS_BY_LABEL.list(tx, "list users by label", List.of(label), null, after == null ? null : after.value(),
        limit, row -> new UserId(Sql.string(row, "user_id")));
  }
}
