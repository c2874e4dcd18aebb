package dev.meadow.core.referrals;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.meadow.core.ValidationException;
import java.security.SecureRandom;

/**
 * The code in a share link: 11 random URL-safe characters (66 bits from a secure random source),
 * derived from no id, so that codes can be neither guessed nor enumerated.
 *
 * @param value 8 to 12 characters from {@code A-Z a-z 0-9 - _}
 */
public record ShareCode(@JsonValue String value) implements Comparable<ShareCode> {
  /** The length of codes Meadow issues. */
  public static final int LENGTH = 11;

  /** The shortest code accepted. */
  public static final int MIN_LENGTH = 8;

  /** The longest code accepted. */
  public static final int MAX_LENGTH = 12;

  private static final char[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();

  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * Checks the code's form.
   *
   * @throws ValidationException naming {@code code} if {@code value} is not a share code
   */
  public ShareCode {
    if (value == null || value.length() < MIN_LENGTH || value.length() > MAX_LENGTH) {
      throw ValidationException.of("code", "malformed",
          "a share code is " + MIN_LENGTH + " to " + MAX_LENGTH + " URL-safe characters");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean safe = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
      if (!safe) {
        throw ValidationException.of("code", "malformed", "a share code holds only A-Z, a-z, 0-9, - and _");
      }
    }
  }

  /**
   * Returns the code for {@code value}, as a visitor's link carried it.
   *
   * @throws ValidationException naming {@code code} if {@code value} is not a share code
   */
  @JsonCreator
  public static ShareCode of(String value) {
    return new ShareCode(value);
  }

  /** Returns a new random code of {@value #LENGTH} characters, 6 random bits each. */
  public static ShareCode random() {
    char[] code = new char[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      code[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new ShareCode(new String(code));
  }

  @Override
  public int compareTo(ShareCode other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
