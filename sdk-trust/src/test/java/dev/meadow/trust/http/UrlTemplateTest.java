package dev.meadow.trust.http;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.meadow.core.IntegrationException;
import dev.meadow.core.OrderId;
import dev.meadow.core.ProductId;
import dev.meadow.core.UserId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The URL template: what it accepts, what it refuses at build, and how ids are encoded into it. */
class UrlTemplateTest {
  private final OrderService orders = new OrderService();

  @AfterEach
  void stop() {
    orders.close();
  }

  private LoggedRequest ask(String template, String user, String product, String order) {
    orders.server.stubFor(get(anyUrl()).willReturn(notFound()));
    HttpPurchaseVerifier verifier = HttpPurchaseVerifier.builder(orders.url(template)).build();
    assertEquals(Optional.empty(),
        verifier.findPurchase(UserId.of(user), ProductId.of(product), order == null ? null : OrderId.of(order)));
    List<LoggedRequest> requests = orders.server.findAll(getRequestedFor(anyUrl()));
    assertEquals(1, requests.size());
    return requests.get(0);
  }

  @Test
  @DisplayName("Ids with spaces, slashes, query and fragment characters and Unicode are encoded as one segment or value")
  void placeholders_areEncoded() {
    LoggedRequest request = ask(OrderService.PATH + "&v=1", "ada lovelace/../x?y#z%41", "李雷-👟+1", "o 1&admin=true");

    assertEquals("/users/ada%20lovelace%2F..%2Fx%3Fy%23z%2541/purchases/%E6%9D%8E%E9%9B%B7-%F0%9F%91%9F%2B1"
        + "?order=o%201%26admin%3Dtrue&v=1", request.getUrl());
    assertEquals("o 1&admin=true", request.queryParameter("order").firstValue());
    assertFalse(request.queryParameter("admin").isPresent(), "no parameter smuggled in");
  }

  @Test
  @DisplayName("Placeholders may stand in part of a segment and in query values, and ids encode there too")
  void placeholders_inPartsAndQueryValues() {
    LoggedRequest request = ask("/lookup/u-{user}.json?product={product}&q=by:{user}", "bo/bo", "sku 2", null);

    assertEquals("/lookup/u-bo%2Fbo.json?product=sku%202&q=by:bo%2Fbo", request.getUrl());
  }

  @Test
  @DisplayName("An id of . or .. standing as a whole segment is refused without asking: it would move the path")
  void dotSegments_areRefused() {
    HttpPurchaseVerifier verifier = HttpPurchaseVerifier.builder(orders.url(OrderService.PATH)).build();
    for (String dots : List.of(".", "..")) {
      IntegrationException e = assertThrows(IntegrationException.class,
          () -> verifier.findPurchase(UserId.of(dots), ProductId.of("sku-1"), null));
      assertTrue(e.getMessage().contains("cannot stand as a path segment"), e.getMessage());
    }
    assertEquals(List.of(), orders.requestedUrls());
    assertEquals("/users/..x/purchases/sku-1", ask(OrderService.PATH, "..x", "sku-1", null).getUrl());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "http://orders.internal/users/{user}",
      "http://orders.internal/purchases/{product}",
      "http://orders.internal/{user}/{product}/{admin}",
      "http://orders.internal/{user}/{product}/{ user}",
      "http://{user}.orders.internal/{product}",
      "http://orders.internal:{user}/{product}",
      "http://alice:hunter2@orders.internal/{user}/{product}",
      "http://orders.internal/{user}/{product}#{order}",
      "http://orders.internal/{user}/{order}/{product}",
      "http://orders.internal/{user}/{product}?order=o-{order}",
      "http://orders.internal/{user}/{product}?{order}=1",
      "http://orders.internal/{user}/{product}?{user}",
      "http://orders.internal/{user}/{product}\r\nX-Injected: 1",
      "http://orders.internal/{user} /{product}",
      "http://orders.internal/{user}/{product}\u0000",
      "http://orders.internal/{user}\\{product}",
      "http://orders.internal/über/{user}/{product}",
      "http://orders.internal/{{user}}/{product}",
      "http://orders.internal/{user}/{product}/{",
      "http://orders.internal/{user}/{product}/}",
      "http://orders.internal/{user}/{product}?k=zqxmeadowuserzqx",
      "ftp://orders.internal/{user}/{product}",
      "file:///etc/{user}/{product}",
      "javascript:alert(1)//{user}/{product}",
      "/users/{user}/purchases/{product}",
      "orders.internal/{user}/{product}",
      "",
  })
  @DisplayName("A template that is malformed, lacks {user} or {product}, or puts a placeholder outside the path and"
      + " query values is refused at build with a message saying why")
  void hostileTemplates_areRefused(String template) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HttpPurchaseVerifier.builder(template));

    assertTrue(e.getMessage().startsWith("the purchase service's URL template "), e.getMessage());
    assertFalse(e.getMessage().contains("hunter2"), "no password shown: " + e.getMessage());
    assertFalse(e.getMessage().chars().anyMatch(Character::isISOControl), "no control character shown: " + e.getMessage());
  }

  @Test
  @DisplayName("Refusals say what is wrong, and never show the query, which may carry a key")
  void refusals_sayWhy() {
    assertEquals("the purchase service's URL template must contain {user} and {product}: http://orders.internal/{user}?…",
        refusal("http://orders.internal/{user}?key=k-123"));
    assertTrue(refusal("http://orders.internal/{user}/{product}/{admin}")
        .contains("knows only the placeholders {user}, {product} and {order}, not {admin}"));
    assertTrue(refusal("http://{user}.orders.internal/{product}").contains("placeholders only in its path and in query values"));
    assertTrue(refusal("http://orders.internal/{user}/{order}/{product}").contains("{order} only as a whole query value"));
    assertTrue(refusal("http://alice:hunter2@orders.internal/{user}/{product}").contains("//…@orders.internal"));
    assertTrue(refusal("ftp://orders.internal/{user}/{product}").contains("absolute http or https URL"));
    assertTrue(refusal("http://orders.internal/{user}/{product}\r\n").contains("found U+000D at 39"));
    assertTrue(refusal("http://orders.internal/" + "a".repeat(UrlTemplate.MAX_LENGTH) + "/{user}/{product}")
        .contains("must be 1 to 2000 characters"));
  }

  private static String refusal(String template) {
    return assertThrows(IllegalArgumentException.class, () -> HttpPurchaseVerifier.builder(template)).getMessage();
  }

  @Test
  @DisplayName("Headers with a bad name or a line break in the value are refused, without showing the value")
  void badHeaders_areRefused() {
    HttpPurchaseVerifier.Builder builder = HttpPurchaseVerifier.builder(orders.url(OrderService.PATH));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> builder.header("Authorization", "Bearer s3cr3t\r\nX-Admin: yes"));
    assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> builder.header("Auth orization", "x"));
    assertThrows(IllegalArgumentException.class, () -> builder.header("", "x"));
    assertThrows(IllegalArgumentException.class, () -> builder.header("X-Name", "caf\u00e9"));
    builder.header("Authorization", "Bearer a");
    IllegalStateException twice = assertThrows(IllegalStateException.class, () -> builder.header("authorization", "b"));
    assertFalse(twice.getMessage().contains("Bearer"), twice.getMessage());
  }

  @Test
  @DisplayName("Timeouts, retries and backoffs out of range, or set twice, are refused at once")
  void builderSettings_areChecked() {
    HttpPurchaseVerifier.Builder builder = HttpPurchaseVerifier.builder(orders.url(OrderService.PATH));

    assertThrows(IllegalArgumentException.class, () -> builder.timeout(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> builder.timeout(Duration.ofMinutes(6)));
    assertThrows(IllegalArgumentException.class, () -> builder.retries(-1));
    assertThrows(IllegalArgumentException.class, () -> builder.retries(HttpPurchaseVerifier.MAX_RETRIES + 1));
    assertThrows(IllegalArgumentException.class, () -> builder.backoff(Duration.ofMillis(200), Duration.ofMillis(100)));
    assertThrows(IllegalArgumentException.class, () -> builder.backoff(Duration.ZERO, Duration.ofMillis(100)));
    assertThrows(NullPointerException.class, () -> HttpPurchaseVerifier.builder(null));
    builder.timeout(Duration.ofSeconds(1)).retries(3).backoff(Duration.ofMillis(1), Duration.ofMillis(2))
        .sleeper(duration -> { }).httpClient(new OkHttpClient());
    assertThrows(IllegalStateException.class, () -> builder.timeout(Duration.ofSeconds(2)));
    assertThrows(IllegalStateException.class, () -> builder.retries(1));
    assertThrows(IllegalStateException.class, () -> builder.backoff(Duration.ofMillis(1), Duration.ofMillis(2)));
    assertThrows(IllegalStateException.class, () -> builder.sleeper(duration -> { }));
    assertThrows(IllegalStateException.class, () -> builder.httpClient(new OkHttpClient()));
  }

  @Test
  @DisplayName("A header set after build() is not sent by the verifier built before")
  void builtVerifier_doesNotChangeWithItsBuilder() {
    orders.server.stubFor(get(anyUrl()).willReturn(notFound()));
    HttpPurchaseVerifier.Builder builder = HttpPurchaseVerifier.builder(orders.url(OrderService.PATH));
    HttpPurchaseVerifier before = builder.build();
    builder.header("X-Later", "yes");

    before.findPurchase(UserId.of("ada"), ProductId.of("sku-1"), null);
    builder.build().findPurchase(UserId.of("ada"), ProductId.of("sku-1"), null);

    orders.server.verify(1, getRequestedFor(anyUrl()).withHeader("X-Later", absent()));
    orders.server.verify(1, getRequestedFor(anyUrl()).withHeader("X-Later", equalTo("yes")));
  }
}
