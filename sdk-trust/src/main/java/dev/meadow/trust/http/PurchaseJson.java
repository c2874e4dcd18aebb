package dev.meadow.trust.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.meadow.core.IntegrationException;
import dev.meadow.core.OrderId;
import dev.meadow.core.ProductId;
import dev.meadow.core.ValidationException;
import dev.meadow.core.reviews.Purchase;
import dev.meadow.core.reviews.PurchaseState;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/** Reads the body of a 200 answer: one purchase, as the JSON contract describes it. */
final class PurchaseJson {
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .build();

  private PurchaseJson() {}

  /**
   * Returns the purchase {@code body} describes.
   *
   * @param service how messages name the service
   * @throws IntegrationException if the body is not a JSON object with the contract's four fields
   */
  static Purchase read(String service, byte[] body) {
    if (body.length == 0) {
      throw bad(service, "an empty body (a service that knows of no purchase answers 404)", null);
    }
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw bad(service, "a body that is not JSON", e);
    } catch (IOException e) {
      throw bad(service, "a body that could not be read", e);
    }
    if (root == null || !root.isObject()) {
      throw bad(service, "a body that is not a JSON object", null);
    }
    if (root.has("found") && !root.has("orderId")) {
      throw bad(service, "no purchase in its body (\"found\" is not part of the contract:"
          + " a service that knows of no purchase answers 404)", null);
    }
    try {
      OrderId orderId = OrderId.of(text(root, "orderId"));
      ProductId productId = ProductId.of(text(root, "productId"));
      String at = text(root, "purchasedAt");
      String state = text(root, "state");
      PurchaseState purchaseState;
      try {
        purchaseState = PurchaseState.valueOf(state);
      } catch (IllegalArgumentException e) {
        throw new Missing("state", "is " + quoted(state) + ", not ORDERED, PAID, DELIVERED or REFUNDED");
      }
      try {
        return new Purchase(orderId, productId, OffsetDateTime.parse(at).toInstant(), purchaseState);
      } catch (DateTimeParseException e) {
        throw new Missing("purchasedAt", "is " + quoted(at) + ", not an ISO-8601 time with an offset"
            + " such as 2026-04-21T09:30:00Z");
      }
    } catch (Missing e) {
      throw bad(service, "a purchase whose " + e.field + " " + e.why, null);
    } catch (ValidationException e) {
      throw bad(service, "a purchase with an invalid id", e);
    }
  }

  private static String text(JsonNode root, String field) {
    JsonNode value = root.get(field);
    if (value == null || value.isNull()) {
      throw new Missing(field, "is missing (a 200 answer is a purchase: orderId, productId, purchasedAt, state)");
    }
    if (!value.isTextual()) {
      throw new Missing(field, "is not a JSON string");
    }
    return value.textValue();
  }

  private static String quoted(String value) {
    String shown = value.length() <= 40 ? value : value.substring(0, 40) + "…";
    return "\"" + shown.replaceAll("[^\\x20-\\x7e]", "?") + "\"";
  }

  private static IntegrationException bad(String service, String what, @Nullable Exception cause) {
    return new IntegrationException("purchase service " + service + " answered 200 with " + what, cause);
  }

  /** A field of the body that is absent or unusable. */
  private static final class Missing extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final String field;
    final String why;

    Missing(String field, String why) {
      super(field + " " + why, null, false, false);
      this.field = field;
      this.why = why;
    }
  }
}
