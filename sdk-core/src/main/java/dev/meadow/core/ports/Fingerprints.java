package dev.meadow.core.ports;

import dev.meadow.core.UserId;
import java.util.Set;

/**
 * Host integration port: hashes of the devices and payment instruments the shop has seen a user
 * with. Meadow compares a buyer's with the referrer's; one in common marks the referral as a
 * possible self-referral. The host hashes (Meadow never sees a card number or device id), and
 * must hash alike for every user.
 *
 * <p>Called outside any Meadow transaction; must be thread-safe.
 */
@FunctionalInterface
public interface Fingerprints {
  /** Knows of no fingerprints: the default until the host sets its own. */
  Fingerprints NONE = user -> Set.of();

  /** Returns the hashed fingerprints of {@code user}, empty if none are known. */
  Set<String> of(UserId user);
}
