package dev.meadow.core.internal;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.ValidationException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Random;

/**
 * Generates Meadow's own ids: 26-character ULIDs (48-bit millisecond time, 80 random bits, in
 * Crockford base 32). They sort by creation time as plain strings, are URL-safe, and are
 * monotonic per generator: within one millisecond, or when the clock steps back, the random part
 * is incremented instead of drawn again, so every id is greater than the one before.
 *
 * <p>Thread-safe.
 */
public final class Ulids {
  /** The length of every id, in characters. */
  public static final int LENGTH = 26;

  private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  private static final long MAX_TIME = (1L << 48) - 1;

  private final Clock clock;
  private final Random random;
  private long lastTime = -1;
  private long randomHigh; // 16 bits
  private long randomLow; // 64 bits

  private Ulids(Clock clock, Random random) {
    this.clock = requireNonNull(clock, "clock");
    this.random = requireNonNull(random, "random");
  }

  /** Returns a generator reading time from {@code clock} and randomness from a SecureRandom. */
  public static Ulids create(Clock clock) {
    return new Ulids(clock, new SecureRandom());
  }

  /** Returns a generator with the given source of randomness; for tests and benchmarks. */
  public static Ulids create(Clock clock, Random random) {
    return new Ulids(clock, random);
  }

  /** Returns a new id, greater than every id this generator returned before. */
  public String next() {
    long now = Math.min(Math.max(clock.millis(), 0), MAX_TIME);
    long time;
    long high;
    long low;
    synchronized (this) {
      if (now > lastTime) {
        lastTime = now;
        randomHigh = random.nextInt(1 << 16);
        randomLow = random.nextLong();
      } else {
        randomLow++;
        if (randomLow == 0) {
          randomHigh = (randomHigh + 1) & 0xFFFF;
          if (randomHigh == 0) {
            // 80 bits ran over within one millisecond: borrow the next millisecond.
            lastTime++;
          }
        }
      }
      time = lastTime;
      high = randomHigh;
      low = randomLow;
    }
    return encode(time, high, low);
  }

  static String encode(long time, long high16, long low64) {
    char[] out = new char[LENGTH];
    // 10 characters of time (50 bits, top 2 always zero).
    for (int i = 9; i >= 0; i--) {
      out[i] = ALPHABET[(int) (time & 31)];
      time >>>= 5;
    }
    // 16 characters of the 80 random bits: high16 then low64.
    long lo = low64;
    long hi = high16;
    for (int i = 25; i >= 10; i--) {
      out[i] = ALPHABET[(int) (lo & 31)];
      lo = (lo >>> 5) | ((hi & 31) << 59);
      hi >>>= 5;
    }
    return new String(out);
  }

  /** Returns the millisecond timestamp held in a valid id. */
  public static long timestamp(String id) {
    long time = 0;
    for (int i = 0; i < 10; i++) {
      time = (time << 5) | decode(id.charAt(i));
    }
    return time;
  }

  /**
   * Checks that {@code value} is a well-formed id and returns it.
   *
   * @throws ValidationException naming {@code field} if it is not
   */
  public static String check(String field, String value) {
    requireNonNull(value, field);
    if (!isValid(value)) {
      throw ValidationException.of(field, "malformed_id", "must be a 26-character Meadow id");
    }
    return value;
  }

  /** Returns whether {@code value} is a well-formed id. */
  public static boolean isValid(String value) {
    if (value.length() != LENGTH || value.charAt(0) > '7') {
      return false;
    }
    for (int i = 0; i < LENGTH; i++) {
      if (decode(value.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  private static int decode(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'A' && c <= 'Z') {
      int index = c - 'A' + 10;
      // Crockford base 32 leaves out I, L, O and U.
      if (c == 'I' || c == 'L' || c == 'O' || c == 'U') {
        return -1;
      }
      int skipped = (c > 'I' ? 1 : 0) + (c > 'L' ? 1 : 0) + (c > 'O' ? 1 : 0) + (c > 'U' ? 1 : 0);
      return index - skipped;
    }
    return -1;
  }
}
