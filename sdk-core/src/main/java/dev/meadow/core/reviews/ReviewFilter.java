package dev.meadow.core.reviews;

import dev.meadow.core.ValidationException;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Which published reviews a listing shows. The default shows every rating: a filter that leaves
 * some ratings out is reported in the {@link ReviewPage} it returns, so a page never hides
 * negative reviews silently.
 *
 * @param ratings the star ratings to show, a subset of 1 to 5 (all five by default)
 * @param verifiedOnly whether to show only verified purchases
 * @param withMedia whether to show only reviews with media
 * @param styleLabel a style label the reviewer gives themselves (a label key, stored lower-cased),
 *     or {@code null} for any
 */
public record ReviewFilter(Set<Integer> ratings, boolean verifiedOnly, boolean withMedia, @Nullable String styleLabel) {
  private static final Set<Integer> ALL = Set.of(1, 2, 3, 4, 5);

  /** The rule of label keys: lower-case letters, digits and single hyphens, at most 64. */
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");

  /**
   * Checks the ratings and the style label.
   *
   * @throws ValidationException naming {@code ratings} if one is not 1 to 5 or
   *     none is given, or {@code styleLabel} if it is not a label key
   */
  public ReviewFilter {
    for (Integer rating : ratings) {
      if (rating == null || rating < 1 || rating > 5) {
        throw ValidationException.of("ratings", "out_of_range", "ratings are 1 to 5");
      }
    }
    if (ratings.isEmpty()) {
      throw ValidationException.of("ratings", "required", "must name at least one rating");
    }
    ratings = Set.copyOf(new TreeSet<>(ratings));
    if (styleLabel != null) {
      String key = styleLabel.toLowerCase(Locale.ROOT);
      if (key.length() > 64 || !LABEL.matcher(key).matches()) {
        throw ValidationException.of("styleLabel", "malformed_label",
            "must be 1 to 64 letters a-z, digits and single hyphens, starting and ending with a letter or digit");
      }
      styleLabel = key;
    }
  }

  /** Returns the filter that shows every published review. */
  public static ReviewFilter all() {
    return new ReviewFilter(ALL, false, false, null);
  }

  /** Returns this filter showing only the given ratings. */
  public ReviewFilter withRatings(Set<Integer> newRatings) {
    return new ReviewFilter(newRatings, verifiedOnly, withMedia, styleLabel);
  }

  /** Returns this filter showing only verified purchases. */
  public ReviewFilter onlyVerified() {
    return new ReviewFilter(ratings, true, withMedia, styleLabel);
  }

  /** Returns this filter showing only reviews with media. */
  public ReviewFilter onlyWithMedia() {
    return new ReviewFilter(ratings, verifiedOnly, true, styleLabel);
  }

  /** Returns this filter showing only reviewers who give themselves a style label. */
  public ReviewFilter withStyleLabel(String label) {
    return new ReviewFilter(ratings, verifiedOnly, withMedia, label);
  }

  /** Returns the ratings this filter leaves out, sorted; empty for every rating. */
  public Set<Integer> excludedRatings() {
    TreeSet<Integer> excluded = new TreeSet<>(ALL);
    excluded.removeAll(ratings);
    return Collections.unmodifiableSet(excluded);
  }
}
