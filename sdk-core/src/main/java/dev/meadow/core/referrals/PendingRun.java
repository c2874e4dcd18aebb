package dev.meadow.core.referrals;

/**
 * What one run of {@link Referrals#runPending()} did.
 *
 * @param approved rewards whose approval hold had passed, now approved
 * @param issued rewards paid out through the host's issuer
 * @param clawedBack clawbacks the host's issuer made and Meadow settled; a reward whose clawback was
 *     in flight when a further refund came counts twice, once for it and once for the rest
 * @param failed calls to the host's issuer that failed; a later run retries them with the same
 *     idempotency keys
 */
public record PendingRun(int approved, int issued, int clawedBack, int failed) {}
