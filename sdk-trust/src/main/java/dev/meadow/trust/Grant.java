package dev.meadow.trust;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.PlainText;
import dev.meadow.core.UserId;
import dev.meadow.core.ValidationException;
import java.time.Instant;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The shop granting a badge to a user: what it based the grant on, who granted it, the domain of a
 * badge held per domain, and when the grant lapses.
 *
 * <pre>{@code
 * Grant grant = Grant.of(UserId.of("ann"), "certified-expert", UserId.of("staff-1"), "Trained tailor, 12 years")
 *     .inDomain("linen")
 *     .expiringAt(Instant.parse("2027-01-01T00:00:00Z"));
 * }</pre>
 *
 * @param user who receives it
 * @param badgeId a granted badge of the catalogue
 * @param grantedBy who grants it
 * @param evidence what the grant is based on, plain text, 1 to {@value #MAX_EVIDENCE} characters
 * @param domain for a badge held per domain, a taxonomy category or style label (lower case letters,
 *     digits, {@code -}, {@code _}, 1 to 64); {@code null} otherwise
 * @param expiresAt when the grant lapses, or {@code null} for never
 */
public record Grant(UserId user, String badgeId, UserId grantedBy, String evidence, @Nullable String domain,
    @Nullable Instant expiresAt) {
  /** The longest evidence text. */
  public static final int MAX_EVIDENCE = 2000;
  private static final Pattern DOMAIN = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  /**
   * Checks the grant.
   *
   * @throws ValidationException naming {@code badgeId}, {@code evidence} or {@code domain}
   */
  public Grant {
    requireNonNull(user, "user");
    badgeId = Badge.checkId(badgeId);
    requireNonNull(grantedBy, "grantedBy");
    evidence = PlainText.require("evidence", evidence, MAX_EVIDENCE);
    if (domain != null && !DOMAIN.matcher(domain).matches()) {
      throw ValidationException.of("domain", "malformed", "must be 1 to 64 of a-z, 0-9, - and _");
    }
  }

  /** Returns a grant without domain or expiry. */
  public static Grant of(UserId user, String badgeId, UserId grantedBy, String evidence) {
    return new Grant(user, badgeId, grantedBy, evidence, null, null);
  }

  /** Returns this grant in {@code domain}. */
  public Grant inDomain(String domain) {
    return new Grant(user, badgeId, grantedBy, evidence, requireNonNull(domain, "domain"), expiresAt);
  }

  /** Returns this grant lapsing at {@code expiresAt}. */
  public Grant expiringAt(Instant expiresAt) {
    return new Grant(user, badgeId, grantedBy, evidence, domain, requireNonNull(expiresAt, "expiresAt"));
  }
}
