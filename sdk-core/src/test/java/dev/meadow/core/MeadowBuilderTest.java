package dev.meadow.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.groups.CommunityLimits;
import dev.meadow.core.groups.Group;
import dev.meadow.core.groups.GroupDraft;
import dev.meadow.core.groups.LabelCatalogue;
import dev.meadow.core.groups.Taxonomy;
import dev.meadow.core.memory.MemoryStorage;
import dev.meadow.core.ports.StoreStaff;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MeadowBuilderTest {
  private static final byte[] SECRET = "shared-cursor-secret-32-bytes!!!".getBytes(UTF_8);

  @Test
  void build_defaultsToMemoryStorageAndTheUtcSystemClock() {
    Meadow meadow = Meadow.builder().build();
    assertInstanceOf(MemoryStorage.class, meadow.storage());
    assertEquals(Clock.systemUTC(), meadow.clock());
  }

  @Test
  void build_usesWhatWasSet() {
    MemoryStorage storage = MemoryStorage.create();
    Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    Meadow meadow = Meadow.builder().storage(storage).clock(clock).build();
    assertSame(storage, meadow.storage());
    assertSame(clock, meadow.clock());
    assertEquals(clock.instant(), meadow.groups().create(new UserId("o"), GroupDraft.of("G", "ggg")).createdAt());
  }

  @Test
  void build_givesEachInstanceItsOwnDefaultStorage() {
    Meadow.Builder builder = Meadow.builder();
    assertNotSame(builder.build().storage(), builder.build().storage());
  }

  @Test
  void setters_refuseNullAndSecondCalls() {
    Meadow.Builder builder = Meadow.builder();
    assertThrows(NullPointerException.class, () -> builder.storage(null));
    assertThrows(NullPointerException.class, () -> builder.clock(null));
    assertThrows(NullPointerException.class, () -> builder.listener(null));
    assertThrows(NullPointerException.class, () -> builder.cursorSecret(null));
    builder.storage(MemoryStorage.create()).clock(Clock.systemUTC()).cursorSecret(SECRET);
    assertThrows(IllegalStateException.class, () -> builder.storage(MemoryStorage.create()));
    assertThrows(IllegalStateException.class, () -> builder.clock(Clock.systemUTC()));
    assertThrows(IllegalStateException.class, () -> builder.cursorSecret(SECRET));
  }

  @Test
  void communitySetters_refuseNullAndSecondCalls() {
    Meadow.Builder builder = Meadow.builder();
    assertThrows(NullPointerException.class, () -> builder.taxonomy(null));
    assertThrows(NullPointerException.class, () -> builder.labels(null));
    assertThrows(NullPointerException.class, () -> builder.limits(null));
    assertThrows(NullPointerException.class, () -> builder.storeStaff(null));
    builder.taxonomy(Taxonomy.empty()).labels(LabelCatalogue.empty()).limits(CommunityLimits.defaults())
        .storeStaff(StoreStaff.NONE);
    assertThrows(IllegalStateException.class, () -> builder.taxonomy(Taxonomy.empty()));
    assertThrows(IllegalStateException.class, () -> builder.labels(LabelCatalogue.empty()));
    assertThrows(IllegalStateException.class, () -> builder.limits(CommunityLimits.defaults()));
    assertThrows(IllegalStateException.class, () -> builder.storeStaff(StoreStaff.NONE));
  }

  @Test
  void build_usesTheCommunitySettings() {
    UserId owner = new UserId("owner");
    UserId staff = new UserId("staff");
    StoreId store = StoreId.of("lantern-tea");
    Meadow meadow = Meadow.builder()
        .taxonomy(Taxonomy.builder().category("tea", "Tea").build())
        .labels(LabelCatalogue.builder().label("minimalist", "Minimalist").build())
        .limits(CommunityLimits.defaults().withGroupsOwned(1))
        .storeStaff(user -> user.equals(staff) ? Set.of(store) : Set.of())
        .build();
    Group tea = meadow.groups().create(owner, GroupDraft.of("Tea", "tea").withCategory("tea").withLabels(List.of("minimalist")));
    assertEquals("tea", tea.category());
    assertTrue(assertThrows(ValidationException.class,
        () -> meadow.groups().create(staff, GroupDraft.of("Coffee", "coffee").withCategory("coffee"))).names("category"));
    assertThrows(ConflictException.class, () -> meadow.groups().create(owner, GroupDraft.of("More", "more")));
    assertEquals(store, meadow.groups().createStation(staff, store, GroupDraft.of("Lantern", "lantern")).store());
    assertEquals(List.of("minimalist"), meadow.labels().catalogue().keys());
  }

  @Test
  void build_defaultsToAnEmptyCommunityWhereNobodyIsStaff() {
    Meadow meadow = Meadow.builder().build();
    UserId user = new UserId("owner");
    assertTrue(assertThrows(ValidationException.class,
        () -> meadow.groups().create(user, GroupDraft.of("Tea", "tea").withCategory("tea"))).names("category"));
    assertTrue(assertThrows(ValidationException.class,
        () -> meadow.labels().assign(user, List.of("minimalist"))).names("labels"));
    assertThrows(PermissionDeniedException.class,
        () -> meadow.groups().createStation(user, StoreId.of("s"), GroupDraft.of("Station", "station")));
    for (int i = 0; i < CommunityLimits.defaults().groupsOwned(); i++) {
      meadow.groups().create(user, GroupDraft.of("Group " + i, "group-" + i));
    }
    assertThrows(ConflictException.class, () -> meadow.groups().create(user, GroupDraft.of("One more", "one-more")));
  }

  @Test
  void cursorSecret_mustBeLongEnough() {
    assertThrows(IllegalArgumentException.class, () -> Meadow.builder().cursorSecret(new byte[15]));
  }

  @Test
  void cursorSecret_letsAnotherInstanceContinueAListing() {
    MemoryStorage storage = MemoryStorage.create();
    Meadow first = Meadow.builder().storage(storage).cursorSecret(SECRET).build();
    Meadow second = Meadow.builder().storage(storage).cursorSecret(SECRET.clone()).build();
    Meadow stranger = Meadow.builder().storage(storage).build();
    Group group = first.groups().create(new UserId("owner"), GroupDraft.of("Shared", "shared"));
    first.groups().join(new UserId("a"), group.id());
    Page<?> page = first.groups().members(Actor.ANONYMOUS, group.id(), PageRequest.first(1));
    assertEquals(1, second.groups().members(Actor.ANONYMOUS, group.id(), PageRequest.first(1).next(page)).items().size());
    ValidationException e = assertThrows(ValidationException.class,
        () -> stranger.groups().members(Actor.ANONYMOUS, group.id(), PageRequest.first(1).next(page)));
    assertTrue(e.names("cursor"));
  }

  @Test
  void cursorSecret_isCopied() {
    byte[] secret = SECRET.clone();
    MemoryStorage storage = MemoryStorage.create();
    Meadow meadow = Meadow.builder().storage(storage).cursorSecret(secret).build();
    Group group = meadow.groups().create(new UserId("owner"), GroupDraft.of("Copy", "copy"));
    meadow.groups().join(new UserId("a"), group.id());
    Page<?> page = meadow.groups().members(Actor.ANONYMOUS, group.id(), PageRequest.first(1));
    secret[0] ^= 1;
    assertEquals(1, meadow.groups().members(Actor.ANONYMOUS, group.id(), PageRequest.first(1).next(page)).items().size());
  }
}
