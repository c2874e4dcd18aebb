package dev.meadow.core.modules;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.Page;
import dev.meadow.core.ValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CursorsTest {
  private final Cursors cursors = Cursors.withSecret("0123456789abcdef-secret".getBytes(UTF_8));

  private static void assertRejected(Runnable decode) {
    ValidationException e = assertThrows(ValidationException.class, decode::run);
    assertTrue(e.names("cursor"), e.getMessage());
  }

  @Test
  void decode_returnsThePartsEncoded() {
    String cursor = cursors.encode("group.members", "01JD5Z8Y0Q3E4N6V7W8X9Y0Z1A", "1700000000000", "user ü 🌿");
    assertEquals(List.of("01JD5Z8Y0Q3E4N6V7W8X9Y0Z1A", "1700000000000", "user ü 🌿"),
        cursors.decode("group.members", cursor, 3));
    assertTrue(cursor.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"), "URL-safe: " + cursor);
  }

  @Test
  void decode_rejectsACursorOfAnotherListing() {
    String cursor = cursors.encode("outbox.dead", "x");
    assertRejected(() -> cursors.decode("group.members", cursor, 1));
  }

  @Test
  void decode_rejectsTheWrongNumberOfParts() {
    String cursor = cursors.encode("group.members", "a", "b");
    assertRejected(() -> cursors.decode("group.members", cursor, 3));
  }

  @Test
  void decode_rejectsACursorSignedWithAnotherSecret() {
    String cursor = Cursors.withSecret("another-secret-of-16+".getBytes(UTF_8)).encode("group.members", "a");
    assertRejected(() -> cursors.decode("group.members", cursor, 1));
  }

  @Test
  void decode_rejectsEveryAlteredCharacter() {
    String cursor = cursors.encode("group.members", "01JD5Z8Y0Q3E4N6V7W8X9Y0Z1A", "17", "bob");
    for (int i = 0; i < cursor.length(); i++) {
      char c = cursor.charAt(i);
      String altered = cursor.substring(0, i) + (c == 'A' ? 'B' : 'A') + cursor.substring(i + 1);
      assertRejected(() -> cursors.decode("group.members", altered, 3));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"x", ".", "..", "a.b.c", "not base64!.x", "' OR 1=1 --", "<script>alert(1)</script>",
      "AAAA.AAAA", "%00", "\u0000", "eyJsaW1pdCI6MTB9"})
  void decode_rejectsGarbage(String garbage) {
    assertRejected(() -> cursors.decode("group.members", garbage, 1));
  }

  @Test
  void decode_rejectsAHugeCursor() {
    assertRejected(() -> cursors.decode("group.members", "A".repeat(10_000) + ".AAAA", 1));
  }

  @Test
  void page_makesACursorOnlyWhenMoreRowsFollow() {
    Page<String> last = cursors.page(List.of("a", "b"), 2, "l", s -> new String[] {s});
    assertEquals(List.of("a", "b"), last.items());
    assertNull(last.nextCursor());
    Page<String> more = cursors.page(List.of("a", "b", "c"), 2, "l", s -> new String[] {s});
    assertEquals(List.of("a", "b"), more.items());
    assertEquals(List.of("b"), cursors.decode("l", more.nextCursor(), 1));
  }

  @Test
  void withSecret_refusesShortSecrets() {
    assertThrows(IllegalArgumentException.class, () -> Cursors.withSecret(new byte[15]));
  }
}
