package dev.meadow.webhooks;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.MeadowException;

/**
 * Thrown by {@link WebhookVerifier} when a request is not a genuine, fresh webhook from Meadow:
 * answer it with HTTP 400 or 401 and do not act on it.
 */
public class WebhookVerificationException extends MeadowException {
  private static final long serialVersionUID = 1L;

  /** Why a request failed verification. */
  public enum Reason {
    /** A {@code webhook-id}, {@code webhook-timestamp} or {@code webhook-signature} header is missing or empty. */
    MISSING_HEADER,
    /** The {@code webhook-timestamp} header is not a number of seconds since the epoch. */
    MALFORMED_TIMESTAMP,
    /** The timestamp is further in the past than the tolerance allows: possibly a replayed request. */
    TIMESTAMP_TOO_OLD,
    /** The timestamp is further in the future than the tolerance allows. */
    TIMESTAMP_TOO_NEW,
    /** No {@code v1} signature in the header matches the body under any of the secrets. */
    INVALID_SIGNATURE,
    /** The signed body is not a Meadow event this version reads, or its id is not the {@code webhook-id}. */
    INVALID_PAYLOAD
  }

  private final Reason reason;

  WebhookVerificationException(Reason reason, String message) {
    super(message);
    this.reason = requireNonNull(reason, "reason");
  }

  /** Returns why verification failed. */
  public Reason reason() {
    return reason;
  }
}
