/**
 * Disclosure labels derived from recorded facts, never typed in: {@link DisclosureLabels#of} builds
 * the service from a {@code Meadow}, {@link DisclosureLabels#labels(dev.meadow.core.reviews.Review)}
 * and {@link DisclosureLabels#labels(dev.meadow.core.groups.Post)} return each {@link Label} with
 * its {@link LabelKind} and the {@link Evidence} behind it (a review's provenance, a post's
 * disclosure, a referral reward on the reviewed product, a referral by the store's own staff), and
 * {@link DisclosureLabels#render} gives its text in English, Simplified Chinese, German or a locale
 * the host adds, through {@link TrustTexts}.
 */
@NullMarked
package dev.meadow.trust.labels;

import org.jspecify.annotations.NullMarked;
