package dev.meadow.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlainTextTest {
  private static ValidationException.Violation rejected(String value, int max) {
    ValidationException e = assertThrows(ValidationException.class, () -> PlainText.require("body", value, max));
    assertEquals(1, e.violations().size());
    assertEquals("body", e.violations().get(0).field());
    return e.violations().get(0);
  }

  @Test
  void require_normalisesToNfc() {
    assertEquals("caf\u00e9", PlainText.require("body", "cafe\u0301", 10));
  }

  @Test
  void require_keepsNewlinesAndTabsAndNormalisesLineBreaks() {
    assertEquals("line 1\nline 2\n\tindented\nline 4", PlainText.require("body", "line 1\r\nline 2\n\tindented\rline 4", 100));
  }

  @Test
  void require_stripsSurroundingWhiteSpace() {
    assertEquals("Fits true to size", PlainText.require("body", "  \n Fits true to size \t\n", 100));
  }

  @Test
  void require_storesMarkupAndSqlAsTheCharactersTyped() {
    String text = "<script>alert('x')</script> '; DROP TABLE meadow_groups; -- &amp;";
    assertEquals(text, PlainText.require("body", text, 200));
  }

  @Test
  void require_countsCodePointsNotChars() {
    assertEquals("🌿".repeat(5), PlainText.require("body", "🌿".repeat(5), 5));
    assertEquals("too_long", rejected("🌿".repeat(6), 5).code());
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\u0000b", "a\u0007b", "a\u001bb", "a\u007fb", "a\u0085b", "a\u009fb"})
  void require_rejectsControlCharacters(String value) {
    assertEquals("control_character", rejected(value, 100).code());
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\ud800b", "a\udfffb", "\ud83c", "x\udc00\ud800"})
  void require_rejectsLoneSurrogates(String value) {
    assertEquals("lone_surrogate", rejected(value, 100).code());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\n\t  "})
  void require_rejectsBlank(String value) {
    assertEquals("required", rejected(value, 100).code());
    assertNull(PlainText.optional("body", value, 100));
  }

  @Test
  void require_rejectsNullAsMissingInput() {
    assertEquals("required", rejected(null, 100).code());
    assertNull(PlainText.optional("body", null, 100));
  }

  @Test
  void require_rejectsHugeInputWithoutNormalisingIt() {
    String huge = "x".repeat(50_000_000);
    assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertEquals("too_long", rejected(huge, 1000).code()));
  }

  @Test
  void token_refusesLineBreaksAndKeepsTheValueExact() {
    assertEquals("cafe\u0301", PlainText.token("sku", "cafe\u0301", 10), "ids are not normalised");
    assertThrows(ValidationException.class, () -> PlainText.token("sku", "a\nb", 10));
    assertThrows(ValidationException.class, () -> PlainText.token("sku", "a\tb", 10));
  }

  @Test
  void maxLength_mustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> PlainText.require("body", "x", 0));
  }
}
