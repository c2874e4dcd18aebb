package dev.meadow.trust.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.meadow.core.IntegrationException;
import dev.meadow.core.OrderId;
import dev.meadow.core.ProductId;
import dev.meadow.core.UserId;
import dev.meadow.core.reviews.Purchase;
import dev.meadow.core.reviews.PurchaseState;
import dev.meadow.trust.http.OrderService.RecordingSleeper;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The verifier against a real HTTP server: each answer of the JSON contract, and each failure. */
class HttpPurchaseVerifierTest {
  private static final String LOOKUP = "/users/ada/purchases/sku-trail-2";
  private static final String DELIVERED =
      OrderService.purchase("o-1001", "sku-trail-2", "2026-04-21T09:30:00Z", "DELIVERED");
  private static final UserId ADA = UserId.of("ada");
  private static final ProductId SHOES = ProductId.of("sku-trail-2");

  private final OrderService orders = new OrderService();
  private final RecordingSleeper sleeper = new RecordingSleeper();

  @AfterEach
  void stop() {
    orders.close();
  }

  private HttpPurchaseVerifier.Builder verifier() {
    return HttpPurchaseVerifier.builder(orders.url(OrderService.PATH)).sleeper(sleeper);
  }

  private void answer(ResponseDefinitionBuilder response) {
    orders.server.stubFor(get(urlPathEqualTo(LOOKUP)).willReturn(response));
  }

  private IntegrationException failure(HttpPurchaseVerifier verifier) {
    return assertThrows(IntegrationException.class, () -> verifier.findPurchase(ADA, SHOES, null));
  }

  /** Returns the failure of a single attempt at an answer that is not tried again. */
  private IntegrationException failureOfAnswer(ResponseDefinitionBuilder response) {
    orders.server.resetAll();
    answer(response);
    IntegrationException e = failure(verifier().build());
    assertEquals(1, orders.requestedUrls().size(), "not tried again: " + orders.requestedUrls());
    assertTrue(e.getMessage().contains("purchase service " + orders.url("/users/{user}/purchases/{product}")),
        e.getMessage());
    return e;
  }

  @Test
  @DisplayName("A 200 with the contract's JSON is the purchase, asked for with the user, the product and the order")
  void found_isThePurchase() {
    answer(okJson(DELIVERED));

    Optional<Purchase> found = verifier().build().findPurchase(ADA, SHOES, OrderId.of("o-1001"));

    assertEquals(Optional.of(new Purchase(OrderId.of("o-1001"), SHOES, Instant.parse("2026-04-21T09:30:00Z"),
        PurchaseState.DELIVERED)), found);
    assertEquals(List.of(LOOKUP + "?order=o-1001"), orders.requestedUrls());
    orders.server.verify(getRequestedFor(urlPathEqualTo(LOOKUP)).withHeader("Accept", equalTo("application/json")));
  }

  @Test
  @DisplayName("Without an order the order parameter is left out; other fields and an offset time are read")
  void found_withoutOrder_leavesTheParameterOut() {
    answer(okJson("{\"orderId\":\"o-7\",\"productId\":\"sku-trail-2\",\"purchasedAt\":\"2026-04-21T11:30:00+02:00\","
        + "\"state\":\"PAID\",\"total\":{\"minor\":12900,\"currency\":\"EUR\"}}"));

    Purchase found = verifier().build().findPurchase(ADA, SHOES, null).orElseThrow();

    assertEquals(Instant.parse("2026-04-21T09:30:00Z"), found.purchasedAt());
    assertEquals(PurchaseState.PAID, found.state());
    orders.server.verify(getRequestedFor(urlPathEqualTo(LOOKUP)).withQueryParam("order", absent()));
  }

  @Test
  @DisplayName("A 404 is no purchase, whatever its body, and is not tried again")
  void notFound_isEmpty() {
    answer(aResponse().withStatus(404).withBody("<html>Not Found</html>"));

    assertEquals(Optional.empty(), verifier().build().findPurchase(ADA, SHOES, null));
    assertEquals(1, orders.requestedUrls().size());
  }

  @Test
  @DisplayName("A service too slow to answer times out on each attempt, is tried again, and fails in bounded time")
  void slow_timesOutRetriesAndFails() {
    answer(okJson(DELIVERED).withFixedDelay(5_000));
    HttpPurchaseVerifier verifier = verifier().timeout(Duration.ofMillis(250)).retries(2).build();

    long started = System.nanoTime();
    IntegrationException e = failure(verifier);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

    assertTrue(millis >= 3 * 250 && millis < 3_000, "three attempts of 250 ms took " + millis + " ms");
    assertTrue(e.getMessage().contains("failed 3 attempts, the last with "), e.getMessage());
    assertTrue(e.getMessage().toLowerCase().contains("timeout") || e.getMessage().contains("timed out"), e.getMessage());
    assertEquals(2, sleeper.waits.size(), "a backoff before each retry");
    orders.server.verify(3, getRequestedFor(urlPathEqualTo(LOOKUP)));
  }

  @Test
  @DisplayName("A 500 is tried again after a backoff, and a 200 on the retry is the purchase")
  void serverErrorThenFound_isRetriedAndSucceeds() {
    orders.server.stubFor(get(urlPathEqualTo(LOOKUP)).inScenario("flaky").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(500)).willSetStateTo("recovered"));
    orders.server.stubFor(get(urlPathEqualTo(LOOKUP)).inScenario("flaky").whenScenarioStateIs("recovered")
        .willReturn(okJson(DELIVERED)));

    Optional<Purchase> found = verifier().build().findPurchase(ADA, SHOES, null);

    assertEquals(OrderId.of("o-1001"), found.orElseThrow().orderId());
    assertEquals(2, orders.requestedUrls().size());
    assertEquals(1, sleeper.waits.size());
  }

  @Test
  @DisplayName("A service answering 5xx every time fails after retries + 1 attempts, naming the status")
  void serverErrorAlways_failsAfterEveryAttempt() {
    answer(aResponse().withStatus(503).withBody("down for maintenance"));

    IntegrationException e = failure(verifier().retries(4).build());

    orders.server.verify(5, getRequestedFor(urlPathEqualTo(LOOKUP)));
    assertEquals("purchase service " + orders.url("/users/{user}/purchases/{product}")
        + " failed 5 attempts, the last with HTTP 503", e.getMessage());
    assertNull(e.getCause());
  }

  @Test
  @DisplayName("With no retries a failing service is asked once")
  void noRetries_asksOnce() {
    answer(aResponse().withStatus(500));

    IntegrationException e = failure(verifier().retries(0).build());

    assertTrue(e.getMessage().endsWith("failed 1 attempt, the last with HTTP 500"), e.getMessage());
    assertEquals(1, orders.requestedUrls().size());
    assertEquals(List.of(), sleeper.waits);
  }

  @Test
  @DisplayName("Backoffs double from the initial one up to the maximum, each less a random part of up to half")
  void backoff_doublesWithJitter() {
    answer(aResponse().withStatus(500));

    failure(verifier().retries(4).backoff(Duration.ofMillis(100), Duration.ofMillis(250)).build());

    assertEquals(4, sleeper.waits.size());
    long[] nominal = {100, 200, 250, 250};
    for (int i = 0; i < nominal.length; i++) {
      long wait = sleeper.waits.get(i).toMillis();
      assertTrue(wait >= nominal[i] / 2 && wait <= nominal[i], "wait " + (i + 1) + " was " + wait + " ms");
    }
    HttpPurchaseVerifier verifier = verifier().backoff(Duration.ofSeconds(10), Duration.ofSeconds(10)).build();
    assertTrue(IntStream.range(0, 50).mapToObj(i -> verifier.backoff(1)).distinct().count() > 1,
        "jitter spreads the waits");
  }

  @Test
  @DisplayName("A refused connection is tried again, then fails with the connection error as its cause")
  void connectionRefused_failsAfterRetries() {
    HttpPurchaseVerifier verifier = HttpPurchaseVerifier
        .builder("http://127.0.0.1:" + OrderService.closedPort() + OrderService.PATH).sleeper(sleeper).build();

    IntegrationException e = failure(verifier);

    assertInstanceOf(ConnectException.class, e.getCause());
    assertTrue(e.getMessage().contains("failed 3 attempts, the last with ConnectException"), e.getMessage());
    assertEquals(2, sleeper.waits.size());
  }

  @Test
  @DisplayName("A thread interrupted while waiting to try again stops trying and stays interrupted")
  void interruptedBackoff_stopsTrying() {
    answer(aResponse().withStatus(500));
    HttpPurchaseVerifier interrupted = HttpPurchaseVerifier.builder(orders.url(OrderService.PATH))
        .sleeper(duration -> {
          throw new InterruptedException();
        })
        .build();

    IntegrationException e = failure(interrupted);

    assertTrue(Thread.interrupted(), "the interrupt is kept (and cleared here)");
    assertTrue(e.getMessage().contains("interrupted"), e.getMessage());
    assertInstanceOf(InterruptedException.class, e.getCause());
    assertEquals(1, orders.requestedUrls().size());
  }

  @Test
  @DisplayName("A body that is not JSON is an error, not tried again")
  void malformedJson_isAnError() {
    IntegrationException e = failureOfAnswer(okJson("{\"orderId\":\"o-1001\","));
    assertTrue(e.getMessage().endsWith("answered 200 with a body that is not JSON"), e.getMessage());
    failureOfAnswer(okJson(DELIVERED + " trailing"));
  }

  @Test
  @DisplayName("A body that is not an object, or lacks a field, is an error naming the field")
  void missingFields_areAnError() {
    assertTrue(failureOfAnswer(okJson("[]")).getMessage().endsWith("a body that is not a JSON object"));
    IntegrationException e = failureOfAnswer(okJson("{\"orderId\":\"o-1001\",\"productId\":\"sku-trail-2\","
        + "\"state\":\"DELIVERED\"}"));
    assertTrue(e.getMessage().contains("a purchase whose purchasedAt is missing"), e.getMessage());
    e = failureOfAnswer(okJson(DELIVERED.replace("\"o-1001\"", "1001")));
    assertTrue(e.getMessage().contains("a purchase whose orderId is not a JSON string"), e.getMessage());
    e = failureOfAnswer(okJson(DELIVERED.replace("2026-04-21T09:30:00Z", "21/04/2026")));
    assertTrue(e.getMessage().contains("purchasedAt is \"21/04/2026\", not an ISO-8601 time"), e.getMessage());
    e = failureOfAnswer(okJson(DELIVERED.replace("\"o-1001\"", "\" o-1001\"")));
    assertTrue(e.getMessage().endsWith("a purchase with an invalid id"), e.getMessage());
  }

  @Test
  @DisplayName("An unknown state is an error naming it")
  void unknownState_isAnError() {
    IntegrationException e = failureOfAnswer(okJson(DELIVERED.replace("DELIVERED", "delivered")));
    assertTrue(e.getMessage().contains("state is \"delivered\", not ORDERED, PAID, DELIVERED or REFUNDED"),
        e.getMessage());
    failureOfAnswer(okJson(DELIVERED.replace("DELIVERED", "SHIPPED")));
  }

  @Test
  @DisplayName("A 200 saying {\"found\":false}, an empty 200 and a 204 are errors: only a 404 means no purchase")
  void foundFalseOrEmpty_isAnError() {
    IntegrationException e = failureOfAnswer(okJson("{\"found\":false}"));
    assertTrue(e.getMessage().contains("\"found\" is not part of the contract"), e.getMessage());
    e = failureOfAnswer(aResponse().withStatus(200));
    assertTrue(e.getMessage().contains("an empty body"), e.getMessage());
    e = failureOfAnswer(okJson("null"));
    assertTrue(e.getMessage().contains("not a JSON object"), e.getMessage());
    e = failureOfAnswer(aResponse().withStatus(204));
    assertTrue(e.getMessage().contains("answered HTTP 204"), e.getMessage());
  }

  @Test
  @DisplayName("A body larger than MAX_BODY is an error")
  void hugeBody_isAnError() {
    String huge = "{\"orderId\":\"o-1001\",\"padding\":\"" + "x".repeat(HttpPurchaseVerifier.MAX_BODY) + "\"}";
    IntegrationException e = failureOfAnswer(okJson(huge));
    assertTrue(e.getMessage().contains("a body larger than"), e.getMessage());
  }

  @Test
  @DisplayName("A redirect is an error and is never followed, even on a shared client that follows them")
  void redirect_isRefused() {
    orders.server.stubFor(get(urlPathEqualTo("/elsewhere")).willReturn(okJson(DELIVERED)));
    answer(aResponse().withStatus(302).withHeader("Location", orders.url("/elsewhere")));
    OkHttpClient shared = new OkHttpClient.Builder().followRedirects(true).build();
    HttpPurchaseVerifier verifier = verifier().httpClient(shared).build();

    IntegrationException e = failure(verifier);

    assertTrue(e.getMessage().contains("answered HTTP 302, a redirect, which is never followed"), e.getMessage());
    orders.server.verify(0, getRequestedFor(urlPathEqualTo("/elsewhere")));
    assertEquals(1, orders.requestedUrls().size());
    assertTrue(shared.followRedirects(), "the host's client is not changed");
  }

  @Test
  @DisplayName("A 4xx other than 404 is an error naming the status, never tried again")
  void clientError_isNotRetried() {
    IntegrationException e = failureOfAnswer(aResponse().withStatus(401));
    assertTrue(e.getMessage().contains("answered HTTP 401; only 200 with a purchase or 404 for none are expected"),
        e.getMessage());
    assertEquals(List.of(), sleeper.waits);
  }

  @Test
  @DisplayName("The headers set are sent with every request; their values are in no message and not in toString")
  void authHeader_isSentButNeverShown() {
    String token = "Bearer s3cr3t-t0ken";
    orders.server.stubFor(get(urlPathEqualTo(LOOKUP)).withHeader("Authorization", equalTo(token))
        .willReturn(aResponse().withStatus(500)));
    HttpPurchaseVerifier verifier = verifier().header("Authorization", token).header("X-Shop", "trailhead").build();

    IntegrationException e = failure(verifier);

    orders.server.verify(3, getRequestedFor(urlPathEqualTo(LOOKUP)).withHeader("Authorization", equalTo(token))
        .withHeader("X-Shop", equalTo("trailhead")));
    assertTrue(e.getMessage().contains("HTTP 500"), e.getMessage());
    assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
    assertFalse(verifier.toString().contains("s3cr3t"), verifier.toString());
    assertEquals("HttpPurchaseVerifier[" + orders.url("/users/{user}/purchases/{product}") + "]", verifier.toString());
  }

  @Test
  @DisplayName("A shared client's connection pool serves the verifier")
  void sharedClient_poolIsShared() {
    answer(okJson(DELIVERED));
    OkHttpClient shared = new OkHttpClient();
    HttpPurchaseVerifier verifier = verifier().httpClient(shared).build();

    verifier.findPurchase(ADA, SHOES, null);
    verifier.findPurchase(ADA, SHOES, null);

    assertEquals(1, shared.connectionPool().connectionCount(), "one pooled connection, reused");
  }

  @Test
  @DisplayName("One verifier answers many threads at once")
  void concurrentCalls_allAnswered() throws Exception {
    answer(okJson(DELIVERED));
    HttpPurchaseVerifier verifier = verifier().build();
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<Optional<Purchase>>> answers = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        answers.add(threads.submit(() -> verifier.findPurchase(ADA, SHOES, null)));
      }
      for (Future<Optional<Purchase>> answer : answers) {
        assertEquals(OrderId.of("o-1001"), answer.get(10, TimeUnit.SECONDS).orElseThrow().orderId());
      }
    } finally {
      threads.shutdownNow();
    }
    orders.server.verify(200, anyRequestedFor(anyUrl()));
  }
}
