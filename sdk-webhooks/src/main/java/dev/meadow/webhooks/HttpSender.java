package dev.meadow.webhooks;

import dev.meadow.webhooks.spi.WebhookDelivery;
import dev.meadow.webhooks.spi.WebhookEndpoint;
import java.io.IOException;
import java.net.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.jspecify.annotations.Nullable;

/** Posts one signed delivery over HTTP and reports what came back. */
final class HttpSender {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final int MAX_ERROR = 1000;
  private static final Duration MIN_RETRY_AFTER = Duration.ofSeconds(1);

  private final AddressGuard guard;
  private final OkHttpClient client;
  private final boolean ownsClient;

  HttpSender(@Nullable OkHttpClient base, AddressGuard guard, Duration timeout) {
    this.guard = guard;
    this.ownsClient = base == null;
    long millis = timeout.toMillis();
    this.client = (base != null ? base.newBuilder() : new OkHttpClient.Builder())
        .dns(guard)
        .proxy(Proxy.NO_PROXY)
        .followRedirects(false)
        .followSslRedirects(false)
        .retryOnConnectionFailure(false)
        .callTimeout(millis, TimeUnit.MILLISECONDS)
        .connectTimeout(millis, TimeUnit.MILLISECONDS)
        .readTimeout(millis, TimeUnit.MILLISECONDS)
        .writeTimeout(millis, TimeUnit.MILLISECONDS)
        .build();
  }

  AddressGuard guard() {
    return guard;
  }

  /** Closes the idle connections of a client this sender made; a host's client is the host's to close. */
  void close() {
    if (ownsClient) {
      client.connectionPool().evictAll();
    }
  }

  /** Sends {@code delivery} to {@code endpoint}, signed with its secrets active at {@code now}. */
  Response post(WebhookEndpoint endpoint, WebhookDelivery delivery, Instant now) {
    long started = System.nanoTime();
    String id = delivery.eventId().value();
    long timestamp = now.getEpochSecond();
    String body = delivery.message().payload();
    String signature = endpoint.activeSecrets(now).stream()
        .map(secret -> Signatures.sign(Signatures.key("secret", secret.value()), id, timestamp, body))
        .collect(Collectors.joining(" "));
    try {
      HttpUrl url = HttpUrl.get(endpoint.url());
      guard.checkLiteral(url.host());
      Request request = new Request.Builder()
          .url(url)
          .header("webhook-id", id)
          .header("webhook-timestamp", Long.toString(timestamp))
          .header("webhook-signature", signature)
          .header("User-Agent", "Meadow-Webhooks/1")
          .post(RequestBody.create(body, JSON))
          .build();
      try (okhttp3.Response response = client.newCall(request).execute()) {
        int code = response.code();
        boolean ok = code >= 200 && code < 300;
        return new Response(code, ok ? null : "HTTP " + code, response.header("Retry-After"), elapsed(started));
      }
    } catch (IOException | IllegalArgumentException e) {
      String message = e.getClass().getSimpleName() + ": " + e.getMessage();
      return new Response(0, trim(message), null, elapsed(started));
    }
  }

  private static long elapsed(long startedNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
  }

  private static String trim(String text) {
    String clean = text.replace('\u0000', '\uFFFD');
    return clean.length() <= MAX_ERROR ? clean : clean.substring(0, MAX_ERROR);
  }

  /**
   * What one attempt came to.
   *
   * @param statusCode the HTTP status, or 0 without an answer
   * @param error what went wrong, or null for a 2xx answer
   * @param retryAfterHeader the {@code Retry-After} header of a 429 or 503 answer, or null
   * @param durationMillis how long the attempt took
   */
  record Response(int statusCode, @Nullable String error, @Nullable String retryAfterHeader, long durationMillis) {
    boolean succeeded() {
      return error == null;
    }

    /**
     * Returns how long a 429 or 503 answer asked to wait, from its {@code Retry-After} header in
     * seconds or as an HTTP date, at least a second; empty for other answers or an unreadable header.
     */
    Optional<Duration> retryAfter(Instant now) {
      if (retryAfterHeader == null || statusCode != 429 && statusCode != 503) {
        return Optional.empty();
      }
      String value = retryAfterHeader.trim();
      Duration wait;
      if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
        wait = value.length() > 9 ? Duration.ofSeconds(999_999_999) : Duration.ofSeconds(Long.parseLong(value));
      } else {
        try {
          wait = Duration.between(now, ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
          return Optional.empty();
        }
      }
      return Optional.of(wait.compareTo(MIN_RETRY_AFTER) < 0 ? MIN_RETRY_AFTER : wait);
    }
  }
}
