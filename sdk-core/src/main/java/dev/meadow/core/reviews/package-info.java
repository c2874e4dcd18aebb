/**
 * Reviews: ratings and text from shoppers, with their provenance recorded as data, purchase
 * verification, moderation, helpful votes, abuse reports, merchant replies and honest summaries.
 * The entry point is {@link dev.meadow.core.reviews.Reviews}, from {@code Meadow.reviews()}.
 */
@NullMarked
package dev.meadow.core.reviews;

import org.jspecify.annotations.NullMarked;
