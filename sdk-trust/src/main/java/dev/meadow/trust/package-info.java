/**
 * Trust signals for a shop's community, to be built from a {@code Meadow} instance: badges and
 * the declarative rules that award them (verified buyer, certified expert in a domain, top
 * contributor, levels), reputation with a per-signal breakdown, authenticity scoring of reviews
 * with the reasons behind each score, disclosure labels and a "how reviews are verified" notice
 * generated from configuration, and purchase verification over HTTP. The package is empty until
 * the trust capability lands; nothing in it is API yet.
 */
@NullMarked
package dev.meadow.trust;

import org.jspecify.annotations.NullMarked;
