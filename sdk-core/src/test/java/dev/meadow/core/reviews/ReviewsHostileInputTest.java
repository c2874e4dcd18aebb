package dev.meadow.core.reviews;

import static dev.meadow.core.HostileInput.FORBIDDEN_TEXT;
import static dev.meadow.core.HostileInput.MALFORMED_HOST_IDS;
import static dev.meadow.core.HostileInput.MALFORMED_IDS;
import static dev.meadow.core.HostileInput.MALFORMED_URLS;
import static dev.meadow.core.HostileInput.SCRIPT;
import static dev.meadow.core.HostileInput.SQL;
import static dev.meadow.core.HostileInput.badPageRequests;
import static dev.meadow.core.HostileInput.cursorFields;
import static dev.meadow.core.HostileInput.named;
import static dev.meadow.core.HostileInput.printable;
import static dev.meadow.core.reviews.ReviewsFixture.OOLONG;
import static dev.meadow.core.reviews.ReviewsFixture.TEA_SHOP;
import static dev.meadow.core.reviews.ReviewsFixture.draft;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.meadow.core.Actor;
import dev.meadow.core.Meadow;
import dev.meadow.core.NotFoundException;
import dev.meadow.core.OrderId;
import dev.meadow.core.Page;
import dev.meadow.core.PageRequest;
import dev.meadow.core.ProductId;
import dev.meadow.core.ReviewId;
import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import dev.meadow.core.ValidationException;
import dev.meadow.core.events.ReviewEvent;
import dev.meadow.core.modules.Cursors;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * Every public method of {@link Reviews} fed hostile input: over-long text, control characters,
 * lone surrogates, unknown and malformed ids, bad cursors, out-of-range ratings, attributes,
 * media and reasons. Each is refused with a {@link ValidationException} naming the field (or a
 * {@link NotFoundException} for an id that names nothing) and changes nothing stored; markup and
 * SQL in text are stored verbatim, as the plain text they are.
 */
class ReviewsHostileInputTest {
  /** The shop of every case: default moderators, and two structured attributes. */
  private static final ReviewPolicy POLICY = ReviewPolicy.defaults().withAttributes(ReviewsFixture.ATTRIBUTES);

  /** Keys and answers no attribute takes, malformed or unknown to the shop. */
  private static final List<Map<String, String>> BAD_ATTRIBUTES = List.of(Map.of("", "true"), Map.of(" fit", "true"),
      Map.of("fit", "true "), Map.of("fit\u0000", "true"), Map.of("fit", "tr\u0000ue"), Map.of("k".repeat(65), "1"),
      Map.of("fit", "x".repeat(65)), Map.of("fit", "\ud800"), Map.of("colour", "red"), Map.of(SQL, "1"),
      Map.of("fit", SQL), Map.of("fit", "huge"), Map.of("fit", "TRUE"), Map.of("warmth", "0"), Map.of("warmth", "6"),
      Map.of("warmth", "-1"), Map.of("warmth", "4.5"), Map.of("warmth", "٣"));

  @TestFactory
  Stream<DynamicNode> everyMethodRefusesHostileInputAndChangesNothing() {
    Map<String, List<Case>> byMethod = new LinkedHashMap<>();
    cases().forEach(c -> byMethod.computeIfAbsent(c.method(), m -> new ArrayList<>()).add(c));
    return byMethod.entrySet().stream().map(entry -> dynamicContainer(entry.getKey(), entry.getValue().stream()
        .map(c -> dynamicTest(c.input(), () -> c.check().accept(new World())))));
  }

  @TestFactory
  Stream<DynamicNode> everyPublicMethodHasCases() {
    Set<String> covered = new HashSet<>();
    cases().forEach(c -> covered.add(c.method().replaceFirst("^Reviews\\.", "")));
    return Stream.of(Reviews.class.getDeclaredMethods())
        .filter(m -> java.lang.reflect.Modifier.isPublic(m.getModifiers())
            && !Set.of("policy", "checksPurchases", "storeStaff").contains(m.getName()))   // configuration, no input
        .map(m -> dynamicTest(m.getName(), () -> assertTrue(covered.contains(m.getName()), m.getName())));
  }

  private static Stream<Case> cases() {
    return Stream.of(
        content("submit", (w, content) -> w.r.reviews.submit(w.cy, ReviewDraft.of(OOLONG, TEA_SHOP, content.get()))),
        hostIds("submit", "productId", (w, id) -> w.r.reviews.submit(w.cy, draft(ProductId.of(id), 4, "Fine tea, I think"))),
        hostIds("submit", "storeId", (w, id) -> w.r.reviews.submit(w.cy,
            ReviewDraft.of(OOLONG, StoreId.of(id), ReviewContent.of(4, "Fine tea, I think")))),
        hostIds("submit", "orderId", (w, id) -> w.r.reviews.submit(w.cy,
            draft(OOLONG, 4, "Fine tea, I think").withOrder(OrderId.of(id)))),
        Stream.of(
            verbatim("submit", "markup and SQL in text and ids", w -> w.r.reviews.submit(w.cy,
                    ReviewDraft.of(ProductId.of(SQL), StoreId.of(SCRIPT), new ReviewContent(4, SCRIPT, SQL + "\n\t" + SCRIPT,
                        List.of(), Map.of(), null)).withOrder(OrderId.of(SQL))),
                (w, review) -> assertEquals(List.of(SCRIPT, SQL + "\n\t" + SCRIPT, SQL, SCRIPT, SQL),
                    List.of(w.r.reload(review).title(), w.r.reload(review).body(), review.productId().value(),
                        review.storeId().value(), review.orderId().value())))),

        reviewIds("get", (w, id) -> w.r.reviews.get(w.ann, id)),
        reviewIds("edit", (w, id) -> w.r.reviews.edit(w.ann, id, ReviewContent.of(4, "Fine tea, I think"))),
        content("edit", (w, content) -> w.r.reviews.edit(w.ann, w.review.id(), content.get())),
        Stream.of(verbatim("edit", "markup and SQL in text", w -> w.r.reviews.edit(w.ann, w.review.id(),
                ReviewContent.of(w.review).withTitle(SQL).withBody(SCRIPT)),
            (w, review) -> assertEquals(List.of(SQL, SCRIPT), List.of(w.r.reload(review).title(), w.r.reload(review).body())))),
        reviewIds("withdraw", (w, id) -> w.r.reviews.withdraw(w.ann, id)),
        reviewIds("revisions", (w, id) -> w.r.reviews.revisions(w.ann, id)),
        reviewIds("vote", (w, id) -> w.r.reviews.vote(w.cy, id, true)),
        reviewIds("withdrawVote", (w, id) -> w.r.reviews.withdrawVote(w.cy, id)),
        reviewIds("voteOf", (w, id) -> w.r.reviews.voteOf(w.cy, id)),
        hostIds("voteOf", "userId", (w, id) -> w.r.reviews.voteOf(UserId.of(id), w.review.id())),
        reviewIds("report", (w, id) -> w.r.reviews.report(w.cy, id, "Spam")),
        text("report", "reason", Reviews.MAX_REASON, true, (w, t) -> w.r.reviews.report(w.cy, w.review.id(), t)),
        Stream.of(verbatim("report", "markup and SQL in the reason", w -> w.r.reviews.report(w.cy, w.review.id(), SCRIPT + SQL),
            (w, reported) -> assertEquals(SCRIPT + SQL, w.r.reviews.reports(w.review.id()).get(1).reason()))),
        reviewIds("reports", (w, id) -> w.r.reviews.reports(id)),
        reviewIds("reply", (w, id) -> w.r.reviews.reply(w.clerk, id, "Thank you")),
        text("reply", "body", Reviews.MAX_REPLY, true, (w, t) -> w.r.reviews.reply(w.clerk, w.review.id(), t)),
        Stream.of(verbatim("reply", "markup and SQL in the body", w -> w.r.reviews.reply(w.clerk, w.review.id(), SQL + SCRIPT),
            (w, reply) -> assertEquals(SQL + SCRIPT, w.r.reviews.replyTo(Actor.anonymous(), w.review.id()).orElseThrow().body()))),
        reviewIds("replyTo", (w, id) -> w.r.reviews.replyTo(w.ann, id)),
        reviewIds("replyRevisions", (w, id) -> w.r.reviews.replyRevisions(w.ann, id)),

        subjects("list", (w, key) -> w.r.reviews.list(key, ReviewFilter.all(), ReviewSort.NEWEST, PageRequest.first())),
        invalid("list", "ratings", Map.of("0", Set.of(0), "6", Set.of(1, 6), "-1", Set.of(-1), "none", Set.<Integer>of(),
                "MAX_VALUE", Set.of(Integer.MAX_VALUE), "MIN_VALUE", Set.of(Integer.MIN_VALUE)),
            (w, ratings) -> w.r.reviews.list(w.subject(), ReviewFilter.all().withRatings(ratings), ReviewSort.NEWEST,
                PageRequest.first())),
        invalid("list", "styleLabel", named(List.of("", "-", "petite-", "pet--ite", "pet ite", "k".repeat(65), SQL, SCRIPT,
                "petite\u0000", "%", "_", "\ud800")),
            (w, label) -> w.r.reviews.list(w.subject(), ReviewFilter.all().withStyleLabel(label), ReviewSort.NEWEST,
                PageRequest.first())),
        Stream.of(ReviewSort.values()).flatMap(sort -> cursors("list", sort + " ",
            (m, w, request) -> m.reviews().list(w.subject(), ReviewFilter.all(), sort, request).page())),
        subjects("summary", (w, key) -> w.r.reviews.summary(key)),
        subjects("rebuildSummary", (w, key) -> w.r.reviews.rebuildSummary(key)),
        subjects("bayesianAverage", (w, key) -> w.r.reviews.bayesianAverage(RatingSummary.empty(key))),

        cursors("held", "", (m, w, request) -> m.reviews().held(request)),
        reviewIds("approve", (w, id) -> w.r.reviews.approve(w.mod, id)),
        hostIds("approve", "userId", (w, id) -> w.r.reviews.approve(UserId.of(id), w.held.id())),
        reviewIds("reject", (w, id) -> w.r.reviews.reject(w.mod, id, "No")),
        hostIds("reject", "userId", (w, id) -> w.r.reviews.reject(UserId.of(id), w.held.id(), "No")),
        text("reject", "reason", Reviews.MAX_REASON, true, (w, t) -> w.r.reviews.reject(w.mod, w.held.id(), t)),
        Stream.of(verbatim("reject", "markup in the reason", w -> w.r.reviews.reject(w.mod, w.held.id(), SCRIPT),
            (w, rejected) -> assertEquals(List.of(SCRIPT), w.r.reviews.get(w.ben, w.held.id()).reasons()))))
        .flatMap(s -> s)
        .map(c -> new Case("Reviews." + c.method(), c.input(), c.check()));
  }

  // ---- case generators ----

  /** Everything wrong a review's content can be: its rating, title, body, media and attributes. */
  private static Stream<Case> content(String method, Call<ContentSupplier> call) {
    Map<String, Integer> ratings = new LinkedHashMap<>();
    for (int rating : List.of(0, -1, 6, 10, Integer.MAX_VALUE, Integer.MIN_VALUE)) {
      ratings.put(Integer.toString(rating), rating);
    }
    Map<String, List<String>> media = new LinkedHashMap<>();
    MALFORMED_URLS.forEach(url -> media.put(printable(url), List.of(url)));
    media.put("ten links", Collections.nCopies(ReviewContent.MAX_MEDIA + 1, "https://example.com/a.jpg"));
    Map<String, Map<String, String>> attributes = new LinkedHashMap<>();
    BAD_ATTRIBUTES.forEach(answers -> attributes.put(printable(answers.toString()), answers));
    return Stream.of(
        invalid(method, "rating", ratings, (w, rating) -> call.call(w, () -> ReviewContent.of(rating, "Fine tea, I think"))),
        text(method, "title", ReviewContent.MAX_TITLE, false,
            (w, t) -> call.call(w, () -> ReviewContent.of(4, "Fine tea, I think").withTitle(t))),
        text(method, "body", ReviewContent.MAX_BODY, true, (w, t) -> call.call(w, () -> ReviewContent.of(4, t))),
        invalid(method, "media", media,
            (w, links) -> call.call(w, () -> ReviewContent.of(4, "Fine tea, I think").withMedia(links))),
        invalid(method, "attributes", attributes,
            (w, answers) -> call.call(w, () -> ReviewContent.of(4, "Fine tea, I think").withAttributes(answers))))
        .flatMap(s -> s);
  }

  /** Forbidden, over-long and (when required) blank text for one text field. */
  private static Stream<Case> text(String method, String field, int max, boolean required, Call<String> call) {
    Map<String, String> inputs = new LinkedHashMap<>(FORBIDDEN_TEXT);
    inputs.put("one character too many", "x".repeat(max + 1));
    inputs.put("one emoji too many", "🍵".repeat(max + 1));
    if (required) {
      inputs.put("blank", " \n\t ");
    }
    return invalid(method, field, inputs, call);
  }

  /** Malformed review ids, and a well-formed one naming nothing. */
  private static Stream<Case> reviewIds(String method, Call<ReviewId> call) {
    return Stream.concat(invalid(method, "reviewId", named(MALFORMED_IDS), (w, id) -> call.call(w, ReviewId.of(id))),
        Stream.of(new Case(method, "an unknown review → not found",
            w -> w.r.refuses(NotFoundException.class, () -> call.call(w, ReviewId.of(ReviewsFixture.UNKNOWN))))));
  }

  private static Stream<Case> hostIds(String method, String field, Call<String> call) {
    return invalid(method, field, named(MALFORMED_HOST_IDS), call);
  }

  /** Products and stores whose ids are not host ids. */
  private static Stream<Case> subjects(String method, Call<SummaryKey> call) {
    return Stream.concat(
        hostIds(method, "productId", (w, id) -> call.call(w, new SummaryKey(SummaryKey.Kind.PRODUCT, id))),
        hostIds(method, "storeId", (w, id) -> call.call(w, new SummaryKey(SummaryKey.Kind.STORE, id))));
  }

  /**
   * Bad cursors and page sizes for one listing: garbage, altered, cut short, issued for another
   * listing or by another shop's Meadow, signed with the shop's own secret but naming a position
   * the listing cannot have issued, blank, over-long, and page sizes out of range.
   */
  private static Stream<Case> cursors(String method, String which, Listing listing) {
    Map<String, Function<World, PageRequest>> requests = new LinkedHashMap<>(badPageRequests(w -> w.cursor(listing),
        w -> w.cursor(method.equals("held")
            ? (m, world, r) -> m.reviews().list(world.subject(), ReviewFilter.all(), ReviewSort.LOWEST, r).page()
            : (m, world, r) -> m.reviews().list(world.subject(), ReviewFilter.all().withRatings(Set.of(2, 4, 5)),
                ReviewSort.NEWEST, r).page()),
        w -> w.strangersCursor(listing)));
    requests.put("signed, naming no position", w -> PageRequest.of(5, w.resigned(listing, "\u0000not-a-position")));
    requests.put("signed, naming an unknown review", w -> PageRequest.of(5, w.resigned(listing, ReviewsFixture.UNKNOWN)));
    return requests.entrySet().stream().map(e -> new Case(method, which + "cursor: " + e.getKey() + " → invalid",
        w -> {
          ValidationException refused = w.r.refuses(ValidationException.class,
              () -> listing.list(w.r.meadow, w, e.getValue().apply(w)));
          assertTrue(refused.names("cursor") || refused.names("limit"), refused::getMessage);
        }));
  }

  /** Sort values signed into a cursor that no review in the listing can have had. */
  @TestFactory
  Stream<DynamicNode> signedCursorsWithImpossibleSortValues_areRefused() {
    Map<String, List<String>> impossible = Map.of(
        "HIGHEST", List.of("0", "6", "4.0", "-1", "", "x"),
        "MOST_HELPFUL", List.of("1.5", "-0.5", "NaN", "Infinity", "0.50", "1e-1", "", "x"),
        "NEWEST", List.of("0", "", "1"));
    return impossible.entrySet().stream().flatMap(e -> e.getValue().stream().map(value -> dynamicTest(
        e.getKey() + " " + printable(value), () -> {
          World w = new World();
          ReviewSort sort = ReviewSort.valueOf(e.getKey());
          Listing listing = (m, world, r) -> m.reviews().list(world.subject(), ReviewFilter.all(), sort, r).page();
          w.r.rejects("cursor", () -> listing.list(w.r.meadow, w, PageRequest.of(5, w.resignedValue(listing, value))));
        })));
  }

  private static <T> Stream<Case> invalid(String method, String field, Map<String, T> inputs, Call<T> call) {
    return inputs.entrySet().stream().map(e -> new Case(method, field + ": " + e.getKey() + " → invalid " + field,
        w -> w.r.rejects(field, () -> call.call(w, e.getValue()))));
  }

  private static <T> Case verbatim(String method, String input, Function<World, T> call, Check<T> check) {
    return new Case(method, input + " → stored as plain text", w -> check.check(w, call.apply(w)));
  }

  // ---- the world each case starts from ----

  @FunctionalInterface
  interface Call<T> {
    Object call(World w, T input) throws Throwable;
  }

  /** Content built inside the call, so that building it is part of what is refused. */
  @FunctionalInterface
  interface ContentSupplier {
    ReviewContent get();
  }

  @FunctionalInterface
  interface Check<T> {
    void check(World w, T result) throws Throwable;
  }

  @FunctionalInterface
  interface Listing {
    Page<?> list(Meadow meadow, World w, PageRequest request);
  }

  private record Case(String method, String input, ThrowingConsumer<World> check) {}

  /**
   * A shop where every listing has at least two items: ann's review of the oolong, edited,
   * voted on, reported and answered; ben's and a third published review with votes; two held
   * reviews by ben and dee.
   */
  static final class World {
    final ReviewsFixture r = ReviewsFixture.with(POLICY);
    final UserId ann = r.user("ann");
    final UserId ben = r.user("ben");
    final UserId cy = r.user("cy");
    final UserId mod = r.user("mod");
    final UserId clerk = r.hire(r.user("clerk"), TEA_SHOP);
    final Review review;
    final Review held;

    World() {
      Review first = r.review(ann, OOLONG, 4);
      review = r.edit(first, c -> c.withBody("Floral and sweet, better on the second steep"));
      r.review(ben, OOLONG, 2);
      r.review(r.user("eve"), OOLONG, 5);
      r.emits(ReviewEvent.Voted.class, () -> r.reviews.vote(cy, review.id(), true));
      r.emits(ReviewEvent.Reported.class, () -> r.reviews.report(ben, review.id(), "Seems paid for"));
      r.emits(ReviewEvent.Replied.class, () -> r.reviews.reply(clerk, review.id(), "Thank you for the notes"));
      held = r.submit(ben, draft(ReviewsFixture.SENCHA, 1, "Mail ben@mail.example for a cheaper source"));
      r.submit(r.user("dee"), draft(ReviewsFixture.SENCHA, 1, "Ring 0207 946 0958 for a cheaper source"));
    }

    SummaryKey subject() {
      return SummaryKey.product(OOLONG);
    }

    /** Returns a real cursor of a listing: the one after its first item. */
    String cursor(Listing listing) {
      String cursor = listing.list(r.meadow, this, PageRequest.first(1)).nextCursor();
      assertNotNull(cursor, "the world has two items in every listing");
      return cursor;
    }

    /** Returns a cursor for the same listing from a Meadow of another shop, over the same storage. */
    String strangersCursor(Listing listing) {
      Meadow stranger = Meadow.builder().storage(r.meadow.storage()).clock(r.clock).build();
      String cursor = listing.list(stranger, this, PageRequest.first(1)).nextCursor();
      assertNotNull(cursor);
      return cursor;
    }

    /** Returns a cursor signed with this shop's secret for the listing, naming {@code id} and keeping the rest. */
    String resigned(Listing listing, String id) {
      List<String> fields = cursorFields(cursor(listing));
      fields.set(1, id);
      return Cursors.withSecret(ReviewsFixture.CURSOR_SECRET).encode(fields.get(0),
          fields.subList(1, fields.size()).toArray(String[]::new));
    }

    /** Returns a cursor signed with this shop's secret for the listing, naming a real review at {@code value}. */
    String resignedValue(Listing listing, String value) {
      List<String> fields = cursorFields(cursor(listing));
      return Cursors.withSecret(ReviewsFixture.CURSOR_SECRET).encode(fields.get(0), fields.get(1), value);
    }

  }
}
