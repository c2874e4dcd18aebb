/**
 * Delivery of Meadow's events to the shop's HTTP endpoints, following Standard Webhooks v1
 * ({@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature}), and a verifier for
 * receivers of those webhooks. The entry point for senders is {@link dev.meadow.webhooks.Webhooks}
 * (a module: {@code Meadow.builder().install(Webhooks.builder())}, then
 * {@code meadow.module(Webhooks.class)}): endpoints and their secrets, durable per-endpoint delivery
 * with retries, backoff and jitter, {@code Retry-After}, dead letters and replay, on an executor
 * the host passes in or on {@code deliverPending()} calls the host schedules. Receivers use
 * {@link dev.meadow.webhooks.WebhookVerifier}.
 */
@NullMarked
package dev.meadow.webhooks;

import org.jspecify.annotations.NullMarked;
