package dev.meadow.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageRequestTest {
  @ParameterizedTest
  @ValueSource(ints = {Integer.MIN_VALUE, -1, 0, 101, 1_000_000, Integer.MAX_VALUE})
  void limit_outOfRangeIsRejectedNamingLimit(int limit) {
    assertTrue(assertThrows(ValidationException.class, () -> PageRequest.first(limit)).names("limit"));
  }

  @Test
  void limit_boundsAreAccepted() {
    assertEquals(1, PageRequest.first(1).limit());
    assertEquals(100, PageRequest.first(100).limit());
    assertEquals(20, PageRequest.first().limit());
  }

  @Test
  void cursor_blankOrOverlongIsRejectedNamingCursor() {
    assertTrue(assertThrows(ValidationException.class, () -> PageRequest.of(10, " ")).names("cursor"));
    assertTrue(assertThrows(ValidationException.class, () -> PageRequest.of(10, "c".repeat(1025))).names("cursor"));
  }

  @Test
  void next_followsThePageCursorAndRefusesAfterTheLastPage() {
    Page<String> page = new Page<>(List.of("a"), "abc.def");
    assertEquals(PageRequest.of(5, "abc.def"), PageRequest.first(5).next(page));
    Page<String> last = new Page<>(List.of("a"), null);
    assertFalse(last.hasNext());
    assertThrows(IllegalStateException.class, () -> PageRequest.first(5).next(last));
  }

  @Test
  void page_copiesItsItems() {
    List<String> items = new java.util.ArrayList<>(List.of("a"));
    Page<String> page = new Page<>(items, null);
    items.add("b");
    assertEquals(List.of("a"), page.items());
    assertEquals(List.of(1), page.map(String::length).items());
  }
}
