package dev.meadow.core.referrals;

/**
 * What one run of {@link Referrals#runPending()} did.
 *
 * @param approved rewards whose approval hold had passed, now approved
 * @param issued rewards paid out through the host's issuer
 * @param clawedBack rewards whose refunded part the host's issuer took back
 * @param failed calls to the host's issuer that failed; a later run retries them with the same
 *     idempotency keys
 */
public record PendingRun(int approved, int issued, int clawedBack, int failed) {}
