package dev.meadow.core.reviews;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built-in {@link ContentModerator}s. Each {@linkplain ContentModerator#name() names} itself
 * and its settings: {@code length(MIN,MAX)}, {@code links(MAX)}, {@code contactDetails},
 * {@code blockedWords} (the words are not named, so the name can be shown to shoppers) and
 * {@code repeatedText}.
 */
public final class ContentModerators {
  private static final Pattern LINK = Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+");
  private static final Pattern EMAIL = Pattern.compile("(?i)[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}");
  private static final Pattern PHONE = Pattern.compile("(?:\\+?\\d[\\s.()-]*){9,}");

  private ContentModerators() {}

  /** Returns the default chain: length 10 to 10,000, at most 1 link, contact details, repeated text. */
  public static List<ContentModerator> defaults() {
    return List.of(length(10, 10_000), links(1), contactDetails(), repeatedText());
  }

  /** Rejects a body shorter than {@code min} characters and holds one longer than {@code max}. */
  public static ContentModerator length(int min, int max) {
    if (min < 0 || max < min) {
      throw new IllegalArgumentException("need 0 <= min <= max, was " + min + " and " + max);
    }
    return named("length(" + min + "," + max + ")", input -> {
      int length = input.body().codePointCount(0, input.body().length());
      if (length < min) {
        return ModerationVerdict.reject("too short: at least " + min + " characters");
      }
      return length > max ? ModerationVerdict.hold("unusually long: over " + max + " characters") : ModerationVerdict.PUBLISH;
    });
  }

  /** Holds text with more than {@code max} links, the mark of link spam. */
  public static ContentModerator links(int max) {
    if (max < 0) {
      throw new IllegalArgumentException("max must not be negative, was " + max);
    }
    return named("links(" + max + ")", input -> {
      Matcher links = LINK.matcher(input.text());
      int count = 0;
      while (links.find()) {
        count++;
      }
      return count > max ? ModerationVerdict.hold("link spam: " + count + " links") : ModerationVerdict.PUBLISH;
    });
  }

  /** Holds text with e-mail addresses or phone numbers, which reviews must not publish. */
  public static ContentModerator contactDetails() {
    return named("contactDetails", input -> {
      List<String> found = new ArrayList<>();
      if (EMAIL.matcher(input.text()).find()) {
        found.add("an e-mail address");
      }
      if (PHONE.matcher(input.text()).find()) {
        found.add("a phone number");
      }
      return found.isEmpty() ? ModerationVerdict.PUBLISH : ModerationVerdict.hold("contact details: " + String.join(", ", found));
    });
  }

  /**
   * Rejects text containing any of the shop's blocked words, compared as whole words without
   * regard to case.
   */
  public static ContentModerator blockedWords(Set<String> words) {
    requireNonNull(words, "words");
    List<Pattern> patterns = new ArrayList<>();
    for (String word : words) {
      if (word.isBlank()) {
        throw new IllegalArgumentException("blocked words must not be blank");
      }
      patterns.add(Pattern.compile("(?iu)(?<![\\p{L}\\p{N}])" + Pattern.quote(word.strip().toLowerCase(Locale.ROOT))
          + "(?![\\p{L}\\p{N}])"));
    }
    return named("blockedWords", input -> {
      for (Pattern pattern : patterns) {
        if (pattern.matcher(input.text()).find()) {
          return ModerationVerdict.reject("blocked word");
        }
      }
      return ModerationVerdict.PUBLISH;
    });
  }

  /** Holds a review whose author already posted the same text. */
  public static ContentModerator repeatedText() {
    return named("repeatedText",
        input -> input.repeatedText() ? ModerationVerdict.hold("the author posted the same text before") : ModerationVerdict.PUBLISH);
  }

  private static ContentModerator named(String name, ContentModerator rule) {
    return new Named(name, rule);
  }

  /** A built-in rule with its name. */
  private record Named(String name, ContentModerator rule) implements ContentModerator {
    @Override
    public ModerationVerdict moderate(ModerationInput input) {
      return rule.moderate(input);
    }

    @Override
    public String toString() {
      return name;
    }
  }
}
