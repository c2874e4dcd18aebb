package dev.meadow.core.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.ValidationException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LabelCatalogueTest {
  private final LabelCatalogue catalogue = Community.LABELS;

  @Test
  void keysAndNames_keepTheOrderAdded() {
    assertEquals(List.of("minimalist", "mori-girl", "petite", "vintage", "streetwear", "cottagecore", "y2k"),
        catalogue.keys());
    assertEquals(Optional.of("Mori girl"), catalogue.name("mori-girl"));
    assertEquals(Optional.empty(), catalogue.name("goth"));
    assertEquals(List.of(), LabelCatalogue.empty().keys());
  }

  @Test
  void check_returnsKnownLabelsSortedWithoutRepeats() {
    assertEquals(List.of("petite", "y2k"), catalogue.check("labels", List.of("Y2K", "petite", "y2k"), 3));
    assertEquals(List.of(), catalogue.check("labels", List.of(), 3));
    assertEquals("vintage", catalogue.check("Vintage"));
  }

  @Test
  void check_namesTheFieldOfEveryFailure() {
    assertTrue(assertThrows(ValidationException.class,
        () -> catalogue.check("labels", List.of("petite", "goth"), 3)).names("labels"));
    assertTrue(assertThrows(ValidationException.class,
        () -> catalogue.check("labels", List.of("petite", "y2k", "vintage"), 2)).names("labels"));
    assertTrue(assertThrows(ValidationException.class,
        () -> catalogue.check("labels", List.of("'; DROP TABLE meadow_post; --"), 2)).names("labels"));
    assertTrue(assertThrows(ValidationException.class, () -> catalogue.check("goth")).names("label"));
    assertTrue(assertThrows(ValidationException.class, () -> catalogue.check("")).names("label"));
    assertTrue(assertThrows(ValidationException.class, () -> LabelCatalogue.empty().check("petite")).names("label"));
  }

  @Test
  void builder_refusesMalformedAndTakenLabels() {
    LabelCatalogue.Builder builder = LabelCatalogue.builder().label("petite", "Petite");
    assertThrows(IllegalArgumentException.class, () -> builder.label("Petite", "Upper case"));
    assertThrows(IllegalArgumentException.class, () -> builder.label("petite", "Again"));
    assertThrows(IllegalArgumentException.class, () -> builder.label("mori girl", "Space"));
    assertThrows(IllegalArgumentException.class, () -> builder.label("y2k", "Y2K\u0007"));
    assertThrows(IllegalArgumentException.class, () -> builder.label("y2k", ""));
    assertThrows(NullPointerException.class, () -> builder.label(null, "Null"));
    assertEquals(List.of("petite"), builder.build().keys());
  }

  @Test
  void builtCataloguesDoNotChangeWithTheirBuilder() {
    LabelCatalogue.Builder builder = LabelCatalogue.builder().label("petite", "Petite");
    LabelCatalogue built = builder.build();
    builder.label("y2k", "Y2K");
    assertEquals(List.of("petite"), built.keys());
    assertEquals(List.of("petite", "y2k"), builder.build().keys());
  }
}
