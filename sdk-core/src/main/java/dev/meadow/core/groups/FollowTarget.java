package dev.meadow.core.groups;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.GroupId;
import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import dev.meadow.core.internal.HostIds;
import dev.meadow.core.internal.Ulids;

/**
 * What a user can follow: another user, a store, or a group.
 *
 * @param kind user, store or group
 * @param id the user's, store's or group's id
 */
public record FollowTarget(Kind kind, String id) {
  /** The kinds of things that can be followed. */
  public enum Kind {
    USER,
    STORE,
    GROUP
  }

  /**
   * Checks the id.
   *
   * @throws dev.meadow.core.ValidationException naming {@code userId}, {@code storeId} or
   *     {@code groupId} if {@code id} is not a valid id of its kind
   */
  public FollowTarget {
    requireNonNull(kind, "kind");
    requireNonNull(id, "id");
    if (kind == Kind.GROUP) {
      Ulids.check("groupId", id);
    } else {
      HostIds.check(kind == Kind.USER ? "userId" : "storeId", id);
    }
  }

  /** Returns a user as a target. */
  public static FollowTarget user(UserId id) {
    return new FollowTarget(Kind.USER, id.value());
  }

  /** Returns a store as a target. */
  public static FollowTarget store(StoreId id) {
    return new FollowTarget(Kind.STORE, id.value());
  }

  /** Returns a group as a target. */
  public static FollowTarget group(GroupId id) {
    return new FollowTarget(Kind.GROUP, id.value());
  }
}
