package dev.meadow.core.memory;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.EventId;
import dev.meadow.core.StorageException;
import dev.meadow.core.spi.OutboxEntry;
import dev.meadow.core.spi.OutboxMessage;
import dev.meadow.core.spi.OutboxStatus;
import dev.meadow.core.spi.OutboxStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The outbox kept in memory; guarded by the storage's lock. */
final class MemoryOutboxStore {
  private final Map<EventId, OutboxEntry> entries = new HashMap<>();
  private final TreeMap<EventId, OutboxEntry> pending = new TreeMap<>();
  private final TreeMap<EventId, OutboxEntry> dead = new TreeMap<>();

  OutboxStore bind(MemoryTransaction tx) {
    return new Bound(tx);
  }

  /** Replaces (or adds, or with null removes) an entry, recording how to undo it. */
  private void put(MemoryTransaction tx, EventId id, @Nullable OutboxEntry next) {
    OutboxEntry previous = entries.get(id);
    write(id, next);
    tx.onRollback(() -> write(id, previous));
  }

  private void write(EventId id, @Nullable OutboxEntry entry) {
    pending.remove(id);
    dead.remove(id);
    if (entry == null) {
      entries.remove(id);
      return;
    }
    entries.put(id, entry);
    if (entry.status() == OutboxStatus.PENDING) {
      pending.put(id, entry);
    } else if (entry.status() == OutboxStatus.DEAD) {
      dead.put(id, entry);
    }
  }

  private final class Bound implements OutboxStore {
    private final MemoryTransaction tx;

    Bound(MemoryTransaction tx) {
      this.tx = tx;
    }

    @Override
    public void append(OutboxMessage message) {
      tx.checkOpen();
      requireNonNull(message, "message");
      if (entries.containsKey(message.id())) {
        throw new StorageException("outbox entry " + message.id() + " already exists");
      }
      put(tx, message.id(),
          new OutboxEntry(message, OutboxStatus.PENDING, 0, message.occurredAt(), null, null, null));
    }

    @Override
    public List<OutboxEntry> claim(int limit, Instant now, Duration lease) {
      tx.checkOpen();
      if (limit < 1) {
        throw new IllegalArgumentException("limit must be at least 1, was " + limit);
      }
      List<OutboxEntry> claimed = new ArrayList<>();
      for (OutboxEntry entry : new ArrayList<>(pending.values())) {
        if (claimed.size() == limit) {
          break;
        }
        boolean due = !entry.availableAt().isAfter(now);
        boolean free = entry.leaseUntil() == null || !entry.leaseUntil().isAfter(now);
        if (due && free) {
          OutboxEntry next = new OutboxEntry(entry.message(), OutboxStatus.PENDING, entry.attempts() + 1,
              entry.availableAt(), UUID.randomUUID().toString(), now.plus(lease), entry.lastError());
          put(tx, entry.message().id(), next);
          claimed.add(next);
        }
      }
      return claimed;
    }

    @Override
    public boolean markDelivered(EventId id, String leaseToken) {
      return finish(id, leaseToken, OutboxStatus.DELIVERED, null, null);
    }

    @Override
    public boolean markFailed(EventId id, String leaseToken, Instant retryAt, String error) {
      requireNonNull(retryAt, "retryAt");
      return finish(id, leaseToken, OutboxStatus.PENDING, retryAt, requireNonNull(error, "error"));
    }

    @Override
    public boolean markDead(EventId id, String leaseToken, String reason) {
      return finish(id, leaseToken, OutboxStatus.DEAD, null, requireNonNull(reason, "reason"));
    }

    private boolean finish(EventId id, String leaseToken, OutboxStatus status,
        @Nullable Instant retryAt, @Nullable String error) {
      tx.checkOpen();
      requireNonNull(id, "id");
      requireNonNull(leaseToken, "leaseToken");
      OutboxEntry entry = entries.get(id);
      if (entry == null || entry.status() != OutboxStatus.PENDING || !leaseToken.equals(entry.leaseToken())) {
        return false;
      }
      put(tx, id, new OutboxEntry(entry.message(), status, entry.attempts(),
          retryAt != null ? retryAt : entry.availableAt(), null, null,
          error != null ? error : entry.lastError()));
      return true;
    }

    @Override
    public List<OutboxEntry> listDead(@Nullable EventId after, int limit) {
      tx.checkOpen();
      Map<EventId, OutboxEntry> view = after == null ? dead : dead.tailMap(after, false);
      return view.values().stream().limit(limit).toList();
    }

    @Override
    public boolean requeue(EventId id, Instant availableAt) {
      tx.checkOpen();
      requireNonNull(availableAt, "availableAt");
      OutboxEntry entry = dead.get(requireNonNull(id, "id"));
      if (entry == null) {
        return false;
      }
      put(tx, id, new OutboxEntry(entry.message(), OutboxStatus.PENDING, 0, availableAt, null, null,
          entry.lastError()));
      return true;
    }

    @Override
    public Optional<OutboxEntry> find(EventId id) {
      tx.checkOpen();
      return Optional.ofNullable(entries.get(requireNonNull(id, "id")));
    }

    @Override
    public int purgeDelivered(Instant occurredBefore) {
      tx.checkOpen();
      requireNonNull(occurredBefore, "occurredBefore");
      List<EventId> purge = entries.values().stream()
          .filter(e -> e.status() == OutboxStatus.DELIVERED && e.message().occurredAt().isBefore(occurredBefore))
          .map(e -> e.message().id())
          .toList();
      purge.forEach(id -> put(tx, id, null));
      return purge.size();
    }
  }
}
