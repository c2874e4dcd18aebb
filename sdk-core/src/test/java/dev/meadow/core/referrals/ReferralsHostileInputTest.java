package dev.meadow.core.referrals;

import static dev.meadow.core.HostileInput.FORBIDDEN_TEXT;
import static dev.meadow.core.HostileInput.MALFORMED_HOST_IDS;
import static dev.meadow.core.HostileInput.MALFORMED_IDS;
import static dev.meadow.core.HostileInput.SCRIPT;
import static dev.meadow.core.HostileInput.SQL;
import static dev.meadow.core.HostileInput.badPageRequests;
import static dev.meadow.core.HostileInput.named;
import static dev.meadow.core.HostileInput.printable;
import static dev.meadow.core.referrals.ReferralsFixture.EUR;
import static dev.meadow.core.referrals.ReferralsFixture.SCARF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.meadow.core.Actor;
import dev.meadow.core.GroupId;
import dev.meadow.core.Meadow;
import dev.meadow.core.NotFoundException;
import dev.meadow.core.OrderId;
import dev.meadow.core.Page;
import dev.meadow.core.PageRequest;
import dev.meadow.core.PermissionDeniedException;
import dev.meadow.core.PostId;
import dev.meadow.core.ProductId;
import dev.meadow.core.RewardId;
import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import dev.meadow.core.ValidationException;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * Every public method of {@link Referrals} fed hostile input: malformed and unknown codes and
 * ids, forbidden and over-long text, bad money and order lines, bad cursors and limits, and
 * anonymous visitors where a user is needed. Each is refused with a clear
 * {@link dev.meadow.core.MeadowException} (naming the field, where there is one) and changes
 * nothing stored; markup and SQL in ids are stored verbatim, as the plain text they are.
 */
class ReferralsHostileInputTest {
  /** Methods that take no input a caller could get wrong. */
  private static final Set<String> NO_INPUT = Set.of("program", "programStats", "runPending");

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
    cases().forEach(c -> covered.add(c.method()));
    return Stream.of(Referrals.class.getDeclaredMethods())
        .filter(m -> Modifier.isPublic(m.getModifiers()) && !NO_INPUT.contains(m.getName()))
        .map(m -> dynamicTest(m.getName(), () -> assertTrue(covered.contains(m.getName()), m.getName())));
  }

  private static Stream<Case> cases() {
    return Stream.of(
        // share
        anonymous("share", w -> w.r.referrals.share(Actor.anonymous(), ShareTarget.product(SCARF), Channel.LINK,
            Audience.everyone())),
        invalid("share", "productId", named(MALFORMED_HOST_IDS), (w, id) -> w.share(new ShareTarget(
            ShareTarget.Kind.PRODUCT, id), Audience.everyone())),
        invalid("share", "storeId", named(MALFORMED_HOST_IDS), (w, id) -> w.share(new ShareTarget(
            ShareTarget.Kind.STORE, id), Audience.everyone())),
        invalid("share", "groupId", named(MALFORMED_IDS), (w, id) -> w.share(ShareTarget.group(GroupId.of(id)),
            Audience.everyone())),
        invalid("share", "postId", named(MALFORMED_IDS), (w, id) -> w.share(ShareTarget.post(PostId.of(id)),
            Audience.everyone())),
        text("share", "note", Audience.MAX_NOTE, (w, note) -> w.share(ShareTarget.product(SCARF),
            Audience.direct(List.of(w.bo), note))),
        invalid("share", "recipients", Map.of(
                "none", List.<UserId>of(),
                "51 users", IntStream.range(0, 51).mapToObj(i -> UserId.of("friend-" + i)).toList(),
                "the sharer", List.of(UserId.of("ann"))),
            (w, recipients) -> w.share(ShareTarget.product(SCARF), Audience.direct(recipients, null))),
        invalid("share", "recipients", Map.of("a public share with a note", "hello"),
            (w, note) -> w.share(ShareTarget.product(SCARF), new Audience(Audience.Kind.PUBLIC, List.of(), note))),
        invalid("share", "userId", named(MALFORMED_HOST_IDS), (w, id) -> w.share(ShareTarget.product(SCARF),
            Audience.direct(List.of(UserId.of(id)), null))),
        invalid("share", "validFor", Map.of("zero", Duration.ZERO, "negative", Duration.ofDays(-1),
                "366 days", Duration.ofDays(366), "forever", Duration.ofSeconds(Long.MAX_VALUE)),
            (w, validFor) -> w.r.referrals.share(w.ann, ShareTarget.product(SCARF), Channel.LINK, Audience.everyone(),
                validFor)),
        Stream.of(verbatim("share", "markup and SQL in ids", w -> {
          Share share = w.share(ShareTarget.product(ProductId.of(SQL)), Audience.everyone());
          assertEquals(ShareTarget.product(ProductId.of(SQL)), w.r.referrals.get(w.cy, share.code()).target());
          Share store = w.share(ShareTarget.store(StoreId.of(SCRIPT)), Audience.everyone());
          assertFalse(w.r.referrals.landingUrl(store).contains("<"), "the id is URL-encoded in the landing URL");
        })),

        // landingUrl
        Stream.of(verbatim("landingUrl", "markup in a product id", w -> {
          String url = w.r.referrals.landingUrl(w.share(ShareTarget.product(ProductId.of(SCRIPT)), Audience.everyone()));
          assertTrue(url.startsWith("https://shop.example/r/"), url);
          assertFalse(url.contains("<") || url.contains("'") || url.contains(" "), url);
        })),

        // get
        codes("get", (w, code) -> w.r.referrals.get(w.ann, code)),

        // listings
        anonymous("sharesOf", w -> w.r.referrals.sharesOf(Actor.anonymous(), PageRequest.first(5))),
        cursors("sharesOf", (m, w, request) -> m.referrals().sharesOf(w.ann, request),
            (m, w, request) -> m.referrals().sharedWith(w.bo, request)),
        anonymous("sharedWith", w -> w.r.referrals.sharedWith(Actor.anonymous(), PageRequest.first(5))),
        cursors("sharedWith", (m, w, request) -> m.referrals().sharedWith(w.bo, request),
            (m, w, request) -> m.referrals().sharesOf(w.ann, request)),
        anonymous("rewardsOf", w -> w.r.referrals.rewardsOf(Actor.anonymous(), PageRequest.first(5))),
        cursors("rewardsOf", (m, w, request) -> m.referrals().rewardsOf(w.ann, request),
            (m, w, request) -> m.referrals().held(request)),
        cursors("held", (m, w, request) -> m.referrals().held(request),
            (m, w, request) -> m.referrals().rewardsOf(w.ann, request)),

        // clicks and signups
        codes("recordClick", (w, code) -> w.r.referrals.recordClick(code, "cookie-new")),
        visitorKeys("recordClick", (w, key) -> w.r.referrals.recordClick(w.open.code(), key)),
        visitorKeys("attributeSignup", (w, key) -> w.r.referrals.attributeSignup(key, UserId.of("newcomer"))),
        invalid("attributeSignup", "userId", named(MALFORMED_HOST_IDS),
            (w, id) -> w.r.referrals.attributeSignup("cookie-newcomer", UserId.of(id))),
        invalid("attribution", "userId", named(MALFORMED_HOST_IDS), (w, id) -> w.r.referrals.attribution(UserId.of(id))),

        // orders and refunds
        invalid("recordOrder", "orderId", named(MALFORMED_HOST_IDS), (w, id) -> w.order(OrderId.of(id), w.bo, 1_000,
            List.of())),
        invalid("recordOrder", "userId", named(MALFORMED_HOST_IDS), (w, id) -> w.order(OrderId.of("order-new"),
            UserId.of(id), 1_000, List.of())),
        invalid("recordOrder", "amount", Map.<String, Function<World, Money>>of(
                "negative", w -> Money.of(-1, EUR),
                "more than ten trillion", w -> Money.of(Money.MAX_MINOR + 1, EUR),
                "Long.MIN_VALUE", w -> Money.of(Long.MIN_VALUE, EUR),
                "zero", w -> Money.of(0, EUR),
                "another currency", w -> Money.of(1_000, "USD")),
            (w, amount) -> w.r.referrals.recordOrder(OrderId.of("order-new"), w.bo, amount.apply(w), List.of())),
        invalid("recordOrder", "currency", Map.of("not a currency", "EURO", "empty", "", "SQL", SQL),
            (w, code) -> w.r.referrals.recordOrder(OrderId.of("order-new"), w.bo, Money.of(1_000, code), List.of())),
        invalid("recordOrder", "items", Map.<String, Function<World, List<OrderLine>>>of(
                "more than the order", w -> List.of(line(600), line(600)),
                "501 lines", w -> IntStream.range(0, 501).mapToObj(i -> line(1)).toList()),
            (w, items) -> w.order(OrderId.of("order-new"), w.bo, 1_000, items.apply(w))),
        invalid("recordOrder", "items[1]", Map.of("a line in another currency", "USD"),
            (w, currency) -> w.order(OrderId.of("order-new"), w.bo, 1_000,
                List.of(line(1), OrderLine.of(SCARF, 1, Money.of(1, currency))))),
        invalid("recordOrder", "quantity", Map.of("0", 0, "-1", -1, "10001", 10_001, "MIN", Integer.MIN_VALUE),
            (w, quantity) -> w.order(OrderId.of("order-new"), w.bo, 1_000,
                List.of(OrderLine.of(SCARF, quantity, Money.of(1, EUR))))),
        invalid("recordOrder", "productId", named(MALFORMED_HOST_IDS), (w, id) -> w.order(OrderId.of("order-new"),
            w.bo, 1_000, List.of(OrderLine.of(ProductId.of(id), 1, Money.of(1, EUR))))),
        Stream.of(verbatim("recordOrder", "markup and SQL in ids", w -> {
          UserId buyer = w.r.user(SCRIPT);
          w.r.refer(w.open, buyer);
          Conversion conversion = w.r.referrals.recordOrder(w.r.orderId(SQL), buyer, Money.of(1_000, EUR),
              List.of(OrderLine.of(ProductId.of(SCRIPT), 1, Money.of(1_000, EUR)))).orElseThrow();
          assertEquals(conversion, w.r.referrals.conversion(OrderId.of(SQL)).orElseThrow());
          assertEquals(SCRIPT, conversion.buyer().value());
        })),
        invalid("recordRefund", "orderId", named(MALFORMED_HOST_IDS),
            (w, id) -> w.r.referrals.recordRefund(OrderId.of(id), Money.of(1, EUR))),
        invalid("recordRefund", "amount", Map.<String, Function<World, Money>>of(
                "negative", w -> Money.of(-1, EUR),
                "more than the order", w -> Money.of(4_001, EUR),
                "another currency", w -> Money.of(100, "JPY")),
            (w, amount) -> w.r.referrals.recordRefund(OrderId.of("order-1"), amount.apply(w))),
        invalid("conversion", "orderId", named(MALFORMED_HOST_IDS), (w, id) -> w.r.referrals.conversion(OrderId.of(id))),
        invalid("rewardsOfOrder", "orderId", named(MALFORMED_HOST_IDS),
            (w, id) -> w.r.referrals.rewardsOfOrder(OrderId.of(id))),

        // the ledger
        rewardIds("release", (w, id) -> w.r.referrals.release(w.reviewer, id)),
        invalid("release", "userId", named(MALFORMED_HOST_IDS), (w, id) -> w.r.referrals.release(UserId.of(id),
            w.held.id())),
        rewardIds("reject", (w, id) -> w.r.referrals.reject(w.reviewer, id, "fraud")),
        text("reject", "reason", Referrals.MAX_REASON, (w, reason) -> w.r.referrals.reject(w.reviewer, w.held.id(),
            reason)),
        invalid("reject", "reason", Map.of("blank", " \n\t "), (w, reason) -> w.r.referrals.reject(w.reviewer,
            w.held.id(), reason)),

        // statistics
        invalid("stats", "userId", named(MALFORMED_HOST_IDS), (w, id) -> w.r.referrals.stats(UserId.of(id))),
        invalid("leaderboard", "limit", Map.of("0", 0, "-1", -1, "101", 101, "MAX", Integer.MAX_VALUE,
            "MIN", Integer.MIN_VALUE), (w, limit) -> w.r.referrals.leaderboard(limit)))
        .flatMap(s -> s);
  }

  private static OrderLine line(long minor) {
    return OrderLine.of(SCARF, 1, Money.of(minor, EUR));
  }

  private static Stream<Case> text(String method, String field, int max, Call<String> call) {
    Map<String, String> inputs = new LinkedHashMap<>(FORBIDDEN_TEXT);
    inputs.put("one character too many", "x".repeat(max + 1));
    inputs.put("one emoji too many", "🧣".repeat(max + 1));
    return invalid(method, field, inputs, call);
  }

  private static Stream<Case> visitorKeys(String method, Call<String> call) {
    Map<String, String> keys = new LinkedHashMap<>(named(MALFORMED_HOST_IDS));
    keys.remove(printable("x".repeat(129)));
    keys.put("257 characters", "k".repeat(257));
    keys.put("a megabyte", "k".repeat(1_000_000));
    return invalid(method, "visitorKey", keys, call);
  }

  /** Malformed codes, and well-formed ones naming nothing. */
  private static Stream<Case> codes(String method, Call<ShareCode> call) {
    List<String> malformed = List.of("", "short", "much-too-long-code", SQL, SCRIPT, "abc def gh", "abcdefg\u0000",
        "abcdéfgh", "abcdefg/");
    return Stream.concat(invalid(method, "code", named(malformed), (w, code) -> call.call(w, ShareCode.of(code))),
        Stream.of(new Case(method, "an unknown code → not found",
            w -> w.r.refuses(NotFoundException.class, () -> call.call(w, ShareCode.of("Unknown0000"))))));
  }

  private static Stream<Case> rewardIds(String method, Call<RewardId> call) {
    return Stream.concat(invalid(method, "rewardId", named(MALFORMED_IDS), (w, id) -> call.call(w, RewardId.of(id))),
        Stream.of(new Case(method, "an unknown reward → not found",
            w -> w.r.refuses(NotFoundException.class, () -> call.call(w, RewardId.of("01JD5Z8Y0Q3E4N6V7W8X9Y0Z1A"))))));
  }

  private static Stream<Case> anonymous(String method, ThrowingConsumer<World> call) {
    return Stream.of(new Case(method, "an anonymous visitor → permission denied",
        w -> w.r.refuses(PermissionDeniedException.class, () -> call.accept(w))));
  }

  /** Bad cursors and page sizes for one listing. */
  private static Stream<Case> cursors(String method, Listing listing, Listing other) {
    Map<String, Function<World, PageRequest>> requests = badPageRequests(w -> w.cursor(listing), w -> w.cursor(other),
        w -> w.strangersCursor(listing));
    return requests.entrySet().stream().map(e -> new Case(method, "cursor: " + e.getKey() + " → invalid", w -> {
      ValidationException refused = w.r.refuses(ValidationException.class,
          () -> listing.list(w.r.meadow, w, e.getValue().apply(w)));
      assertTrue(refused.names("cursor") || refused.names("limit"), refused::getMessage);
    }));
  }

  private static <T> Stream<Case> invalid(String method, String field, Map<String, T> inputs, Call<T> call) {
    return inputs.entrySet().stream().map(e -> new Case(method, field + ": " + e.getKey() + " → invalid " + field,
        w -> w.r.rejects(field, () -> call.call(w, e.getValue()))));
  }

  private static Case verbatim(String method, String input, ThrowingConsumer<World> check) {
    return new Case(method, input + " → stored as plain text", check);
  }

  @FunctionalInterface
  interface Call<T> {
    Object call(World w, T input) throws Throwable;
  }

  @FunctionalInterface
  interface Listing {
    Page<?> list(Meadow meadow, World w, PageRequest request);
  }

  private record Case(String method, String input, ThrowingConsumer<World> check) {}

  /**
   * A shop where every listing has at least two items: ann shares publicly and directly to bo
   * (twice each); bo and dee signed up through ann's link and ordered; order-1 was partly
   * refunded; cy referred himself, so two rewards are held.
   */
  static final class World {
    final ReferralsFixture r = ReferralsFixture.create();
    final UserId ann = r.user("ann");
    final UserId bo = r.user("bo");
    final UserId cy = r.user("cy");
    final UserId reviewer = r.user("reviewer");
    final Share open;
    final Reward held;

    World() {
      open = r.share(ann);
      r.share(ann);
      share(ShareTarget.product(SCARF), Audience.direct(List.of(bo), "for you"));
      share(ShareTarget.product(SCARF), Audience.direct(List.of(bo, cy), null));
      r.refer(open, bo);
      r.order("order-1", bo, 4_000);
      UserId dee = r.user("dee");
      r.refer(open, dee);
      r.order("order-2", dee, 2_000);
      r.referrals.recordRefund(OrderId.of("order-1"), Money.of(1_000, EUR));
      r.refer(cy, cy);
      r.order("order-3", cy, 2_000);
      held = r.referrals.held(PageRequest.first(1)).items().get(0);
    }

    Share share(ShareTarget target, Audience audience) {
      return r.referrals.share(ann, target, Channel.MESSAGE, audience);
    }

    Object order(OrderId id, UserId buyer, long minor, List<OrderLine> items) {
      return r.referrals.recordOrder(id, buyer, Money.of(minor, EUR), items);
    }

    String cursor(Listing listing) {
      String cursor = listing.list(r.meadow, this, PageRequest.first(1)).nextCursor();
      assertNotNull(cursor, "the world has two items in every listing");
      return cursor;
    }

    String strangersCursor(Listing listing) {
      Meadow stranger = Meadow.builder().storage(r.meadow.storage()).clock(r.clock)
          .referralProgram(ReferralsFixture.program().build()).build();
      String cursor = listing.list(stranger, this, PageRequest.first(1)).nextCursor();
      assertNotNull(cursor);
      return cursor;
    }
  }
}
