package dev.meadow.core;

import java.text.Normalizer;
import org.jspecify.annotations.Nullable;

/**
 * The rules every piece of user text passes before Meadow stores it.
 *
 * <p>Text is stored as plain text: it is normalised to Unicode NFC, line breaks are normalised to
 * {@code \n}, and leading and trailing white space is removed. Control characters other than
 * newline and tab are rejected, and so are unpaired surrogates. Lengths are counted in code points
 * after normalisation. HTML is never interpreted: {@code <script>} is stored as the eight
 * characters the user typed, and whoever renders it must escape it.
 *
 * <p>Every failure is a {@link ValidationException} naming the field it was given.
 */
public final class PlainText {
  private PlainText() {}

  /**
   * Returns {@code value} cleaned for storage.
   *
   * @param field the field name reported in a violation
   * @param value the text as the user sent it
   * @param maxLength the most code points allowed after normalisation, at least 1
   * @throws ValidationException if {@code value} is null or blank, too long, or holds a forbidden
   *     character
   */
  public static String require(String field, @Nullable String value, int maxLength) {
    String cleaned = optional(field, value, maxLength);
    if (cleaned == null) {
      throw ValidationException.of(field, "required", "must not be blank");
    }
    return cleaned;
  }

  /**
   * Returns {@code value} cleaned for storage, or {@code null} when it is null or blank.
   *
   * @throws ValidationException if {@code value} is too long or holds a forbidden character
   */
  public static @Nullable String optional(String field, @Nullable String value, int maxLength) {
    checkMaxLength(maxLength);
    if (value == null) {
      return null;
    }
    // A hostile client can send megabytes; refuse before normalising so the cost stays bounded.
    if (value.length() > maxLength * 4L + 16) {
      throw tooLong(field, maxLength);
    }
    rejectForbidden(field, value, true);
    String text = Normalizer.normalize(value.replace("\r\n", "\n").replace('\r', '\n'), Normalizer.Form.NFC).strip();
    if (text.isEmpty()) {
      return null;
    }
    if (text.codePointCount(0, text.length()) > maxLength) {
      throw tooLong(field, maxLength);
    }
    return text;
  }

  /**
   * Checks a single-line token such as an external id: 1 to {@code maxLength} code points, no
   * control characters at all (not even newline or tab), no unpaired surrogates, and no leading or
   * trailing white space. Unlike {@link #require}, the value is returned unchanged, because ids
   * must match the host's exactly.
   *
   * @throws ValidationException if the token breaks a rule
   */
  public static String token(String field, @Nullable String value, int maxLength) {
    checkMaxLength(maxLength);
    if (value == null || value.isEmpty()) {
      throw ValidationException.of(field, "required", "must not be empty");
    }
    if (value.length() > maxLength * 2L) {
      throw tooLong(field, maxLength);
    }
    rejectForbidden(field, value, false);
    if (!value.strip().equals(value)) {
      throw ValidationException.of(field, "whitespace", "must not start or end with white space");
    }
    if (value.codePointCount(0, value.length()) > maxLength) {
      throw tooLong(field, maxLength);
    }
    return value;
  }

  private static void rejectForbidden(String field, String value, boolean allowLineBreaks) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
          i++;
          continue;
        }
        throw loneSurrogate(field, i);
      }
      if (Character.isLowSurrogate(c)) {
        throw loneSurrogate(field, i);
      }
      boolean lineBreak = c == '\n' || c == '\t' || c == '\r';
      if (Character.isISOControl(c) && !(allowLineBreaks && lineBreak)) {
        throw ValidationException.of(
            field, "control_character",
            String.format("must not contain control character U+%04X (at index %d)", (int) c, i));
      }
    }
  }

  private static ValidationException loneSurrogate(String field, int index) {
    return ValidationException.of(
        field, "lone_surrogate", "must not contain an unpaired surrogate (at index " + index + ")");
  }

  private static ValidationException tooLong(String field, int maxLength) {
    return ValidationException.of(field, "too_long", "must be at most " + maxLength + " characters");
  }

  private static void checkMaxLength(int maxLength) {
    if (maxLength < 1) {
      throw new IllegalArgumentException("maxLength must be at least 1, was " + maxLength);
    }
  }
}
