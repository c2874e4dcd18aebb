package dev.meadow.core.reviews;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The evidence behind a review's verification, kept as data: what the host reported and whether
 * it met the shop's {@link VerificationRule} when checked.
 *
 * @param purchase the purchase the host reported, or {@code null} if it reported none
 * @param checkedAt when Meadow asked
 * @param verified whether the purchase met the rule
 * @param reason why it did not, or {@code null} when verified
 */
public record Verification(@Nullable Purchase purchase, Instant checkedAt, boolean verified, @Nullable String reason) {
  public Verification {
    requireNonNull(checkedAt, "checkedAt");
  }
}
