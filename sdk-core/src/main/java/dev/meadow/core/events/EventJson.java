package dev.meadow.core.events;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.meadow.core.ValidationException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stable JSON for {@link MeadowEvent}s. Every event is written as
 *
 * <pre>{@code
 * {"type":"group.member_joined","schemaVersion":1,"id":"01JD…","occurredAt":"2026-11-22T10:15:30.123Z",
 *  "data":{"groupId":"01JD…","userId":"u-42"}}
 * }</pre>
 *
 * <p>Within a schema version, fields are only ever added; readers ignore fields they do not know.
 * Ids are strings, instants ISO-8601 UTC strings, money never a floating-point number.
 *
 * <p>Thread-safe.
 */
public final class EventJson {
  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .build();

  private static final ClassValue<EventType> TYPES =
      new ClassValue<>() {
        @Override
        protected EventType computeValue(Class<?> type) {
          EventType annotation = type.getAnnotation(EventType.class);
          if (annotation == null) {
            throw new IllegalStateException(type.getName() + " is not annotated with @EventType");
          }
          return annotation;
        }
      };

  /** Every registered type, in registration order; replaced whole on each registration. */
  private static volatile Map<String, Class<? extends MeadowEvent>> byType = Map.of();

  static {
    register(GroupEvent.class);
    register(PostEvent.class);
    register(ReferralEvent.class);
    register(ReviewEvent.class);
    register(SocialEvent.class);
  }

  private EventJson() {}

  /**
   * Returns the type names of every event Meadow can emit, each mapped to its record class: core's,
   * and those of every family registered in this JVM so far. The map does not change afterwards.
   */
  public static Map<String, Class<? extends MeadowEvent>> types() {
    return byType;
  }

  /**
   * Registers an event family so that it can be written and read: a sealed interface extending
   * {@link MeadowEvent} whose permitted records (directly or through sealed sub-interfaces) are each
   * annotated with {@link EventType}, or a single such record. Registration is for the whole JVM
   * and is idempotent: registering a family again does nothing. Modules register theirs through
   * {@code ModuleContext.registerEvents}; a process that only reads events (a receiver) calls this
   * for the module families it reads.
   *
   * @throws IllegalArgumentException if a record lacks {@code @EventType}, if the family is
   *     neither sealed nor a record, or if a type name is already registered for another class;
   *     nothing is registered then
   */
  public static synchronized void register(Class<? extends MeadowEvent> family) {
    requireNonNull(family, "family");
    Map<String, Class<? extends MeadowEvent>> next = new LinkedHashMap<>(byType);
    Deque<Class<?>> pending = new ArrayDeque<>();
    pending.add(family);
    while (!pending.isEmpty()) {
      Class<?> type = pending.removeFirst();
      if (type.isRecord()) {
        EventType annotation = type.getAnnotation(EventType.class);
        if (annotation == null) {
          throw new IllegalArgumentException(type.getName() + " is not annotated with @EventType");
        }
        Class<? extends MeadowEvent> previous = next.putIfAbsent(annotation.value(), type.asSubclass(MeadowEvent.class));
        if (previous != null && previous != type) {
          throw new IllegalArgumentException("event type " + annotation.value() + " of " + type.getName()
              + " is already registered for " + previous.getName());
        }
      } else if (type.isSealed()) {
        Collections.addAll(pending, type.getPermittedSubclasses());
      } else {
        throw new IllegalArgumentException(type.getName()
            + " is neither a sealed event family nor an event record");
      }
    }
    byType = Collections.unmodifiableMap(next);
  }

  /**
   * Returns the event as stable JSON.
   *
   * @throws IllegalArgumentException if the event's type is not registered
   */
  public static String write(MeadowEvent event) {
    requireNonNull(event, "event");
    if (byType.get(event.type()) != event.getClass()) {
      throw new IllegalArgumentException("event type " + event.type() + " (" + event.getClass().getName()
          + ") is not registered: register its family with EventJson.register or ModuleContext.registerEvents");
    }
    ObjectNode data = MAPPER.valueToTree(event);
    data.remove("id");
    data.remove("occurredAt");
    ObjectNode root = MAPPER.createObjectNode();
    root.put("type", event.type());
    root.put("schemaVersion", event.schemaVersion());
    root.put("id", event.id().value());
    root.put("occurredAt", event.occurredAt().toString());
    root.set("data", data);
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("event " + event.type() + " cannot be written as JSON", e);
    }
  }

  /**
   * Reads an event written by {@link #write}.
   *
   * @throws ValidationException naming {@code json} if the text is not JSON of a known event type
   *     and schema version
   */
  public static MeadowEvent read(String json) {
    requireNonNull(json, "json");
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw invalid("is not well-formed JSON");
    }
    if (root == null || !root.isObject() || !root.path("data").isObject()) {
      throw invalid("is not a Meadow event envelope");
    }
    String type = root.path("type").asText("");
    Class<? extends MeadowEvent> eventClass = byType.get(type);
    if (eventClass == null) {
      throw invalid("has unknown event type '" + type + "'");
    }
    int version = root.path("schemaVersion").asInt(-1);
    if (version != typeOf(eventClass).version()) {
      throw invalid("has schema version " + version + " of '" + type + "', this Meadow reads "
          + typeOf(eventClass).version());
    }
    ObjectNode fields = ((ObjectNode) root.get("data")).deepCopy();
    fields.set("id", root.path("id"));
    fields.set("occurredAt", root.path("occurredAt"));
    try {
      return MAPPER.treeToValue(fields, eventClass);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw invalid("does not hold a valid '" + type + "' event: " + rootMessage(e));
    } catch (ValidationException e) {
      throw invalid("does not hold a valid '" + type + "' event: " + e.getMessage());
    }
  }

  static EventType typeOf(Class<?> eventClass) {
    return TYPES.get(eventClass);
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause instanceof ValidationException ? cause.getMessage() : e.getClass().getSimpleName();
  }

  private static ValidationException invalid(String message) {
    return ValidationException.of("json", "invalid_event", message);
  }
}
