package dev.meadow.trust.http;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.IntegrationException;
import dev.meadow.core.OrderId;
import dev.meadow.core.ProductId;
import dev.meadow.core.UserId;
import dev.meadow.core.ports.PurchaseVerifier;
import dev.meadow.core.reviews.Purchase;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link PurchaseVerifier} that asks the shop's order service over HTTP: one {@code GET} per
 * question, to a URL made from a template such as
 * {@code https://orders.internal/users/{user}/purchases/{product}?order={order}}.
 *
 * <p>The service answers {@code 200} with a purchase as a JSON object,
 * <pre>{@code {"orderId":"o-1001","productId":"sku-trail-2","purchasedAt":"2026-04-21T09:30:00Z","state":"DELIVERED"}}</pre>
 * (other fields are ignored; {@code state} is a {@link dev.meadow.core.reviews.PurchaseState} name),
 * or {@code 404} (any body) when the user bought no such product. Every other answer is an
 * {@link IntegrationException}: a {@code 200} with an empty body, a body that is not JSON, lacks a
 * field, has an unknown state or says {@code {"found":false}}; a redirect, which is never followed;
 * any other status. Connection errors, timeouts and {@code 5xx} answers are tried again, after an
 * exponential backoff with jitter, up to {@link Builder#retries} times; then they are an
 * {@code IntegrationException} too. Meadow asks before it writes, so a review whose verification
 * failed stores nothing, and the shopper may submit again.
 *
 * <p>Messages name the service by its template, without the query, and the status or the cause;
 * never a header's value, nor the ids asked about. Thread-safe: one instance serves every
 * thread. It starts no threads of its own and calls the service from the thread asking it
 * (OkHttp's shared daemon threads, which time calls out and clean its connection pool, come and
 * go as for any OkHttp client).
 *
 * <pre>{@code
 * PurchaseVerifier purchases = HttpPurchaseVerifier.builder("https://orders.internal/users/{user}/purchases/{product}")
 *     .header("Authorization", "Bearer " + token)
 *     .build();
 * Meadow meadow = Meadow.builder().purchases(purchases).build();
 * }</pre>
 */
public final class HttpPurchaseVerifier implements PurchaseVerifier {
  /** How long one attempt may take unless {@link Builder#timeout} says otherwise. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

  /** How many times a failed attempt is tried again unless {@link Builder#retries} says otherwise. */
  public static final int DEFAULT_RETRIES = 2;

  /** The most retries {@link Builder#retries} accepts. */
  public static final int MAX_RETRIES = 10;

  /** The largest body of a {@code 200} answer read, in bytes; a larger one is an error. */
  public static final int MAX_BODY = 64 * 1024;

  private static final Logger log = LoggerFactory.getLogger(HttpPurchaseVerifier.class);
  private static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

  private final UrlTemplate template;
  private final Headers headers;
  private final OkHttpClient client;
  private final int retries;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Sleeper sleeper;

  private HttpPurchaseVerifier(Builder builder) {
    this.template = builder.template;
    Headers.Builder headers = new Headers.Builder()
        .add("Accept", "application/json")
        .add("User-Agent", "Meadow-PurchaseVerifier/1");
    for (String[] header : builder.headers.values()) {
      headers.set(header[0], header[1]);
    }
    this.headers = headers.build();
    long millis = builder.timeout.toMillis();
    OkHttpClient base = builder.httpClient;
    // Retries are ours, counted and backed off; OkHttp's own would retry unseen.
    this.client = (base != null ? base.newBuilder() : new OkHttpClient.Builder())
        .followRedirects(false)
        .followSslRedirects(false)
        .retryOnConnectionFailure(false)
        .connectTimeout(millis, TimeUnit.MILLISECONDS)
        .readTimeout(millis, TimeUnit.MILLISECONDS)
        .writeTimeout(millis, TimeUnit.MILLISECONDS)
        .callTimeout(millis, TimeUnit.MILLISECONDS)
        .build();
    this.retries = builder.retries;
    this.initialBackoff = builder.initialBackoff;
    this.maxBackoff = builder.maxBackoff;
    this.sleeper = builder.sleeper;
  }

  /**
   * Returns a builder for a verifier asking the service at {@code urlTemplate}.
   *
   * <p>The template is an absolute {@code http} or {@code https} URL in printable ASCII (percent-
   * encode anything else), without a user name, password or fragment. It must contain
   * {@code {user}} and {@code {product}}, each in the path (a whole segment or part of one) or in
   * a query value; it may contain {@code {order}}, only as a whole query value
   * ({@code ?order={order}}), and that parameter is left out when a review names no order. Each
   * value is percent-encoded as UTF-8, every character but letters, digits and {@code -._~}, so
   * no id can add a path segment or a parameter; an id of {@code .} or {@code ..} standing as a
   * whole segment is refused when asked about, with an {@link IntegrationException}.
   *
   * @throws IllegalArgumentException saying what is wrong with the template (its query is never
   *     shown, in case it carries a key)
   */
  public static Builder builder(String urlTemplate) {
    requireNonNull(urlTemplate, "urlTemplate");
    return new Builder(UrlTemplate.parse(urlTemplate));
  }

  /**
   * Asks the service for the user's purchase of the product (in {@code order} when one is given).
   *
   * @return the purchase the service answered with {@code 200}, or empty for {@code 404}
   * @throws IntegrationException for any other answer, a body outside the contract, or a service
   *     that could not be reached or failed on every attempt; the message names the service and
   *     the status or cause
   */
  @Override
  public Optional<Purchase> findPurchase(UserId user, ProductId product, @Nullable OrderId order) {
    requireNonNull(user, "user");
    requireNonNull(product, "product");
    HttpUrl url = template.expand(user.value(), product.value(), order == null ? null : order.value());
    Request request = new Request.Builder().url(url).headers(headers).get().build();
    int attempts = retries + 1;
    for (int attempt = 1; ; attempt++) {
      String failure;
      IOException cause = null;
      try (Response response = client.newCall(request).execute()) {
        int code = response.code();
        if (code == 200) {
          return Optional.of(PurchaseJson.read(service(), body(response, service())));
        }
        if (code == 404) {
          return Optional.empty();
        }
        if (code < 500 || code > 599) {
          throw new IntegrationException("purchase service " + service() + " answered HTTP " + code
              + (code >= 300 && code < 400 ? ", a redirect, which is never followed (point the URL template at the"
                  + " final address)" : "; only 200 with a purchase or 404 for none are expected"), null);
        }
        failure = "HTTP " + code;
      } catch (IOException e) {
        failure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        cause = e;
      }
      if (attempt >= attempts || Thread.currentThread().isInterrupted()) {
        throw new IntegrationException("purchase service " + service() + " failed " + attempt
            + (attempt == 1 ? " attempt" : " attempts") + ", the last with " + failure, cause);
      }
      Duration wait = backoff(attempt);
      log.debug("purchase service {} failed attempt {} of {} with {}; trying again in {} ms",
          service(), attempt, attempts, failure, wait.toMillis());
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IntegrationException("purchase service " + service() + " failed " + attempt
            + (attempt == 1 ? " attempt" : " attempts") + ", the last with " + failure
            + ", and the thread was interrupted before trying again", e);
      }
    }
  }

  /**
   * Returns the wait after failed attempt {@code attempt} (from 1): the backoff doubles from the
   * initial one up to the maximum, and a random half of it is taken off ("equal jitter"), so
   * callers that failed together do not come back together, yet none comes back at once.
   */
  Duration backoff(int attempt) {
    long initial = initialBackoff.toMillis();
    long nominal = attempt >= 31 ? maxBackoff.toMillis() : Math.min(initial << (attempt - 1), maxBackoff.toMillis());
    long half = nominal / 2;
    return Duration.ofMillis(nominal - half + ThreadLocalRandom.current().nextLong(half + 1));
  }

  /** Reads a body of at most {@link #MAX_BODY} bytes; a connection lost meanwhile is an {@code IOException}. */
  private static byte[] body(Response response, String service) throws IOException {
    ResponseBody body = response.body();
    if (body == null) {
      return new byte[0];
    }
    BufferedSource source = body.source();
    if (source.request(MAX_BODY + 1L)) {
      throw new IntegrationException("purchase service " + service + " answered 200 with a body larger than "
          + MAX_BODY + " bytes", null);
    }
    return source.getBuffer().readByteArray();
  }

  private String service() {
    return template.service();
  }

  /** Names the service by its template without the query; never a header. */
  @Override
  public String toString() {
    return "HttpPurchaseVerifier[" + service() + "]";
  }

  /**
   * Waits between attempts: {@link #system()} sleeps the calling thread; tests pass one that
   * records the waits and returns at once.
   */
  @FunctionalInterface
  public interface Sleeper {
    /**
     * Waits for {@code duration}, or until the thread is interrupted.
     *
     * @throws InterruptedException if the thread was interrupted; the verifier stops trying
     */
    void sleep(Duration duration) throws InterruptedException;

    /** Returns the sleeper that sleeps the calling thread ({@link Thread#sleep(long)}). */
    static Sleeper system() {
      return duration -> Thread.sleep(duration.toMillis());
    }
  }

  /**
   * Configures an {@link HttpPurchaseVerifier}. Each setter checks its argument at once; a setter
   * that takes one value may be called once, and {@link #header} once per name. A builder may
   * build several verifiers; later changes to the builder do not affect those already built.
   */
  public static final class Builder {
    private final UrlTemplate template;
    private final Map<String, String[]> headers = new LinkedHashMap<>();
    private Duration timeout = DEFAULT_TIMEOUT;
    private int retries = DEFAULT_RETRIES;
    private Duration initialBackoff = Duration.ofMillis(100);
    private Duration maxBackoff = Duration.ofSeconds(1);
    private Sleeper sleeper = Sleeper.system();
    private @Nullable OkHttpClient httpClient;
    private boolean timeoutSet;
    private boolean retriesSet;
    private boolean backoffSet;
    private boolean sleeperSet;

    private Builder(UrlTemplate template) {
      this.template = template;
    }

    /**
     * Sends a header with every request, such as {@code Authorization: Bearer …}. The value is
     * never logged nor put in a message, not even this method's.
     *
     * @param name an HTTP header name (letters, digits and {@code !#$%&'*+-.^_`|~})
     * @param value printable ASCII, spaces and tabs; no line breaks
     * @throws IllegalArgumentException if the name or the value is not allowed in a header
     * @throws IllegalStateException if a header of that name (in any case) was already set
     */
    public Builder header(String name, String value) {
      requireNonNull(name, "name");
      requireNonNull(value, "value");
      if (name.isEmpty() || !name.chars().allMatch(Builder::isTokenChar)) {
        throw new IllegalArgumentException("header name must be an HTTP token, was \""
            + name.replaceAll("[^\\x21-\\x7e]", "?") + "\"");
      }
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c != '\t' && (c < ' ' || c >= 0x7f)) {
          throw new IllegalArgumentException("the value of header " + name
              + " has a character not allowed in a header at index " + i + " (the value is not shown)");
        }
      }
      String key = name.toLowerCase(Locale.ROOT);
      requireState(!headers.containsKey(key), "header " + name + " was already set");
      headers.put(key, new String[] {name, value});
      return this;
    }

    /**
     * Sets how long one attempt may take: to connect, for each read, and in all from sending the
     * request to the end of the body. The default is {@link #DEFAULT_TIMEOUT}. A review waits at
     * most about {@code (retries + 1) × timeout} plus the backoffs.
     *
     * @param timeout 1 ms to 5 minutes
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if the timeout was already set
     */
    public Builder timeout(Duration timeout) {
      requireNonNull(timeout, "timeout");
      if (timeout.toMillis() < 1 || timeout.compareTo(MAX_TIMEOUT) > 0) {
        throw new IllegalArgumentException("timeout must be 1 ms to 5 minutes, was " + timeout);
      }
      requireState(!timeoutSet, "timeout was already set to " + this.timeout);
      this.timeout = timeout;
      this.timeoutSet = true;
      return this;
    }

    /**
     * Sets how many times an attempt that failed to connect, timed out or got a {@code 5xx} answer
     * is tried again; other answers are never tried again. The default is {@link #DEFAULT_RETRIES};
     * 0 asks once.
     *
     * @param retries 0 to {@value #MAX_RETRIES}
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if the retries were already set
     */
    public Builder retries(int retries) {
      if (retries < 0 || retries > MAX_RETRIES) {
        throw new IllegalArgumentException("retries must be 0 to " + MAX_RETRIES + ", was " + retries);
      }
      requireState(!retriesSet, "retries were already set to " + this.retries);
      this.retries = retries;
      this.retriesSet = true;
      return this;
    }

    /**
     * Sets the backoff between attempts: {@code initial} after the first failure, doubling after
     * each further one up to {@code max}, less a random part of up to half (jitter). The default
     * is 100 ms up to 1 second.
     *
     * @param initial 1 ms to 1 minute
     * @param max {@code initial} to 1 minute
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if the backoff was already set
     */
    public Builder backoff(Duration initial, Duration max) {
      requireNonNull(initial, "initial");
      requireNonNull(max, "max");
      if (initial.toMillis() < 1 || initial.compareTo(MAX_BACKOFF) > 0) {
        throw new IllegalArgumentException("initial backoff must be 1 ms to 1 minute, was " + initial);
      }
      if (max.compareTo(initial) < 0 || max.compareTo(MAX_BACKOFF) > 0) {
        throw new IllegalArgumentException("max backoff must be the initial one (" + initial + ") to 1 minute, was "
            + max);
      }
      requireState(!backoffSet, "backoff was already set");
      this.initialBackoff = initial;
      this.maxBackoff = max;
      this.backoffSet = true;
      return this;
    }

    /**
     * Sets what waits between attempts; the default is {@link Sleeper#system()}. Tests pass one
     * that returns at once.
     *
     * @throws IllegalStateException if the sleeper was already set
     */
    public Builder sleeper(Sleeper sleeper) {
      requireNonNull(sleeper, "sleeper");
      requireState(!sleeperSet, "sleeper was already set");
      this.sleeper = sleeper;
      this.sleeperSet = true;
      return this;
    }

    /**
     * Sets the HTTP client to start from, such as the application's shared one: its connection
     * pool, dispatcher, TLS and proxy settings are kept, while the verifier sets its own timeouts,
     * no redirects and no silent retries on a derived client (the given one is not changed). The
     * default is a new {@code OkHttpClient}.
     *
     * @throws IllegalStateException if the client was already set
     */
    public Builder httpClient(OkHttpClient httpClient) {
      requireNonNull(httpClient, "httpClient");
      requireState(this.httpClient == null, "httpClient was already set");
      this.httpClient = httpClient;
      return this;
    }

    /** Returns a new verifier configured by this builder. */
    public HttpPurchaseVerifier build() {
      return new HttpPurchaseVerifier(this);
    }

    private static boolean isTokenChar(int c) {
      return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    private static void requireState(boolean expression, String message) {
      if (!expression) {
        throw new IllegalStateException(message);
      }
    }
  }
}
