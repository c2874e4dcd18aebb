package dev.meadow.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** What hostile-input tests feed Meadow's services: text, ids and URLs no field accepts, and cursor surgery. */
public final class HostileInput {
  /** Markup, which Meadow stores as the plain text it is. */
  public static final String SCRIPT = "<script>alert('meadow')</script>";

  /** An SQL fragment, which Meadow stores as the plain text it is. */
  public static final String SQL = "'; DROP TABLE meadow_review; --";

  /** Text no text field accepts, by what is wrong with it. */
  public static final Map<String, String> FORBIDDEN_TEXT = forbiddenText();

  /** Strings that are not Meadow ids. */
  public static final List<String> MALFORMED_IDS = List.of("", "x", SQL, SCRIPT, "01JD5Z8Y0Q3E4N6V7W8X9Y0Z1!",
      "01jd5z8y0q3e4n6v7w8x9y0z1a", "81JD5Z8Y0Q3E4N6V7W8X9Y0Z1A", "01JD5Z8Y0Q3E4N6V7W8X9Y0Z1AA", "01JD5Z8Y0Q3E4N6V7W8X9Y0Z1\u0000");

  /** Strings that are not host ids (of users, stores, products, orders). */
  public static final List<String> MALFORMED_HOST_IDS = List.of("", " ann", "ann ", "a\u0000b", "tab\tid", "new\nline",
      "x".repeat(129), "lone\ud800", "\udc00lone");

  /** Strings that are not http or https URLs Meadow accepts. */
  public static final List<String> MALFORMED_URLS = List.of("javascript:alert(1)", "ftp://example.com/a.jpg", "https://",
      "https://user:secret@example.com/a.jpg", "https://exa mple.com/a.jpg", "https://example.com/" + "a".repeat(2048),
      "https://example.com/\u0000", SQL, SCRIPT);

  /** Strings no listing issues as a cursor. */
  public static final List<String> GARBAGE_CURSORS = List.of("garbage", "AAAA.BBBB", "a.b.c", ".", SQL, SCRIPT,
      "eyJ4IjoxfQ.eyJ4IjoxfQ", "\u0000.\u0000");

  private HostileInput() {}

  /**
   * Page requests no listing accepts, by what is wrong with them, each made for a test's world:
   * garbage, a real cursor of the listing (from {@code cursor}) with its position or signature
   * altered or cut short, one issued for another listing or by another shop's Meadow, blank or
   * over-long cursors, and page sizes out of range.
   */
  public static <W> Map<String, Function<W, PageRequest>> badPageRequests(Function<W, String> cursor,
      Function<W, String> otherListing, Function<W, String> strangers) {
    Map<String, Function<W, PageRequest>> requests = new LinkedHashMap<>();
    for (String garbage : GARBAGE_CURSORS) {
      requests.put(printable(garbage), w -> PageRequest.of(5, garbage));
    }
    requests.put("its position altered", w -> PageRequest.of(5, alter(cursor.apply(w), 0)));
    requests.put("its signature altered", w -> PageRequest.of(5, alter(cursor.apply(w), cursor.apply(w).length() - 1)));
    requests.put("cut short", w -> PageRequest.of(5, cursor.apply(w).substring(0, cursor.apply(w).length() - 2)));
    requests.put("issued for another listing", w -> PageRequest.of(5, otherListing.apply(w)));
    requests.put("issued by another shop's Meadow for this listing", w -> PageRequest.of(5, strangers.apply(w)));
    for (int limit : List.of(0, -1, PageRequest.MAX_LIMIT + 1, Integer.MAX_VALUE, Integer.MIN_VALUE)) {
      requests.put("page size " + limit, w -> PageRequest.of(limit, null));
    }
    requests.put("blank", w -> PageRequest.of(5, "  "));
    requests.put("over-long", w -> PageRequest.of(5, "A".repeat(PageRequest.MAX_CURSOR_LENGTH + 1)));
    return requests;
  }

  private static Map<String, String> forbiddenText() {
    Map<String, String> text = new LinkedHashMap<>();
    text.put("NUL", "tea\u0000time");
    text.put("escape sequence", "tea\u001b[2Jtime");
    text.put("bell", "tea\u0007");
    text.put("DEL", "tea\u007f");
    text.put("C1 control", "tea\u0085");
    text.put("lone high surrogate", "tea\ud83c");
    text.put("lone low surrogate", "\udf75tea");
    text.put("a megabyte", "x".repeat(1_000_000));
    return Collections.unmodifiableMap(text);
  }

  /** Returns {@code values} keyed by how each prints in a test name. */
  public static Map<String, String> named(List<String> values) {
    Map<String, String> named = new LinkedHashMap<>();
    values.forEach(value -> named.put(printable(value), value));
    return named;
  }

  /** Returns {@code input} fit for a test name: control characters and lone surrogates escaped, long text cut. */
  public static String printable(String input) {
    StringBuilder out = new StringBuilder();
    input.codePoints().limit(40).forEach(cp -> {
      if (Character.isISOControl(cp) || Character.isSurrogate((char) cp) && Character.charCount(cp) == 1) {
        out.append(String.format("\\u%04X", cp));
      } else {
        out.appendCodePoint(cp);
      }
    });
    if (input.isEmpty()) {
      return "(empty)";
    }
    return input.codePointCount(0, input.length()) > 40 ? out + "… (" + input.length() + ")" : out.toString();
  }

  /** Returns a cursor with the character at {@code index} replaced by another URL-safe one. */
  public static String alter(String cursor, int index) {
    char replacement = cursor.charAt(index) == 'A' ? 'B' : 'A';
    return cursor.substring(0, index) + replacement + cursor.substring(index + 1);
  }

  /** Returns what a cursor holds, unchecked: the listing's name, then the position's parts. */
  public static List<String> cursorFields(String cursor) {
    byte[] payload = Base64.getUrlDecoder().decode(cursor.substring(0, cursor.indexOf('.')));
    String body = new String(payload, 1, payload.length - 1, StandardCharsets.UTF_8);
    return new ArrayList<>(List.of(body.split("\u001f", -1)));
  }
}
