package dev.meadow.webhooks;

import static java.util.Objects.requireNonNull;

/**
 * A newly registered endpoint and its signing secret. The secret is shown here only: give it to
 * the endpoint's owner, who verifies with it (see {@link WebhookVerifier}), and do not keep it
 * anywhere else.
 *
 * @param endpoint the endpoint
 * @param secret its signing secret, {@code whsec_} and the base64 of 32 random bytes
 */
public record Registration(Endpoint endpoint, String secret) {
  public Registration {
    requireNonNull(endpoint, "endpoint");
    requireNonNull(secret, "secret");
  }

  /** Keeps the secret out of logs. */
  @Override
  public String toString() {
    return "Registration[endpoint=" + endpoint + ", secret=whsec_…]";
  }
}
