package dev.meadow.trust;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;

/**
 * What a user must show to reach trust levels 1 to 3 (level 4 only the shop grants), in the spirit
 * of Discourse's TL1 to TL3. A user is at the highest level whose thresholds, and every lower
 * level's, are all met. Immutable.
 *
 * <p>The {@linkplain #defaults() defaults}:
 *
 * <table>
 *   <caption>Default thresholds</caption>
 *   <tr><th>level</th><th>tenure</th><th>reviews</th><th>posts</th><th>helpful votes</th><th>upheld reports</th></tr>
 *   <tr><td>1 basic</td><td>1 day</td><td>1</td><td>-</td><td>-</td><td>-</td></tr>
 *   <tr><td>2 member</td><td>15 days</td><td>3</td><td>3</td><td>5</td><td>at most 1 in 90 days</td></tr>
 *   <tr><td>3 regular</td><td>50 days</td><td>10</td><td>10</td><td>20</td><td>none in 100 days</td></tr>
 * </table>
 *
 * @param level1 the thresholds of level 1
 * @param level2 the thresholds of level 2
 * @param level3 the thresholds of level 3
 */
public record LevelThresholds(List<Threshold> level1, List<Threshold> level2, List<Threshold> level3) {
  /** The most thresholds one level has. */
  public static final int MAX_PER_LEVEL = 20;

  /**
   * Checks the thresholds; the lists are copied.
   *
   * @throws IllegalArgumentException if a level has more than {@value #MAX_PER_LEVEL} thresholds
   */
  public LevelThresholds {
    level1 = check(1, level1);
    level2 = check(2, level2);
    level3 = check(3, level3);
  }

  private static List<Threshold> check(int level, List<Threshold> thresholds) {
    List<Threshold> copy = List.copyOf(requireNonNull(thresholds, "level" + level));
    if (copy.size() > MAX_PER_LEVEL) {
      throw new IllegalArgumentException("level " + level + " has more than " + MAX_PER_LEVEL + " thresholds");
    }
    return copy;
  }

  /** Returns Meadow's default thresholds (see the table above). */
  public static LevelThresholds defaults() {
    return new LevelThresholds(
        List.of(Threshold.atLeast(Signal.TENURE_DAYS, 1), Threshold.atLeast(Signal.REVIEWS, 1)),
        List.of(Threshold.atLeast(Signal.TENURE_DAYS, 15), Threshold.atLeast(Signal.REVIEWS, 3),
            Threshold.atLeast(Signal.POSTS, 3), Threshold.atLeast(Signal.HELPFUL_VOTES, 5),
            Threshold.atMost(Signal.UPHELD_REPORTS, 1).within(Duration.ofDays(90))),
        List.of(Threshold.atLeast(Signal.TENURE_DAYS, 50), Threshold.atLeast(Signal.REVIEWS, 10),
            Threshold.atLeast(Signal.POSTS, 10), Threshold.atLeast(Signal.HELPFUL_VOTES, 20),
            Threshold.atMost(Signal.UPHELD_REPORTS, 0).within(Duration.ofDays(100))));
  }

  /**
   * Returns the thresholds of {@code level}.
   *
   * @throws IllegalArgumentException unless {@code level} is 1, 2 or 3
   */
  public List<Threshold> of(int level) {
    return switch (level) {
      case 1 -> level1;
      case 2 -> level2;
      case 3 -> level3;
      default -> throw new IllegalArgumentException("levels with thresholds are 1 to 3, was " + level);
    };
  }

  /**
   * Returns these thresholds with {@code level}'s replaced by {@code thresholds}.
   *
   * @throws IllegalArgumentException unless {@code level} is 1, 2 or 3
   */
  public LevelThresholds with(int level, List<Threshold> thresholds) {
    of(level);
    return new LevelThresholds(level == 1 ? thresholds : level1, level == 2 ? thresholds : level2,
        level == 3 ? thresholds : level3);
  }
}
