package dev.meadow.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.meadow.core.EventId;
import dev.meadow.core.Meadow;
import dev.meadow.core.PageRequest;
import dev.meadow.core.UserId;
import dev.meadow.core.events.MeadowEvent;
import dev.meadow.core.groups.GroupDraft;
import dev.meadow.webhooks.spi.WebhookDelivery;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhooks examples of the README (and of this module's README), compiled and run: a sender
 * on Meadow's real clock posting to a receiver written with the JDK's HTTP server on loopback.
 * The code between each pair of snippet markers is what the README shows.
 */
class ReadmeExamplesTest {
  private static final Logger log = LoggerFactory.getLogger(ReadmeExamplesTest.class);

  private final Set<EventId> processed = ConcurrentHashMap.newKeySet();
  private final CountDownLatch handled = new CountDownLatch(2);

  private void handle(MeadowEvent event) {
    log.info("{} {}", event.type(), event.id());
    handled.countDown();
  }

  @Test
  @DisplayName("The README's sender, receiver and dead-letter examples run against each other")
  void senderAndReceiver() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    String webhookUrl = "http://localhost:" + server.getAddress().getPort() + "/hooks/meadow";
    ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
    try {
      // snippet: webhooks-sender
      Meadow meadow = Meadow.builder()
          .install(Webhooks.builder()
              .retrySchedule(RetrySchedule.standard())      // 10 attempts over about three days
              .timeout(Duration.ofSeconds(10))               // per attempt
              .allowAddresses(AddressKind.LOOPBACK))         // only because this receiver is on this machine
          .build();
      Webhooks webhooks = meadow.module(Webhooks.class);
      Registration registration = webhooks.register(webhookUrl, List.of("group.created", "group.member_joined"));
      String secretFromMeadow = registration.secret();      // shown once: hand it to the receiver

      webhooks.start(executor, Duration.ofSeconds(1), 2);   // two workers, each polling every second
      // end snippet: webhooks-sender

      // snippet: webhooks-receiver
      WebhookVerifier verifier = WebhookVerifier.builder()
          .secret(secretFromMeadow)                         // whsec_…; add the old one too while rotating
          .build();                                         // timestamps within 5 minutes
      server.createContext("/hooks/meadow", exchange -> {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        int status;
        try {
          MeadowEvent event = verifier.verify(exchange.getRequestHeaders()::getFirst, body);
          if (processed.add(event.id())) {                  // at least once: de-duplicate by id
            handle(event);
          }
          status = 204;
        } catch (WebhookVerificationException e) {
          status = 401;                                     // e.reason() says why
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
      });
      // end snippet: webhooks-receiver
      server.start();

      UserId ada = UserId.of("ada");
      meadow.groups().join(UserId.of("bo"), meadow.groups().create(ada, GroupDraft.of("Runners", "runners")).id());
      assertTrue(handled.await(30, TimeUnit.SECONDS), "both events arrived");

      // snippet: webhooks-dead-letters
      for (WebhookDelivery dead : webhooks.deadLetters(PageRequest.first(20)).items()) {
        log.warn("{} to {} failed: {}", dead.eventId(), dead.endpointId(), dead.lastError());
        webhooks.replay(dead.eventId(), dead.endpointId());   // back in line, with fresh attempts
      }
      webhooks.shutdown();                                  // unsent claims are given back at once
      // end snippet: webhooks-dead-letters
      assertEquals(2, processed.size());
    } finally {
      executor.shutdownNow();
      server.stop(0);
    }
  }
}
