package dev.meadow.trust.labels;

import static dev.meadow.trust.labels.Shop.ADA;
import static dev.meadow.trust.labels.Shop.BO;
import static dev.meadow.trust.labels.Shop.SAM;
import static dev.meadow.trust.labels.Shop.SHOES;
import static dev.meadow.trust.labels.Shop.TRAILHEAD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.PageRequest;
import dev.meadow.core.PermissionDeniedException;
import dev.meadow.core.UserId;
import dev.meadow.core.referrals.Money;
import dev.meadow.core.referrals.OrderLine;
import dev.meadow.core.referrals.ReferralProgram;
import dev.meadow.core.referrals.Reward;
import dev.meadow.core.referrals.RewardRule;
import dev.meadow.core.reviews.Incentive;
import dev.meadow.core.reviews.Review;
import dev.meadow.core.reviews.ReviewContent;
import dev.meadow.core.reviews.ReviewDraft;
import dev.meadow.core.reviews.ReviewFilter;
import dev.meadow.core.reviews.ReviewPage;
import dev.meadow.core.reviews.ReviewSort;
import dev.meadow.core.reviews.ReviewState;
import dev.meadow.core.reviews.Reviews;
import dev.meadow.core.reviews.Source;
import dev.meadow.core.reviews.SummaryKey;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What no API can express: a label typed in by the host, an incentive conditioned on the rating or
 * sentiment, a filter that hides ratings without saying so, a seller deleting a shopper's review.
 */
class GuaranteesTest {
  private static List<Executable> publicExecutables(Class<?> type) {
    List<Executable> all = new ArrayList<>();
    for (Method method : type.getMethods()) {
      if (method.getDeclaringClass() != Object.class && !method.getDeclaringClass().isEnum()) {
        all.add(method);
      }
    }
    all.addAll(List.of(type.getConstructors()));
    return all;
  }

  @Test
  @DisplayName("No label API takes text from the host: labels come from kinds and recorded facts only")
  void labels_takeNoFreeText() {
    List<Class<?>> api = new ArrayList<>(List.of(DisclosureLabels.class, Label.class, LabelKind.class, Evidence.class));
    api.addAll(List.of(Evidence.class.getPermittedSubclasses()));
    for (Class<?> type : api) {
      for (Executable executable : publicExecutables(type)) {
        if (executable.getName().equals("equals") || executable.getName().equals("valueOf")) {
          continue;   // Object's contract, and an enum's lookup by its constant's name
        }
        if (type == Evidence.ReviewSource.class && List.of(executable.getParameterTypes())
            .equals(List.of(Source.class, String.class))) {
          continue;   // the one text: the source's name as recorded on an imported or syndicated review
        }
        for (Class<?> parameter : executable.getParameterTypes()) {
          assertFalse(CharSequence.class.isAssignableFrom(parameter) || parameter == char[].class,
              type.getSimpleName() + "." + executable.getName() + " takes text");
        }
      }
      if (type.isRecord()) {
        for (RecordComponent component : type.getRecordComponents()) {
          if (type == Evidence.ReviewSource.class && component.getName().equals("name")) {
            continue;
          }
          assertFalse(CharSequence.class.isAssignableFrom(component.getType()),
              type.getSimpleName() + "." + component.getName() + " is text");
        }
      }
    }
    assertTrue(LabelKind.class.isEnum() && Evidence.class.isSealed(), "the host adds no kind and no kind of evidence");
  }

  @Test
  @DisplayName("No incentive can be conditioned on the rating or sentiment: the incentive model has no place for a condition")
  void incentives_haveNoConditionOnTheReview() {
    for (Field field : Incentive.class.getDeclaredFields()) {
      assertTrue(field.isEnumConstant() || field.isSynthetic() || Modifier.isStatic(field.getModifiers()),
          "Incentive carries no data: " + field);
    }
    for (RecordComponent component : ReviewDraft.class.getRecordComponents()) {
      if (component.getName().equals("incentive")) {
        assertEquals(Incentive.class, component.getType());
      }
    }
    List<Class<?>> rules = new ArrayList<>(List.of(RewardRule.class, ReferralProgram.class, ReferralProgram.Builder.class,
        RewardRule.Tier.class));
    rules.addAll(List.of(RewardRule.class.getPermittedSubclasses()));
    for (Class<?> type : rules) {
      for (Executable executable : publicExecutables(type)) {
        for (Class<?> parameter : executable.getParameterTypes()) {
          assertFalse(parameter.getPackageName().equals(Reviews.class.getPackageName()),
              type.getSimpleName() + "." + executable.getName() + " takes a review type: " + parameter);
          assertFalse(Predicate.class.isAssignableFrom(parameter) || Function.class.isAssignableFrom(parameter),
              type.getSimpleName() + "." + executable.getName() + " takes a condition: " + parameter);
        }
      }
      if (type.isRecord()) {
        for (RecordComponent component : type.getRecordComponents()) {
          assertFalse(component.getType().getPackageName().equals(Reviews.class.getPackageName()), component.toString());
        }
      }
    }
    assertEquals(Set.of("Fixed", "Percent", "Tiered"),
        Stream.of(RewardRule.class.getPermittedSubclasses()).map(Class::getSimpleName).collect(java.util.stream.Collectors.toSet()),
        "a reward rule is a fixed amount, a percentage or tiers by conversions: nothing else");
  }

  @Test
  @DisplayName("A referrer earns the same reward whatever rating or text their review gives")
  void rewards_doNotDependOnTheReview() {
    List<Money> earned = new ArrayList<>();
    for (int rating : new int[] {1, 5}) {
      Shop shop = new Shop(b -> b.referralProgram(Shop.program()));
      shop.meadow.reviews().submit(ADA, ReviewDraft.of(SHOES, TRAILHEAD,
          ReviewContent.of(rating, rating == 1 ? "Fell apart within a week." : "Best shoes I ever had.")));
      shop.refer(ADA, BO);
      Reward reward = shop.meadow.referrals().rewardsOfOrder(shop.order(BO, SHOES)).get(0);
      earned.add(reward.amount());
    }
    assertEquals(earned.get(0), earned.get(1));
    assertEquals(Money.of(500, Shop.EUR), earned.get(0));
    assertTrue(OrderLine.class.isRecord());
  }

  @Test
  @DisplayName("Listings return a ReviewPage that reports the ratings its filter leaves out; no filter or sort hides one silently")
  void listings_neverHideRatingsSilently() {
    for (Method method : Reviews.class.getMethods()) {
      for (Class<?> parameter : method.getParameterTypes()) {
        if (parameter == ReviewFilter.class || parameter == ReviewSort.class) {
          assertEquals(ReviewPage.class, method.getReturnType(), method.getName() + " filters without reporting");
        }
      }
    }
    Set<String> restricting = new HashSet<>();
    for (RecordComponent component : ReviewFilter.class.getRecordComponents()) {
      restricting.add(component.getName());
    }
    assertEquals(Set.of("ratings", "verifiedOnly", "withMedia", "styleLabel"), restricting,
        "only 'ratings' narrows by stars, and excludedRatings() reports it");

    Shop shop = new Shop();
    for (int rating = 1; rating <= 5; rating++) {
      shop.meadow.reviews().submit(UserId.of("r" + rating), ReviewDraft.of(SHOES, TRAILHEAD,
          ReviewContent.of(rating, "Rated " + rating + " stars after a month.")));
    }
    SummaryKey key = SummaryKey.product(SHOES);
    for (ReviewSort sort : ReviewSort.values()) {
      ReviewPage all = shop.meadow.reviews().list(key, ReviewFilter.all(), sort, PageRequest.first(20));
      assertEquals(Set.of(1, 2, 3, 4, 5), ratings(all), sort + " shows every rating");
      assertEquals(Set.of(), all.excludedRatings());
      assertFalse(all.narrowed());
      for (int mask = 1; mask < 32; mask++) {
        Set<Integer> shown = new TreeSet<>();
        for (int rating = 1; rating <= 5; rating++) {
          if ((mask & (1 << (rating - 1))) != 0) {
            shown.add(rating);
          }
        }
        ReviewPage page = shop.meadow.reviews().list(key, ReviewFilter.all().withRatings(shown), sort, PageRequest.first(20));
        Set<Integer> left = new TreeSet<>(Set.of(1, 2, 3, 4, 5));
        left.removeAll(ratings(page));
        assertEquals(left, page.excludedRatings(), "every rating not shown is reported, " + sort + " " + shown);
        assertEquals(shown.size() < 5, page.narrowed());
      }
    }
  }

  @Test
  @DisplayName("A store's staff cannot delete a shopper's review: withdrawing it is refused, rejecting it does nothing")
  void seller_cannotDeleteAShoppersReview() {
    Shop shop = new Shop();
    Reviews reviews = shop.meadow.reviews();
    Review review = reviews.submit(ADA, ReviewDraft.of(SHOES, TRAILHEAD, ReviewContent.of(1, "The sole came off on day two.")));
    assertThrows(PermissionDeniedException.class, () -> reviews.withdraw(SAM, review.id()));
    assertFalse(reviews.reject(SAM, review.id(), "we do not like it"), "only held reviews are decided on");
    assertEquals(ReviewState.PUBLISHED, reviews.get(ADA, review.id()).state());
    for (Method method : Reviews.class.getMethods()) {
      String name = method.getName().toLowerCase(Locale.ROOT);
      assertFalse(name.contains("delete") || name.contains("remove") || name.contains("hide") || name.contains("purge"),
          "Reviews." + method.getName());
    }
  }

  private static Set<Integer> ratings(ReviewPage page) {
    Set<Integer> ratings = new TreeSet<>();
    for (Review review : page.items()) {
      ratings.add(review.rating());
    }
    return ratings;
  }
}
