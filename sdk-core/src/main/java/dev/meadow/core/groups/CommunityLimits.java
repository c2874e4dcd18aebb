package dev.meadow.core.groups;

/**
 * Per-user limits of the community, enforced atomically: racing requests never let a user pass
 * a limit.
 *
 * @param groupsOwned how many active groups a user may own (created or handed over), default 15
 * @param groupsJoined how many groups a user may be a member of or have asked to join, the owned
 *     ones included, default 500
 * @param labelsPerUser how many style labels a user may give themselves, default 5
 */
public record CommunityLimits(int groupsOwned, int groupsJoined, int labelsPerUser) {
  /**
   * Checks the limits.
   *
   * @throws IllegalArgumentException if a limit is below 1 or above 100,000
   */
  public CommunityLimits {
    check("groupsOwned", groupsOwned);
    check("groupsJoined", groupsJoined);
    check("labelsPerUser", labelsPerUser);
  }

  /** Returns the defaults: 15 groups owned, 500 joined, 5 labels. */
  public static CommunityLimits defaults() {
    return new CommunityLimits(15, 500, 5);
  }

  /** Returns these limits with another number of groups a user may own. */
  public CommunityLimits withGroupsOwned(int limit) {
    return new CommunityLimits(limit, groupsJoined, labelsPerUser);
  }

  /** Returns these limits with another number of groups a user may join. */
  public CommunityLimits withGroupsJoined(int limit) {
    return new CommunityLimits(groupsOwned, limit, labelsPerUser);
  }

  /** Returns these limits with another number of labels a user may give themselves. */
  public CommunityLimits withLabelsPerUser(int limit) {
    return new CommunityLimits(groupsOwned, groupsJoined, limit);
  }

  private static void check(String name, int value) {
    if (value < 1 || value > 100_000) {
      throw new IllegalArgumentException(name + " must be 1 to 100000, was " + value);
    }
  }
}
