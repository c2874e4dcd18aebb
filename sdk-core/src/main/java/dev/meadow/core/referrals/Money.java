package dev.meadow.core.referrals;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.ValidationException;
import java.math.BigDecimal;
import java.util.Currency;

/**
 * An exact amount of money: a whole number of the currency's minor units (cents, pence, fen),
 * never a floating-point number.
 *
 * @param minor the amount in minor units, 0 or more
 * @param currency the currency
 */
public record Money(long minor, Currency currency) implements Comparable<Money> {
  /** The largest amount accepted, in minor units: ten trillion, far beyond any order. */
  public static final long MAX_MINOR = 10_000_000_000_000L;

  /**
   * Checks the amount.
   *
   * @throws ValidationException naming {@code amount} if it is negative or above {@link #MAX_MINOR}
   */
  public Money {
    requireNonNull(currency, "currency");
    if (minor < 0 || minor > MAX_MINOR) {
      throw ValidationException.of("amount", "out_of_range", "must be 0 to " + MAX_MINOR + " minor units, was " + minor);
    }
  }

  /** Returns {@code minor} units of {@code currency}. */
  public static Money of(long minor, Currency currency) {
    return new Money(minor, currency);
  }

  /** Returns {@code minor} units of the currency with ISO 4217 code {@code currencyCode}. */
  public static Money of(long minor, String currencyCode) {
    requireNonNull(currencyCode, "currencyCode");
    Currency currency;
    try {
      currency = Currency.getInstance(currencyCode);
    } catch (IllegalArgumentException e) {
      throw ValidationException.of("currency", "unknown", "is not an ISO 4217 currency code");
    }
    return new Money(minor, currency);
  }

  /** Returns nothing of {@code currency}. */
  public static Money zero(Currency currency) {
    return new Money(0, currency);
  }

  /** Returns this amount plus {@code other}, which must be in the same currency. */
  public Money plus(Money other) {
    sameCurrency(other);
    return new Money(Math.addExact(minor, other.minor), currency);
  }

  /** Returns this amount less {@code other}, which must be in the same currency and no larger. */
  public Money minus(Money other) {
    sameCurrency(other);
    return new Money(minor - other.minor, currency);
  }

  /** Returns the smaller of this amount and {@code other}, in the same currency. */
  public Money min(Money other) {
    sameCurrency(other);
    return minor <= other.minor ? this : other;
  }

  /**
   * Returns {@code basisPoints} hundredths of a percent of this amount, rounded down to a whole
   * minor unit, so that a reward never exceeds its rate.
   *
   * @throws IllegalArgumentException if {@code basisPoints} is not 0 to 10,000
   */
  public Money percent(int basisPoints) {
    if (basisPoints < 0 || basisPoints > 10_000) {
      throw new IllegalArgumentException("basisPoints must be 0 to 10000, was " + basisPoints);
    }
    // At most 10^13 * 10^4: no overflow.
    return new Money(minor * basisPoints / 10_000, currency);
  }

  /** Returns this amount as a decimal in major units, such as {@code 12.50}. */
  public BigDecimal toDecimal() {
    return BigDecimal.valueOf(minor, Math.max(currency.getDefaultFractionDigits(), 0));
  }

  /** Returns whether this amount is in {@code currency}. */
  public boolean isIn(Currency currency) {
    return this.currency.equals(currency);
  }

  @Override
  public int compareTo(Money other) {
    sameCurrency(other);
    return Long.compare(minor, other.minor);
  }

  private void sameCurrency(Money other) {
    requireNonNull(other, "other");
    if (!currency.equals(other.currency)) {
      throw ValidationException.of("currency", "mismatch", "expected " + currency + ", was " + other.currency);
    }
  }

  @Override
  public String toString() {
    return toDecimal().toPlainString() + " " + currency.getCurrencyCode();
  }
}
