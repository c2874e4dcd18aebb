package dev.meadow.core;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/** Thrown when a caller has done something too often; it may try again after {@link #retryAfter()}. */
public class RateLimitedException extends MeadowException {
  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  public RateLimitedException(String message, Duration retryAfter) {
    super(message);
    this.retryAfter = requireNonNull(retryAfter, "retryAfter");
  }

  /** Returns how long the caller should wait before trying again. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
