package dev.meadow.core.reviews;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.Actor;
import dev.meadow.core.ConflictException;
import dev.meadow.core.IntegrationException;
import dev.meadow.core.NotFoundException;
import dev.meadow.core.Page;
import dev.meadow.core.PageRequest;
import dev.meadow.core.PermissionDeniedException;
import dev.meadow.core.ReviewId;
import dev.meadow.core.UserId;
import dev.meadow.core.ValidationException;
import dev.meadow.core.modules.ModuleContext;
import dev.meadow.core.ports.PurchaseVerifier;
import dev.meadow.core.ports.StoreStaff;
import java.util.List;
import java.util.Optional;

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
  /** The longest report or rejection reason. */
  public static final int MAX_REASON = 500;

  /** The longest merchant reply. */
  public static final int MAX_REPLY = 4000;

  /** The most times a review or reply may be edited. */
  public static final int MAX_EDITS = 100;

  /** Why an edit of a rejected review waits for a moderator. */
  static final String EDITED_AFTER_REJECTION = "edited after it was rejected; a moderator decides again";

  private final ReviewPolicy policy;
  private final PurchaseVerifier purchases;
  private final StoreStaff storeStaff;
  private final Submission submission;
  private final Editing editing;
  private final Votes votes;
  private final Replies replies;
  private final Moderation moderation;
  private final Listings listings;

  /** Creates the reviews service; hosts obtain it from {@code Meadow.reviews()}. */
  public Reviews(ModuleContext context, ReviewPolicy policy, PurchaseVerifier purchases, StoreStaff storeStaff) {
    requireNonNull(context, "context");
    this.policy = requireNonNull(policy, "policy");
    this.purchases = requireNonNull(purchases, "purchases");
    this.storeStaff = requireNonNull(storeStaff, "storeStaff");
    Screening screening = new Screening(policy);
    this.submission = new Submission(context, policy, purchases, storeStaff, screening);
    this.editing = new Editing(context, policy, screening);
    this.votes = new Votes(context);
    this.replies = new Replies(context, storeStaff);
    this.moderation = new Moderation(context, policy);
    this.listings = new Listings(context, policy);
  }

  /** Returns the shop's review policy. */
  public ReviewPolicy policy() {
    return policy;
  }

  /**
   * Returns whether reviews are checked against the host's purchases: {@code false} while the
   * shop has set no {@link PurchaseVerifier} (the default, {@link PurchaseVerifier#NONE}, reports
   * no purchase, so no review is verified).
   */
  public boolean checksPurchases() {
    return purchases != PurchaseVerifier.NONE;
  }

  /**
   * Returns the host's answer to who works for which store: it decides who replies for a store
   * and which reviewers are recorded as its employees ({@link StoreStaff#NONE} by default).
   */
  public StoreStaff storeStaff() {
    return storeStaff;
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
    return submission.submit(actor, draft);
  }

  /**
   * Returns a review: a published one to anyone, others to their author only.
   *
   * @throws NotFoundException if there is no such review, or the actor may not see it
   */
  public Review get(Actor actor, ReviewId reviewId) {
    return listings.get(actor, reviewId);
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
    return editing.edit(actor, reviewId, content);
  }

  /**
   * Withdraws a review: nobody sees it any more and it leaves the summaries. Allowed to its
   * author only; Meadow offers no way for a seller to delete a shopper's review. The author may
   * {@link #submit} again, which revives this review.
   *
   * @return {@code false} if it was withdrawn already
   */
  public boolean withdraw(Actor actor, ReviewId reviewId) {
    return editing.withdraw(actor, reviewId);
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
    return listings.list(subject, filter, sort, request);
  }

  /** Lists what a published review said before each edit, oldest first. */
  public List<ReviewRevision> revisions(Actor actor, ReviewId reviewId) {
    return editing.revisions(actor, reviewId);
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
    return votes.vote(actor, reviewId, helpful);
  }

  /**
   * Takes back the actor's vote.
   *
   * @return {@code false} if the actor had not voted
   */
  public boolean withdrawVote(Actor actor, ReviewId reviewId) {
    return votes.withdrawVote(actor, reviewId);
  }

  /**
   * Returns a user's vote on a review: {@code true} helpful, {@code false} not, empty for none.
   *
   * @throws NotFoundException if there is no such review
   */
  public Optional<Boolean> voteOf(UserId user, ReviewId reviewId) {
    return votes.voteOf(user, reviewId);
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
    return moderation.report(actor, reviewId, reason);
  }

  /**
   * Lists a review's abuse reports, oldest first, for moderators in the host's back office: open
   * ones and those a moderator's decision resolved ({@link ReviewReport#resolvedAt()}).
   */
  public List<ReviewReport> reports(ReviewId reviewId) {
    return moderation.reports(reviewId);
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
    return replies.reply(actor, reviewId, body);
  }

  /**
   * Returns the store's reply to a review, if any, to whoever may see the review (as
   * {@link #get}): anyone while it is published, otherwise its author only.
   *
   * @throws NotFoundException if there is no such review, or the actor may not see it
   */
  public Optional<MerchantReply> replyTo(Actor actor, ReviewId reviewId) {
    return replies.replyTo(actor, reviewId);
  }

  /**
   * Lists what the store's reply said before each edit, oldest first, to whoever may see the
   * review (as {@link #get}).
   *
   * @throws NotFoundException if there is no such review, or the actor may not see it
   */
  public List<ReplyRevision> replyRevisions(Actor actor, ReviewId reviewId) {
    return replies.replyRevisions(actor, reviewId);
  }

  /** Returns the rating summary of a product or store: one stored row, whatever the review count. */
  public RatingSummary summary(SummaryKey key) {
    return listings.summary(key);
  }

  /** Returns a summary's Bayesian average under the shop's prior. */
  public double bayesianAverage(RatingSummary summary) {
    return listings.bayesianAverage(summary);
  }

  /**
   * Recomputes a summary from the published reviews and stores it: after a restore or an
   * import, or to check the incremental one, which it always equals.
   *
   * @return the recomputed summary
   */
  public RatingSummary rebuildSummary(SummaryKey key) {
    return listings.rebuildSummary(key);
  }

  /**
   * Lists the reviews held for a moderator, oldest first.
   *
   * @throws ValidationException naming {@code cursor} for a cursor this listing did not issue
   */
  public Page<Review> held(PageRequest request) {
    return moderation.held(request);
  }

  /**
   * Publishes a held review. The host decides who moderates; Meadow records who did. The
   * decision resolves the review's open abuse reports (they stay listed in {@link #reports}), so
   * the report threshold counts only reports made after it.
   *
   * @return {@code false} if the review was not held
   */
  public boolean approve(UserId moderator, ReviewId reviewId) {
    return moderation.approve(moderator, reviewId);
  }

  /**
   * Rejects a held review with a reason its author sees. The host decides who moderates; Meadow
   * records who did. Like {@link #approve}, the decision resolves the review's open abuse reports.
   *
   * @return {@code false} if the review was not held
   */
  public boolean reject(UserId moderator, ReviewId reviewId, String reason) {
    return moderation.reject(moderator, reviewId, reason);
  }
}
