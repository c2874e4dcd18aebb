package dev.meadow.webhooks;

import static dev.meadow.webhooks.Stores.store;
import static java.util.Objects.requireNonNull;

import dev.meadow.core.ConflictException;
import dev.meadow.core.NotFoundException;
import dev.meadow.core.Page;
import dev.meadow.core.PageRequest;
import dev.meadow.core.PlainText;
import dev.meadow.core.ValidationException;
import dev.meadow.core.WebUrl;
import dev.meadow.core.events.EventJson;
import dev.meadow.core.modules.Cursors;
import dev.meadow.core.modules.ModuleContext;
import dev.meadow.core.spi.Storage;
import dev.meadow.core.spi.Transaction;
import dev.meadow.webhooks.spi.WebhookEndpoint;
import dev.meadow.webhooks.spi.WebhookSecret;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The endpoints stage of {@link Webhooks}: registers, changes, rotates the secrets of, disables,
 * enables and lists endpoints, checking URLs and event types. Thread-safe: each call is one
 * transaction, and a change applies over the version it read.
 */
final class Endpoints {
  // Logged under Webhooks, as before the stages were split, so hosts' log settings still apply.
  private static final Logger log = LoggerFactory.getLogger(Webhooks.class);
  private static final String ENDPOINTS = "webhooks.endpoints";

  private final ModuleContext context;
  private final Storage storage;
  private final Cursors cursors;
  private final AddressGuard guard;

  Endpoints(ModuleContext context, AddressGuard guard) {
    this.context = context;
    this.storage = context.storage();
    this.cursors = context.cursors();
    this.guard = guard;
  }

  Registration register(String url, Collection<String> eventTypes) {
    String checkedUrl = checkUrl(url);
    List<String> types = checkTypes(eventTypes);
    String secret = Signatures.newSecret();
    Instant now = context.now();
    WebhookEndpoint endpoint = new WebhookEndpoint(new WebhookEndpointId(context.newId()), checkedUrl, types,
        List.of(new WebhookSecret(secret, now, null)), true, null, now, now, 1);
    storage.inTransaction(tx -> {
      store(tx).insertEndpoint(endpoint);
      return null;
    });
    log.info("Registered webhook endpoint {} for {}", endpoint.id(), types);
    return new Registration(Endpoint.of(endpoint, now), secret);
  }

  Endpoint endpoint(WebhookEndpointId id) {
    requireNonNull(id, "id");
    return Endpoint.of(storage.inTransaction(tx -> find(tx, id)), context.now());
  }

  Page<Endpoint> list(PageRequest request) {
    requireNonNull(request, "request");
    WebhookEndpointId after = cursors.position(ENDPOINTS, request, 1, parts -> WebhookEndpointId.of(parts.get(0)));
    List<WebhookEndpoint> rows = storage.inTransaction(tx -> store(tx).listEndpoints(after, request.limit() + 1));
    Instant now = context.now();
    return cursors.page(rows, request.limit(), ENDPOINTS, e -> new String[] {e.id().value()})
        .map(e -> Endpoint.of(e, now));
  }

  Endpoint update(WebhookEndpointId id, String url, Collection<String> eventTypes) {
    requireNonNull(id, "id");
    String checkedUrl = checkUrl(url);
    List<String> types = checkTypes(eventTypes);
    return change(id, (e, now) -> e.next(checkedUrl, types, e.secrets(), e.disabledReason(), now));
  }

  String rotateSecret(WebhookEndpointId id, Duration overlap) {
    requireNonNull(id, "id");
    requireNonNull(overlap, "overlap");
    if (overlap.isNegative() || overlap.compareTo(Webhooks.MAX_OVERLAP) > 0) {
      throw ValidationException.of("overlap", "out_of_range", "must be zero to " + Webhooks.MAX_OVERLAP + ", was " + overlap);
    }
    String secret = Signatures.newSecret();
    change(id, (e, now) -> {
      List<WebhookSecret> secrets = new ArrayList<>();
      for (WebhookSecret old : e.activeSecrets(now)) {
        Instant expiresAt = now.plus(overlap);
        secrets.add(new WebhookSecret(old.value(), old.createdAt(),
            old.expiresAt() != null && old.expiresAt().isBefore(expiresAt) ? old.expiresAt() : expiresAt));
      }
      secrets.removeIf(s -> !s.activeAt(now));
      secrets.add(new WebhookSecret(secret, now, null));
      return e.next(e.url(), e.eventTypes(), secrets, e.disabledReason(), now);
    });
    log.info("Rotated the secret of webhook endpoint {}; the old ones sign for {} more", id, overlap);
    return secret;
  }

  Endpoint disable(WebhookEndpointId id, String reason) {
    requireNonNull(id, "id");
    String why = PlainText.require("reason", reason, Webhooks.MAX_REASON);
    return change(id, (e, now) -> e.enabled() ? disabled(e, why, now) : e);
  }

  Endpoint enable(WebhookEndpointId id) {
    requireNonNull(id, "id");
    return change(id, (e, now) -> e.enabled() ? e : e.next(e.url(), e.eventTypes(), e.secrets(), null, now));
  }

  /** Returns {@code e} disabled for {@code reason} at {@code now}, as a user or a 410 answer disables it. */
  static WebhookEndpoint disabled(WebhookEndpoint e, String reason, Instant now) {
    return e.next(e.url(), e.eventTypes(), e.secrets(), reason, now);
  }

  /** A change to one endpoint, given it as stored and the time. */
  @FunctionalInterface
  private interface EndpointChange {
    WebhookEndpoint apply(WebhookEndpoint current, Instant now);
  }

  private Endpoint change(WebhookEndpointId id, EndpointChange change) {
    Instant now = context.now();
    WebhookEndpoint changed = storage.inTransaction(tx -> {
      WebhookEndpoint current = find(tx, id);
      WebhookEndpoint next = change.apply(current, now);
      if (next != current && !store(tx).updateEndpoint(next)) {
        throw new ConflictException("webhook endpoint " + id + " was changed at the same time; try again");
      }
      return next;
    });
    return Endpoint.of(changed, now);
  }

  private static WebhookEndpoint find(Transaction tx, WebhookEndpointId id) {
    return store(tx).findEndpoint(id).orElseThrow(() -> new NotFoundException("webhook endpoint", id.value()));
  }

  private String checkUrl(String url) {
    String checked = WebUrl.require("url", url);
    HttpUrl parsed = HttpUrl.parse(checked);
    if (parsed == null) {
      throw ValidationException.of("url", "invalid_url", "is not a valid URL");
    }
    try {
      guard.checkLiteral(parsed.host());
    } catch (UnknownHostException e) {
      throw ValidationException.of("url", "refused_address", e.getMessage());
    }
    return checked;
  }

  private static List<String> checkTypes(Collection<String> eventTypes) {
    requireNonNull(eventTypes, "eventTypes");
    if (eventTypes.isEmpty() || eventTypes.size() > Webhooks.MAX_EVENT_TYPES) {
      throw ValidationException.of("eventTypes", "out_of_range",
          "must list 1 to " + Webhooks.MAX_EVENT_TYPES + " event types, or \"*\"");
    }
    Set<String> types = new LinkedHashSet<>();
    int i = 0;
    for (String type : eventTypes) {
      if (type == null || !type.equals(WebhookEndpoint.ALL_TYPES) && !EventJson.types().containsKey(type)) {
        throw ValidationException.of("eventTypes[" + i + "]", "unknown_event_type",
            "is not an event type Meadow emits (see EventJson.types()), nor \"*\"");
      }
      types.add(type);
      i++;
    }
    return List.copyOf(types);
  }
}
