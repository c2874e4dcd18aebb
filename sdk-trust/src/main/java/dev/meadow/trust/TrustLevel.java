package dev.meadow.trust;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.UserId;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A user's trust level, 0 to 4, and why: each threshold of levels 1 to 3 with the user's value now
 * and whether it is met.
 *
 * @param user the user
 * @param level the level that counts: 4 while the shop grants it, otherwise the level earned
 * @param earned the level the thresholds earned, 0 to 3 (kept beneath a grant of level 4)
 * @param grantedBy who granted level 4, or {@code null}
 * @param checks every threshold of levels 1 to 3, in level order
 */
public record TrustLevel(UserId user, int level, int earned, @Nullable UserId grantedBy, List<Check> checks) {
  public TrustLevel {
    requireNonNull(user, "user");
    checks = List.copyOf(checks);
  }

  /**
   * One threshold, evaluated.
   *
   * @param level the level it belongs to, 1 to 3
   * @param threshold the threshold
   * @param value the user's value of its signal, within its window
   * @param met whether it is met
   */
  public record Check(int level, Threshold threshold, double value, boolean met) {
    public Check {
      requireNonNull(threshold, "threshold");
    }
  }

  /** Returns the thresholds of {@code level} the user does not meet now. */
  public List<Check> missed(int level) {
    return checks.stream().filter(c -> c.level() == level && !c.met()).toList();
  }
}
