package dev.meadow.core;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The rules for URLs users give Meadow (media, links): absolute {@code http} or {@code https}
 * only, with a host, without user information (which hides the real host from readers:
 * {@code https://shop.example@evil.example}), without white space or control characters, and at
 * most {@value #MAX_LENGTH} characters.
 */
public final class WebUrl {
  /** The longest URL accepted, in characters. */
  public static final int MAX_LENGTH = 2048;

  private WebUrl() {}

  /**
   * Returns {@code value} as a checked URL, its scheme and host lower-cased.
   *
   * @param field the field name reported in a violation
   * @throws ValidationException if {@code value} is null, blank or breaks a rule
   */
  public static String require(String field, @Nullable String value) {
    if (value == null || value.isBlank()) {
      throw ValidationException.of(field, "required", "must not be blank");
    }
    if (value.length() > MAX_LENGTH) {
      throw ValidationException.of(field, "too_long", "must be at most " + MAX_LENGTH + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= ' ' || c == 0x7f || Character.isWhitespace(c) || Character.isSurrogate(c) && !validPair(value, i)) {
        throw invalid(field, "must not contain white space, control characters or unpaired surrogates");
      }
    }
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw invalid(field, "is not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw ValidationException.of(field, "scheme", "must be an http or https URL");
    }
    if (uri.getRawUserInfo() != null) {
      throw invalid(field, "must not contain user information");
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw invalid(field, "must name a host");
    }
    return scheme + "://" + uri.getRawAuthority().toLowerCase(Locale.ROOT)
        + (uri.getRawPath() == null ? "" : uri.getRawPath())
        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
        + (uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment());
  }

  private static boolean validPair(String value, int i) {
    char c = value.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
  }

  private static ValidationException invalid(String field, String message) {
    return ValidationException.of(field, "invalid_url", message);
  }
}
