package dev.meadow.core.reviews;

import static java.util.Objects.requireNonNull;

import com.google.common.hash.Hashing;
import dev.meadow.core.Actor;
import dev.meadow.core.ConflictException;
import dev.meadow.core.IntegrationException;
import dev.meadow.core.NotFoundException;
import dev.meadow.core.OrderId;
import dev.meadow.core.Page;
import dev.meadow.core.PageRequest;
import dev.meadow.core.PermissionDeniedException;
import dev.meadow.core.PlainText;
import dev.meadow.core.ProductId;
import dev.meadow.core.ReviewId;
import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import dev.meadow.core.ValidationException;
import dev.meadow.core.events.ReviewEvent;
import dev.meadow.core.internal.Actors;
import dev.meadow.core.modules.ModuleContext;
import dev.meadow.core.internal.HostPorts;
import dev.meadow.core.modules.Cursors;
import dev.meadow.core.modules.UnitOfWork;
import dev.meadow.core.ports.PurchaseVerifier;
import dev.meadow.core.spi.ReviewStore;
import dev.meadow.core.ports.StoreStaff;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reviews of products: written by shoppers, verified against the host's purchases, moderated,
 * voted on, reported, answered by the store, and summarised honestly.
 *
 * <p>Every review records its provenance as data (source, purchase evidence, incentive,
 * relationship to the seller), and its disclosure labels are derived from it. Moderation never
 * sees the star rating, listings show every published rating unless a filter says otherwise (and
 * then the page reports what it left out), and summaries change in the same transaction as each
 * review, so they are exact under any concurrency; {@link #rebuildSummary} recomputes one from
 * scratch to the same numbers.
 *
 * <p>Obtained from {@code Meadow.reviews()}; thread-safe.
 */
public final class Reviews {
  private static final Logger log = LoggerFactory.getLogger(Reviews.class);

  /** The longest report or rejection reason. */
  public static final int MAX_REASON = 500;

  /** The longest merchant reply. */
  public static final int MAX_REPLY = 4000;

  /** The most times a review or reply may be edited. */
  public static final int MAX_EDITS = 100;

  /** Why an edit of a rejected review waits for a moderator. */
  static final String EDITED_AFTER_REJECTION = "edited after it was rejected; a moderator decides again";

  private final ModuleContext context;
  private final ReviewPolicy policy;
  private final PurchaseVerifier purchases;
  private final StoreStaff storeStaff;

  /** Creates the reviews service; hosts obtain it from {@code Meadow.reviews()}. */
  public Reviews(ModuleContext context, ReviewPolicy policy, PurchaseVerifier purchases, StoreStaff storeStaff) {
    this.context = requireNonNull(context, "context");
    this.policy = requireNonNull(policy, "policy");
    this.purchases = requireNonNull(purchases, "purchases");
    this.storeStaff = requireNonNull(storeStaff, "storeStaff");
  }

  /** Returns the shop's review policy. */
  public ReviewPolicy policy() {
    return policy;
  }

  /**
   * Submits a review. Meadow asks the host's {@link PurchaseVerifier} for the purchase and
   * records its evidence and the verdict of the shop's {@link VerificationRule}; runs the
   * moderation chain; and publishes, holds or rejects the review. A published review counts in
   * the product's and the store's summaries at once.
   *
   * <p>A review its author withdrew frees the author's one review of the product (or order line):
   * submitting again revives that review, under the same id, with the new content, provenance and
   * moderation outcome, and keeps what it said when withdrawn as a {@link ReviewRevision}. Its
   * store, order, votes, reports and creation time stay. Of several racing submissions, exactly
   * one writes the review; the others get a {@link ConflictException}.
   *
   * @throws PermissionDeniedException for an anonymous visitor
   * @throws ValidationException naming {@code attributes}, or {@code orderId} when the shop keeps
   *     one review per order line and none is given
   * @throws ConflictException if the user reviewed the product (or the order line) already and has
   *     not withdrawn that review, or a withdrawn review was edited {@value #MAX_EDITS} times
   * @throws IntegrationException if the host's {@link PurchaseVerifier} or {@link StoreStaff}
   *     failed; nothing is stored
   */
  public Review submit(Actor actor, ReviewDraft draft) {
    requireNonNull(draft, "draft");
    UserId author = Actors.signedIn(actor, "review");
    checkAttributes(draft.content().attributes());
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
    Provenance provenance = new Provenance(draft.source(), verification, draft.incentive(), relationship);
    ReviewContent content = draft.content();
    String hash = textHash(content);
    ConflictException taken =
        alreadyReviewed(draft.productId(), policy.uniqueness() == Uniqueness.PER_ORDER_LINE ? order : null);
    Optional<Review> earlier = context.read(tx -> tx.reviews().findReviewByKey(author, draft.productId(), dedupeKey));
    if (earlier.isPresent() && earlier.get().state() != ReviewState.REMOVED) {
      throw taken;
    }
    ModerationVerdict verdict = moderate(author, draft.productId(), content,
        context.read(tx -> tx.reviews().authorHasText(author, hash, null)));
    return context.write(unit -> {
      ReviewStore reviews = unit.tx().reviews();
      Review review;
      if (earlier.isPresent()) {
        Review withdrawn = review(reviews, earlier.get().id());
        if (withdrawn.state() != ReviewState.REMOVED) {
          throw taken;
        }
        review = rewritten(withdrawn, content, provenance, verdict, hash, unit.now());
        if (!reviews.updateReview(review)) {
          throw taken;
        }
        keepRevision(reviews, withdrawn);
      } else {
        review = new Review(new ReviewId(unit.newId()), draft.productId(), draft.storeId(), author, order,
            dedupeKey, content.rating(), content.title(), content.body(), content.media(), content.attributes(),
            content.wouldRecommend(), provenance, state(verdict), verdict.reasons(), hash, 0, 0, 0, 0, unit.now(),
            null, 1);
        if (!reviews.insertReview(review)) {
          throw taken;
        }
      }
      count(unit, review, 1);
      unit.emit(new ReviewEvent.Submitted(unit.newEventId(), unit.now(), review.id(), review.productId(),
          review.storeId(), author, review.rating(), review.state(), review.verified(), review.reasons()));
      return review;
    });
  }

  /**
   * Returns a review: a published one to anyone, others to their author only.
   *
   * @throws NotFoundException if there is no such review, or the actor may not see it
   */
  public Review get(Actor actor, ReviewId reviewId) {
    requireNonNull(actor, "actor");
    requireNonNull(reviewId, "reviewId");
    return context.read(tx -> visible(tx.reviews(), actor, reviewId));
  }

  /**
   * Edits a review, keeping what it said before as a {@link ReviewRevision}; moderation runs
   * again on the new content, and the review's state after the edit is:
   *
   * <ul>
   *   <li>for a published review, the moderation outcome: published, or held or rejected (leaving
   *       the summaries) when the new text breaks a rule;
   *   <li>for a held review, held until a moderator decides (or rejected when the new text is
   *       rejected), so an edit cannot release a review that abuse reports held;
   *   <li>for a rejected review, held for a moderator (or rejected again when the new text is
   *       rejected), never published straight away: an edit cannot undo a rejection on its own.
   * </ul>
   *
   * <p>Allowed to its author, unless it was withdrawn (submit again to revive a withdrawn review).
   *
   * @throws ValidationException naming {@code rating} when the policy keeps ratings fixed and the
   *     edit changes it, or {@code attributes}
   * @throws ConflictException if the review changed meanwhile or was edited
   *     {@value #MAX_EDITS} times
   */
  public Review edit(Actor actor, ReviewId reviewId, ReviewContent content) {
    requireNonNull(reviewId, "reviewId");
    requireNonNull(content, "content");
    UserId author = Actors.signedIn(actor, "edit reviews");
    checkAttributes(content.attributes());
    Review current = context.read(tx -> review(tx.reviews(), reviewId));
    if (!current.author().equals(author)) {
      throw new PermissionDeniedException("only the author edits review " + reviewId);
    }
    if (!policy.ratingEditable() && content.rating() != current.rating()) {
      throw ValidationException.of("rating", "rating_locked", "this shop does not let ratings change after submitting");
    }
    String hash = textHash(content);
    ModerationVerdict verdict = moderate(author, current.productId(), content,
        context.read(tx -> tx.reviews().authorHasText(author, hash, reviewId)));
    return context.write(unit -> {
      ReviewStore reviews = unit.tx().reviews();
      Review review = review(reviews, reviewId);
      if (review.state() == ReviewState.REMOVED) {
        throw new ConflictException("review " + reviewId + " was withdrawn");
      }
      keepRevision(reviews, review);
      ModerationVerdict outcome = switch (review.state()) {
        case HELD -> verdict.and(new ModerationVerdict(ModerationVerdict.Outcome.HOLD, review.reasons()));
        case REJECTED -> verdict.and(ModerationVerdict.hold(EDITED_AFTER_REJECTION));
        default -> verdict;
      };
      Review edited = rewritten(review, content, review.provenance(), outcome, hash, unit.now());
      save(reviews, edited);
      count(unit, review, -1);
      count(unit, edited, 1);
      unit.emit(new ReviewEvent.Edited(unit.newEventId(), unit.now(), reviewId, review.productId(), edited.rating(),
          edited.state(), edited.version()));
      return review(reviews, reviewId);
    });
  }

  /**
   * Withdraws a review: nobody sees it any more and it leaves the summaries. Allowed to its
   * author only; Meadow offers no way for a seller to delete a shopper's review. The author may
   * {@link #submit} again, which revives this review.
   *
   * @return {@code false} if it was withdrawn already
   */
  public boolean withdraw(Actor actor, ReviewId reviewId) {
    requireNonNull(reviewId, "reviewId");
    UserId author = Actors.signedIn(actor, "withdraw reviews");
    return context.write(unit -> {
      ReviewStore reviews = unit.tx().reviews();
      Review review = review(reviews, reviewId);
      if (!review.author().equals(author)) {
        throw new PermissionDeniedException("only the author withdraws review " + reviewId);
      }
      if (review.state() == ReviewState.REMOVED) {
        return false;
      }
      save(reviews, withState(review, ReviewState.REMOVED, review.reasons()));
      count(unit, review, -1);
      unit.emit(new ReviewEvent.Withdrawn(unit.newEventId(), unit.now(), reviewId, review.productId()));
      return true;
    });
  }

  /**
   * Lists the published reviews of a product or store. With {@link ReviewFilter#all()} every
   * published rating shows; the page reports whatever a narrower filter left out. The next page
   * continues from where the last review shown stood when its cursor was issued, even if votes or
   * an edit have moved that review since.
   *
   * @throws ValidationException naming {@code cursor} for a cursor this listing did not issue
   */
  public ReviewPage list(SummaryKey subject, ReviewFilter filter, ReviewSort sort, PageRequest request) {
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

  /** Lists what a published review said before each edit, oldest first. */
  public List<ReviewRevision> revisions(Actor actor, ReviewId reviewId) {
    requireNonNull(actor, "actor");
    requireNonNull(reviewId, "reviewId");
    return context.read(tx -> {
      visible(tx.reviews(), actor, reviewId);
      return tx.reviews().listRevisions(reviewId, MAX_EDITS);
    });
  }

  /**
   * Votes a published review helpful or not, or changes the actor's vote. Authors do not vote on
   * their own reviews.
   *
   * @return {@code false} if the actor had voted the same already
   * @throws PermissionDeniedException for the review's author or an anonymous visitor
   * @throws ConflictException if the review is not published
   */
  public boolean vote(Actor actor, ReviewId reviewId, boolean helpful) {
    requireNonNull(reviewId, "reviewId");
    UserId voter = Actors.signedIn(actor, "vote");
    return context.write(unit -> {
      ReviewStore reviews = unit.tx().reviews();
      Review review = published(reviews, reviewId);
      if (review.author().equals(voter)) {
        throw new PermissionDeniedException("authors do not vote on their own reviews");
      }
      Optional<Boolean> previous = reviews.findVote(reviewId, voter);
      if (previous.isPresent() && previous.get() == helpful) {
        return false;
      }
      boolean changed = previous.isPresent()
          ? reviews.changeVote(reviewId, voter, helpful, unit.now())
          : reviews.insertVote(reviewId, voter, helpful, unit.now());
      if (!changed) {
        return false;
      }
      long moved = previous.isPresent() ? 1 : 0;
      reviews.adjustReviewCounts(reviewId, helpful ? 1 : -moved, helpful ? -moved : 1, 0);
      unit.emit(new ReviewEvent.Voted(unit.newEventId(), unit.now(), reviewId, review.productId(), voter, helpful));
      return true;
    });
  }

  /**
   * Takes back the actor's vote.
   *
   * @return {@code false} if the actor had not voted
   */
  public boolean withdrawVote(Actor actor, ReviewId reviewId) {
    requireNonNull(reviewId, "reviewId");
    UserId voter = Actors.signedIn(actor, "vote");
    return context.write(unit -> {
      ReviewStore reviews = unit.tx().reviews();
      Review review = review(reviews, reviewId);
      Optional<Boolean> previous = reviews.findVote(reviewId, voter);
      if (previous.isEmpty() || !reviews.deleteVote(reviewId, voter, previous.get())) {
        return false;
      }
      reviews.adjustReviewCounts(reviewId, previous.get() ? -1 : 0, previous.get() ? 0 : -1, 0);
      unit.emit(new ReviewEvent.VoteWithdrawn(unit.newEventId(), unit.now(), reviewId, review.productId(), voter));
      return true;
    });
  }

  /**
   * Returns a user's vote on a review: {@code true} helpful, {@code false} not, empty for none.
   *
   * @throws NotFoundException if there is no such review
   */
  public Optional<Boolean> voteOf(UserId user, ReviewId reviewId) {
    requireNonNull(user, "user");
    requireNonNull(reviewId, "reviewId");
    return context.read(tx -> {
      review(tx.reviews(), reviewId);
      return tx.reviews().findVote(reviewId, user);
    });
  }

  /**
   * Reports a published review as abusive. When its open reports (those made since a moderator
   * last approved or rejected it) reach the policy's threshold the review is held for a moderator
   * and leaves the summaries until one decides.
   *
   * @param reason why, 1 to {@value #MAX_REASON} characters
   * @return {@code false} if the actor had reported it already
   * @throws PermissionDeniedException for the review's author or an anonymous visitor
   * @throws ConflictException if the review is not published
   */
  public boolean report(Actor actor, ReviewId reviewId, String reason) {
    requireNonNull(reviewId, "reviewId");
    UserId reporter = Actors.signedIn(actor, "report reviews");
    String why = PlainText.require("reason", reason, MAX_REASON);
    return context.write(unit -> {
      ReviewStore reviews = unit.tx().reviews();
      Review review = published(reviews, reviewId);
      if (review.author().equals(reporter)) {
        throw new PermissionDeniedException("authors do not report their own reviews");
      }
      if (!reviews.insertReport(new ReviewReport(reviewId, reporter, why, unit.now()))) {
        return false;
      }
      Review counted = reviews.adjustReviewCounts(reviewId, 0, 0, 1).orElseThrow();
      unit.emit(new ReviewEvent.Reported(unit.newEventId(), unit.now(), reviewId, review.productId(), reporter, why));
      if (counted.reportCount() >= policy.reportThreshold()) {
        long reports = counted.reportCount();
        List<String> reasons = List.of("reported by " + reports + (reports == 1 ? " user" : " users"));
        save(reviews, withState(review(reviews, reviewId), ReviewState.HELD, reasons));
        count(unit, review, -1);
        unit.emit(new ReviewEvent.Held(unit.newEventId(), unit.now(), reviewId, review.productId(), reasons));
      }
      return true;
    });
  }

  /**
   * Lists a review's abuse reports, oldest first, for moderators in the host's back office: open
   * ones and those a moderator's decision resolved ({@link ReviewReport#resolvedAt()}).
   */
  public List<ReviewReport> reports(ReviewId reviewId) {
    requireNonNull(reviewId, "reviewId");
    return context.read(tx -> {
      review(tx.reviews(), reviewId);
      return tx.reviews().listReports(reviewId, 1000);
    });
  }

  /**
   * Writes or edits the store's one public reply to a review; an edit keeps what the reply said
   * before. Allowed to the staff of the store that sold the product.
   *
   * @param body 1 to {@value #MAX_REPLY} characters
   * @throws PermissionDeniedException unless the actor works for the review's store
   * @throws ConflictException if the review is not published, or the reply changed meanwhile
   */
  public MerchantReply reply(Actor actor, ReviewId reviewId, String body) {
    requireNonNull(reviewId, "reviewId");
    UserId staff = Actors.signedIn(actor, "reply");
    String text = PlainText.require("body", body, MAX_REPLY);
    Set<StoreId> stores = HostPorts.ask("StoreStaff", () -> storeStaff.storesOf(staff));
    return context.write(unit -> {
      ReviewStore reviews = unit.tx().reviews();
      Review review = published(reviews, reviewId);
      if (!stores.contains(review.storeId())) {
        throw new PermissionDeniedException("only the staff of store " + review.storeId() + " reply to its reviews");
      }
      Optional<MerchantReply> existing = reviews.findReply(reviewId);
      MerchantReply saved;
      if (existing.isEmpty()) {
        saved = new MerchantReply(reviewId, review.storeId(), staff, text, unit.now(), null, 1);
        if (!reviews.insertReply(saved)) {
          throw new ConflictException("the store replied to review " + reviewId + " meanwhile; try again");
        }
      } else {
        MerchantReply old = existing.get();
        int number = reviews.listReplyRevisions(reviewId, MAX_EDITS + 1).size() + 1;
        if (number > MAX_EDITS) {
          throw new ConflictException("the reply was edited " + MAX_EDITS + " times, the most allowed");
        }
        reviews.insertReplyRevision(new ReplyRevision(reviewId, number, old.author(), old.body(),
            old.editedAt() != null ? old.editedAt() : old.createdAt()));
        saved = new MerchantReply(reviewId, old.storeId(), staff, text, old.createdAt(), unit.now(), old.version() + 1);
        if (!reviews.updateReply(saved)) {
          throw new ConflictException("the reply to review " + reviewId + " changed meanwhile; try again");
        }
      }
      unit.emit(new ReviewEvent.Replied(unit.newEventId(), unit.now(), reviewId, review.productId(), review.storeId(),
          staff, saved.version()));
      return saved;
    });
  }

  /**
   * Returns the store's reply to a review, if any, to whoever may see the review (as
   * {@link #get}): anyone while it is published, otherwise its author only.
   *
   * @throws NotFoundException if there is no such review, or the actor may not see it
   */
  public Optional<MerchantReply> replyTo(Actor actor, ReviewId reviewId) {
    requireNonNull(actor, "actor");
    requireNonNull(reviewId, "reviewId");
    return context.read(tx -> {
      visible(tx.reviews(), actor, reviewId);
      return tx.reviews().findReply(reviewId);
    });
  }

  /**
   * Lists what the store's reply said before each edit, oldest first, to whoever may see the
   * review (as {@link #get}).
   *
   * @throws NotFoundException if there is no such review, or the actor may not see it
   */
  public List<ReplyRevision> replyRevisions(Actor actor, ReviewId reviewId) {
    requireNonNull(actor, "actor");
    requireNonNull(reviewId, "reviewId");
    return context.read(tx -> {
      visible(tx.reviews(), actor, reviewId);
      return tx.reviews().listReplyRevisions(reviewId, MAX_EDITS);
    });
  }

  /** Returns the rating summary of a product or store: one stored row, whatever the review count. */
  public RatingSummary summary(SummaryKey key) {
    requireNonNull(key, "key");
    return context.read(tx -> tx.reviews().findSummary(key));
  }

  /** Returns a summary's Bayesian average under the shop's prior. */
  public double bayesianAverage(RatingSummary summary) {
    return requireNonNull(summary, "summary").bayesianAverage(policy.priorMean(), policy.priorWeight());
  }

  /**
   * Recomputes a summary from the published reviews and stores it: after a restore or an
   * import, or to check the incremental one, which it always equals.
   *
   * @return the recomputed summary
   */
  public RatingSummary rebuildSummary(SummaryKey key) {
    requireNonNull(key, "key");
    return context.write(unit -> {
      RatingSummary summary = unit.tx().reviews().computeSummary(key);
      unit.tx().reviews().replaceSummary(summary);
      return summary;
    });
  }

  /**
   * Lists the reviews held for a moderator, oldest first.
   *
   * @throws ValidationException naming {@code cursor} for a cursor this listing did not issue
   */
  public Page<Review> held(PageRequest request) {
    requireNonNull(request, "request");
    String listing = "reviews.held";
    ReviewId after = context.cursors().position(listing, request, 1, parts -> ReviewId.of(parts.get(0)));
    List<Review> rows = context.read(tx -> {
      if (after != null && tx.reviews().findReview(after).isEmpty()) {
        throw Cursors.malformed();
      }
      return tx.reviews().listHeld(after, request.limit() + 1);
    });
    return context.cursors().page(rows, request.limit(), listing, r -> new String[] {r.id().value()});
  }

  /**
   * Publishes a held review. The host decides who moderates; Meadow records who did. The
   * decision resolves the review's open abuse reports (they stay listed in {@link #reports}), so
   * the report threshold counts only reports made after it.
   *
   * @return {@code false} if the review was not held
   */
  public boolean approve(UserId moderator, ReviewId reviewId) {
    requireNonNull(moderator, "moderator");
    requireNonNull(reviewId, "reviewId");
    return context.write(unit -> {
      ReviewStore reviews = unit.tx().reviews();
      Review review = review(reviews, reviewId);
      if (review.state() != ReviewState.HELD) {
        return false;
      }
      Review published = decide(unit, review, ReviewState.PUBLISHED, List.of());
      count(unit, published, 1);
      unit.emit(new ReviewEvent.Published(unit.newEventId(), unit.now(), reviewId, review.productId(), moderator));
      return true;
    });
  }

  /**
   * Rejects a held review with a reason its author sees. The host decides who moderates; Meadow
   * records who did. Like {@link #approve}, the decision resolves the review's open abuse reports.
   *
   * @return {@code false} if the review was not held
   */
  public boolean reject(UserId moderator, ReviewId reviewId, String reason) {
    requireNonNull(moderator, "moderator");
    requireNonNull(reviewId, "reviewId");
    String why = PlainText.require("reason", reason, MAX_REASON);
    return context.write(unit -> {
      ReviewStore reviews = unit.tx().reviews();
      Review review = review(reviews, reviewId);
      if (review.state() != ReviewState.HELD) {
        return false;
      }
      decide(unit, review, ReviewState.REJECTED, List.of(why));
      unit.emit(new ReviewEvent.Rejected(unit.newEventId(), unit.now(), reviewId, review.productId(), moderator, why));
      return true;
    });
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

  private Verification verify(Source source, @Nullable Purchase purchase, ReviewDraft draft) {
    Verification verdict = policy.verification().check(purchase, draft.productId(), context.now());
    if (verdict.verified() && (source == Source.IMPORTED || source == Source.SYNDICATED)) {
      return new Verification(purchase, verdict.checkedAt(), false, source + " reviews are never verified");
    }
    return verdict;
  }

  private ModerationVerdict moderate(UserId author, ProductId product, ReviewContent content, boolean repeated) {
    ModerationInput input = new ModerationInput(author, product, content.title(), content.body(), content.media(), repeated);
    ModerationVerdict verdict = ModerationVerdict.PUBLISH;
    for (ContentModerator moderator : policy.moderators()) {
      ModerationVerdict one;
      try {
        one = requireNonNull(moderator.moderate(input), "verdict");
      } catch (RuntimeException e) {
        log.warn("Content moderator {} failed; holding the review for a person to look at", moderator, e);
        one = ModerationVerdict.hold("a moderation check failed");
      }
      verdict = verdict.and(one);
    }
    return verdict;
  }

  private static ReviewState state(ModerationVerdict verdict) {
    return switch (verdict.outcome()) {
      case PUBLISH -> ReviewState.PUBLISHED;
      case HOLD -> ReviewState.HELD;
      case REJECT -> ReviewState.REJECTED;
    };
  }

  private void checkAttributes(Map<String, String> answers) {
    for (Map.Entry<String, String> answer : answers.entrySet()) {
      ReviewAttribute attribute = policy.attributes().stream()
          .filter(a -> a.key().equals(answer.getKey()))
          .findFirst()
          .orElseThrow(() -> ValidationException.of("attributes", "unknown_attribute",
              "'" + answer.getKey() + "' is not an attribute of this shop"));
      if (!attribute.allows(answer.getValue())) {
        throw ValidationException.of("attributes", "bad_answer", attribute.isRated()
            ? "'" + attribute.key() + "' is rated 1 to 5"
            : "'" + attribute.key() + "' is one of " + attribute.options());
      }
    }
  }

  /** Counts (1) or uncounts (-1) a review in its product's and store's summaries, if published. */
  private static void count(UnitOfWork unit, Review review, long delta) {
    if (review.state() != ReviewState.PUBLISHED) {
      return;
    }
    ReviewStore reviews = unit.tx().reviews();
    reviews.adjustSummary(SummaryKey.product(review.productId()), review.rating(), review.verified(), delta);
    reviews.adjustSummary(SummaryKey.store(review.storeId()), review.rating(), review.verified(), delta);
  }

  private static Review visible(ReviewStore reviews, Actor actor, ReviewId reviewId) {
    Review review = review(reviews, reviewId);
    boolean own = actor.user().map(review.author()::equals).orElse(false);
    if (review.state() == ReviewState.PUBLISHED || (own && review.state() != ReviewState.REMOVED)) {
      return review;
    }
    throw new NotFoundException("review", reviewId.value());
  }

  private static Review published(ReviewStore reviews, ReviewId reviewId) {
    Review review = review(reviews, reviewId);
    if (review.state() != ReviewState.PUBLISHED) {
      throw new ConflictException("review " + reviewId + " is not published");
    }
    return review;
  }

  private static Review review(ReviewStore reviews, ReviewId id) {
    return reviews.findReview(id).orElseThrow(() -> new NotFoundException("review", id.value()));
  }

  private static void save(ReviewStore reviews, Review next) {
    if (!reviews.updateReview(next)) {
      throw new ConflictException("review " + next.id() + " changed meanwhile; try again");
    }
  }

  /**
   * Records a moderator's decision on a held review: its new state and reasons, and every open
   * report resolved and no longer counted.
   */
  private static Review decide(UnitOfWork unit, Review review, ReviewState state, List<String> reasons) {
    ReviewStore reviews = unit.tx().reviews();
    Review decided = withState(review, state, reasons);
    save(reviews, decided);
    int resolved = reviews.resolveReports(review.id(), unit.now());
    if (resolved > 0) {
      reviews.adjustReviewCounts(review.id(), 0, 0, -resolved);
    }
    return decided;
  }

  /** Keeps what a review says now as its next revision, before an edit or a revival replaces it. */
  private static void keepRevision(ReviewStore reviews, Review review) {
    int number = reviews.listRevisions(review.id(), MAX_EDITS + 1).size() + 1;
    if (number > MAX_EDITS) {
      throw new ConflictException("review " + review.id() + " was edited " + MAX_EDITS + " times, the most allowed");
    }
    if (!reviews.insertRevision(new ReviewRevision(review.id(), number, review.rating(), review.title(),
        review.body(), review.media(), review.attributes(), review.wouldRecommend(),
        review.editedAt() != null ? review.editedAt() : review.createdAt()))) {
      throw new ConflictException("review " + review.id() + " changed meanwhile; try again");
    }
  }

  /** Returns the next version of a review with new content, provenance and moderation outcome. */
  private static Review rewritten(Review review, ReviewContent content, Provenance provenance,
      ModerationVerdict outcome, String hash, Instant now) {
    return new Review(review.id(), review.productId(), review.storeId(), review.author(), review.orderId(),
        review.dedupeKey(), content.rating(), content.title(), content.body(), content.media(), content.attributes(),
        content.wouldRecommend(), provenance, state(outcome), outcome.reasons().stream().distinct().toList(), hash,
        review.helpfulCount(), review.unhelpfulCount(), review.helpfulScore(), review.reportCount(),
        review.createdAt(), now, review.version() + 1);
  }

  private static Review withState(Review review, ReviewState state, List<String> reasons) {
    return new Review(review.id(), review.productId(), review.storeId(), review.author(), review.orderId(),
        review.dedupeKey(), review.rating(), review.title(), review.body(), review.media(), review.attributes(),
        review.wouldRecommend(), review.provenance(), state, new ArrayList<>(reasons), review.textHash(),
        review.helpfulCount(), review.unhelpfulCount(), review.helpfulScore(), review.reportCount(),
        review.createdAt(), review.editedAt(), review.version() + 1);
  }

  private static ConflictException alreadyReviewed(ProductId product, @Nullable OrderId orderLine) {
    return new ConflictException(orderLine == null
        ? "the user reviewed product " + product + " already; edit that review instead"
        : "the user reviewed product " + product + " of order " + orderLine + " already");
  }

  /** Returns the hash of a review's text as repeat detection compares it: NFKC, lower case, single spaces. */
  static String textHash(ReviewContent content) {
    String text = (content.title() == null ? "" : content.title() + "\n") + content.body();
    String normal = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
    return Hashing.sha256().hashString(normal, StandardCharsets.UTF_8).toString();
  }
}
