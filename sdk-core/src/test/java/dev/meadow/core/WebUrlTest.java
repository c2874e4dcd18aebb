package dev.meadow.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebUrlTest {
  @Test
  void require_acceptsHttpAndHttpsAndLowerCasesSchemeAndHost() {
    assertEquals("https://cdn.shop.example/img/Shoe%20A.jpg?w=640#top",
        WebUrl.require("mediaUrl", "HTTPS://CDN.Shop.Example/img/Shoe%20A.jpg?w=640#top"));
    assertEquals("http://shop.example:8080/p/1", WebUrl.require("mediaUrl", "http://shop.example:8080/p/1"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "ftp://shop.example/f",
      "file:///etc/passwd", "//shop.example/x", "/relative/path", "shop.example/x", "https://", "https:///path",
      "https://shop.example@evil.example/", "https://user:pw@shop.example/", "https://shop.example/a b",
      "https://shop.example/\u0000", "https://shop.example/\n", "https://shop.example/\ud800", "", " ",
      "https://shop.example/<script>", "https://exa mple.com"})
  void require_rejects(String value) {
    ValidationException e = assertThrows(ValidationException.class, () -> WebUrl.require("mediaUrls[3]", value));
    assertTrue(e.names("mediaUrls[3]"), e.getMessage());
  }

  @Test
  void require_rejectsOverlongUrls() {
    String url = "https://shop.example/" + "a".repeat(WebUrl.MAX_LENGTH);
    assertEquals("too_long", assertThrows(ValidationException.class, () -> WebUrl.require("link", url))
        .violations().get(0).code());
  }

  @Test
  void require_rejectsNull() {
    assertThrows(ValidationException.class, () -> WebUrl.require("link", null));
  }
}
