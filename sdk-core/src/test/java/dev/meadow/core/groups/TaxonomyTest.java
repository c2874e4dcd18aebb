package dev.meadow.core.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.ValidationException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TaxonomyTest {
  private final Taxonomy taxonomy = Community.TAXONOMY;

  @Test
  void withDescendants_reachesEveryDepth() {
    assertEquals(Set.of("food", "tea", "oolong", "coffee"), taxonomy.withDescendants("food"));
    assertEquals(Set.of("tea", "oolong"), taxonomy.withDescendants("tea"));
    assertEquals(Set.of("oolong"), taxonomy.withDescendants("oolong"));
    assertEquals(Set.of("knitwear"), taxonomy.withDescendants("knitwear"));
  }

  @Test
  void categories_keepTheirOrderAndParents() {
    assertEquals(List.of("food", "tea", "oolong", "coffee", "fashion", "knitwear"),
        taxonomy.categories().stream().map(Category::key).toList());
    assertEquals(Optional.of(new Category("oolong", "Oolong", "tea")), taxonomy.category("oolong"));
    assertEquals(Optional.of(new Category("food", "Food", null)), taxonomy.category("food"));
    assertEquals(Optional.empty(), taxonomy.category("wine"));
  }

  @Test
  void check_acceptsKnownKeysInAnyCaseAndNamesTheField() {
    assertEquals("oolong", taxonomy.check("category", "OoLong"));
    assertTrue(assertThrows(ValidationException.class, () -> taxonomy.check("category", "wine")).names("category"));
    assertTrue(assertThrows(ValidationException.class, () -> taxonomy.check("where", "tea time")).names("where"));
    assertTrue(assertThrows(ValidationException.class, () -> Taxonomy.empty().check("category", "tea")).names("category"));
  }

  @Test
  void empty_hasNoCategories() {
    assertEquals(List.of(), Taxonomy.empty().categories());
    assertEquals(Set.of("tea"), Taxonomy.empty().withDescendants("tea"));
  }

  @Test
  void builder_refusesMalformedTakenAndOrphanedCategories() {
    Taxonomy.Builder builder = Taxonomy.builder().category("food", "Food");
    assertThrows(IllegalArgumentException.class, () -> builder.category("Food", "Upper case"));
    assertThrows(IllegalArgumentException.class, () -> builder.category("food", "Again"));
    assertThrows(IllegalArgumentException.class, () -> builder.category("tea", "Tea", "drinks"));
    assertThrows(IllegalArgumentException.class, () -> builder.category("tea time", "Tea"));
    assertThrows(IllegalArgumentException.class, () -> builder.category("tea", "Tea\u0000"));
    assertThrows(IllegalArgumentException.class, () -> builder.category("tea", " "));
    assertThrows(IllegalArgumentException.class, () -> builder.category("tea", "x".repeat(81)));
    assertThrows(NullPointerException.class, () -> builder.category(null, "Tea"));
    assertThrows(NullPointerException.class, () -> builder.category("tea", "Tea", null));
    assertEquals(List.of("food"), builder.build().categories().stream().map(Category::key).toList(),
        "refused categories are not added");
  }

  @Test
  void builtTaxonomies_doNotChangeWithTheirBuilder() {
    Taxonomy.Builder builder = Taxonomy.builder().category("food", "Food");
    Taxonomy built = builder.build();
    builder.category("tea", "Tea", "food");
    assertEquals(Set.of("food"), built.withDescendants("food"));
    assertEquals(Set.of("food", "tea"), builder.build().withDescendants("food"));
  }
}
