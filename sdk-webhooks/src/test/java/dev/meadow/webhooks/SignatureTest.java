package dev.meadow.webhooks;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.events.EventJson;
import dev.meadow.core.memory.MemoryStorage;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Meadow's signatures checked against the Standard Webhooks specification, by an implementation
 * written here from the specification's text and not sharing any code with Meadow's.
 */
class SignatureTest {
  private final Shop shop = new Shop(MemoryStorage.create());

  @AfterEach
  void close() throws Exception {
    shop.close();
  }

  /*
   * From the Standard Webhooks specification (standard-webhooks.md, "Signature scheme"):
   *
   *   "The content to sign is composed by concatenating the id, timestamp and payload, separated by
   *   the full-stop character (.). In code, it will look something like:
   *   signed_content = "${webhook_id}.${webhook_timestamp}.${body}""
   *
   *   "This generated signature should match one of the ones sent in the webhook-signature header.
   *   The webhook-signature header is composed of a list of space delimited signatures and their
   *   corresponding version identifiers."  e.g. "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4="
   *
   *   "Symmetric signatures (v1) ... HMAC-SHA256 ... The secret key is a base64 encoded random
   *   value ... prefixed with whsec_ ... Secrets should be between 24 bytes (192 bits) and 64 bytes
   *   (512 bits)." The signature is base64 encoded.
   */
  private static String specSignature(String secret, String id, String timestamp, String body) throws Exception {
    String base64Key = secret.substring("whsec_".length());
    byte[] key = Base64.getDecoder().decode(base64Key);
    Mac hmac = Mac.getInstance("HmacSHA256");
    hmac.init(new SecretKeySpec(key, "HmacSHA256"));
    String signedContent = id + "." + timestamp + "." + body;
    return "v1," + Base64.getEncoder().encodeToString(hmac.doFinal(signedContent.getBytes(UTF_8)));
  }

  private static Set<String> signaturesIn(String header) {
    return Arrays.stream(header.split(" ")).collect(Collectors.toSet());
  }

  @Test
  @DisplayName("The independent implementation reproduces the specification's published example")
  void specificationExample() throws Exception {
    // The example of the Standard Webhooks reference libraries' tests.
    String expected = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    String id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    String body = "{\"test\": 2432232314}";
    assertEquals(expected, specSignature(secret, id, "1614265330", body));
    assertEquals(expected, Signatures.sign(Signatures.key("secret", secret), id, 1614265330, body));
  }

  @Test
  @DisplayName("A delivery carries webhook-id (the event id), webhook-timestamp (the clock, in seconds), the event's JSON and a v1 signature the spec's algorithm reproduces")
  void deliveryMatchesSpecification() throws Exception {
    Webhooks webhooks = shop.webhooks().build();
    Registration registration = webhooks.register(shop.url("/hooks"), List.of("*"));
    String eventId = shop.emit(1).get(0).value();
    webhooks.deliverPending();

    Receiver.Call call = shop.receiver.calls().get(0);
    assertEquals("/hooks", call.path());
    assertEquals(eventId, call.id());
    assertEquals(Long.toString(Instant.parse(Shop.START).getEpochSecond()), call.timestamp());
    assertEquals(EventJson.write(EventJson.read(call.body())), call.body(), "the body is the event's stable JSON");
    assertEquals(eventId, EventJson.read(call.body()).id().value());
    assertNotNull(call.contentType());
    assertTrue(call.contentType().startsWith("application/json"));
    assertEquals(specSignature(registration.secret(), call.id(), call.timestamp(), call.body()), call.signature());
  }

  @Test
  @DisplayName("During a rotation each delivery carries one signature per active secret, space-separated; after the overlap only the new one")
  void rotationSignsWithEverySecret() throws Exception {
    Webhooks webhooks = shop.webhooks().build();
    Registration registration = webhooks.register(shop.url("/hooks"), List.of("*"));
    String newSecret = webhooks.rotateSecret(registration.endpoint().id(), Duration.ofHours(24));
    assertEquals(2, webhooks.endpoint(registration.endpoint().id()).activeSecrets());
    shop.emit(1);
    webhooks.deliverPending();
    Receiver.Call during = shop.receiver.calls().get(0);
    assertEquals(Set.of(specSignature(registration.secret(), during.id(), during.timestamp(), during.body()),
            specSignature(newSecret, during.id(), during.timestamp(), during.body())),
        signaturesIn(during.signature()));

    shop.advance(Duration.ofHours(24));
    shop.emit(1);
    webhooks.deliverPending();
    Receiver.Call after = shop.receiver.calls().get(1);
    assertEquals(specSignature(newSecret, after.id(), after.timestamp(), after.body()), after.signature());
    assertEquals(1, webhooks.endpoint(registration.endpoint().id()).activeSecrets());
  }

  @Test
  @DisplayName("A new secret is whsec_ and the base64 of 32 random bytes, different every time")
  void secretsAreRandom() {
    Webhooks webhooks = shop.webhooks().build();
    String first = webhooks.register(shop.url("/a"), List.of("*")).secret();
    String second = webhooks.register(shop.url("/b"), List.of("*")).secret();
    assertTrue(first.startsWith("whsec_"));
    assertEquals(32, Base64.getDecoder().decode(first.substring(6)).length);
    assertTrue(!first.equals(second));
  }
}
