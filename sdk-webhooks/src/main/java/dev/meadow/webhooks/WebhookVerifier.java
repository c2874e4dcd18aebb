package dev.meadow.webhooks;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.ValidationException;
import dev.meadow.core.events.EventJson;
import dev.meadow.core.events.MeadowEvent;
import dev.meadow.webhooks.WebhookVerificationException.Reason;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Checks, on the receiving side, that a webhook request came from Meadow: its Standard Webhooks v1
 * signature, made with one of the endpoint's secrets, and its timestamp, within a tolerance of the
 * receiver's clock; then returns the event it carries.
 *
 * <pre>{@code
 * WebhookVerifier verifier = WebhookVerifier.builder()
 *     .secret(secretFromMeadow)                         // whsec_…; add the old one too while rotating
 *     .build();                                         // timestamps within 5 minutes
 * MeadowEvent event = verifier.verify(exchange.getRequestHeaders()::getFirst, body);
 * }</pre>
 *
 * <p>(A complete receiver on the JDK's HTTP server is compiled and run by
 * {@code ReadmeExamplesTest} in this module's tests.)
 *
 * <p>Pass the body exactly as received (the raw bytes as UTF-8): a body re-serialised by a JSON
 * library no longer matches its signature. Signatures are compared in constant time. A request
 * may legitimately arrive more than once (delivery is at least once): de-duplicate by
 * {@code webhook-id}, which is the event's id. Thread-safe.
 */
public final class WebhookVerifier {
  /** The default tolerance between the request's timestamp and the receiver's clock. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  private final List<byte[]> keys;
  private final Duration tolerance;
  private final Clock clock;

  private WebhookVerifier(List<byte[]> keys, Duration tolerance, Clock clock) {
    this.keys = keys;
    this.tolerance = tolerance;
    this.clock = clock;
  }

  /** Returns a builder; add at least one secret. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the event a request carries, after checking its headers and signature.
   *
   * @param header the request's header by name, or null when absent; names are
   *     {@code webhook-id}, {@code webhook-timestamp} and {@code webhook-signature}, so pass a
   *     case-insensitive lookup such as a servlet request's {@code getHeader}
   * @param body the request body, exactly as received
   * @throws WebhookVerificationException if the request is not a genuine, fresh webhook
   */
  public MeadowEvent verify(Function<String, @Nullable String> header, String body) {
    requireNonNull(header, "header");
    return verify(header.apply("webhook-id"), header.apply("webhook-timestamp"), header.apply("webhook-signature"),
        body);
  }

  /**
   * Returns the event a request carries, after checking its three headers and signature.
   *
   * @throws WebhookVerificationException if the request is not a genuine, fresh webhook
   */
  public MeadowEvent verify(@Nullable String webhookId, @Nullable String timestamp, @Nullable String signature,
      String body) {
    String id = verifiedId(webhookId, timestamp, signature, body);
    MeadowEvent event;
    try {
      event = EventJson.read(body);
    } catch (ValidationException e) {
      throw new WebhookVerificationException(Reason.INVALID_PAYLOAD, "the signed body " + e.getMessage());
    }
    if (!event.id().value().equals(id)) {
      throw new WebhookVerificationException(Reason.INVALID_PAYLOAD,
          "the event id " + event.id() + " is not the webhook-id " + id);
    }
    return event;
  }

  /**
   * Checks a request like {@link #verify(String, String, String, String)} and returns its body
   * unparsed: for receivers that read the JSON themselves, or receive event types newer than this
   * version of Meadow knows.
   *
   * @throws WebhookVerificationException if the request is not a genuine, fresh webhook
   */
  public String verifyPayload(@Nullable String webhookId, @Nullable String timestamp, @Nullable String signature,
      String body) {
    verifiedId(webhookId, timestamp, signature, body);
    return body;
  }

  private String verifiedId(@Nullable String webhookId, @Nullable String timestamp, @Nullable String signature,
      String body) {
    requireNonNull(body, "body");
    String id = required("webhook-id", webhookId);
    String sentAt = required("webhook-timestamp", timestamp);
    String signatures = required("webhook-signature", signature);
    long seconds;
    try {
      seconds = Long.parseLong(sentAt.trim());
    } catch (NumberFormatException e) {
      throw new WebhookVerificationException(Reason.MALFORMED_TIMESTAMP,
          "webhook-timestamp is not a number of seconds since the epoch");
    }
    long now = clock.instant().getEpochSecond();
    if (seconds < now - tolerance.getSeconds()) {
      throw new WebhookVerificationException(Reason.TIMESTAMP_TOO_OLD,
          "webhook-timestamp is more than " + tolerance + " in the past");
    }
    if (seconds > now + tolerance.getSeconds()) {
      throw new WebhookVerificationException(Reason.TIMESTAMP_TOO_NEW,
          "webhook-timestamp is more than " + tolerance + " in the future");
    }
    List<byte[]> candidates = new ArrayList<>();
    for (String part : signatures.trim().split(" +")) {
      if (part.startsWith(Signatures.VERSION_PREFIX)) {
        try {
          candidates.add(Base64.getDecoder().decode(part.substring(Signatures.VERSION_PREFIX.length())));
        } catch (IllegalArgumentException malformed) {
          // not a signature this verifier can match; the others may be
        }
      }
    }
    boolean matched = false;
    for (byte[] key : keys) {
      byte[] expected = Signatures.mac(key, id, seconds, body);
      for (byte[] candidate : candidates) {
        matched |= MessageDigest.isEqual(expected, candidate);
      }
    }
    if (!matched) {
      throw new WebhookVerificationException(Reason.INVALID_SIGNATURE,
          "no v1 signature matches the body under any of the secrets");
    }
    return id;
  }

  private static String required(String name, @Nullable String value) {
    if (value == null || value.isBlank()) {
      throw new WebhookVerificationException(Reason.MISSING_HEADER, "the " + name + " header is missing");
    }
    return value;
  }

  /** Builds a {@link WebhookVerifier}; each setter checks its argument at once. */
  public static final class Builder {
    private final List<byte[]> keys = new ArrayList<>();
    private Duration tolerance = DEFAULT_TOLERANCE;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Adds a secret that verifies: the endpoint's {@code whsec_…} secret as Meadow showed it. Add
     * the old and the new secret during a rotation.
     *
     * @throws dev.meadow.core.ValidationException naming {@code secret} unless it is
     *     {@code whsec_} and the base64 of 24 to 64 bytes
     */
    public Builder secret(String secret) {
      requireNonNull(secret, "secret");
      keys.add(Signatures.key("secret", secret));
      return this;
    }

    /**
     * Sets how far the request's timestamp may be from the clock, either way; the default is
     * {@link #DEFAULT_TOLERANCE}.
     *
     * @throws IllegalArgumentException unless it is 1 second to 1 hour
     */
    public Builder tolerance(Duration tolerance) {
      requireNonNull(tolerance, "tolerance");
      if (tolerance.compareTo(Duration.ofSeconds(1)) < 0 || tolerance.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException("tolerance must be 1 second to 1 hour, was " + tolerance);
      }
      this.tolerance = tolerance;
      return this;
    }

    /** Sets the receiver's clock; the default is {@link Clock#systemUTC()}. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Returns the verifier.
     *
     * @throws IllegalStateException if no secret was added
     */
    public WebhookVerifier build() {
      if (keys.isEmpty()) {
        throw new IllegalStateException("a WebhookVerifier needs at least one secret");
      }
      return new WebhookVerifier(List.copyOf(keys), tolerance, clock);
    }
  }
}
