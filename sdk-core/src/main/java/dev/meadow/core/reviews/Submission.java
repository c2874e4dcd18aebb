package dev.meadow.core.reviews;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.Actor;
import dev.meadow.core.ConflictException;
import dev.meadow.core.OrderId;
import dev.meadow.core.ProductId;
import dev.meadow.core.ReviewId;
import dev.meadow.core.UserId;
import dev.meadow.core.ValidationException;
import dev.meadow.core.events.ReviewEvent;
import dev.meadow.core.internal.Actors;
import dev.meadow.core.internal.HostPorts;
import dev.meadow.core.modules.ModuleContext;
import dev.meadow.core.ports.PurchaseVerifier;
import dev.meadow.core.ports.StoreStaff;
import dev.meadow.core.spi.ReviewStore;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The submission stage of reviews: a shopper's new review, or the revival of one they withdrew,
 * with its provenance and purchase verification.
 */
final class Submission {
  private final ModuleContext context;
  private final ReviewPolicy policy;
  private final PurchaseVerifier purchases;
  private final StoreStaff storeStaff;
  private final Screening screening;

  Submission(ModuleContext context, ReviewPolicy policy, PurchaseVerifier purchases, StoreStaff storeStaff, Screening screening) {
    this.context = context;
    this.policy = policy;
    this.purchases = purchases;
    this.storeStaff = storeStaff;
    this.screening = screening;
  }

  Review submit(Actor actor, ReviewDraft draft) {
    requireNonNull(draft, "draft");
    UserId author = Actors.signedIn(actor, "review");
    screening.checkAttributes(draft.content().attributes());
    OrderId order = draft.orderId();
    if (policy.uniqueness() == Uniqueness.PER_ORDER_LINE && order == null) {
      throw ValidationException.of("orderId", "required", "this shop keeps one review per order line: name the order");
    }
    String dedupeKey = policy.uniqueness() == Uniqueness.PER_PRODUCT ? "product" : "order:" + order;
    Purchase purchase = HostPorts.ask("PurchaseVerifier", () -> purchases.findPurchase(author, draft.productId(), order))
        .orElse(null);
    Verification verification = verify(draft.source(), purchase, draft);
    Relationship relationship = draft.relationship() == Relationship.NONE
        && HostPorts.ask("StoreStaff", () -> storeStaff.storesOf(author)).contains(draft.storeId())
        ? Relationship.EMPLOYEE : draft.relationship();
    Provenance provenance = new Provenance(draft.source(), verification, draft.incentive(), relationship,
        draft.sourceName());
    ReviewContent content = draft.content();
    String hash = Screening.textHash(content);
    ConflictException taken =
        alreadyReviewed(draft.productId(), policy.uniqueness() == Uniqueness.PER_ORDER_LINE ? order : null);
    Optional<Review> earlier = context.read(tx -> tx.reviews().findReviewByKey(author, draft.productId(), dedupeKey));
    if (earlier.isPresent() && earlier.get().state() != ReviewState.REMOVED) {
      throw taken;
    }
    ModerationVerdict verdict = screening.moderate(author, draft.productId(), content,
        context.read(tx -> tx.reviews().authorHasText(author, hash, null)));
    return context.write(unit -> {
      ReviewStore reviews = unit.tx().reviews();
      Review review;
      if (earlier.isPresent()) {
        Review withdrawn = Records.review(reviews, earlier.get().id());
        if (withdrawn.state() != ReviewState.REMOVED) {
          throw taken;
        }
        review = Records.rewritten(withdrawn, content, provenance, verdict, hash, unit.now());
        if (!reviews.updateReview(review)) {
          throw taken;
        }
        Records.keepRevision(reviews, withdrawn);
      } else {
        review = new Review(new ReviewId(unit.newId()), draft.productId(), draft.storeId(), author, order,
            dedupeKey, content.rating(), content.title(), content.body(), content.media(), content.attributes(),
            content.wouldRecommend(), provenance, Records.state(verdict), verdict.reasons(), hash, 0, 0, 0, 0, unit.now(),
            null, 1);
        if (!reviews.insertReview(review)) {
          throw taken;
        }
      }
      Records.count(unit, review, 1);
      unit.emit(new ReviewEvent.Submitted(unit.newEventId(), unit.now(), review.id(), review.productId(),
          review.storeId(), author, review.rating(), review.state(), review.verified(), review.reasons()));
      return review;
    });
  }

  private Verification verify(Source source, @Nullable Purchase purchase, ReviewDraft draft) {
    Verification verdict = policy.verification().check(purchase, draft.productId(), context.now());
    if (verdict.verified() && (source == Source.IMPORTED || source == Source.SYNDICATED)) {
      return new Verification(purchase, verdict.checkedAt(), false, source + " reviews are never verified");
    }
    return verdict;
  }

  private static ConflictException alreadyReviewed(ProductId product, @Nullable OrderId orderLine) {
    return new ConflictException(orderLine == null
        ? "the user reviewed product " + product + " already; edit that review instead"
        : "the user reviewed product " + product + " of order " + orderLine + " already");
  }
}
