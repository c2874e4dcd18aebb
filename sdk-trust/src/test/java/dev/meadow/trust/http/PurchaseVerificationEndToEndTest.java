package dev.meadow.trust.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

// snippet: trust-http-imports
import dev.meadow.core.IntegrationException;
import dev.meadow.core.Meadow;
import dev.meadow.core.ports.PurchaseVerifier;
import dev.meadow.core.reviews.Review;
import dev.meadow.core.reviews.ReviewContent;
import dev.meadow.core.reviews.ReviewDraft;
import dev.meadow.trust.http.HttpPurchaseVerifier;
import java.time.Duration;
// end snippet: trust-http-imports
import dev.meadow.core.PageRequest;
import dev.meadow.core.ProductId;
import dev.meadow.core.StoreId;
import dev.meadow.core.TestClock;
import dev.meadow.core.UserId;
import dev.meadow.core.memory.MemoryStorage;
import dev.meadow.core.reviews.RatingSummary;
import dev.meadow.core.reviews.ReviewFilter;
import dev.meadow.core.reviews.ReviewSort;
import dev.meadow.core.reviews.SummaryKey;
import dev.meadow.trust.http.OrderService.RecordingSleeper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Reviews verified through the order service, from {@code Meadow.builder().purchases(…)} to
 * {@code reviews().submit(…)} on memory storage; the examples of docs/trust-purchase-verification.md.
 */
class PurchaseVerificationEndToEndTest {
  private final OrderService orders = new OrderService();
  private final String orderService = orders.url("");
  private final String token = "t0ken-from-the-shops-vault";
  private final UserId ada = UserId.of("ada");
  private final UserId bo = UserId.of("bo");
  private final ProductId shoes = ProductId.of("sku-trail-2");
  private final StoreId trailhead = StoreId.of("trailhead");
  private final ReviewDraft draft = ReviewDraft.of(shoes, trailhead, ReviewContent.of(4, "Comfortable from day one."));

  @AfterEach
  void stop() {
    orders.close();
  }

  private void adaBoughtTheShoes(Instant purchasedAt) {
    orders.server.stubFor(get(anyUrl()).willReturn(notFound()));
    orders.server.stubFor(get(urlPathEqualTo("/users/ada/purchases/sku-trail-2"))
        .willReturn(okJson(OrderService.purchase("o-1001", "sku-trail-2", purchasedAt.toString(), "DELIVERED"))));
  }

  @Test
  @DisplayName("A purchase the order service finds makes the review a verified purchase; one it does not know, not")
  void guide_foundPurchaseVerifiesTheReview() {
    adaBoughtTheShoes(Instant.now().minus(Duration.ofDays(9)));

    // snippet: trust-http-verifier
    PurchaseVerifier purchases = HttpPurchaseVerifier
        .builder(orderService + "/users/{user}/purchases/{product}?order={order}")
        .header("Authorization", "Bearer " + token)   // sent with every request, never logged
        .timeout(Duration.ofSeconds(2))               // per attempt: connecting, each read, the whole call
        .retries(2)                                   // connection errors, timeouts and 5xx: 3 attempts in all
        .build();
    Meadow meadow = Meadow.builder()
        .purchases(purchases)
        .build();

    Review review = meadow.reviews().submit(ada, ReviewDraft.of(shoes, trailhead, ReviewContent.of(5, "Light and grippy.")));
    review.verified();                                // true: the service answered a DELIVERED purchase
    // end snippet: trust-http-verifier

    assertTrue(review.verified(), review.provenance().toString());
    Review unknown = meadow.reviews().submit(bo, draft);
    assertFalse(unknown.verified(), "404: bo bought nothing");
    orders.server.verify(getRequestedFor(urlPathEqualTo("/users/ada/purchases/sku-trail-2"))
        .withHeader("Authorization", equalTo("Bearer " + token)));
    assertEquals(1, meadow.reviews().summary(SummaryKey.product(shoes)).verifiedCount());
  }

  @Test
  @DisplayName("With the order service down, submit throws IntegrationException and nothing is stored")
  void serviceDown_submitThrowsAndNothingIsStored() {
    TestClock clock = TestClock.at("2026-05-01T09:00:00Z");
    adaBoughtTheShoes(Instant.parse("2026-04-21T09:30:00Z"));
    RecordingSleeper sleeper = new RecordingSleeper();
    Meadow meadow = Meadow.builder()
        .storage(MemoryStorage.create())
        .clock(clock)
        .purchases(HttpPurchaseVerifier.builder(orders.url(OrderService.PATH)).sleeper(sleeper).build())
        .build();
    assertTrue(meadow.reviews().submit(ada, draft).verified());
    SummaryKey key = SummaryKey.product(shoes);
    RatingSummary before = meadow.reviews().summary(key);
    List<Review> listedBefore = listing(meadow, key);
    orders.server.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(503)));
    List<String> flash = new ArrayList<>();

    // snippet: trust-http-failure
    try {
      meadow.reviews().submit(bo, draft);
    } catch (IntegrationException e) {               // the order service is down: nothing was stored
      flash.add("We could not check your order just now. Please send your review again in a minute.");
    }
    // end snippet: trust-http-failure

    assertEquals(1, flash.size(), "submit threw IntegrationException");
    IntegrationException e = assertThrows(IntegrationException.class, () -> meadow.reviews().submit(bo, draft));
    assertTrue(e.getMessage().contains("nothing was stored"), e.getMessage());
    assertTrue(e.getCause().getMessage().contains("failed 3 attempts, the last with HTTP 503"), e.getCause().getMessage());
    assertEquals(6, orders.server.countRequestsMatching(getRequestedFor(urlPathEqualTo("/users/bo/purchases/sku-trail-2"))
        .build()).getCount(), "two submits of three attempts each");
    assertEquals(before, meadow.reviews().summary(key));
    assertEquals(listedBefore, listing(meadow, key));
    assertEquals(List.of(), meadow.reviews().held(PageRequest.first()).items());
  }

  private static List<Review> listing(Meadow meadow, SummaryKey key) {
    return meadow.reviews().list(key, ReviewFilter.all(), ReviewSort.NEWEST, PageRequest.first()).page().items();
  }
}
