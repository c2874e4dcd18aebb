package dev.meadow.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.GroupId;
import dev.meadow.core.HostileInput;
import dev.meadow.core.UserId;
import dev.meadow.core.ValidationException;
import dev.meadow.core.Witness;
import dev.meadow.core.events.EventJson;
import dev.meadow.core.events.MeadowEvent;
import dev.meadow.core.memory.MemoryStorage;
import dev.meadow.core.reviews.Review;
import dev.meadow.core.spi.Storage;
import dev.meadow.storage.jdbc.TestDatabase;
import dev.meadow.trust.jdbc.JdbcTrust;
import dev.meadow.trust.spi.TrustStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Trust levels through Meadow and Trust, on memory, H2 and PostgreSQL. */
@DisplayName("Trust levels through Meadow and Trust")
class LevelsTest {
  /** Small thresholds, one of each kind, so that a test reaches level 3 in a few steps. */
  static final LevelThresholds SMALL = new LevelThresholds(
      List.of(Threshold.atLeast(Signal.REVIEWS, 1)),
      List.of(Threshold.atLeast(Signal.POSTS, 2), Threshold.atLeast(Signal.HELPFUL_VOTES, 1)),
      List.of(Threshold.atLeast(Signal.TENURE_DAYS, 10), Threshold.atMost(Signal.UPHELD_REPORTS, 0).within(Duration.ofDays(30))));

  static final UnaryOperator<Trust.Builder> GATES = trust -> trust.levels(SMALL)
      .gate("comment", 0).gate("post.links", 1).gate("groups.create", 2).gate("media.video", 3).gate("moderate", 4);

  @Nested
  @DisplayName("in memory")
  class InMemory extends Levels {
    @Override
    Storage storage() {
      return MemoryStorage.create();
    }
  }

  @Nested
  @DisplayName("on H2")
  class OnH2 extends Levels {
    @Override
    Storage storage() {
      return TestDatabase.H2.kitStorage(List.of(new JdbcTrust()));
    }
  }

  @Nested
  @DisplayName("on PostgreSQL")
  class OnPostgres extends Levels {
    @Override
    Storage storage() {
      return TestDatabase.POSTGRES.kitStorage(List.of(new JdbcTrust()));
    }
  }

  abstract static class Levels {
    abstract Storage storage();

    Shop shop(UnaryOperator<Trust.Builder> configure) {
      return new Shop(storage(), List.of(), configure);
    }

    static List<TrustEvent.LevelChanged> changes(Shop shop) {
      return shop.witness.heard().stream().filter(TrustEvent.LevelChanged.class::isInstance)
          .map(TrustEvent.LevelChanged.class::cast).toList();
    }

    /** Makes {@code user} meet levels 1 and 2 of {@link #SMALL}: two posts, a review and a helpful vote on it. */
    static Review levelTwo(Shop shop, String user) {
      GroupId group = shop.group("tea-" + user);
      shop.post(user, group);
      shop.post(user, group);
      Review review = shop.review(user, "oolong");
      shop.meadow.reviews().vote(UserId.of("voter"), review.id(), true);
      return review;
    }

    static String steps(Shop shop) {
      return String.join(" ", changes(shop).stream().map(e -> e.from() + ">" + e.to()).toList());
    }

    @Test
    @DisplayName("With the default thresholds, level 1 needs a day of tenure and a review: each alone leaves a user at 0, and says what is missed")
    void defaultLevelOne() {
      Shop shop = shop(trust -> trust);
      UserId ann = UserId.of("ann");
      shop.post("ann", shop.group("tea"));
      shop.clock.advance(Duration.ofDays(2));
      shop.post("ann", shop.group("coffee"));
      TrustLevel level = shop.trust.level(ann);
      assertEquals(0, level.level(), "tenure without a review");
      assertEquals(List.of("reviews >= 1"), level.missed(1).stream().map(c -> c.threshold().toString()).toList());
      Shop other = shop(trust -> trust);
      other.review("bob", "oolong");
      assertEquals(0, other.trust.level(UserId.of("bob")).level(), "a review on the first day");
      assertEquals(List.of("tenure_days >= 1"), other.trust.level(UserId.of("bob")).missed(1).stream()
          .map(c -> c.threshold().toString()).toList());
      other.clock.advance(Duration.ofDays(1));
      other.review("bob", "sencha");
      assertEquals(1, other.trust.level(UserId.of("bob")).level());
      assertEquals("0>1", steps(other));
      assertEquals(LevelThresholds.defaults().level2().size() + LevelThresholds.defaults().level3().size() + 2,
          other.trust.level(UserId.of("bob")).checks().size(), "every threshold is explained");
    }

    @Test
    @DisplayName("Each threshold of levels 1 to 3 is needed, and promotion emits level.changed with the thresholds met")
    void promotion() {
      Shop shop = shop(GATES);
      UserId ann = UserId.of("ann");
      GroupId tea = shop.group("tea");
      shop.post("ann", tea);
      shop.post("ann", tea);
      assertEquals(0, shop.trust.level(ann).level(), "level 2's thresholds alone do not skip level 1");
      Review review = shop.review("ann", "oolong");
      assertEquals(1, shop.trust.level(ann).level(), "helpful votes are missing for level 2");
      assertEquals(List.of("helpful_votes >= 1"), shop.trust.level(ann).missed(2).stream()
          .map(c -> c.threshold().toString()).toList());
      shop.meadow.reviews().vote(UserId.of("bob"), review.id(), true);
      assertEquals(2, shop.trust.level(ann).level());
      shop.clock.advance(Duration.ofDays(10));
      assertEquals(2, shop.trust.level(ann).level(), "reading does not promote");
      assertTrue(shop.trust.level(ann).missed(3).isEmpty(), "but shows level 3's thresholds met");
      shop.trust.evaluate(ann);
      assertEquals(3, shop.trust.level(ann).level());
      assertEquals("0>1 1>2 2>3", steps(shop));
      assertEquals("met every threshold of level 3", changes(shop).get(2).reason());
      shop.trust.evaluate(ann);
      assertEquals(3, changes(shop).size(), "evaluating again changes nothing");
    }

    @Test
    @DisplayName("An upheld report demotes below the level whose conduct threshold it breaks; a withdrawn review does not demote")
    void demotion() {
      Shop shop = shop(GATES);
      UserId ann = UserId.of("ann");
      Review kept = levelTwo(shop, "ann");
      Review copied = shop.review("ann", "sencha");
      shop.clock.advance(Duration.ofDays(10));
      shop.trust.evaluate(ann);
      assertEquals(3, shop.trust.level(ann).level());
      shop.upholdReports(copied);
      assertEquals(2, shop.trust.level(ann).level());
      TrustEvent.LevelChanged demoted = changes(shop).get(changes(shop).size() - 1);
      assertEquals(3, demoted.from());
      assertEquals("missed upheld_reports <= 0 within 30 days of level 3", demoted.reason());
      shop.meadow.reviews().withdraw(ann, kept.id());
      assertEquals(2, shop.trust.level(ann).level(), "achievements are kept");
      shop.clock.advance(Duration.ofDays(31));
      shop.trust.evaluate(ann);
      assertEquals(2, shop.trust.level(ann).level(), "the report left the window, but promotion needs every threshold");
      assertEquals(List.of("reviews >= 1"), shop.trust.level(ann).missed(1).stream()
          .map(c -> c.threshold().toString()).toList());
    }

    @Test
    @DisplayName("Level 4 is granted and revoked by the shop only, with level.changed naming who; a repeat returns false and changes nothing")
    void levelFour() {
      Shop shop = shop(GATES);
      UserId ann = UserId.of("ann");
      shop.review("ann", "oolong");
      assertTrue(shop.witness.emits(List.of(TrustEvent.LevelChanged.class),
          () -> shop.trust.grantLevel4(ann, Shop.STAFF, "Runs the tea group")));
      assertFalse(shop.trust.grantLevel4(ann, Shop.STAFF, "Again"));
      TrustLevel level = shop.trust.level(ann);
      assertEquals(4, level.level());
      assertEquals(1, level.earned());
      assertEquals(Shop.STAFF, level.grantedBy());
      TrustEvent.LevelChanged granted = changes(shop).get(1);
      assertEquals(List.of(1, 4, "Runs the tea group"), List.of(granted.from(), granted.to(), granted.reason()));
      assertEquals(Shop.STAFF, granted.by());
      shop.upholdReports(shop.review("ann", "sencha"));
      assertEquals(4, shop.trust.level(ann).level(), "thresholds do not take a grant away");
      assertTrue(shop.trust.revokeLevel4(ann, Shop.STAFF, "Stepped down"));
      assertFalse(shop.trust.revokeLevel4(ann, Shop.STAFF, "Again"));
      assertEquals(1, shop.trust.level(ann).level());
      assertEquals("0>1 1>4 4>1", steps(shop));
      assertFalse(shop.trust.revokeLevel4(UserId.of("bob"), Shop.STAFF, "Never granted"));
    }

    @Test
    @DisplayName("allows() answers each gate for users at every level 0 to 4, and refuses an unknown action naming action")
    void allowsAtEveryLevel() {
      Shop shop = shop(GATES);
      // zero at 0, one at 1, two at 2, three at 3, four granted 4
      shop.review("one", "oolong");
      levelTwo(shop, "two");
      levelTwo(shop, "three");
      shop.clock.advance(Duration.ofDays(10));
      shop.trust.evaluate(UserId.of("three"));
      shop.trust.grantLevel4(UserId.of("four"), Shop.STAFF, "Moderator");
      List<String> actions = List.of("comment", "post.links", "groups.create", "media.video", "moderate");
      List<String> users = List.of("zero", "one", "two", "three", "four");
      for (int level = 0; level <= 4; level++) {
        UserId user = UserId.of(users.get(level));
        assertEquals(level, shop.trust.level(user).level(), user.value());
        for (int gate = 0; gate <= 4; gate++) {
          assertEquals(level >= gate, shop.trust.allows(user, actions.get(gate)), user.value() + " " + actions.get(gate));
        }
      }
      assertEquals(Map.of("comment", 0, "post.links", 1, "groups.create", 2, "media.video", 3, "moderate", 4),
          shop.trust.gates());
      ValidationException unknown = assertThrows(ValidationException.class,
          () -> shop.trust.allows(UserId.of("four"), "post.images"));
      assertTrue(unknown.names("action"), unknown.getMessage());
    }

    @Test
    @DisplayName("level.changed reads back from its stable JSON, and reaches the outbox")
    void eventJson() {
      Shop shop = shop(GATES);
      shop.trust.grantLevel4(UserId.of("ann"), Shop.STAFF, "Runs the tea group");
      MeadowEvent stored = shop.witness.outboxEvents().get(0);
      TrustEvent.LevelChanged changed = assertInstanceOf(TrustEvent.LevelChanged.class, stored);
      assertEquals("level.changed", changed.type());
      assertEquals(changed, EventJson.read(EventJson.write(changed)));
      String json = EventJson.write(changed);
      assertTrue(json.contains("\"from\":0") && json.contains("\"to\":4") && json.contains("\"by\":\"staff-1\""), json);
      assertTrue(EventJson.types().containsKey("level.changed"));
    }

    @Test
    @DisplayName("Hostile input to allows, grantLevel4, revokeLevel4 and level is refused naming the field, and nothing stored changes")
    void hostileInput() {
      Shop shop = shop(GATES);
      UserId ann = UserId.of("ann");
      shop.review("ann", "oolong");
      shop.trust.grantLevel4(UserId.of("bob"), Shop.STAFF, "Moderator");
      Witness w = shop.witness;
      Supplier<Witness.Snapshot> stored = () -> w.snapshot((tx, world) -> {
        for (String user : List.of("ann", "bob")) {
          world.put("level " + user, tx.store(TrustStore.class).level(user));
        }
        world.put("users", tx.store(TrustStore.class).users(null, 100));
      });
      for (String bad : List.of(HostileInput.SQL, HostileInput.SCRIPT, "", "UPPER", "x".repeat(65), "post links")) {
        w.rejects("action", () -> shop.trust.allows(ann, bad), stored);
      }
      w.rejects("action", () -> shop.trust.allows(ann, null), stored);
      for (Map.Entry<String, String> text : HostileInput.FORBIDDEN_TEXT.entrySet()) {
        w.rejects("reason", () -> shop.trust.grantLevel4(ann, Shop.STAFF, text.getValue()), stored);
        w.rejects("reason", () -> shop.trust.revokeLevel4(UserId.of("bob"), Shop.STAFF, text.getValue()), stored);
      }
      w.rejects("reason", () -> shop.trust.grantLevel4(ann, Shop.STAFF, ""), stored);
      w.rejects("reason", () -> shop.trust.revokeLevel4(UserId.of("bob"), Shop.STAFF, "x".repeat(Trust.MAX_REASON + 1)),
          stored);
      for (String bad : HostileInput.MALFORMED_HOST_IDS) {
        w.rejects("userId", () -> shop.trust.level(UserId.of(bad)), stored);
        w.rejects("userId", () -> shop.trust.allows(UserId.of(bad), "comment"), stored);
      }
      assertThrows(NullPointerException.class, () -> shop.trust.grantLevel4(ann, null, "Reason"));
      assertEquals(4, shop.trust.level(UserId.of("bob")).level());
    }
  }

  @Test
  @DisplayName("The builder refuses malformed, repeated and out-of-range gates, and thresholds Rule would refuse, at once")
  void builderValidation() {
    assertThrows(IllegalArgumentException.class, () -> Trust.builder().gate("Post Links", 1));
    assertThrows(IllegalArgumentException.class, () -> Trust.builder().gate("post.links", 5));
    assertThrows(IllegalArgumentException.class, () -> Trust.builder().gate("post.links", -1));
    assertThrows(IllegalArgumentException.class, () -> Trust.builder().gate("post.links", 1).gate("post.links", 2));
    assertThrows(IllegalArgumentException.class, () -> Threshold.atLeast(Signal.REVIEWS, Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> Threshold.atLeast(Signal.TENURE_DAYS, 1).within(Duration.ofDays(1)));
    assertThrows(IllegalArgumentException.class, () -> LevelThresholds.defaults().with(4, List.of()));
    assertThrows(IllegalArgumentException.class, () -> LevelThresholds.defaults().with(1,
        java.util.Collections.nCopies(LevelThresholds.MAX_PER_LEVEL + 1, Threshold.atLeast(Signal.POSTS, 1))));
    assertThrows(NullPointerException.class, () -> Trust.builder().levels(null));
    assertEquals("upheld_reports <= 1 within 90 days", LevelThresholds.defaults().level2().get(4).toString());
  }
}
