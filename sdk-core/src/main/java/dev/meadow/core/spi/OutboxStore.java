package dev.meadow.core.spi;

import dev.meadow.core.EventId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The transactional outbox: events are appended in the same transaction as the change they
 * describe, and delivered later by whoever claims them (a module that sends them to other systems).
 *
 * <p>Delivery is at least once. A claim takes a lease; an entry whose lease lapses without being
 * marked is claimable again, so a consumer that dies mid-delivery loses nothing. Every mark names
 * the lease token it was given, and a mark with a stale token changes nothing.
 *
 * <p>Each method runs inside the transaction it was obtained from. Claim in a short transaction
 * of its own, so other claimers see the lease at once.
 */
public interface OutboxStore {
  /**
   * Adds a pending entry, available at once, with no attempts.
   *
   * @throws dev.meadow.core.StorageException if an entry with the same id exists
   */
  void append(OutboxMessage message);

  /**
   * Leases up to {@code limit} pending entries that are available at {@code now} and not under a
   * live lease, oldest id first. Each claimed entry gets a fresh lease token, a lease until
   * {@code now + lease}, and one more attempt. Concurrent claimers never receive the same entry
   * under live leases.
   *
   * @param limit how many entries at most, at least 1
   */
  List<OutboxEntry> claim(int limit, Instant now, Duration lease);

  /**
   * Marks a claimed entry delivered and ends its lease.
   *
   * @return {@code false}, changing nothing, if the entry is not pending under this lease token
   */
  boolean markDelivered(EventId id, String leaseToken);

  /**
   * Records a failed attempt: ends the lease, keeps the entry pending and makes it available
   * again at {@code retryAt}.
   *
   * @return {@code false}, changing nothing, if the entry is not pending under this lease token
   */
  boolean markFailed(EventId id, String leaseToken, Instant retryAt, String error);

  /**
   * Gives up on a claimed entry: it becomes a dead letter with {@code reason} as its last error.
   *
   * @return {@code false}, changing nothing, if the entry is not pending under this lease token
   */
  boolean markDead(EventId id, String leaseToken, String reason);

  /** Returns up to {@code limit} dead letters with ids greater than {@code after}, by id. */
  List<OutboxEntry> listDead(@Nullable EventId after, int limit);

  /**
   * Makes a dead letter pending again, with no attempts, available at {@code availableAt}.
   *
   * @return {@code false}, changing nothing, if there is no dead letter with this id
   */
  boolean requeue(EventId id, Instant availableAt);

  /** Returns the entry with this id, in whatever state. */
  Optional<OutboxEntry> find(EventId id);

  /**
   * Deletes delivered entries whose event occurred before {@code occurredBefore}.
   *
   * @return how many were deleted
   */
  int purgeDelivered(Instant occurredBefore);
}
