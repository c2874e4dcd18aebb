/**
 * Ranked feeds, to be built from a {@code Meadow} instance: home, group, station, product and
 * trending feeds drawing candidates from follows (push for normal audiences, pull above a follower
 * threshold), groups and interest labels; a ranking pipeline of pluggable signals, bounded top-k
 * and a diversity re-rank; {@code explain()} for every ranked item; and the feed store SPI that
 * adapters such as {@code sdk-storage-redis} implement. The package is empty until the feeds
 * capability lands; nothing in it is API yet.
 */
@NullMarked
package dev.meadow.feeds;

import org.jspecify.annotations.NullMarked;
