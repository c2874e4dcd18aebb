package dev.meadow.core.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.EventId;
import dev.meadow.core.GroupId;
import dev.meadow.core.UserId;
import dev.meadow.core.ValidationException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventJsonTest {
  private static final EventId ID = EventId.of("01JD5Z8Y0Q3E4N6V7W8X9Y0Z1A");
  private static final GroupId GROUP = GroupId.of("01JD5Z8Y0Q3E4N6V7W8X9Y0Z1B");
  private static final Instant AT = Instant.parse("2026-11-22T10:15:30.123Z");

  static List<MeadowEvent> everyEvent() {
    return List.of(
        new GroupEvent.Created(ID, AT, GROUP, new UserId("owner-1"), "Tea \"lovers\" 🍵", "tea-lovers"),
        new GroupEvent.MemberJoined(ID, AT, GROUP, new UserId("u-42")),
        new GroupEvent.MemberLeft(ID, AT, GROUP, new UserId("u-42")));
  }

  @Test
  void everyEventTypeRoundTrips() {
    List<MeadowEvent> events = everyEvent();
    assertEquals(EventJson.types().size(), events.size(), "every event type has a round-trip case here");
    for (MeadowEvent event : events) {
      assertEquals(event, EventJson.read(EventJson.write(event)));
    }
  }

  @Test
  void typeNamesAreStable() {
    assertEquals(Set.of("group.created", "group.member_joined", "group.member_left"), EventJson.types().keySet());
    assertEquals("group.member_joined", everyEvent().get(1).type());
    assertEquals(1, everyEvent().get(1).schemaVersion());
  }

  @Test
  void jsonIsTheDocumentedEnvelope() {
    assertEquals(
        "{\"type\":\"group.member_joined\",\"schemaVersion\":1,\"id\":\"01JD5Z8Y0Q3E4N6V7W8X9Y0Z1A\","
            + "\"occurredAt\":\"2026-11-22T10:15:30.123Z\","
            + "\"data\":{\"groupId\":\"01JD5Z8Y0Q3E4N6V7W8X9Y0Z1B\",\"userId\":\"u-42\"}}",
        EventJson.write(everyEvent().get(1)));
  }

  @Test
  void readIgnoresFieldsAddedLater() {
    String json = "{\"type\":\"group.member_left\",\"schemaVersion\":1,\"id\":\"01JD5Z8Y0Q3E4N6V7W8X9Y0Z1A\","
        + "\"occurredAt\":\"2026-11-22T10:15:30.123Z\",\"extra\":1,"
        + "\"data\":{\"groupId\":\"01JD5Z8Y0Q3E4N6V7W8X9Y0Z1B\",\"userId\":\"u-42\",\"reason\":\"moved\"}}";
    assertEquals(everyEvent().get(2), EventJson.read(json));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "not json", "[]", "null", "{}",
      "{\"type\":\"group.exploded\",\"schemaVersion\":1,\"id\":\"01JD5Z8Y0Q3E4N6V7W8X9Y0Z1A\",\"occurredAt\":\"2026-11-22T10:15:30Z\",\"data\":{}}",
      "{\"type\":\"group.member_left\",\"schemaVersion\":2,\"id\":\"01JD5Z8Y0Q3E4N6V7W8X9Y0Z1A\",\"occurredAt\":\"2026-11-22T10:15:30Z\",\"data\":{\"groupId\":\"01JD5Z8Y0Q3E4N6V7W8X9Y0Z1B\",\"userId\":\"u\"}}",
      "{\"type\":\"group.member_left\",\"schemaVersion\":1,\"id\":\"01JD5Z8Y0Q3E4N6V7W8X9Y0Z1A\",\"occurredAt\":\"2026-11-22T10:15:30Z\",\"data\":{\"groupId\":\"01JD5Z8Y0Q3E4N6V7W8X9Y0Z1B\"}}",
      "{\"type\":\"group.member_left\",\"schemaVersion\":1,\"id\":\"bad\",\"occurredAt\":\"2026-11-22T10:15:30Z\",\"data\":{\"groupId\":\"01JD5Z8Y0Q3E4N6V7W8X9Y0Z1B\",\"userId\":\"u\"}}",
      "{\"type\":\"group.member_left\",\"schemaVersion\":1,\"id\":\"01JD5Z8Y0Q3E4N6V7W8X9Y0Z1A\",\"occurredAt\":\"yesterday\",\"data\":{\"groupId\":\"01JD5Z8Y0Q3E4N6V7W8X9Y0Z1B\",\"userId\":\"u\"}}",
      "{\"type\":\"group.member_left\",\"schemaVersion\":1,\"id\":\"01JD5Z8Y0Q3E4N6V7W8X9Y0Z1A\",\"occurredAt\":\"2026-11-22T10:15:30Z\",\"data\":{\"groupId\":\"01JD5Z8Y0Q3E4N6V7W8X9Y0Z1B\",\"userId\":\"bad\\u0000id\"}}"})
  void readRejectsWhatIsNotAnEventOfThisVersion(String json) {
    ValidationException e = assertThrows(ValidationException.class, () -> EventJson.read(json));
    assertTrue(e.names("json"), e.getMessage());
  }
}
