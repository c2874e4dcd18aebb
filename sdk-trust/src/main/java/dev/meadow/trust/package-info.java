/**
 * Trust for a shop's community: {@link dev.meadow.trust.Trust}, installed into {@code
 * Meadow.builder()}, awards the shop's catalogue of {@link dev.meadow.trust.Badge}s by declarative
 * {@link dev.meadow.trust.Rule}s over {@link dev.meadow.trust.Signal}s, incrementally from Meadow's
 * events and by a backfill the host schedules, lets the shop grant and revoke badges with evidence,
 * and lists a user's badges and a badge's holders; {@link dev.meadow.trust.BuiltInBadges} holds
 * the rules Meadow ships, and {@link dev.meadow.trust.TrustSignals} is the port for the host's own
 * signals. Trust also keeps users' trust levels ({@link dev.meadow.trust.LevelThresholds},
 * {@link dev.meadow.trust.TrustLevel}) and computes explainable reputation
 * ({@link dev.meadow.trust.Reputation}, {@link dev.meadow.trust.ReputationWeights}).
 */
@NullMarked
package dev.meadow.trust;

import org.jspecify.annotations.NullMarked;
