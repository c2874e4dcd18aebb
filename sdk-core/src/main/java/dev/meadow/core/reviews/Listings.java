package dev.meadow.core.reviews;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.Actor;
import dev.meadow.core.Page;
import dev.meadow.core.PageRequest;
import dev.meadow.core.ReviewId;
import dev.meadow.core.modules.Cursors;
import dev.meadow.core.modules.ModuleContext;
import java.util.List;
import java.util.TreeSet;

/** The reading stage of reviews: one review as the actor may see it, pages of published reviews, and the rating summaries. */
final class Listings {
  private final ModuleContext context;
  private final ReviewPolicy policy;

  Listings(ModuleContext context, ReviewPolicy policy) {
    this.context = context;
    this.policy = policy;
  }

  Review get(Actor actor, ReviewId reviewId) {
    requireNonNull(actor, "actor");
    requireNonNull(reviewId, "reviewId");
    return context.read(tx -> Records.visible(tx.reviews(), actor, reviewId));
  }

  ReviewPage list(SummaryKey subject, ReviewFilter filter, ReviewSort sort, PageRequest request) {
    requireNonNull(subject, "subject");
    requireNonNull(filter, "filter");
    requireNonNull(sort, "sort");
    requireNonNull(request, "request");
    // Ratings in ascending order, so that every JVM sharing the cursor secret names a listing alike.
    String listing = "reviews:" + subject.kind() + ":" + subject.id() + ":" + sort + ":" + new TreeSet<>(filter.ratings())
        + ":" + filter.verifiedOnly() + ":" + filter.withMedia() + ":" + filter.styleLabel();
    Anchor anchor = context.cursors().position(listing, request, 2, parts -> Anchor.parse(sort, parts));
    List<Review> rows = context.read(tx -> {
      Review after = anchor == null
          ? null
          : anchor.applyTo(tx.reviews().findReview(anchor.id()).orElseThrow(Cursors::malformed));
      return tx.reviews().listReviews(subject, filter, sort, after, request.limit() + 1);
    });
    Page<Review> page = context.cursors().page(rows, request.limit(), listing, r -> Anchor.of(sort, r).parts());
    boolean narrowed = !filter.excludedRatings().isEmpty() || filter.verifiedOnly() || filter.withMedia()
        || filter.styleLabel() != null;
    return new ReviewPage(page, filter.excludedRatings(), narrowed);
  }

  /**
   * Where a listing page ended: the last review shown and its sort value then. Votes and edits
   * move a review in {@link ReviewSort#MOST_HELPFUL}, {@link ReviewSort#HIGHEST} and
   * {@link ReviewSort#LOWEST}; the next page continues from where the review stood, not from
   * where it moved to, so it neither repeats nor skips the reviews between.
   */
  private record Anchor(ReviewId id, ReviewSort sort, String value) {
    static Anchor of(ReviewSort sort, Review review) {
      String value = switch (sort) {
        case NEWEST -> "-";
        case HIGHEST, LOWEST -> Integer.toString(review.rating());
        case MOST_HELPFUL -> Double.toString(review.helpfulScore());
      };
      return new Anchor(review.id(), sort, value);
    }

    /** Reads a cursor's parts, refusing a sort value no review can have. */
    static Anchor parse(ReviewSort sort, List<String> parts) {
      String value = parts.get(1);
      boolean possible = switch (sort) {
        case NEWEST -> value.equals("-");
        case HIGHEST, LOWEST -> value.length() == 1 && value.charAt(0) >= '1' && value.charAt(0) <= '5';
        case MOST_HELPFUL -> {
          double score = Double.parseDouble(value);
          yield score >= 0 && score <= 1 && Double.toString(score).equals(value);
        }
      };
      if (!possible) {
        throw new IllegalArgumentException("no review has the sort value " + value);
      }
      return new Anchor(ReviewId.of(parts.get(0)), sort, value);
    }

    String[] parts() {
      return new String[] {id.value(), value};
    }

    /** Returns the review with the sort value it had when the cursor was issued. */
    Review applyTo(Review review) {
      int rating = sort == ReviewSort.HIGHEST || sort == ReviewSort.LOWEST ? Integer.parseInt(value) : review.rating();
      double score = sort == ReviewSort.MOST_HELPFUL ? Double.parseDouble(value) : review.helpfulScore();
      return new Review(review.id(), review.productId(), review.storeId(), review.author(), review.orderId(),
          review.dedupeKey(), rating, review.title(), review.body(), review.media(), review.attributes(),
          review.wouldRecommend(), review.provenance(), review.state(), review.reasons(), review.textHash(),
          review.helpfulCount(), review.unhelpfulCount(), score, review.reportCount(), review.createdAt(),
          review.editedAt(), review.version());
    }
  }

  RatingSummary summary(SummaryKey key) {
    requireNonNull(key, "key");
    return context.read(tx -> tx.reviews().findSummary(key));
  }

  double bayesianAverage(RatingSummary summary) {
    return requireNonNull(summary, "summary").bayesianAverage(policy.priorMean(), policy.priorWeight());
  }

  RatingSummary rebuildSummary(SummaryKey key) {
    requireNonNull(key, "key");
    return context.write(unit -> {
      RatingSummary summary = unit.tx().reviews().computeSummary(key);
      unit.tx().reviews().replaceSummary(summary);
      return summary;
    });
  }
}
