package dev.meadow.trust.labels;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Texts of trust's labels, notices and badges, in the shopper's language: Java
 * {@link ResourceBundle}s of one base name, such as {@value DisclosureLabels#BUNDLE}. Meadow ships
 * English (the base bundle, the fallback for every other locale), Simplified Chinese
 * ({@code zh_CN}) and German ({@code de}); a host adds a locale by putting
 * {@code BASE_xx.properties} (UTF-8) on the class path, by {@link #withBundle adding a bundle} of
 * its own, or by {@link #withControl a ResourceBundle.Control} of its own that finds bundles
 * elsewhere.
 *
 * <p>Lookup walks the locale's candidates from most to least specific (for {@code de_AT}:
 * {@code de_AT}, {@code de}, then English); at each, a bundle the host added wins over the
 * class path. The JVM's default locale never takes part, so a German server still answers a
 * French shopper in English when no French text exists. A text is a {@link MessageFormat} pattern
 * (write {@code ''} for an apostrophe).
 *
 * <p>Immutable and thread-safe; the {@code with...} methods return new instances.
 */
public final class TrustTexts {
  private static final ResourceBundle.Control NO_FALLBACK =
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

  private final String baseName;
  private final ClassLoader loader;
  private final ResourceBundle.Control control;
  private final Map<Locale, ResourceBundle> added;
  private final Map<Locale, Optional<ResourceBundle>> loaded = new ConcurrentHashMap<>();

  private TrustTexts(String baseName, ClassLoader loader, ResourceBundle.Control control, Map<Locale, ResourceBundle> added) {
    this.baseName = baseName;
    this.loader = loader;
    this.control = control;
    this.added = Map.copyOf(added);
  }

  /**
   * Returns the texts of bundles named {@code baseName} (such as {@code dev.meadow.trust.labels.Labels}),
   * found by this library's class loader.
   *
   * @throws IllegalArgumentException if {@code baseName} is blank or no base (English) bundle has it
   */
  public static TrustTexts of(String baseName) {
    return of(baseName, classLoader());
  }

  /**
   * Returns the texts of bundles named {@code baseName}, found by {@code loader}.
   *
   * @throws IllegalArgumentException if {@code baseName} is blank or no base (English) bundle has it
   */
  public static TrustTexts of(String baseName, ClassLoader loader) {
    requireNonNull(baseName, "baseName");
    requireNonNull(loader, "loader");
    if (baseName.isBlank()) {
      throw new IllegalArgumentException("baseName must not be blank");
    }
    TrustTexts texts = new TrustTexts(baseName, loader, NO_FALLBACK, Map.of());
    texts.base();
    return texts;
  }

  /** Returns the base name of the bundles. */
  public String baseName() {
    return baseName;
  }

  /**
   * Returns these texts with {@code bundle} used for {@code locale} before any bundle on the class
   * path; keys the bundle lacks fall back as usual. A later bundle for the same locale replaces an
   * earlier one.
   */
  public TrustTexts withBundle(Locale locale, ResourceBundle bundle) {
    requireNonNull(locale, "locale");
    requireNonNull(bundle, "bundle");
    Map<Locale, ResourceBundle> next = new LinkedHashMap<>(added);
    next.put(locale, bundle);
    return new TrustTexts(baseName, loader, control, next);
  }

  /**
   * Returns these texts finding bundles through {@code control} (its formats, candidate locales and
   * {@link ResourceBundle.Control#newBundle newBundle}) instead of Meadow's: plain
   * {@code .properties} files, read as UTF-8. The control's fallback locale is not used: the base
   * (English) bundle is the one fallback.
   *
   * @throws IllegalArgumentException if the control finds no base bundle
   */
  public TrustTexts withControl(ResourceBundle.Control control) {
    requireNonNull(control, "control");
    TrustTexts texts = new TrustTexts(baseName, loader, control, added);
    texts.base();
    return texts;
  }

  /**
   * Returns the text under {@code key} for {@code locale}, with {@code arguments} put in its
   * placeholders ({@code {0}}, {@code {1}}, ...), formatted for the locale.
   *
   * @throws IllegalArgumentException if no bundle, English included, has the key
   */
  public String text(String key, Locale locale, Object... arguments) {
    requireNonNull(key, "key");
    requireNonNull(locale, "locale");
    requireNonNull(arguments, "arguments");
    return new MessageFormat(pattern(key, locale), locale).format(arguments);
  }

  /** Returns whether the base (English) bundle has {@code key}: every text has an English one. */
  public boolean has(String key) {
    requireNonNull(key, "key");
    return base().containsKey(key);
  }

  private String pattern(String key, Locale locale) {
    for (Locale candidate : candidates(locale)) {
      ResourceBundle host = added.get(candidate);
      if (host != null && host.containsKey(key)) {
        return host.getString(key);
      }
      Optional<ResourceBundle> shipped = bundle(candidate);
      if (shipped.isPresent() && shipped.get().containsKey(key)) {
        return shipped.get().getString(key);
      }
    }
    throw new IllegalArgumentException("no text '" + key + "' in the bundles " + baseName);
  }

  private List<Locale> candidates(Locale locale) {
    List<Locale> candidates = new ArrayList<>(control.getCandidateLocales(baseName, locale));
    if (!candidates.contains(Locale.ROOT)) {
      candidates.add(Locale.ROOT);
    }
    return candidates;
  }

  private ResourceBundle base() {
    return bundle(Locale.ROOT)
        .orElseThrow(() -> new IllegalArgumentException("no bundle " + baseName + " found"));
  }

  /*
   * Bundles are loaded one locale at a time through the control's newBundle, without parents,
   * rather than by ResourceBundle.getBundle: that overload with a Control is refused in named
   * modules (and Meadow's jars are automatic modules), and walking the candidates here lets a
   * host's bundle take its place among them.
   */
  private Optional<ResourceBundle> bundle(Locale locale) {
    return loaded.computeIfAbsent(locale, this::load);
  }

  private Optional<ResourceBundle> load(Locale locale) {
    for (String format : control.getFormats(baseName)) {
      try {
        ResourceBundle bundle = control.newBundle(baseName, locale, format, loader, false);
        if (bundle != null) {
          return Optional.of(bundle);
        }
      } catch (IOException | ReflectiveOperationException | ClassCastException e) {
        throw new IllegalStateException("the bundle " + control.toBundleName(baseName, locale) + " cannot be read", e);
      }
    }
    return Optional.empty();
  }

  private static ClassLoader classLoader() {
    ClassLoader loader = TrustTexts.class.getClassLoader();
    return loader != null ? loader : ClassLoader.getSystemClassLoader();
  }
}
