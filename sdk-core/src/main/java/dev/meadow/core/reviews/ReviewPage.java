package dev.meadow.core.reviews;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.Page;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A page of reviews, and what its filter left out, so a UI can say "showing 4- and 5-star
 * reviews only" instead of hiding the rest silently.
 *
 * @param page the reviews and the next cursor; pass it to {@code PageRequest.next}
 * @param excludedRatings the star ratings the filter left out, sorted; empty when every rating shows
 * @param narrowed whether any filter narrowed the listing (ratings, verified only, media, label)
 */
public record ReviewPage(Page<Review> page, Set<Integer> excludedRatings, boolean narrowed) {
  public ReviewPage {
    requireNonNull(page, "page");
    excludedRatings = Collections.unmodifiableSet(new TreeSet<>(excludedRatings));
  }

  /** Returns the reviews on this page. */
  public List<Review> items() {
    return page.items();
  }
}
