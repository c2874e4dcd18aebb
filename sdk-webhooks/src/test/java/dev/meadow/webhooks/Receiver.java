package dev.meadow.webhooks;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.jspecify.annotations.Nullable;

/**
 * The shop's side of a test: answers each webhook request as the test says, verifies what it
 * accepts, and acts on each event once, de-duplicating by {@code webhook-id} as receivers must.
 */
public final class Receiver extends Dispatcher {
  /** One request as it arrived. */
  public record Call(String path, @Nullable String id, @Nullable String timestamp, @Nullable String signature,
      @Nullable String contentType, String body) {}

  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final Set<String> acted = ConcurrentHashMap.newKeySet();
  private final AtomicInteger duplicates = new AtomicInteger();
  private final AtomicInteger rejected = new AtomicInteger();
  private volatile Function<Call, MockResponse> answer = call -> new MockResponse().setResponseCode(204);
  private volatile @Nullable WebhookVerifier verifier;

  /** Sets how requests are answered from now on; the default is 204 to everything. */
  public void answer(Function<Call, MockResponse> answer) {
    this.answer = answer;
  }

  /** Verifies every request the answer accepts; one that fails verification gets 401 and no effect. */
  public void verifyWith(WebhookVerifier verifier) {
    this.verifier = verifier;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    Call call = new Call(request.getPath() == null ? "" : request.getPath(), request.getHeader("webhook-id"),
        request.getHeader("webhook-timestamp"), request.getHeader("webhook-signature"),
        request.getHeader("Content-Type"), request.getBody().readUtf8());
    calls.add(call);
    MockResponse response = answer.apply(call);
    String[] statusLine = response.getStatus().split(" ");
    if (statusLine.length > 1 && statusLine[1].startsWith("2")) {
      WebhookVerifier check = verifier;
      if (check != null) {
        try {
          check.verify(call.id(), call.timestamp(), call.signature(), call.body());
        } catch (WebhookVerificationException e) {
          rejected.incrementAndGet();
          return new MockResponse().setResponseCode(401);
        }
      }
      if (call.id() != null && !acted.add(call.id())) {
        duplicates.incrementAndGet();
      }
    }
    return response;
  }

  /** Returns every request received, in order. */
  public List<Call> calls() {
    return List.copyOf(calls);
  }

  /** Returns the ids of the events acted on: each accepted once, whatever number of times it came. */
  public Set<String> acted() {
    return Set.copyOf(acted);
  }

  /** Returns how many accepted requests repeated an event already acted on. */
  public int duplicates() {
    return duplicates.get();
  }

  /** Returns how many requests failed verification. */
  public int rejected() {
    return rejected.get();
  }
}
