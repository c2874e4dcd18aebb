package dev.meadow.webhooks;

import dev.meadow.core.EventId;
import dev.meadow.core.Meadow;
import dev.meadow.core.TestClock;
import dev.meadow.core.UserId;
import dev.meadow.webhooks.WebhookEndpointId;
import dev.meadow.core.Witness;
import dev.meadow.core.events.MeadowEvent;
import dev.meadow.core.groups.Group;
import dev.meadow.core.groups.GroupDraft;
import dev.meadow.core.spi.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import okhttp3.mockwebserver.MockWebServer;

/**
 * One shop for a webhooks test: Meadow on the given storage and a clock the test moves, a real
 * HTTP receiver on loopback, and webhooks that may reach loopback (and nothing else private).
 */
public final class Shop implements AutoCloseable {
  /** When every test starts. */
  public static final String START = "2026-11-27T10:00:00.000Z";

  public final TestClock clock = TestClock.at(START);
  public final Storage storage;
  public final Witness witness;
  public final Meadow meadow;
  public final Receiver receiver = new Receiver();
  public final MockWebServer server = new MockWebServer();
  private int users;

  public Shop(Storage storage) {
    this.storage = storage;
    this.witness = new Witness(storage, clock);
    this.meadow = Meadow.builder().storage(storage).clock(clock).listener(witness).build();
    server.setDispatcher(receiver);
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns webhooks over this shop's Meadow that may reach loopback, with seeded jitter and a 2 s timeout. */
  public Webhooks.Builder webhooks() {
    return Webhooks.builder(meadow)
        .allowAddresses(AddressKind.LOOPBACK)
        .random(new Random(20261127))
        .timeout(Duration.ofSeconds(2))
        .owner("test-sender");
  }

  /** Returns the receiver's URL for {@code path}, on {@code localhost}. */
  public String url(String path) {
    return server.url(path).toString();
  }

  /**
   * Makes at least {@code count} events happen (a group created, then members joining) and
   * returns their ids in order.
   */
  public List<EventId> emit(int count) {
    int before = witness.heard().size();
    Group group = meadow.groups().create(UserId.of("owner-" + users++), GroupDraft.of("Group " + users, "group-" + users));
    while (witness.heard().size() - before < count) {
      meadow.groups().join(UserId.of("member-" + users++), group.id());
    }
    List<EventId> ids = new ArrayList<>();
    for (MeadowEvent event : witness.heard().subList(before, witness.heard().size())) {
      ids.add(event.id());
    }
    return ids;
  }

  /** Registers an endpoint at {@code path} for every event type and returns its id. */
  public WebhookEndpointId register(Webhooks webhooks, String path) {
    return webhooks.register(url(path), List.of("*")).endpoint().id();
  }

  /** Registers an endpoint at {@code /hooks} for every event type, whose requests the receiver verifies. */
  public Registration registerVerified(Webhooks webhooks) {
    Registration registration = webhooks.register(url("/hooks"), List.of("*"));
    receiver.verifyWith(WebhookVerifier.builder().secret(registration.secret()).clock(clock).build());
    return registration;
  }

  /** Moves the clock forward. */
  public void advance(Duration duration) {
    clock.advance(duration);
  }

  @Override
  public void close() throws IOException {
    server.shutdown();
  }
}
