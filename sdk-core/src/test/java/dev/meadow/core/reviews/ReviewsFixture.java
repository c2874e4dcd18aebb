package dev.meadow.core.reviews;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.meadow.core.Meadow;
import dev.meadow.core.OrderId;
import dev.meadow.core.Outage;
import dev.meadow.core.PageRequest;
import dev.meadow.core.ProductId;
import dev.meadow.core.ReviewId;
import dev.meadow.core.StoreId;
import dev.meadow.core.TestClock;
import dev.meadow.core.UserId;
import dev.meadow.core.ValidationException;
import dev.meadow.core.Witness;
import dev.meadow.core.events.MeadowEvent;
import dev.meadow.core.events.ReviewEvent;
import dev.meadow.core.groups.LabelCatalogue;
import dev.meadow.core.memory.MemoryStorage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.function.ThrowingSupplier;

/**
 * One shop's reviews on the default in-memory storage, as the reviews tests use them: a clock
 * they move, a host whose purchases and store staff they set, every event the listeners heard,
 * summaries checked against the published reviews after every change, and a snapshot of
 * everything stored, to prove that a refused call changed nothing.
 */
final class ReviewsFixture {
  static final String START = "2026-11-22T10:15:30.123Z";

  /** A well-formed Meadow id that names nothing. */
  static final String UNKNOWN = "01JD5Z8Y0Q3E4N6V7W8X9Y0Z1A";

  /** The secret that signs this shop's cursors, known to tests that forge them. */
  static final byte[] CURSOR_SECRET = "reviews-fixture-cursor-secret-32".getBytes(StandardCharsets.UTF_8);

  static final StoreId TEA_SHOP = StoreId.of("lantern-tea");
  static final StoreId KNIT_SHOP = StoreId.of("wool-and-co");
  static final ProductId OOLONG = ProductId.of("oolong-100g");
  static final ProductId SENCHA = ProductId.of("sencha-50g");
  static final ProductId SCARF = ProductId.of("merino-scarf");

  static final LabelCatalogue LABELS = LabelCatalogue.builder()
      .label("petite", "Petite")
      .label("vintage", "Vintage")
      .label("minimalist", "Minimalist")
      .build();

  /** The questions a shop may ask with every review: a choice and a rating. */
  static final List<ReviewAttribute> ATTRIBUTES = List.of(
      ReviewAttribute.choice("fit", "Fit", "small", "true", "large"), ReviewAttribute.rated("warmth", "Warmth"));

  /** What the host was asked about a purchase. */
  record Asked(UserId user, ProductId product, @Nullable OrderId order) {}

  private record Bought(UserId user, Purchase purchase) {}

  final TestClock clock = TestClock.at(START);
  final Meadow meadow;
  final Reviews reviews;
  final Witness witness;

  private final Map<UserId, Set<StoreId>> staff = new ConcurrentHashMap<>();
  private final List<Bought> purchases = new CopyOnWriteArrayList<>();
  private final List<Asked> asked = new CopyOnWriteArrayList<>();
  private final Set<UserId> users = ConcurrentHashMap.newKeySet();
  private final Outage purchasesOutage = new Outage();
  private final Outage staffOutage = new Outage();

  private ReviewsFixture(ReviewPolicy policy) {
    MemoryStorage storage = MemoryStorage.create();
    witness = new Witness(storage, clock);
    meadow = Meadow.builder()
        .storage(storage)
        .clock(clock)
        .cursorSecret(CURSOR_SECRET)
        .labels(LABELS)
        .storeStaff(this::storesOf)
        .purchases(this::findPurchase)
        .reviewPolicy(policy)
        .listener(witness)
        .build();
    reviews = meadow.reviews();
  }

  /** Returns a shop with the default review policy. */
  static ReviewsFixture create() {
    return new ReviewsFixture(ReviewPolicy.defaults());
  }

  /** Returns a shop with another review policy. */
  static ReviewsFixture with(ReviewPolicy policy) {
    return new ReviewsFixture(policy);
  }

  /** Returns the store that sells a product: the scarf is knitwear, the rest is tea. */
  static StoreId storeOf(ProductId product) {
    return product.equals(SCARF) ? KNIT_SHOP : TEA_SHOP;
  }

  /** Returns an organic draft of a product with only a rating and a body. */
  static ReviewDraft draft(ProductId product, int rating, String body) {
    return ReviewDraft.of(product, storeOf(product), ReviewContent.of(rating, body));
  }

  // ---- the host ----

  /** Returns a user, remembered so that snapshots include what is stored about them. */
  UserId user(String id) {
    UserId user = UserId.of(id);
    users.add(user);
    return user;
  }

  /** Makes the host answer that {@code user} works for {@code stores} (none: a consumer again). */
  UserId hire(UserId user, StoreId... stores) {
    users.add(user);
    staff.put(user, Set.of(stores));
    return user;
  }

  /**
   * Makes the host know of a purchase made {@code ago} before now. Asked about an order, the
   * host reports the purchase in that order, whatever its product; asked about a product, the
   * latest purchase of it.
   */
  Purchase bought(UserId user, ProductId product, String order, PurchaseState state, Duration ago) {
    Purchase purchase = new Purchase(OrderId.of(order), product, clock.instant().minus(ago).truncatedTo(ChronoUnit.MILLIS),
        state);
    purchases.add(new Bought(user, purchase));
    return purchase;
  }

  /** Makes the host know of a delivery of {@code product} a week ago, in an order named after both. */
  Purchase delivered(UserId user, ProductId product) {
    return bought(user, product, "order-" + user + "-" + product, PurchaseState.DELIVERED, Duration.ofDays(7));
  }

  /** Makes the host's staff directory fail with {@code failure} from now on (null: answer again). */
  void staffFails(@Nullable RuntimeException failure) {
    staffOutage.set(failure);
  }

  private Set<StoreId> storesOf(UserId user) {
    staffOutage.check();
    return staff.getOrDefault(user, Set.of());
  }

  /** Makes the host's purchase look-up fail with {@code failure} from now on (null: answer again). */
  void purchasesFail(@Nullable RuntimeException failure) {
    purchasesOutage.set(failure);
  }

  private Optional<Purchase> findPurchase(UserId user, ProductId product, @Nullable OrderId order) {
    asked.add(new Asked(user, product, order));
    purchasesOutage.check();
    return purchases.stream()
        .filter(b -> b.user().equals(user))
        .map(Bought::purchase)
        .filter(p -> order == null ? p.productId().equals(product) : p.orderId().equals(order))
        .reduce((earlier, later) -> later);
  }

  /** Returns what the host was asked, in order. */
  List<Asked> asked() {
    return List.copyOf(asked);
  }

  // ---- writing reviews ----

  /** Submits a draft, checking that it emitted exactly one {@link ReviewEvent.Submitted}. */
  Review submit(UserId author, ReviewDraft draft) {
    return emits(ReviewEvent.Submitted.class, () -> reviews.submit(author, draft));
  }

  /** Submits a review of a product with a rating and a body of the author's own, and checks it was published. */
  Review review(UserId author, ProductId product, int rating) {
    Review review = submit(author, draft(product, rating, "My notes on " + product + " as " + author + ": " + rating
        + " of five stars"));
    assertEquals(ReviewState.PUBLISHED, review.state(), () -> "published, but " + review.reasons());
    return review;
  }

  /**
   * Edits a review as its author, changing what it says now, and checks that it emitted exactly
   * one {@link ReviewEvent.Edited}.
   */
  Review edit(Review review, UnaryOperator<ReviewContent> change) {
    ReviewContent content = change.apply(ReviewContent.of(reload(review)));
    return emits(ReviewEvent.Edited.class, () -> reviews.edit(review.author(), review.id(), content));
  }

  /** Returns a review as stored now, whatever its state. */
  Review reload(Review review) {
    return witness.peek(tx -> tx.reviews().findReview(review.id())).orElseThrow();
  }

  /** Returns every review the outbox has an event about, as stored now, oldest first. */
  List<Review> all() {
    Set<ReviewId> ids = new TreeSet<>();
    for (MeadowEvent event : witness.outboxEvents()) {
      if (event instanceof ReviewEvent review) {
        ids.add(review.reviewId());
      }
    }
    return witness.peek(tx -> ids.stream().map(id -> tx.reviews().findReview(id).orElseThrow()).toList());
  }

  /** Returns every page of a listing, following the cursors with pages of {@code size}. */
  List<Review> listAll(SummaryKey subject, ReviewFilter filter, ReviewSort sort, int size) {
    List<Review> all = new ArrayList<>();
    PageRequest request = PageRequest.first(size);
    while (true) {
      ReviewPage page = reviews.list(subject, filter, sort, request);
      all.addAll(page.items());
      if (!page.page().hasNext()) {
        return all;
      }
      request = request.next(page.page());
    }
  }

  // ---- checking what a call did ----

  /**
   * Runs {@code action}, checks that it emitted exactly one event, of {@code type} (heard, in the
   * outbox, round-tripping its JSON), and that every summary is still exact.
   */
  <T> T emits(Class<? extends MeadowEvent> type, ThrowingSupplier<T> action) {
    return emits(List.of(type), action);
  }

  /** Runs {@code action}, checks that it emitted exactly events of {@code types}, and that every summary is exact. */
  <T> T emits(List<Class<? extends MeadowEvent>> types, ThrowingSupplier<T> action) {
    T result = witness.emits(types, action);
    assertSummariesExact();
    return result;
  }

  /** Runs {@code action} and checks that it changed nothing stored and emitted no event. */
  <T> T changesNothing(ThrowingSupplier<T> action) {
    return witness.changesNothing(action, this::stored);
  }

  /** Checks that {@code call} throws {@code type}, emits nothing and leaves everything stored as it was. */
  <E extends Throwable> E refuses(Class<E> type, Executable call) {
    return witness.refuses(type, call, this::stored);
  }

  /** Checks that {@code call} is refused as invalid, naming {@code field}, and changes nothing. */
  ValidationException rejects(String field, Executable call) {
    return witness.rejects(field, call, this::stored);
  }

  /**
   * Checks that the summary of every product and store reviewed is what its published reviews
   * add up to, and that {@link Reviews#rebuildSummary} recomputes the same numbers.
   */
  void assertSummariesExact() {
    Map<SummaryKey, List<Review>> published = new TreeMap<>(
        java.util.Comparator.comparing(SummaryKey::kind).thenComparing(SummaryKey::id));
    for (SummaryKey subject : subjects()) {
      published.put(subject, new ArrayList<>());
    }
    for (Review review : all()) {
      if (review.state() == ReviewState.PUBLISHED) {
        published.computeIfAbsent(SummaryKey.product(review.productId()), k -> new ArrayList<>()).add(review);
        published.computeIfAbsent(SummaryKey.store(review.storeId()), k -> new ArrayList<>()).add(review);
      }
    }
    published.forEach((subject, counted) -> {
      RatingSummary expected = summaryOf(subject, counted);
      assertEquals(expected, reviews.summary(subject), () -> "the summary of " + subject);
      assertEquals(expected, reviews.rebuildSummary(subject), () -> "the rebuilt summary of " + subject);
    });
  }

  /** Returns the summary of {@code reviews}, counted one by one. */
  static RatingSummary summaryOf(SummaryKey subject, List<Review> reviews) {
    List<Long> histogram = new ArrayList<>(List.of(0L, 0L, 0L, 0L, 0L));
    long sum = 0;
    long verified = 0;
    for (Review review : reviews) {
      histogram.set(review.rating() - 1, histogram.get(review.rating() - 1) + 1);
      sum += review.rating();
      verified += review.verified() ? 1 : 0;
    }
    return new RatingSummary(subject, reviews.size(), sum, histogram, verified);
  }

  /** The products and stores of this shop, and every one the outbox names. */
  private Set<SummaryKey> subjects() {
    Set<SummaryKey> subjects = new LinkedHashSet<>();
    for (ProductId product : List.of(OOLONG, SENCHA, SCARF)) {
      subjects.add(SummaryKey.product(product));
      subjects.add(SummaryKey.store(storeOf(product)));
    }
    for (MeadowEvent event : witness.outboxEvents()) {
      if (event instanceof ReviewEvent.Submitted submitted) {
        subjects.add(SummaryKey.product(submitted.productId()));
        subjects.add(SummaryKey.store(submitted.storeId()));
      }
    }
    return subjects;
  }

  /**
   * Everything stored that a reviews call could change, read through the storage SPI: every
   * review the outbox names with its revisions, reports, reply, reply revisions and every known
   * user's vote; every listing and summary of every subject; the held queue; users' labels.
   */
  Witness.Snapshot stored() {
    Set<SummaryKey> subjects = subjects();
    Set<ReviewId> ids = new TreeSet<>();
    for (MeadowEvent event : witness.outboxEvents()) {
      if (event instanceof ReviewEvent review) {
        ids.add(review.reviewId());
      }
    }
    return witness.snapshot((tx, world) -> {
      for (ReviewId id : ids) {
        world.put("review " + id, tx.reviews().findReview(id));
        world.put("revisions " + id, tx.reviews().listRevisions(id, 1000));
        world.put("reports " + id, tx.reviews().listReports(id, 1000));
        world.put("reply " + id, tx.reviews().findReply(id));
        world.put("reply revisions " + id, tx.reviews().listReplyRevisions(id, 1000));
        for (UserId user : new TreeSet<>(users)) {
          world.put("vote " + id + " " + user, tx.reviews().findVote(id, user));
        }
      }
      for (SummaryKey subject : subjects) {
        world.put("summary " + subject, tx.reviews().findSummary(subject));
        for (ReviewSort sort : ReviewSort.values()) {
          world.put("listing " + subject + " " + sort, tx.reviews().listReviews(subject, ReviewFilter.all(), sort, null, 1000));
        }
      }
      world.put("held", tx.reviews().listHeld(null, 1000));
      for (UserId user : new TreeSet<>(users)) {
        world.put("labels " + user, tx.labels().findUserLabels(user));
      }
    });
  }
}
