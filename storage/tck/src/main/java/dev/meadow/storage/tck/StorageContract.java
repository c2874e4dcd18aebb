package dev.meadow.storage.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.meadow.core.CommentId;
import dev.meadow.core.EventId;
import dev.meadow.core.GroupId;
import dev.meadow.core.InvitationId;
import dev.meadow.core.OrderId;
import dev.meadow.core.PostId;
import dev.meadow.core.ProductId;
import dev.meadow.core.ReviewId;
import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import dev.meadow.core.groups.Comment;
import dev.meadow.core.groups.ContentState;
import dev.meadow.core.groups.Disclosure;
import dev.meadow.core.groups.Follow;
import dev.meadow.core.groups.FollowTarget;
import dev.meadow.core.groups.Group;
import dev.meadow.core.groups.GroupRole;
import dev.meadow.core.groups.GroupState;
import dev.meadow.core.groups.GroupVisibility;
import dev.meadow.core.groups.Invitation;
import dev.meadow.core.groups.MemberStatus;
import dev.meadow.core.groups.Membership;
import dev.meadow.core.groups.Post;
import dev.meadow.core.internal.Ulids;
import dev.meadow.core.reviews.Incentive;
import dev.meadow.core.reviews.Provenance;
import dev.meadow.core.reviews.Purchase;
import dev.meadow.core.reviews.PurchaseState;
import dev.meadow.core.reviews.RatingSummary;
import dev.meadow.core.reviews.Relationship;
import dev.meadow.core.reviews.Review;
import dev.meadow.core.reviews.ReviewState;
import dev.meadow.core.reviews.Source;
import dev.meadow.core.reviews.Verification;
import dev.meadow.core.spi.OutboxMessage;
import dev.meadow.core.spi.Storage;
import dev.meadow.core.spi.TransactionWork;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;

/**
 * Shared fixture of every contract: a fresh, empty storage before each test, and helpers to make
 * valid records and to page through listings.
 */
public abstract class StorageContract {
  /** A fixed instant, to the millisecond, that contract tests start from. */
  protected static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123Z");

  /**
   * Text that storage must keep exactly: emoji (outside the Basic Multilingual Plane), CJK,
   * accents, quotes, a newline and a tab, markup and an SQL fragment.
   */
  protected static final String AWKWARD_TEXT =
      "Fits true to size 👗🌿 — 好看，很舒服 · Crème brûlée \"quoted\" 'single'\n\t<b>bold</b>"
          + " '; DROP TABLE meadow_posts; --";

  private final Ulids ids = Ulids.create(Clock.fixed(T0, ZoneOffset.UTC));

  /** The storage under test, new for every test. */
  protected Storage storage;

  /**
   * Returns the storage under test. Called before each test; every store must be empty (an
   * adapter over a shared database clears its tables here).
   */
  protected abstract Storage newStorage();

  @BeforeEach
  final void openStorage() {
    storage = newStorage();
  }

  /** Runs {@code work} in one transaction of the storage under test. */
  protected final <T> T tx(TransactionWork<T> work) {
    return storage.inTransaction(work);
  }

  /** Runs {@code work} in one transaction and returns its yes-or-no answer. */
  protected final boolean is(TransactionWork<Boolean> work) {
    return storage.inTransaction(work);
  }

  /** Returns a new, time-ordered id string, greater than every one returned before. */
  protected final String newId() {
    return ids.next();
  }

  /** Returns a new event id, greater than every one returned before. */
  protected final EventId newEventId() {
    return new EventId(ids.next());
  }

  /** Returns a new group id, greater than every id returned before. */
  protected final GroupId newGroupId() {
    return new GroupId(ids.next());
  }

  /** Returns a new post id, greater than every id returned before. */
  protected final PostId newPostId() {
    return new PostId(ids.next());
  }

  /** Returns a new comment id, greater than every id returned before. */
  protected final CommentId newCommentId() {
    return new CommentId(ids.next());
  }

  /** Returns a new invitation id, greater than every id returned before. */
  protected final InvitationId newInvitationId() {
    return new InvitationId(ids.next());
  }

  /** Returns a new review id, greater than every id returned before. */
  protected final ReviewId newReviewId() {
    return new ReviewId(ids.next());
  }

  /** Returns an outbox message with the given payload. */
  protected final OutboxMessage message(String payload) {
    return new OutboxMessage(newEventId(), "test.happened", 1, T0, payload);
  }

  /** Returns an active, public interest group, not yet stored, at version 1 with no members or posts. */
  protected final Group group(String slug) {
    return new Group(newGroupId(), "Group " + slug, slug, "About " + slug, null, null, List.of(),
        GroupVisibility.PUBLIC, false, null, GroupState.ACTIVE, new UserId("owner-" + slug), 0, 0, T0, T0, 1);
  }

  /** Returns {@code group} with another name, visibility and state; everything else kept. */
  protected static Group with(Group group, String name, GroupVisibility visibility, GroupState state) {
    return new Group(group.id(), name, group.slug(), group.description(), group.rules(), group.category(),
        group.labels(), visibility, group.postApproval(), group.store(), state, group.owner(), group.memberCount(),
        group.postCount(), group.createdAt(), group.updatedAt(), group.version());
  }

  /** Returns {@code group} with another category and labels; everything else kept. */
  protected static Group tagged(Group group, @Nullable String category, List<String> labels) {
    return new Group(group.id(), group.name(), group.slug(), group.description(), group.rules(), category, labels,
        group.visibility(), group.postApproval(), group.store(), group.state(), group.owner(), group.memberCount(),
        group.postCount(), group.createdAt(), group.updatedAt(), group.version());
  }

  /**
   * Returns {@code group}'s next settings version: {@code changed}'s settings with the version
   * one higher and the update time moved on by a second.
   */
  protected static Group nextVersion(Group group, Group changed) {
    return new Group(group.id(), changed.name(), group.slug(), changed.description(), changed.rules(),
        changed.category(), changed.labels(), changed.visibility(), changed.postApproval(), group.store(),
        changed.state(), changed.owner(), group.memberCount(), group.postCount(), group.createdAt(),
        group.updatedAt().plusSeconds(1), group.version() + 1);
  }

  /** Returns an active member's membership, not yet stored. */
  protected static Membership member(GroupId group, String user, Instant since) {
    return Membership.active(group, new UserId(user), GroupRole.MEMBER, since);
  }

  /** Returns a membership of the given status, with a member's role and no note, not yet stored. */
  protected static Membership membership(GroupId group, String user, MemberStatus status, Instant since) {
    return new Membership(group, new UserId(user), GroupRole.MEMBER, status, since, null, null);
  }

  /** Returns a published post in {@code group} by {@code author}, at version 1 with no counts, not yet stored. */
  protected final Post post(GroupId group, String author) {
    return new Post(newPostId(), group, new UserId(author), List.of(), "Title by " + author, "Body by " + author,
        List.of(), List.of(), List.of(), Disclosure.NONE, ContentState.PUBLISHED, null, false, 0, 0, T0, null, 1);
  }

  /** Returns {@code post} in another state, pinned or not, with other labels; everything else kept. */
  protected static Post with(Post post, ContentState state, boolean pinned, List<String> labels) {
    return new Post(post.id(), post.groupId(), post.author(), post.affiliations(), post.title(), post.body(),
        post.products(), post.media(), labels, post.disclosure(), state, post.removal(), pinned,
        post.commentCount(), post.likeCount(), post.createdAt(), post.editedAt(), post.version());
  }

  /** Returns a published comment on {@code post}, a reply when {@code parent} is given, not yet stored. */
  protected final Comment comment(Post post, @Nullable CommentId parent, String author) {
    return new Comment(newCommentId(), post.id(), post.groupId(), parent, new UserId(author), List.of(),
        "Comment by " + author, ContentState.PUBLISHED, null, 0, 0, T0);
  }

  /** Returns an unused, unrevoked invitation to {@code group}, not yet stored. */
  protected final Invitation invitation(GroupId group, String tokenHash, Instant expiresAt, int maxUses) {
    return new Invitation(newInvitationId(), group, tokenHash, new UserId("inviter"), T0, expiresAt, maxUses, 0, null);
  }

  /** Returns a follow, not yet stored. */
  protected static Follow follow(String follower, FollowTarget target, Instant since) {
    return new Follow(new UserId(follower), target, since);
  }

  /**
   * Returns a builder of a valid review of {@code product} by {@code author} with a new id: sold
   * by {@code store-1}, deduplicated by product, 5 stars, a body and nothing optional, organic and
   * unverified, published, a text hash of its own, no counts, written at {@link #T0}, version 1.
   */
  protected final ReviewBuilder review(String author, String product) {
    return new ReviewBuilder(newReviewId(), new ProductId(product), new UserId(author));
  }

  /** Returns a builder that starts from every field of {@code review}. */
  protected static ReviewBuilder reviewLike(Review review) {
    return new ReviewBuilder(review);
  }

  /** Returns the provenance of an organic review whose purchase of {@code product} was verified. */
  protected static Provenance verifiedPurchase(String product) {
    return new Provenance(Source.ORGANIC, new Verification(new Purchase(new OrderId("order-" + product),
        new ProductId(product), T0.minusSeconds(86_400), PurchaseState.DELIVERED), T0, true, null),
        Incentive.NONE, Relationship.NONE);
  }

  /** Returns the provenance of an organic review whose author reported no purchase. */
  protected static Provenance noPurchase() {
    return new Provenance(Source.ORGANIC, new Verification(null, T0, false, "no purchase reported"), Incentive.NONE,
        Relationship.NONE);
  }

  /** Runs {@code task} on {@code threads} real threads released together; see {@link Race#run}. */
  protected static <T> List<T> race(int threads, Race.ThreadTask<T> task) throws Exception {
    return Race.run(threads, task);
  }

  /**
   * Pages through a keyset listing with pages of {@code pageSize}, each page starting after the
   * last item of the one before, until a page comes back empty; checks that no page is longer
   * than asked for and returns every item in the order listed.
   */
  protected static <T> List<T> pageThrough(int pageSize, PageReader<T> reader) {
    List<T> all = new ArrayList<>();
    T last = null;
    for (int pages = 0; pages < 10_000; pages++) {
      List<T> page = reader.read(last, pageSize);
      assertTrue(page.size() <= pageSize, "a page holds at most the limit");
      if (page.isEmpty()) {
        return all;
      }
      all.addAll(page);
      last = page.get(page.size() - 1);
    }
    return fail("paging did not end");
  }

  /** Asserts that {@code listed} holds no item twice. */
  protected static void assertNoRepeats(List<?> listed) {
    assertEquals(listed.size(), listed.stream().distinct().count(), "no item is listed twice");
  }

  /** Reads one page of a keyset listing. */
  @FunctionalInterface
  protected interface PageReader<T> {
    /** Returns up to {@code limit} items after {@code last} (null for the first page). */
    List<T> read(@Nullable T last, int limit);
  }

  /** Builds valid {@link Review}s for contract tests; each setter returns the builder. */
  protected static final class ReviewBuilder {
    private final ReviewId id;
    private ProductId productId;
    private StoreId storeId = new StoreId("store-1");
    private UserId author;
    private @Nullable OrderId orderId;
    private String dedupeKey;
    private int rating = 5;
    private @Nullable String title;
    private String body;
    private List<String> media = List.of();
    private Map<String, String> attributes = Map.of();
    private @Nullable Boolean wouldRecommend;
    private Provenance provenance = noPurchase();
    private ReviewState state = ReviewState.PUBLISHED;
    private List<String> reasons = List.of();
    private String textHash;
    private long helpfulCount;
    private long unhelpfulCount;
    private double helpfulScore;
    private long reportCount;
    private Instant createdAt = T0;
    private @Nullable Instant editedAt;
    private long version = 1;

    ReviewBuilder(ReviewId id, ProductId productId, UserId author) {
      this.id = id;
      this.productId = productId;
      this.author = author;
      this.dedupeKey = productId.value();
      this.body = "Review by " + author.value();
      this.textHash = "text-" + id.value();
    }

    ReviewBuilder(Review review) {
      id = review.id();
      productId = review.productId();
      storeId = review.storeId();
      author = review.author();
      orderId = review.orderId();
      dedupeKey = review.dedupeKey();
      rating = review.rating();
      title = review.title();
      body = review.body();
      media = review.media();
      attributes = review.attributes();
      wouldRecommend = review.wouldRecommend();
      provenance = review.provenance();
      state = review.state();
      reasons = review.reasons();
      textHash = review.textHash();
      helpfulCount = review.helpfulCount();
      unhelpfulCount = review.unhelpfulCount();
      helpfulScore = review.helpfulScore();
      reportCount = review.reportCount();
      createdAt = review.createdAt();
      editedAt = review.editedAt();
      version = review.version();
    }

    /** Sets the product. */
    public ReviewBuilder product(String product) {
      productId = new ProductId(product);
      return this;
    }

    /** Sets the store that sold the product. */
    public ReviewBuilder store(String store) {
      storeId = new StoreId(store);
      return this;
    }

    /** Sets the author. */
    public ReviewBuilder author(String user) {
      author = new UserId(user);
      return this;
    }

    /** Sets the order, or none. */
    public ReviewBuilder order(@Nullable String order) {
      orderId = order == null ? null : new OrderId(order);
      return this;
    }

    /** Sets the dedupe key. */
    public ReviewBuilder dedupeKey(String key) {
      dedupeKey = key;
      return this;
    }

    /** Sets the rating. */
    public ReviewBuilder rating(int stars) {
      rating = stars;
      return this;
    }

    /** Sets the title, or none. */
    public ReviewBuilder title(@Nullable String text) {
      title = text;
      return this;
    }

    /** Sets the body. */
    public ReviewBuilder body(String text) {
      body = text;
      return this;
    }

    /** Sets the media links, in order. */
    public ReviewBuilder media(String... links) {
      media = List.of(links);
      return this;
    }

    /** Sets the attributes. */
    public ReviewBuilder attributes(Map<String, String> answers) {
      attributes = answers;
      return this;
    }

    /** Sets whether the reviewer would recommend the product, or nothing said. */
    public ReviewBuilder wouldRecommend(@Nullable Boolean recommend) {
      wouldRecommend = recommend;
      return this;
    }

    /** Sets the provenance. */
    public ReviewBuilder provenance(Provenance origin) {
      provenance = origin;
      return this;
    }

    /** Sets the provenance to a verified purchase of the review's product. */
    public ReviewBuilder verified() {
      provenance = verifiedPurchase(productId.value());
      return this;
    }

    /** Sets the state. */
    public ReviewBuilder state(ReviewState next) {
      state = next;
      return this;
    }

    /** Sets the moderation reasons, in order. */
    public ReviewBuilder reasons(String... why) {
      reasons = List.of(why);
      return this;
    }

    /** Sets the text hash. */
    public ReviewBuilder textHash(String hash) {
      textHash = hash;
      return this;
    }

    /**
     * Sets the helpful, unhelpful and report counts, and the helpful score that goes with them
     * (the Wilson lower bound of the helpful share).
     */
    public ReviewBuilder counts(long helpful, long unhelpful, long reports) {
      helpfulCount = helpful;
      unhelpfulCount = unhelpful;
      reportCount = reports;
      helpfulScore = RatingSummary.wilsonLowerBound(helpful, helpful + unhelpful);
      return this;
    }

    /** Sets the helpful score alone. */
    public ReviewBuilder helpfulScore(double score) {
      helpfulScore = score;
      return this;
    }

    /** Sets the creation time. */
    public ReviewBuilder createdAt(Instant at) {
      createdAt = at;
      return this;
    }

    /** Sets the edit time, or none. */
    public ReviewBuilder editedAt(@Nullable Instant at) {
      editedAt = at;
      return this;
    }

    /** Sets the version. */
    public ReviewBuilder version(long number) {
      version = number;
      return this;
    }

    /** Returns the review. */
    public Review build() {
      return new Review(id, productId, storeId, author, orderId, dedupeKey, rating, title, body, media, attributes,
          wouldRecommend, provenance, state, reasons, textHash, helpfulCount, unhelpfulCount, helpfulScore,
          reportCount, createdAt, editedAt, version);
    }
  }
}
