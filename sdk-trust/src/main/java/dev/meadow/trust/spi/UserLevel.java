package dev.meadow.trust.spi;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A user's trust level as stored: the level earned by the shop's thresholds (0 to 3), and level 4
 * when the shop granted it.
 *
 * @param user the user
 * @param earned the level the thresholds earned, 0 to 3
 * @param grantedBy who granted level 4, or {@code null} when it is not granted
 * @param grantReason why level 4 was granted, or {@code null}
 * @param grantedAt when level 4 was granted, or {@code null}
 * @param changedAt when the row last changed
 */
public record UserLevel(String user, int earned, @Nullable String grantedBy, @Nullable String grantReason,
    @Nullable Instant grantedAt, Instant changedAt) {
  public UserLevel {
    requireNonNull(user, "user");
    requireNonNull(changedAt, "changedAt");
    if (earned < 0 || earned > 3) {
      throw new IllegalArgumentException("an earned level is 0 to 3, was " + earned);
    }
  }

  /** Returns the level that counts: 4 while granted, otherwise the earned one. */
  public int effective() {
    return grantedBy == null ? earned : 4;
  }
}
