package dev.meadow.webhooks.spi;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One signing secret of a webhook endpoint. An endpoint holds several during a rotation: every
 * secret that has not expired signs each delivery.
 *
 * @param value the secret as the endpoint's owner received it: {@code whsec_} and the base64 of
 *     the key bytes
 * @param createdAt when the secret was issued
 * @param expiresAt when the secret stops signing, or {@code null} while it is current
 */
public record WebhookSecret(String value, Instant createdAt, @Nullable Instant expiresAt) {
  public WebhookSecret {
    requireNonNull(value, "value");
    requireNonNull(createdAt, "createdAt");
    if (expiresAt != null && expiresAt.isBefore(createdAt)) {
      throw new IllegalArgumentException("expiresAt must not be before createdAt");
    }
  }

  /** Returns whether the secret still signs at {@code now}. */
  public boolean activeAt(Instant now) {
    return expiresAt == null || expiresAt.isAfter(now);
  }

  /** Keeps the secret out of logs: shows only when it was issued and expires. */
  @Override
  public String toString() {
    return "WebhookSecret[value=whsec_…, createdAt=" + createdAt + ", expiresAt=" + expiresAt + "]";
  }
}
