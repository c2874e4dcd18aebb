package dev.meadow.core.reviews;

import static java.util.Objects.requireNonNull;

import com.google.common.hash.Hashing;
import dev.meadow.core.ProductId;
import dev.meadow.core.UserId;
import dev.meadow.core.ValidationException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The screening stage of reviews: what new or edited content passes through before it is
 * stored, namely the shop's attribute questions, its moderation chain and repeat detection.
 */
final class Screening {
  // Named after the public service, so that hosts' logging configuration keeps applying.
  private static final Logger log = LoggerFactory.getLogger(Reviews.class);

  private final ReviewPolicy policy;

  Screening(ReviewPolicy policy) {
    this.policy = policy;
  }

  ModerationVerdict moderate(UserId author, ProductId product, ReviewContent content, boolean repeated) {
    ModerationInput input = new ModerationInput(author, product, content.title(), content.body(), content.media(), repeated);
    ModerationVerdict verdict = ModerationVerdict.PUBLISH;
    for (ContentModerator moderator : policy.moderators()) {
      ModerationVerdict one;
      try {
        one = requireNonNull(moderator.moderate(input), "verdict");
      } catch (RuntimeException e) {
        log.warn("Content moderator {} failed; holding the review for a person to look at", moderator, e);
        one = ModerationVerdict.hold("a moderation check failed");
      }
      verdict = verdict.and(one);
    }
    return verdict;
  }

  void checkAttributes(Map<String, String> answers) {
    for (Map.Entry<String, String> answer : answers.entrySet()) {
      ReviewAttribute attribute = policy.attributes().stream()
          .filter(a -> a.key().equals(answer.getKey()))
          .findFirst()
          .orElseThrow(() -> ValidationException.of("attributes", "unknown_attribute",
              "'" + answer.getKey() + "' is not an attribute of this shop"));
      if (!attribute.allows(answer.getValue())) {
        throw ValidationException.of("attributes", "bad_answer", attribute.isRated()
            ? "'" + attribute.key() + "' is rated 1 to 5"
            : "'" + attribute.key() + "' is one of " + attribute.options());
      }
    }
  }

  /** Returns the hash of a review's text as repeat detection compares it: NFKC, lower case, single spaces. */
  static String textHash(ReviewContent content) {
    String text = (content.title() == null ? "" : content.title() + "\n") + content.body();
    String normal = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
    return Hashing.sha256().hashString(normal, StandardCharsets.UTF_8).toString();
  }
}
