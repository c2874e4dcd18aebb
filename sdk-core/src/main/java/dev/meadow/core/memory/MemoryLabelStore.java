package dev.meadow.core.memory;

import static dev.meadow.core.spi.Listings.checkLimit;
import static java.util.Objects.requireNonNull;

import dev.meadow.core.UserId;
import dev.meadow.core.spi.LabelStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** Users' style labels kept in memory; guarded by the storage's lock. */
final class MemoryLabelStore {
  /** Each user's labels, sorted; users without labels are absent. */
  private final Map<UserId, List<String>> labelsOfUser = new HashMap<>();
  /** The users carrying each label, by user id. */
  private final Map<String, NavigableMap<UserId, UserId>> usersOfLabel = new HashMap<>();

  LabelStore bind(MemoryTransaction tx) {
    return new Bound(tx);
  }

  /** Returns whether a user gives themselves a label; for the other stores of this storage, under its lock. */
  boolean hasLabel(UserId userId, String label) {
    NavigableMap<UserId, UserId> users = usersOfLabel.get(label);
    return users != null && users.containsKey(userId);
  }

  private void write(UserId userId, @Nullable List<String> previous, @Nullable List<String> next) {
    if (previous != null) {
      labelsOfUser.remove(userId);
      for (String label : previous) {
        Indexes.remove(usersOfLabel, label, userId);
      }
    }
    if (next != null) {
      labelsOfUser.put(userId, next);
      for (String label : next) {
        Indexes.add(usersOfLabel, label, userId, userId);
      }
    }
  }

  private final class Bound implements LabelStore {
    private final MemoryTransaction tx;

    Bound(MemoryTransaction tx) {
      this.tx = tx;
    }

    @Override
    public void replaceUserLabels(UserId userId, List<String> labels) {
      tx.checkOpen();
      requireNonNull(userId, "userId");
      requireNonNull(labels, "labels");
      // Sorted and without duplicates whatever the caller passed, as findUserLabels promises.
      List<String> next = List.copyOf(new TreeSet<>(labels));
      List<String> previous = labelsOfUser.get(userId);
      List<String> stored = next.isEmpty() ? null : next;
      write(userId, previous, stored);
      tx.onRollback(() -> write(userId, stored, previous));
    }

    @Override
    public List<String> findUserLabels(UserId userId) {
      tx.checkOpen();
      return labelsOfUser.getOrDefault(requireNonNull(userId, "userId"), List.of());
    }

    @Override
    public List<UserId> listUsersByLabel(String label, @Nullable UserId after, int limit) {
      tx.checkOpen();
      requireNonNull(label, "label");
      checkLimit(limit);
      return Indexes.first(Indexes.after(usersOfLabel, label, after).values(), limit);
    }
  }
}
