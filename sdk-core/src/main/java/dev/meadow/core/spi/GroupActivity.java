package dev.meadow.core.spi;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.GroupId;

/**
 * How active a group was in a window: joins, posts, comments and likes.
 *
 * @param groupId the group
 * @param count how many things happened
 */
public record GroupActivity(GroupId groupId, long count) {
  public GroupActivity {
    requireNonNull(groupId, "groupId");
  }
}
