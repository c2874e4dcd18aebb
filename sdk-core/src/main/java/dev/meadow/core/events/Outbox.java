package dev.meadow.core.events;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.EventId;
import dev.meadow.core.Page;
import dev.meadow.core.PageRequest;
import dev.meadow.core.modules.ModuleContext;
import dev.meadow.core.spi.OutboxEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The durable record of every event, for delivery to other systems at least once.
 *
 * <p>A deliverer {@linkplain #claim claims} a batch under a lease, sends each entry, and marks
 * it {@linkplain #delivered delivered}, {@linkplain #failed failed} (to be retried later) or
 * {@linkplain #deadLetter dead}. If the deliverer dies, the lease lapses and the entry is claimed
 * again, so nothing is lost; receivers de-duplicate by {@link MeadowEvent#id()}. Two deliverers
 * never hold a live lease on the same entry.
 *
 * <p>Obtained from {@code Meadow.outbox()}; thread-safe.
 */
public final class Outbox {
  /** The most entries one claim returns. */
  public static final int MAX_CLAIM = 1000;

  private static final int MAX_ERROR_LENGTH = 2000;
  private static final String DEAD_LETTERS = "outbox.dead";

  private final ModuleContext context;

  /** Creates the outbox service; hosts obtain it from {@code Meadow.outbox()}. */
  public Outbox(ModuleContext context) {
    this.context = requireNonNull(context, "context");
  }

  /**
   * Leases up to {@code limit} entries that are due, oldest first.
   *
   * @param limit 1 to {@value #MAX_CLAIM}
   * @param lease how long the entries stay reserved for this caller; positive
   */
  public List<OutboxEntry> claim(int limit, Duration lease) {
    if (limit < 1 || limit > MAX_CLAIM) {
      throw new IllegalArgumentException("limit must be 1 to " + MAX_CLAIM + ", was " + limit);
    }
    requireNonNull(lease, "lease");
    if (lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("lease must be positive, was " + lease);
    }
    return context.read(tx -> tx.outbox().claim(limit, context.now(), lease));
  }

  /**
   * Marks a claimed entry delivered.
   *
   * @return {@code false} if the lease had lapsed and the entry was claimed again meanwhile
   */
  public boolean delivered(OutboxEntry entry) {
    String token = leaseToken(entry);
    return context.read(tx -> tx.outbox().markDelivered(entry.message().id(), token));
  }

  /**
   * Records a failed attempt on a claimed entry; it is claimable again from {@code retryAt}.
   *
   * @return {@code false} if the lease had lapsed and the entry was claimed again meanwhile
   */
  public boolean failed(OutboxEntry entry, Instant retryAt, String error) {
    String token = leaseToken(entry);
    requireNonNull(retryAt, "retryAt");
    String message = storableError(requireNonNull(error, "error"));
    return context.read(tx -> tx.outbox().markFailed(entry.message().id(), token, retryAt, message));
  }

  /**
   * Gives up on a claimed entry, keeping it as a dead letter that can be listed and replayed.
   *
   * @return {@code false} if the lease had lapsed and the entry was claimed again meanwhile
   */
  public boolean deadLetter(OutboxEntry entry, String reason) {
    String token = leaseToken(entry);
    String message = storableError(requireNonNull(reason, "reason"));
    return context.read(tx -> tx.outbox().markDead(entry.message().id(), token, message));
  }

  /**
   * Lists dead letters, oldest event first.
   *
   * @throws dev.meadow.core.ValidationException naming {@code cursor} for a cursor this listing
   *     did not issue
   */
  public Page<OutboxEntry> deadLetters(PageRequest request) {
    requireNonNull(request, "request");
    EventId after =
        request.cursor() == null
            ? null
            : EventId.of(context.cursors().decode(DEAD_LETTERS, request.cursor(), 1).get(0));
    List<OutboxEntry> rows = context.read(tx -> tx.outbox().listDead(after, request.limit() + 1));
    return context.cursors().page(
        rows, request.limit(), DEAD_LETTERS, e -> new String[] {e.message().id().value()});
  }

  /**
   * Puts a dead letter back in line for delivery, due at once, with its attempts reset.
   *
   * @return {@code false} if there is no dead letter with this id
   */
  public boolean replay(EventId id) {
    requireNonNull(id, "id");
    return context.read(tx -> tx.outbox().requeue(id, context.now()));
  }

  /** Returns the entry for an event, in whatever state. */
  public Optional<OutboxEntry> find(EventId id) {
    requireNonNull(id, "id");
    return context.read(tx -> tx.outbox().find(id));
  }

  /**
   * Deletes delivered entries whose events are older than {@code age}.
   *
   * @return how many were deleted
   */
  public int purgeDelivered(Duration age) {
    requireNonNull(age, "age");
    if (age.isNegative()) {
      throw new IllegalArgumentException("age must not be negative, was " + age);
    }
    return context.read(tx -> tx.outbox().purgeDelivered(context.now().minus(age)));
  }

  /**
   * Returns the event an entry holds.
   *
   * @throws dev.meadow.core.ValidationException if the payload is not an event this version of
   *     Meadow reads
   */
  public static MeadowEvent event(OutboxEntry entry) {
    requireNonNull(entry, "entry");
    return EventJson.read(entry.message().payload());
  }

  private static String leaseToken(OutboxEntry entry) {
    requireNonNull(entry, "entry");
    String token = entry.leaseToken();
    if (token == null) {
      throw new IllegalArgumentException("entry " + entry.message().id() + " was not claimed");
    }
    return token;
  }

  /**
   * Makes an error text safe for every store: NUL (which PostgreSQL text columns refuse) becomes
   * U+FFFD, and the text is cut at {@link #MAX_ERROR_LENGTH} without splitting a surrogate pair.
   */
  static String storableError(String text) {
    String clean = text.replace('\u0000', '\uFFFD');
    if (clean.length() <= MAX_ERROR_LENGTH) {
      return clean;
    }
    int end = MAX_ERROR_LENGTH;
    if (Character.isHighSurrogate(clean.charAt(end - 1))) {
      end--;
    }
    return clean.substring(0, end);
  }
}
