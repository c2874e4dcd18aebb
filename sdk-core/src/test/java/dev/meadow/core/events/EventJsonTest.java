package dev.meadow.core.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.CommentId;
import dev.meadow.core.EventId;
import dev.meadow.core.GroupId;
import dev.meadow.core.InvitationId;
import dev.meadow.core.OrderId;
import dev.meadow.core.PostId;
import dev.meadow.core.ProductId;
import dev.meadow.core.ReviewId;
import dev.meadow.core.RewardId;
import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import dev.meadow.core.ValidationException;
import dev.meadow.core.groups.ContentState;
import dev.meadow.core.groups.FollowTarget;
import dev.meadow.core.groups.GroupRole;
import dev.meadow.core.groups.GroupVisibility;
import dev.meadow.core.groups.JoinMethod;
import dev.meadow.core.groups.ReactionTarget;
import dev.meadow.core.referrals.Audience;
import dev.meadow.core.referrals.Channel;
import dev.meadow.core.referrals.FraudReason;
import dev.meadow.core.referrals.Money;
import dev.meadow.core.referrals.RewardRole;
import dev.meadow.core.referrals.RewardState;
import dev.meadow.core.referrals.ShareCode;
import dev.meadow.core.referrals.ShareTarget;
import dev.meadow.core.reviews.ReviewState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventJsonTest {
  private static final EventId ID = EventId.of("01JD5Z8Y0Q3E4N6V7W8X9Y0Z1A");
  private static final GroupId GROUP = GroupId.of("01JD5Z8Y0Q3E4N6V7W8X9Y0Z1B");
  private static final PostId POST = PostId.of("01JD5Z8Y0Q3E4N6V7W8X9Y0Z1C");
  private static final CommentId COMMENT = CommentId.of("01JD5Z8Y0Q3E4N6V7W8X9Y0Z1D");
  private static final CommentId PARENT = CommentId.of("01JD5Z8Y0Q3E4N6V7W8X9Y0Z1E");
  private static final InvitationId INVITATION = InvitationId.of("01JD5Z8Y0Q3E4N6V7W8X9Y0Z1F");
  private static final Instant AT = Instant.parse("2026-11-22T10:15:30.123Z");
  private static final UserId USER = new UserId("u-42");
  private static final UserId MODERATOR = new UserId("mod \"7\" 🌿");
  private static final List<StoreId> STORES = List.of(StoreId.of("lantern-tea"), StoreId.of("wool-and-co"));
  private static final ReviewId REVIEW = ReviewId.of("01JD5Z8Y0Q3E4N6V7W8X9Y0Z1G");
  private static final ProductId PRODUCT = ProductId.of("sku \"oolong\" 🍵");
  private static final ShareCode CODE = ShareCode.of("Ab-_09xyZ12");
  private static final OrderId ORDER = OrderId.of("order \"7\"");
  private static final RewardId REWARD = RewardId.of("01JD5Z8Y0Q3E4N6V7W8X9Y0Z1H");

  /** One event of every type, with awkward text where there is text. */
  static List<MeadowEvent> everyEvent() {
    return List.of(
        new GroupEvent.Created(ID, AT, GROUP, new UserId("owner-1"), "Tea \"lovers\" 🍵 <b>", "tea-lovers",
            GroupVisibility.REQUEST, null),
        new GroupEvent.Updated(ID, AT, GROUP, USER, 7),
        new GroupEvent.Archived(ID, AT, GROUP, USER),
        new GroupEvent.MemberJoined(ID, AT, GROUP, USER, JoinMethod.OPEN),
        new GroupEvent.MemberLeft(ID, AT, GROUP, USER),
        new GroupEvent.JoinRequested(ID, AT, GROUP, USER),
        new GroupEvent.JoinRejected(ID, AT, GROUP, USER, MODERATOR),
        new GroupEvent.MemberBanned(ID, AT, GROUP, USER, MODERATOR, "'; DROP TABLE meadow_post; --\nspam"),
        new GroupEvent.MemberUnbanned(ID, AT, GROUP, USER, MODERATOR),
        new GroupEvent.RoleChanged(ID, AT, GROUP, USER, GroupRole.MODERATOR, MODERATOR),
        new GroupEvent.OwnershipTransferred(ID, AT, GROUP, MODERATOR, USER),
        new GroupEvent.InvitationCreated(ID, AT, GROUP, INVITATION, MODERATOR, AT.plusSeconds(86_400), 25),
        new GroupEvent.InvitationRevoked(ID, AT, GROUP, INVITATION, MODERATOR),
        new PostEvent.Created(ID, AT, POST, GROUP, USER, STORES, ContentState.PENDING),
        new PostEvent.Approved(ID, AT, POST, GROUP, MODERATOR),
        new PostEvent.Edited(ID, AT, POST, GROUP, 3),
        new PostEvent.Removed(ID, AT, POST, GROUP, MODERATOR, "<script>alert(1)</script>"),
        new PostEvent.PinChanged(ID, AT, POST, GROUP, MODERATOR, true),
        new PostEvent.CommentAdded(ID, AT, COMMENT, POST, GROUP, PARENT, USER, STORES),
        new PostEvent.CommentRemoved(ID, AT, COMMENT, POST, GROUP, MODERATOR, "rude"),
        new PostEvent.Liked(ID, AT, ReactionTarget.comment(COMMENT), POST, GROUP, USER),
        new PostEvent.Unliked(ID, AT, ReactionTarget.post(POST), POST, GROUP, USER),
        new SocialEvent.Followed(ID, AT, USER, FollowTarget.store(StoreId.of("lantern-tea"))),
        new SocialEvent.Unfollowed(ID, AT, USER, FollowTarget.group(GROUP)),
        new SocialEvent.LabelsChanged(ID, AT, USER, List.of("minimalist", "mori-girl")),
        new ReviewEvent.Submitted(ID, AT, REVIEW, PRODUCT, STORES.get(0), USER, 1, ReviewState.HELD, true,
            List.of("contact details: a phone number", "<script>alert(1)</script>")),
        new ReviewEvent.Edited(ID, AT, REVIEW, PRODUCT, 5, ReviewState.PUBLISHED, 4),
        new ReviewEvent.Published(ID, AT, REVIEW, PRODUCT, MODERATOR),
        new ReviewEvent.Held(ID, AT, REVIEW, PRODUCT, List.of("reported by 3 users")),
        new ReviewEvent.Rejected(ID, AT, REVIEW, PRODUCT, MODERATOR, "'; DROP TABLE meadow_review; --\nfake"),
        new ReviewEvent.Withdrawn(ID, AT, REVIEW, PRODUCT),
        new ReviewEvent.Voted(ID, AT, REVIEW, PRODUCT, USER, false),
        new ReviewEvent.VoteWithdrawn(ID, AT, REVIEW, PRODUCT, USER),
        new ReviewEvent.Reported(ID, AT, REVIEW, PRODUCT, USER, "Copied from \"another\" site 🙄"),
        new ReviewEvent.Replied(ID, AT, REVIEW, PRODUCT, STORES.get(1), MODERATOR, 2),
        new ReferralEvent.Shared(ID, AT, CODE, "spring", USER, ShareTarget.product(PRODUCT), Channel.MESSAGE,
            Audience.Kind.DIRECT, List.of(MODERATOR)),
        new ReferralEvent.Clicked(ID, AT, CODE, USER),
        new ReferralEvent.SignupAttributed(ID, AT, MODERATOR, USER, CODE, List.of(FraudReason.RING)),
        new ReferralEvent.Converted(ID, AT, ORDER, MODERATOR, USER, CODE, Money.of(12_345, "EUR"), List.of()),
        new ReferralEvent.Refunded(ID, AT, ORDER, Money.of(45, "JPY"), Money.of(0, "JPY")),
        new ReferralEvent.RewardEarned(ID, AT, REWARD, ORDER, USER, RewardRole.REFERRER, Money.of(500, "EUR"),
            RewardState.HELD, List.of(FraudReason.SELF_REFERRAL)),
        new ReferralEvent.RewardChanged(ID, AT, REWARD, ORDER, USER, RewardState.ISSUED, RewardState.CLAWBACK,
            Money.of(250, "EUR"), List.of(FraudReason.REFUNDED)));
  }

  /** Core's registered types: modules' families registered by other tests in this JVM are left out. */
  private static Map<String, Class<? extends MeadowEvent>> coreTypes() {
    Map<String, Class<? extends MeadowEvent>> core = new java.util.LinkedHashMap<>(EventJson.types());
    core.values().removeIf(type -> !type.getPackageName().equals(MeadowEvent.class.getPackageName()));
    return core;
  }

  @Test
  @DisplayName("Core's events are written byte for byte as they were before modules could register families")
  void coreJsonIsAsCaptured() throws java.io.IOException {
    List<String> captured;
    try (var in = EventJsonTest.class.getResourceAsStream("core-events.jsonl")) {
      captured = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
    }
    List<MeadowEvent> events = everyEvent();
    assertEquals(captured.size(), events.size());
    for (int i = 0; i < events.size(); i++) {
      assertEquals(captured.get(i), EventJson.write(events.get(i)), events.get(i).type());
      assertEquals(events.get(i), EventJson.read(captured.get(i)), events.get(i).type());
    }
  }

  @Test
  void everyEventTypeRoundTrips() {
    List<MeadowEvent> events = everyEvent();
    assertEquals(Set.copyOf(coreTypes().values()),
        events.stream().map(MeadowEvent::getClass).collect(Collectors.toSet()),
        "every event type has a round-trip case here");
    for (MeadowEvent event : events) {
      assertEquals(event, EventJson.read(EventJson.write(event)), event.type());
    }
  }

  @Test
  void optionalFieldsRoundTripWhenSet() {
    List<MeadowEvent> events = List.of(
        new GroupEvent.Created(ID, AT, GROUP, USER, "Lantern", "lantern", GroupVisibility.PUBLIC, StoreId.of("lantern-tea")),
        new PostEvent.CommentAdded(ID, AT, COMMENT, POST, GROUP, null, USER, List.of()),
        new SocialEvent.LabelsChanged(ID, AT, USER, List.of()),
        new ReviewEvent.Submitted(ID, AT, REVIEW, PRODUCT, STORES.get(0), USER, 5, ReviewState.PUBLISHED, false, List.of()),
        new ReviewEvent.Voted(ID, AT, REVIEW, PRODUCT, USER, true));
    for (MeadowEvent event : events) {
      assertEquals(event, EventJson.read(EventJson.write(event)), event.type());
    }
  }

  @Test
  void typeNamesAreStable() {
    assertEquals(Set.of(
            "group.created", "group.updated", "group.archived", "group.member_joined", "group.member_left",
            "group.join_requested", "group.join_rejected", "group.member_banned", "group.member_unbanned",
            "group.role_changed", "group.ownership_transferred", "group.invitation_created",
            "group.invitation_revoked",
            "post.created", "post.approved", "post.edited", "post.removed", "post.pin_changed",
            "post.comment_added", "post.comment_removed", "post.liked", "post.unliked",
            "social.followed", "social.unfollowed", "social.labels_changed",
            "review.submitted", "review.edited", "review.published", "review.held", "review.rejected",
            "review.withdrawn", "review.voted", "review.vote_withdrawn", "review.reported", "review.replied",
            "referral.shared", "referral.clicked", "referral.signup_attributed", "referral.converted",
            "referral.refunded", "referral.reward_earned", "referral.reward_changed"),
        coreTypes().keySet());
    Map<String, Class<? extends MeadowEvent>> types = EventJson.types();
    for (MeadowEvent event : everyEvent()) {
      assertEquals(event.getClass(), types.get(event.type()));
      assertEquals(1, event.schemaVersion(), event.type());
    }
  }

  @Test
  void jsonIsTheDocumentedEnvelope() {
    assertEquals(
        "{\"type\":\"group.member_joined\",\"schemaVersion\":1,\"id\":\"01JD5Z8Y0Q3E4N6V7W8X9Y0Z1A\","
            + "\"occurredAt\":\"2026-11-22T10:15:30.123Z\","
            + "\"data\":{\"groupId\":\"01JD5Z8Y0Q3E4N6V7W8X9Y0Z1B\",\"userId\":\"u-42\",\"method\":\"OPEN\"}}",
        EventJson.write(new GroupEvent.MemberJoined(ID, AT, GROUP, USER, JoinMethod.OPEN)));
  }

  @Test
  void targetsAreWrittenAsKindAndId() {
    String json = EventJson.write(new PostEvent.Liked(ID, AT, ReactionTarget.comment(COMMENT), POST, GROUP, USER));
    assertTrue(json.contains("\"target\":{\"kind\":\"COMMENT\",\"id\":\"01JD5Z8Y0Q3E4N6V7W8X9Y0Z1D\"}"), json);
  }

  @Test
  void reviewEventsWriteIdsAsStringsAndStatesByName() {
    assertEquals(
        "{\"type\":\"review.submitted\",\"schemaVersion\":1,\"id\":\"01JD5Z8Y0Q3E4N6V7W8X9Y0Z1A\","
            + "\"occurredAt\":\"2026-11-22T10:15:30.123Z\",\"data\":{\"reviewId\":\"01JD5Z8Y0Q3E4N6V7W8X9Y0Z1G\","
            + "\"productId\":\"sku-1\",\"storeId\":\"lantern-tea\",\"author\":\"u-42\",\"rating\":2,"
            + "\"state\":\"HELD\",\"verified\":true,\"reasons\":[\"link spam: 2 links\"]}}",
        EventJson.write(new ReviewEvent.Submitted(ID, AT, REVIEW, ProductId.of("sku-1"), StoreId.of("lantern-tea"), USER, 2,
            ReviewState.HELD, true, List.of("link spam: 2 links"))));
  }

  @Test
  void moneyIsWrittenAsWholeMinorUnitsAndACurrencyCode() {
    String json = EventJson.write(new ReferralEvent.Converted(ID, AT, ORDER, MODERATOR, USER, CODE,
        Money.of(Money.MAX_MINOR, "EUR"), List.of()));
    assertTrue(json.contains("\"amount\":{\"minor\":10000000000000,\"currency\":\"EUR\"}"), json);
  }

  @Test
  void readIgnoresFieldsAddedLater() {
    String json = "{\"type\":\"group.member_left\",\"schemaVersion\":1,\"id\":\"01JD5Z8Y0Q3E4N6V7W8X9Y0Z1A\","
        + "\"occurredAt\":\"2026-11-22T10:15:30.123Z\",\"extra\":1,"
        + "\"data\":{\"groupId\":\"01JD5Z8Y0Q3E4N6V7W8X9Y0Z1B\",\"userId\":\"u-42\",\"reason\":\"moved\"}}";
    assertEquals(new GroupEvent.MemberLeft(ID, AT, GROUP, USER), EventJson.read(json));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "not json", "[]", "null", "{}",
      "{\"type\":\"group.exploded\",\"schemaVersion\":1,\"id\":\"01JD5Z8Y0Q3E4N6V7W8X9Y0Z1A\",\"occurredAt\":\"2026-11-22T10:15:30Z\",\"data\":{}}",
      "{\"type\":\"group.member_left\",\"schemaVersion\":2,\"id\":\"01JD5Z8Y0Q3E4N6V7W8X9Y0Z1A\",\"occurredAt\":\"2026-11-22T10:15:30Z\",\"data\":{\"groupId\":\"01JD5Z8Y0Q3E4N6V7W8X9Y0Z1B\",\"userId\":\"u\"}}",
      "{\"type\":\"group.member_left\",\"schemaVersion\":1,\"id\":\"01JD5Z8Y0Q3E4N6V7W8X9Y0Z1A\",\"occurredAt\":\"2026-11-22T10:15:30Z\",\"data\":{\"groupId\":\"01JD5Z8Y0Q3E4N6V7W8X9Y0Z1B\"}}",
      "{\"type\":\"group.member_left\",\"schemaVersion\":1,\"id\":\"bad\",\"occurredAt\":\"2026-11-22T10:15:30Z\",\"data\":{\"groupId\":\"01JD5Z8Y0Q3E4N6V7W8X9Y0Z1B\",\"userId\":\"u\"}}",
      "{\"type\":\"group.member_left\",\"schemaVersion\":1,\"id\":\"01JD5Z8Y0Q3E4N6V7W8X9Y0Z1A\",\"occurredAt\":\"yesterday\",\"data\":{\"groupId\":\"01JD5Z8Y0Q3E4N6V7W8X9Y0Z1B\",\"userId\":\"u\"}}",
      "{\"type\":\"group.member_left\",\"schemaVersion\":1,\"id\":\"01JD5Z8Y0Q3E4N6V7W8X9Y0Z1A\",\"occurredAt\":\"2026-11-22T10:15:30Z\",\"data\":{\"groupId\":\"01JD5Z8Y0Q3E4N6V7W8X9Y0Z1B\",\"userId\":\"bad\\u0000id\"}}",
      "{\"type\":\"post.liked\",\"schemaVersion\":1,\"id\":\"01JD5Z8Y0Q3E4N6V7W8X9Y0Z1A\",\"occurredAt\":\"2026-11-22T10:15:30Z\",\"data\":{\"target\":{\"kind\":\"POST\",\"id\":\"'; DROP TABLE meadow_post; --\"},\"postId\":\"01JD5Z8Y0Q3E4N6V7W8X9Y0Z1C\",\"groupId\":\"01JD5Z8Y0Q3E4N6V7W8X9Y0Z1B\",\"userId\":\"u\"}}",
      "{\"type\":\"review.voted\",\"schemaVersion\":1,\"id\":\"01JD5Z8Y0Q3E4N6V7W8X9Y0Z1A\",\"occurredAt\":\"2026-11-22T10:15:30Z\",\"data\":{\"reviewId\":\"'; DROP TABLE meadow_review; --\",\"productId\":\"p\",\"userId\":\"u\",\"helpful\":true}}",
      "{\"type\":\"review.submitted\",\"schemaVersion\":1,\"id\":\"01JD5Z8Y0Q3E4N6V7W8X9Y0Z1A\",\"occurredAt\":\"2026-11-22T10:15:30Z\",\"data\":{\"reviewId\":\"01JD5Z8Y0Q3E4N6V7W8X9Y0Z1G\",\"productId\":\"p\",\"storeId\":\"s\",\"author\":\"u\",\"rating\":5,\"state\":\"LOST\",\"verified\":false,\"reasons\":[]}}",
      "{\"type\":\"social.followed\",\"schemaVersion\":1,\"id\":\"01JD5Z8Y0Q3E4N6V7W8X9Y0Z1A\",\"occurredAt\":\"2026-11-22T10:15:30Z\",\"data\":{\"follower\":\"u\",\"target\":{\"kind\":\"PLANET\",\"id\":\"mars\"}}}"})
  void readRejectsWhatIsNotAnEventOfThisVersion(String json) {
    ValidationException e = assertThrows(ValidationException.class, () -> EventJson.read(json));
    assertTrue(e.names("json"), e.getMessage());
  }
}
