package dev.meadow.webhooks;

import dev.meadow.core.EventId;
import dev.meadow.core.Meadow;
import dev.meadow.core.TestClock;
import dev.meadow.core.UserId;
import dev.meadow.core.Witness;
import dev.meadow.core.events.MeadowEvent;
import dev.meadow.core.groups.Group;
import dev.meadow.core.groups.GroupDraft;
import dev.meadow.core.spi.Storage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.random.RandomGenerator;
import okhttp3.OkHttpClient;
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
    this.meadow = Meadow.builder().storage(storage).clock(clock).cursorSecret(CURSOR_SECRET).listener(witness).build();
    server.setDispatcher(receiver);
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The cursor secret every Meadow of a shop shares, as the JVMs of one shop do. */
  public static final byte[] CURSOR_SECRET = "meadow-webhooks-test-cursor-secret".getBytes(StandardCharsets.UTF_8);

  /**
   * Returns the set-up of one delivering process on this shop's storage and clock: webhooks that
   * may reach loopback, with seeded jitter and a 2 s timeout. Its {@code build()} builds a Meadow of
   * its own with the webhooks installed, as each process of the shop does.
   */
  public Setup webhooks() {
    return new Setup(Webhooks.builder()
        .allowAddresses(AddressKind.LOOPBACK)
        .random(new Random(20261127))
        .timeout(Duration.ofSeconds(2))
        .owner("test-sender"));
  }

  /** Returns {@code webhooks} installed into a new Meadow on this shop's storage and clock. */
  public Webhooks install(Webhooks.Builder webhooks) {
    return install(storage, clock, webhooks);
  }

  /** Returns {@code webhooks} installed into a new Meadow on {@code storage} and {@code clock}. */
  public static Webhooks install(Storage storage, Clock clock, Webhooks.Builder webhooks) {
    return Meadow.builder().storage(storage).clock(clock).cursorSecret(CURSOR_SECRET).install(webhooks).build()
        .module(Webhooks.class);
  }

  /** One delivering process's {@link Webhooks.Builder}, built into a Meadow of its own. */
  public final class Setup {
    private final Webhooks.Builder builder;

    private Setup(Webhooks.Builder builder) {
      this.builder = builder;
    }

    public Setup owner(String owner) {
      builder.owner(owner);
      return this;
    }

    public Setup batchSize(int batchSize) {
      builder.batchSize(batchSize);
      return this;
    }

    public Setup timeout(Duration timeout) {
      builder.timeout(timeout);
      return this;
    }

    public Setup lease(Duration lease) {
      builder.lease(lease);
      return this;
    }

    public Setup retrySchedule(RetrySchedule schedule) {
      builder.retrySchedule(schedule);
      return this;
    }

    public Setup random(RandomGenerator random) {
      builder.random(random);
      return this;
    }

    public Setup httpClient(OkHttpClient client) {
      builder.httpClient(client);
      return this;
    }

    /** Returns the webhooks, installed into a new Meadow on the shop's storage and clock. */
    public Webhooks build() {
      return install(builder);
    }
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
