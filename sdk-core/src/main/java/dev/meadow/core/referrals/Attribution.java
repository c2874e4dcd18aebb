package dev.meadow.core.referrals;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.UserId;
import java.time.Instant;
import java.util.List;

/**
 * A new customer bound to the referrer whose link brought them, with the fraud checks' findings.
 *
 * @param customer the new customer
 * @param referrer who referred them
 * @param code the link that won under the program's touch model
 * @param programId the program the link belongs to
 * @param attributedAt when the customer signed up
 * @param reasons why the binding is suspect (see {@link FraudReason}); empty when nothing is
 */
public record Attribution(UserId customer, UserId referrer, ShareCode code, String programId, Instant attributedAt,
    List<String> reasons) {
  public Attribution {
    requireNonNull(customer, "customer");
    requireNonNull(referrer, "referrer");
    requireNonNull(code, "code");
    requireNonNull(programId, "programId");
    requireNonNull(attributedAt, "attributedAt");
    reasons = List.copyOf(reasons);
  }
}
