package dev.meadow.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HostIdsTest {
  static Stream<Arguments> hostIds() {
    return Stream.of(
        Arguments.of("userId", (Function<String, Object>) UserId::of),
        Arguments.of("productId", (Function<String, Object>) ProductId::of),
        Arguments.of("storeId", (Function<String, Object>) StoreId::of),
        Arguments.of("orderId", (Function<String, Object>) OrderId::of));
  }

  static Stream<Arguments> hostile() {
    String[] bad = {"", "x".repeat(129), "a\u0000b", "a\nb", "a\tb", "a\u001bb", "a\u0085b", "\ud800", "a\udc00b",
        " leading", "trailing ", "\u3000wide-space"};
    return hostIds().flatMap(id -> Stream.of(bad).map(v -> Arguments.of(id.get()[0], id.get()[1], v)));
  }

  @ParameterizedTest(name = "{0} accepts ordinary, long and non-Latin values")
  @MethodSource("hostIds")
  void accepts(String field, Function<String, Object> factory) {
    for (String value : new String[] {"42", "u_9f8e-7d6c", "x".repeat(128), "🌿".repeat(128), "用户-7",
        "'; DROP TABLE users; --", "<script>"}) {
      assertEquals(value, factory.apply(value).toString());
    }
  }

  @ParameterizedTest(name = "{0} rejects {2}")
  @MethodSource("hostile")
  void rejects(String field, Function<String, Object> factory, String value) {
    ValidationException e = assertThrows(ValidationException.class, () -> factory.apply(value));
    assertTrue(e.names(field), e.getMessage());
  }

  @Test
  void null_isApiMisuse() {
    assertThrows(NullPointerException.class, () -> UserId.of(null));
  }

  @Test
  void equality_isByValue() {
    assertEquals(UserId.of("a"), new UserId("a"));
  }
}
