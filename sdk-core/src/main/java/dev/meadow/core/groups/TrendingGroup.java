package dev.meadow.core.groups;

import static java.util.Objects.requireNonNull;

/**
 * A group and how much happened in it lately.
 *
 * @param group the group
 * @param activity joins, posts, comments and likes in the window asked for
 */
public record TrendingGroup(Group group, long activity) {
  public TrendingGroup {
    requireNonNull(group, "group");
  }
}
