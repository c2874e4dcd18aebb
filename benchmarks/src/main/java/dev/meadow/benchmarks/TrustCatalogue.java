package dev.meadow.benchmarks;

import dev.meadow.trust.Badge;
import dev.meadow.trust.Rule;
import dev.meadow.trust.Scope;
import dev.meadow.trust.Signal;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The trust benchmarks' badge catalogue: 16 badges of the size and kind a shop would define (the
 * built-in ones, reviewer tiers, a store regular, host and tenure badges, community badges), each
 * written once as a {@link Spec} that gives both Trust's {@link Rule} and, for the hand-written
 * baseline, the same rule as plain Java that reads its signals in the same order.
 */
final class TrustCatalogue {
  private TrustCatalogue() {}

  /** A signal's value, counted within {@code window} when it is not null. */
  interface Values {
    double value(Signal signal, @Nullable Duration window);
  }

  /** A rule, both as Trust's {@link Rule} and as plain Java. */
  sealed interface Spec {
    Rule rule();

    boolean holds(Values values);

    void signals(Set<Signal> into);
  }

  record Compare(Signal signal, boolean atLeast, double bound, @Nullable Duration window) implements Spec {
    @Override
    public Rule rule() {
      Rule rule = atLeast ? Rule.atLeast(signal, bound) : Rule.atMost(signal, bound);
      return window == null ? rule : rule.within(window);
    }

    @Override
    public boolean holds(Values values) {
      double value = values.value(signal, window);
      return atLeast ? value >= bound : value <= bound;
    }

    @Override
    public void signals(Set<Signal> into) {
      into.add(signal);
    }
  }

  record Both(Spec left, Spec right, boolean and) implements Spec {
    @Override
    public Rule rule() {
      return and ? left.rule().and(right.rule()) : left.rule().or(right.rule());
    }

    @Override
    public boolean holds(Values values) {
      return and ? left.holds(values) && right.holds(values) : left.holds(values) || right.holds(values);
    }

    @Override
    public void signals(Set<Signal> into) {
      left.signals(into);
      right.signals(into);
    }
  }

  /** One badge of the catalogue: its id, where it is held, whether a failing rule revokes it, its rule. */
  record Entry(String id, Scope scope, boolean revoked, Spec spec) {
    Badge badge() {
      return Badge.earned(id, id, spec.rule()).per(scope).revokedWhenRuleFails(revoked).build();
    }

    Set<Signal> signals() {
      Set<Signal> read = new LinkedHashSet<>();
      spec.signals(read);
      return read;
    }

    /** The prefix of this badge's subjects, as Trust writes them; {@code ""} for a badge held once. */
    String prefix() {
      return scope == Scope.USER ? "" : scope.name().toLowerCase(java.util.Locale.ROOT) + ":";
    }
  }

  static Spec atLeast(Signal signal, double bound) {
    return new Compare(signal, true, bound, null);
  }

  static Spec atLeast(Signal signal, double bound, Duration window) {
    return new Compare(signal, true, bound, window);
  }

  static Spec atMost(Signal signal, double bound) {
    return new Compare(signal, false, bound, null);
  }

  static Spec and(Spec left, Spec right) {
    return new Both(left, right, true);
  }

  static Spec or(Spec left, Spec right) {
    return new Both(left, right, false);
  }

  static final Signal ORDERS = Signal.host("orders");
  private static final Duration MONTH = Duration.ofDays(30);

  static final List<Entry> ENTRIES = List.of(
      new Entry("first-review", Scope.USER, false, atLeast(Signal.REVIEWS, 1)),
      new Entry("verified-buyer-product", Scope.PRODUCT, true, atLeast(Signal.VERIFIED_REVIEWS, 1)),
      new Entry("verified-buyer-store", Scope.STORE, true, atLeast(Signal.VERIFIED_REVIEWS, 1)),
      new Entry("top-reviewer", Scope.USER, true, and(and(atLeast(Signal.REVIEWS, 10),
          atLeast(Signal.HELPFUL_LOWER_BOUND, 0.6)), atMost(Signal.UPHELD_REPORTS, 0))),
      new Entry("helpful-reviewer", Scope.USER, false, and(atLeast(Signal.HELPFUL_VOTES, 10),
          atLeast(Signal.HELPFUL_LOWER_BOUND, 0.5))),
      new Entry("active-member", Scope.GROUP, true, or(atLeast(Signal.POSTS, 3, MONTH),
          atLeast(Signal.COMMENTS, 10, MONTH))),
      new Entry("station-favourite", Scope.STATION, false, atLeast(Signal.LIKES_RECEIVED, 20)),
      new Entry("regular", Scope.USER, true, and(or(atLeast(Signal.REVIEWS, 3, MONTH), atLeast(Signal.POSTS, 10)),
          atMost(Signal.UPHELD_REPORTS, 0))),
      new Entry("reviewer-bronze", Scope.USER, false, atLeast(Signal.REVIEWS, 5)),
      new Entry("reviewer-silver", Scope.USER, false, atLeast(Signal.REVIEWS, 25)),
      new Entry("reviewer-gold", Scope.USER, false, atLeast(Signal.REVIEWS, 100)),
      new Entry("store-regular", Scope.STORE, false, atLeast(Signal.REVIEWS, 5)),
      new Entry("popular", Scope.USER, false, atLeast(Signal.FOLLOWERS, 100)),
      new Entry("ambassador", Scope.USER, true, atLeast(Signal.CLEAN_CONVERSIONS, 5, Duration.ofDays(90))),
      new Entry("loyal-customer", Scope.USER, false, atLeast(ORDERS, 10)),
      new Entry("veteran", Scope.USER, false, atLeast(Signal.TENURE_DAYS, 365)));

  /** The catalogue as Trust's badges. */
  static List<Badge> badges() {
    return ENTRIES.stream().map(Entry::badge).toList();
  }

  /** The host's signals: every user has 3 orders, so the loyal-customer rule is read and fails. */
  static double hostSignal(String signal) {
    return signal.equals(ORDERS.name()) ? 3 : 0;
  }
}
