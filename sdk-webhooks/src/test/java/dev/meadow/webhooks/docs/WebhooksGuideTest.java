package dev.meadow.webhooks.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

// snippet: webhooks-imports
import com.sun.net.httpserver.HttpServer;
import dev.meadow.core.EventId;
import dev.meadow.core.Meadow;
import dev.meadow.core.PageRequest;
import dev.meadow.core.events.MeadowEvent;
import dev.meadow.webhooks.AddressKind;
import dev.meadow.webhooks.Registration;
import dev.meadow.webhooks.RetrySchedule;
import dev.meadow.webhooks.WebhookVerificationException;
import dev.meadow.webhooks.WebhookVerifier;
import dev.meadow.webhooks.Webhooks;
import dev.meadow.webhooks.spi.WebhookDelivery;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
// end snippet: webhooks-imports
import dev.meadow.core.UserId;
import dev.meadow.core.groups.GroupDraft;
import dev.meadow.docs.ManualClock;
import dev.meadow.webhooks.DeliveryReport;
import java.time.Instant;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The examples of docs/webhooks.md and docs/testing.md beyond this module's {@code ReadmeExamplesTest}. */
class WebhooksGuideTest {

  @Test
  @DisplayName("A verifier on Meadow's moved clock accepts what Meadow signed; one on the system clock refuses it")
  void verifier_readsTheSameClockAsMeadow() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(new MockResponse().setResponseCode(204));
      server.start();
      String receiverUrl = server.url("/hooks/meadow").toString();
      // snippet: testing-webhooks-clock
      ManualClock clock = new ManualClock(Instant.parse("2026-05-01T09:00:00Z"));
      Meadow meadow = Meadow.builder()
          .clock(clock)                                      // webhooks sign webhook-timestamp with Meadow's clock
          .install(Webhooks.builder()
              .allowAddresses(AddressKind.LOOPBACK))         // the test's receiver is on this machine
          .build();
      Webhooks webhooks = meadow.module(Webhooks.class);
      Registration registration = webhooks.register(receiverUrl, List.of("*"));
      WebhookVerifier verifier = WebhookVerifier.builder()
          .secret(registration.secret())
          .clock(clock)                                      // the same clock: without it, moved time is "too old" or "too new"
          .build();
      clock.advance(Duration.ofDays(14));                    // Meadow and the verifier move together
      // end snippet: testing-webhooks-clock
      meadow.groups().create(UserId.of("ada"), GroupDraft.of("Trail Runners", "trail-runners"));
      DeliveryReport report = webhooks.deliverPending();
      assertEquals(1, report.delivered());
      RecordedRequest request = server.takeRequest();
      String body = request.getBody().readUtf8();
      MeadowEvent event = verifier.verify(request::getHeader, body);
      assertEquals("group.created", event.type());
      assertEquals(String.valueOf(clock.instant().getEpochSecond()), request.getHeader("webhook-timestamp"));

      WebhookVerifier onSystemClock = WebhookVerifier.builder().secret(registration.secret()).build();
      WebhookVerificationException refused = assertThrows(WebhookVerificationException.class,
          () -> onSystemClock.verify(request::getHeader, body));
      assertTrue(Set.of(WebhookVerificationException.Reason.TIMESTAMP_TOO_OLD,
          WebhookVerificationException.Reason.TIMESTAMP_TOO_NEW).contains(refused.reason()), refused.reason().name());
      webhooks.shutdown();
    }
  }
}
