package dev.meadow.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.EventId;
import dev.meadow.core.GroupId;
import dev.meadow.core.TestClock;
import dev.meadow.core.UserId;
import dev.meadow.core.ValidationException;
import dev.meadow.core.events.EventJson;
import dev.meadow.core.events.GroupEvent;
import dev.meadow.core.events.MeadowEvent;
import dev.meadow.core.groups.JoinMethod;
import dev.meadow.webhooks.WebhookVerificationException.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The receiver's side: what {@link WebhookVerifier} accepts and refuses. */
class WebhookVerifierTest {
  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String OTHER = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);

  private final TestClock clock = TestClock.at("2026-11-27T10:00:00Z");
  private final MeadowEvent event = new GroupEvent.MemberJoined(new EventId("01M80WSN96YDCQW5VZ9XP69RFZ"),
      Instant.parse("2026-11-27T09:59:59.123Z"), new GroupId("01M80WSMSHNTWA2TMS048GZ81P"), UserId.of("bo"),
      JoinMethod.OPEN);
  private final String body = EventJson.write(event);
  private final String id = event.id().value();

  private WebhookVerifier verifier(String... secrets) {
    WebhookVerifier.Builder builder = WebhookVerifier.builder().clock(clock);
    for (String secret : secrets) {
      builder.secret(secret);
    }
    return builder.build();
  }

  private String timestamp(Duration offset) {
    return Long.toString(clock.instant().plus(offset).getEpochSecond());
  }

  private String sign(String secret, String ts, String content) {
    return Signatures.sign(Signatures.key("secret", secret), id, Long.parseLong(ts), content);
  }

  private Reason refusal(WebhookVerifier verifier, @Nullable String webhookId, @Nullable String ts,
      @Nullable String signature, String content) {
    return assertThrows(WebhookVerificationException.class,
        () -> verifier.verify(webhookId, ts, signature, content)).reason();
  }

  @Test
  @DisplayName("A genuine request verifies and gives back the event it carries")
  void genuineRequest() {
    String ts = timestamp(Duration.ZERO);
    assertEquals(event, verifier(SECRET).verify(id, ts, sign(SECRET, ts, body), body));
    Map<String, String> headers = Map.of("webhook-id", id, "webhook-timestamp", ts, "webhook-signature",
        sign(SECRET, ts, body));
    assertEquals(event, verifier(SECRET).verify(headers::get, body));
    assertEquals(body, verifier(SECRET).verifyPayload(id, ts, sign(SECRET, ts, body), body));
  }

  @Test
  @DisplayName("Any of several secrets verifies, and any of several signatures in the header may match")
  void severalSecretsAndSignatures() {
    String ts = timestamp(Duration.ZERO);
    String both = sign(OTHER, ts, body) + " " + sign(SECRET, ts, body);
    assertEquals(event, verifier(SECRET).verify(id, ts, both, body));
    assertEquals(event, verifier(OTHER, SECRET).verify(id, ts, sign(SECRET, ts, body), body));
    assertEquals(event, verifier(SECRET).verify(id, ts, "v2,abc v1,!!! " + sign(SECRET, ts, body), body),
        "unknown versions and malformed entries are skipped");
  }

  @Test
  @DisplayName("A wrong secret, a changed body, id or timestamp, or a signature of another version is refused as INVALID_SIGNATURE")
  void forgeriesAreRefused() {
    String ts = timestamp(Duration.ZERO);
    String signature = sign(SECRET, ts, body);
    assertEquals(Reason.INVALID_SIGNATURE, refusal(verifier(OTHER), id, ts, signature, body));
    assertEquals(Reason.INVALID_SIGNATURE, refusal(verifier(SECRET), id, ts, signature, body.replace("bo", "b0")));
    assertEquals(Reason.INVALID_SIGNATURE, refusal(verifier(SECRET), "01M80WSN96YDCQW5VZ9XP69RG0", ts, signature, body));
    assertEquals(Reason.INVALID_SIGNATURE, refusal(verifier(SECRET), id, timestamp(Duration.ofSeconds(1)), signature,
        body));
    assertEquals(Reason.INVALID_SIGNATURE, refusal(verifier(SECRET), id, ts, signature.replace("v1,", "v2,"), body));
    assertEquals(Reason.INVALID_SIGNATURE, refusal(verifier(SECRET), id, ts, "v1,", body));
  }

  @Test
  @DisplayName("Timestamps more than 5 minutes away either way are refused; within 5 minutes they verify")
  void timestampTolerance() {
    WebhookVerifier verifier = verifier(SECRET);
    for (Duration ok : new Duration[] {Duration.ofMinutes(-5), Duration.ofMinutes(5)}) {
      String ts = timestamp(ok);
      assertEquals(event, verifier.verify(id, ts, sign(SECRET, ts, body), body));
    }
    String old = timestamp(Duration.ofMinutes(-5).minusSeconds(1));
    assertEquals(Reason.TIMESTAMP_TOO_OLD, refusal(verifier, id, old, sign(SECRET, old, body), body));
    String future = timestamp(Duration.ofMinutes(5).plusSeconds(1));
    assertEquals(Reason.TIMESTAMP_TOO_NEW, refusal(verifier, id, future, sign(SECRET, future, body), body));
    String ts = timestamp(Duration.ofMinutes(-30));
    WebhookVerifier lenient = WebhookVerifier.builder().secret(SECRET).clock(clock).tolerance(Duration.ofHours(1)).build();
    assertEquals(event, lenient.verify(id, ts, sign(SECRET, ts, body), body));
  }

  @Test
  @DisplayName("Missing headers and a malformed timestamp are refused with their own reasons")
  void missingAndMalformedHeaders() {
    String ts = timestamp(Duration.ZERO);
    String signature = sign(SECRET, ts, body);
    WebhookVerifier verifier = verifier(SECRET);
    assertEquals(Reason.MISSING_HEADER, refusal(verifier, null, ts, signature, body));
    assertEquals(Reason.MISSING_HEADER, refusal(verifier, id, " ", signature, body));
    assertEquals(Reason.MISSING_HEADER, refusal(verifier, id, ts, null, body));
    assertEquals(Reason.MALFORMED_TIMESTAMP, refusal(verifier, id, "yesterday", signature, body));
    assertEquals(Reason.MALFORMED_TIMESTAMP, refusal(verifier, id, "1e9", signature, body));
    Map<String, String> none = Map.of();
    assertEquals(Reason.MISSING_HEADER,
        assertThrows(WebhookVerificationException.class, () -> verifier.verify(none::get, body)).reason());
  }

  @Test
  @DisplayName("A correctly signed body that is not a Meadow event, or whose id is not the webhook-id, is refused as INVALID_PAYLOAD")
  void invalidPayloads() {
    String ts = timestamp(Duration.ZERO);
    String notAnEvent = "{\"type\":\"nope\"}";
    assertEquals(Reason.INVALID_PAYLOAD, refusal(verifier(SECRET), id, ts, sign(SECRET, ts, notAnEvent), notAnEvent));
    String otherEvent = body.replace(id, "01M80WSN96YDCQW5VZ9XP69RG0");
    assertEquals(Reason.INVALID_PAYLOAD, refusal(verifier(SECRET), id, ts, sign(SECRET, ts, otherEvent), otherEvent));
    assertEquals(notAnEvent, verifier(SECRET).verifyPayload(id, ts, sign(SECRET, ts, notAnEvent), notAnEvent),
        "verifyPayload checks the signature only");
  }

  @Test
  @DisplayName("The builder refuses malformed secrets naming the secret, a verifier without secrets, and tolerances out of range")
  void builderChecks() {
    for (String bad : new String[] {"MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_not base64!", "whsec_c2hvcnQ=",
        "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[65])}) {
      ValidationException e = assertThrows(ValidationException.class, () -> WebhookVerifier.builder().secret(bad));
      assertTrue(e.names("secret"));
    }
    assertThrows(IllegalStateException.class, () -> WebhookVerifier.builder().build());
    assertThrows(IllegalArgumentException.class, () -> WebhookVerifier.builder().tolerance(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> WebhookVerifier.builder().tolerance(Duration.ofHours(2)));
    assertThrows(NullPointerException.class, () -> WebhookVerifier.builder().secret(null));
  }
}
