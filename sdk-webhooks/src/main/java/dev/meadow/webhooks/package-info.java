/**
 * Delivery of Meadow's outbox to HTTP endpoints, following Standard Webhooks v1
 * ({@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature}): retries with backoff
 * and jitter, {@code Retry-After}, dead letters and replay, on an executor the host passes in or a
 * {@code runPending()} call the host schedules; and a verifier for receivers of those webhooks. The
 * package is empty until the webhooks capability lands; nothing in it is API yet.
 */
@NullMarked
package dev.meadow.webhooks;

import org.jspecify.annotations.NullMarked;
