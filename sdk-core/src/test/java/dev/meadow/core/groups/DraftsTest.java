package dev.meadow.core.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.ProductId;
import dev.meadow.core.ValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What users write is checked and cleaned as drafts, settings and searches are built. */
class DraftsTest {
  @Test
  void groupDraft_reportsEveryBadFieldAtOnce() {
    ValidationException e = assertThrows(ValidationException.class, () -> GroupDraft.of("", "x"));
    assertEquals(List.of("name", "slug"), e.violations().stream().map(ValidationException.Violation::field).toList());
    ValidationException settings = assertThrows(ValidationException.class, () -> new GroupSettings("\u0000",
        "d".repeat(GroupSettings.MAX_TEXT + 1), "\ud800", "Tea Time", List.of("ok", "not ok"), GroupVisibility.PUBLIC, false));
    assertEquals(List.of("name", "description", "rules", "category", "labels"),
        settings.violations().stream().map(ValidationException.Violation::field).toList());
  }

  @Test
  void groupSettings_areCleanedAsBuilt() {
    GroupSettings settings = new GroupSettings(" Cafe\u0301 ", "  ", "Be kind\r\nAlways", "Tea",
        List.of("vintage", "Minimalist", "VINTAGE"), GroupVisibility.INVITE, true);
    assertEquals("Café", settings.name(), "NFC, stripped");
    assertNull(settings.description(), "blank optional text is absent");
    assertEquals("Be kind\nAlways", settings.rules());
    assertEquals("tea", settings.category());
    assertEquals(List.of("minimalist", "vintage"), settings.labels());
    assertEquals(GroupSettings.named("Tea").withVisibility(GroupVisibility.REQUEST).withPostApproval(true),
        new GroupSettings("Tea", null, null, null, List.of(), GroupVisibility.REQUEST, true));
    assertEquals("tea-lovers", GroupDraft.of("Tea", "Tea-Lovers").slug());
    assertEquals(GroupSettings.MAX_NAME, GroupSettings.named("x".repeat(GroupSettings.MAX_NAME)).name().length());
    assertTrue(assertThrows(ValidationException.class,
        () -> GroupSettings.named("x".repeat(GroupSettings.MAX_NAME + 1))).names("name"));
  }

  @Test
  void postDraft_reportsEveryBadFieldAtOnce() {
    ValidationException e = assertThrows(ValidationException.class, () -> new PostDraft(" ", "\u0007",
        List.of(), List.of("ftp://example.com"), List.of("not ok"), Disclosure.NONE));
    assertEquals(List.of("title", "body", "media", "labels"),
        e.violations().stream().map(ValidationException.Violation::field).toList());
  }

  @Test
  void postDraft_keepsTheAuthorsOrderAndDropsRepeatedProducts() {
    PostDraft draft = PostDraft.of("Title", "Body")
        .withProducts(List.of(ProductId.of("b"), ProductId.of("a"), ProductId.of("b")))
        .withMedia(List.of("https://cdn.example/2.jpg", "https://cdn.example/1.jpg"))
        .withLabels(List.of("y2k", "petite"));
    assertEquals(List.of(ProductId.of("b"), ProductId.of("a")), draft.products());
    assertEquals(List.of("https://cdn.example/2.jpg", "https://cdn.example/1.jpg"), draft.media());
    assertEquals(List.of("petite", "y2k"), draft.labels());
    assertEquals(PostDraft.MAX_MEDIA, draft.withMedia(java.util.Collections.nCopies(PostDraft.MAX_MEDIA,
        "https://cdn.example/a.jpg")).media().size());
    assertEquals(PostDraft.MAX_BODY, PostDraft.of("T", "b".repeat(PostDraft.MAX_BODY)).body().length());
  }

  @Test
  void groupSearch_checksEveryCondition() {
    GroupSearch search = GroupSearch.inCategory("TEA").withLabel("Vintage").withNamePrefix(" TEA\u0301 ");
    assertEquals(List.of("tea", "vintage", "teá"), List.of(search.category(), search.label(), search.namePrefix()),
        "lower-cased; the prefix is cleaned as text is, so white space around it is dropped");
    assertTrue(assertThrows(ValidationException.class, () -> GroupSearch.inCategory("tea time")).names("category"));
    assertTrue(assertThrows(ValidationException.class, () -> GroupSearch.labelled("")).names("label"));
    assertTrue(assertThrows(ValidationException.class, () -> GroupSearch.namePrefix(" ")).names("namePrefix"));
    assertEquals(new GroupSearch(null, null, null), GroupSearch.all());
  }

  @Test
  void communityLimits_areOneTo100000() {
    assertEquals(new CommunityLimits(15, 500, 5), CommunityLimits.defaults());
    assertEquals(new CommunityLimits(1, 100_000, 7),
        CommunityLimits.defaults().withGroupsOwned(1).withGroupsJoined(100_000).withLabelsPerUser(7));
    assertThrows(IllegalArgumentException.class, () -> CommunityLimits.defaults().withGroupsOwned(0));
    assertThrows(IllegalArgumentException.class, () -> CommunityLimits.defaults().withGroupsJoined(100_001));
    assertThrows(IllegalArgumentException.class, () -> CommunityLimits.defaults().withLabelsPerUser(-1));
  }
}
