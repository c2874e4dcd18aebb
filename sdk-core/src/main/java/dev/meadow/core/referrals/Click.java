package dev.meadow.core.referrals;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One visitor's clicks on one share link. The visitor is known only by a hash of the key the host
 * gave; the key itself is never stored.
 *
 * @param code the link's code
 * @param visitorHash the hash of the visitor's key
 * @param firstAt the visitor's first click
 * @param lastAt the visitor's latest click
 * @param countedAt the latest click that counted: clicks within the de-duplication window after it
 *     count once
 * @param counted how many of the visitor's clicks counted
 */
public record Click(ShareCode code, String visitorHash, Instant firstAt, Instant lastAt, Instant countedAt,
    long counted) {
  public Click {
    requireNonNull(code, "code");
    requireNonNull(visitorHash, "visitorHash");
    requireNonNull(firstAt, "firstAt");
    requireNonNull(lastAt, "lastAt");
    requireNonNull(countedAt, "countedAt");
  }
}
