package dev.meadow.core.referrals;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.WebUrl;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Currency;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A shop's referral program: what the referrer and the referred friend earn, how customers are
 * attributed, how long rewards are held, the fraud limits, and where links land. Immutable; built
 * with {@link #builder(String, Currency)}.
 *
 * <p>Referral depth is 1 by default: only the referrer of the buyer earns. Depth 2 also rewards the
 * referrer's own referrer; no program goes deeper, because multi-level reward chains are pyramid
 * selling, which many markets forbid.
 */
public final class ReferralProgram {
  /** The deepest referral chain any program rewards. */
  public static final int MAX_DEPTH = 2;

  private final String id;
  private final Currency currency;
  private final @Nullable RewardRule referrerReward;
  private final @Nullable RewardRule friendReward;
  private final @Nullable RewardRule secondLevelReward;
  private final int depth;
  private final Duration attributionWindow;
  private final TouchModel model;
  private final Duration approvalHold;
  private final Duration clickWindow;
  private final int capPerReferrer;
  private final Duration capPeriod;
  private final int maxConversionsPerCode;
  private final int maxConversionsPerReferrer;
  private final Duration velocityPeriod;
  private final int maxStrangersPerDirectShare;
  private final Set<ShareTarget.Kind> eligibleTargets;
  private final String landingUrlTemplate;

  private ReferralProgram(Builder b) {
    this.id = b.id;
    this.currency = b.currency;
    this.referrerReward = b.referrerReward;
    this.friendReward = b.friendReward;
    this.secondLevelReward = b.secondLevelReward;
    this.depth = b.depth;
    this.attributionWindow = b.attributionWindow;
    this.model = b.model;
    this.approvalHold = b.approvalHold;
    this.clickWindow = b.clickWindow;
    this.capPerReferrer = b.capPerReferrer;
    this.capPeriod = b.capPeriod;
    this.maxConversionsPerCode = b.maxConversionsPerCode;
    this.maxConversionsPerReferrer = b.maxConversionsPerReferrer;
    this.velocityPeriod = b.velocityPeriod;
    this.maxStrangersPerDirectShare = b.maxStrangersPerDirectShare;
    this.eligibleTargets = Set.copyOf(b.eligibleTargets);
    this.landingUrlTemplate = requireNonNull(b.landingUrlTemplate);
  }

  /**
   * Returns a builder of the program {@code id} paying in {@code currency}, with a landing URL
   * template to set, and these defaults: no rewards, depth 1, a 30-day attribution window with
   * last touch winning, a 14-day approval hold, clicks of one visitor on one link counted once per
   * 30 minutes, no cap, at most 20 conversions per link and 50 per referrer a day before rewards
   * are held, and at most 3 customers outside a direct share's recipients before it counts as
   * leaked; every kind of target is eligible.
   *
   * @param id 1 to 64 characters from {@code a-z 0-9 - _}; stored with every share
   * @throws IllegalArgumentException if {@code id} breaks that rule
   */
  public static Builder builder(String id, Currency currency) {
    return new Builder(id, currency);
  }

  /** Returns the program's id. */
  public String id() {
    return id;
  }

  /** Returns the currency of its rewards and of the orders it counts. */
  public Currency currency() {
    return currency;
  }

  /** Returns what the referrer earns, or null if nothing. */
  public @Nullable RewardRule referrerReward() {
    return referrerReward;
  }

  /** Returns what the referred friend earns, or null if nothing. */
  public @Nullable RewardRule friendReward() {
    return friendReward;
  }

  /** Returns what the referrer's referrer earns in a program of depth 2, or null. */
  public @Nullable RewardRule secondLevelReward() {
    return secondLevelReward;
  }

  /** Returns the referral depth: 1 or 2. */
  public int depth() {
    return depth;
  }

  /** Returns how long after a click a signup, and after a signup an order, still counts. */
  public Duration attributionWindow() {
    return attributionWindow;
  }

  /** Returns which click wins. */
  public TouchModel model() {
    return model;
  }

  /** Returns how long a reward stays pending before it is approved, such as the return window. */
  public Duration approvalHold() {
    return approvalHold;
  }

  /** Returns the window in which one visitor's clicks on one link count once. */
  public Duration clickWindow() {
    return clickWindow;
  }

  /** Returns the most rewards a referrer earns per cap period before further ones are held; 0 for no cap. */
  public int capPerReferrer() {
    return capPerReferrer;
  }

  /** Returns the period of the referrer cap. */
  public Duration capPeriod() {
    return capPeriod;
  }

  /** Returns the most conversions of one link per velocity period before its rewards are held. */
  public int maxConversionsPerCode() {
    return maxConversionsPerCode;
  }

  /** Returns the most conversions of one referrer's links per velocity period before rewards are held. */
  public int maxConversionsPerReferrer() {
    return maxConversionsPerReferrer;
  }

  /** Returns the velocity period. */
  public Duration velocityPeriod() {
    return velocityPeriod;
  }

  /** Returns how many customers outside its recipients a direct share may bring before it counts as leaked. */
  public int maxStrangersPerDirectShare() {
    return maxStrangersPerDirectShare;
  }

  /** Returns the kinds of target that may be shared under this program. */
  public Set<ShareTarget.Kind> eligibleTargets() {
    return eligibleTargets;
  }

  /** Returns the landing URL template. */
  public String landingUrlTemplate() {
    return landingUrlTemplate;
  }

  /**
   * Returns where a share's link lands: the template with {@code {code}}, {@code {kind}} (such as
   * {@code product}) and {@code {id}} replaced, the id URL-encoded.
   */
  public String landingUrl(Share share) {
    requireNonNull(share, "share");
    return fill(landingUrlTemplate, share.code().value(), share.target());
  }

  private static String fill(String template, String code, ShareTarget target) {
    return template.replace("{code}", code)
        .replace("{kind}", target.kind().name().toLowerCase(Locale.ROOT))
        .replace("{id}", URLEncoder.encode(target.id(), StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "ReferralProgram[" + id + ", " + currency + ", depth " + depth + "]";
  }

  /**
   * Builds a {@link ReferralProgram}. Each setter checks its argument at once; {@link #build()}
   * checks that the parts fit together.
   */
  public static final class Builder {
    private final String id;
    private final Currency currency;
    private @Nullable RewardRule referrerReward;
    private @Nullable RewardRule friendReward;
    private @Nullable RewardRule secondLevelReward;
    private int depth = 1;
    private Duration attributionWindow = Duration.ofDays(30);
    private TouchModel model = TouchModel.LAST_TOUCH;
    private Duration approvalHold = Duration.ofDays(14);
    private Duration clickWindow = Duration.ofMinutes(30);
    private int capPerReferrer;
    private Duration capPeriod = Duration.ofDays(30);
    private int maxConversionsPerCode = 20;
    private int maxConversionsPerReferrer = 50;
    private Duration velocityPeriod = Duration.ofDays(1);
    private int maxStrangersPerDirectShare = 3;
    private Set<ShareTarget.Kind> eligibleTargets = EnumSet.allOf(ShareTarget.Kind.class);
    private @Nullable String landingUrlTemplate;

    private Builder(String id, Currency currency) {
      requireNonNull(id, "id");
      requireNonNull(currency, "currency");
      if (!id.matches("[a-z0-9_-]{1,64}")) {
        throw new IllegalArgumentException("a program id is 1 to 64 characters from a-z 0-9 - _, was '" + id + "'");
      }
      this.id = id;
      this.currency = currency;
    }

    /** Sets what the referrer earns per conversion. */
    public Builder referrerReward(RewardRule rule) {
      this.referrerReward = inCurrency(rule, "referrerReward");
      return this;
    }

    /** Sets what the referred friend earns on a conversion. */
    public Builder friendReward(RewardRule rule) {
      this.friendReward = inCurrency(rule, "friendReward");
      return this;
    }

    /** Sets what the referrer's own referrer earns, in a program of depth 2. */
    public Builder secondLevelReward(RewardRule rule) {
      this.secondLevelReward = inCurrency(rule, "secondLevelReward");
      return this;
    }

    /**
     * Sets the referral depth: 1 (the default) rewards the buyer's referrer only, 2 also the
     * referrer's referrer. More is refused by {@link #build()}.
     *
     * @throws IllegalArgumentException if {@code depth} is less than 1
     */
    public Builder depth(int depth) {
      if (depth < 1) {
        throw new IllegalArgumentException("depth must be at least 1, was " + depth);
      }
      this.depth = depth;
      return this;
    }

    /**
     * Sets the attribution window in days, 1 to 365.
     *
     * @throws IllegalArgumentException if out of range
     */
    public Builder attributionWindowDays(int days) {
      this.attributionWindow = Duration.ofDays(range("attributionWindowDays", days, 1, 365));
      return this;
    }

    /** Sets which click wins. */
    public Builder model(TouchModel model) {
      this.model = requireNonNull(model, "model");
      return this;
    }

    /**
     * Sets how long rewards stay pending before approval, 0 to 365 days.
     *
     * @throws IllegalArgumentException if out of range
     */
    public Builder approvalHold(Duration hold) {
      this.approvalHold = duration("approvalHold", hold, Duration.ZERO, Duration.ofDays(365));
      return this;
    }

    /**
     * Sets the window in which one visitor's clicks on one link count once, 1 second to 30 days.
     *
     * @throws IllegalArgumentException if out of range
     */
    public Builder clickWindow(Duration window) {
      this.clickWindow = duration("clickWindow", window, Duration.ofSeconds(1), Duration.ofDays(30));
      return this;
    }

    /**
     * Caps the rewards one referrer earns per period; rewards beyond the cap are held for review.
     *
     * @throws IllegalArgumentException if {@code rewards} is not 1 to 1,000,000 or the period not
     *     1 hour to 366 days
     */
    public Builder capPerReferrer(int rewards, Duration period) {
      this.capPerReferrer = range("capPerReferrer", rewards, 1, 1_000_000);
      this.capPeriod = duration("capPeriod", period, Duration.ofHours(1), Duration.ofDays(366));
      return this;
    }

    /**
     * Sets the velocity limits: conversions per link and per referrer in a period, beyond which
     * rewards are held for review.
     *
     * @throws IllegalArgumentException if a limit is not 1 to 1,000,000 or the period not 1 minute
     *     to 366 days
     */
    public Builder velocity(int perCode, int perReferrer, Duration period) {
      this.maxConversionsPerCode = range("perCode", perCode, 1, 1_000_000);
      this.maxConversionsPerReferrer = range("perReferrer", perReferrer, 1, 1_000_000);
      this.velocityPeriod = duration("velocityPeriod", period, Duration.ofMinutes(1), Duration.ofDays(366));
      return this;
    }

    /**
     * Sets how many customers outside its recipients a direct share may bring before its code
     * counts as leaked and their rewards are held, 0 to 1,000.
     *
     * @throws IllegalArgumentException if out of range
     */
    public Builder maxStrangersPerDirectShare(int strangers) {
      this.maxStrangersPerDirectShare = range("maxStrangersPerDirectShare", strangers, 0, 1_000);
      return this;
    }

    /**
     * Sets which kinds of target may be shared.
     *
     * @throws IllegalArgumentException if {@code kinds} is empty
     */
    public Builder eligibleTargets(Set<ShareTarget.Kind> kinds) {
      requireNonNull(kinds, "kinds");
      if (kinds.isEmpty()) {
        throw new IllegalArgumentException("at least one kind of target must be eligible");
      }
      this.eligibleTargets = EnumSet.copyOf(kinds);
      return this;
    }

    /**
     * Sets where links land: an {@code https} or {@code http} URL template holding {@code {code}},
     * and optionally {@code {kind}} and {@code {id}}, such as
     * {@code https://shop.example/r/{code}}.
     *
     * @throws IllegalArgumentException if it lacks {@code {code}} or is not a valid URL once filled
     */
    public Builder landingUrl(String template) {
      requireNonNull(template, "template");
      if (!template.contains("{code}")) {
        throw new IllegalArgumentException("the landing URL template must hold {code}");
      }
      try {
        WebUrl.require("landingUrl", fill(template, "A".repeat(ShareCode.MAX_LENGTH),
            new ShareTarget(ShareTarget.Kind.PRODUCT, "x".repeat(128))));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("the landing URL template is not a valid http(s) URL: " + e.getMessage(), e);
      }
      this.landingUrlTemplate = template;
      return this;
    }

    /**
     * Returns the program.
     *
     * @throws IllegalArgumentException if the depth is above {@value ReferralProgram#MAX_DEPTH}
     *     (multi-level reward chains are pyramid selling), or a second-level reward is set in a
     *     program of depth 1, or none in a program of depth 2
     * @throws IllegalStateException if no landing URL template was set
     */
    public ReferralProgram build() {
      if (depth > MAX_DEPTH) {
        throw new IllegalArgumentException("referral depth " + depth + " is refused: at most " + MAX_DEPTH
            + " levels earn rewards, because multi-level reward chains are pyramid selling");
      }
      if (depth == 1 && secondLevelReward != null) {
        throw new IllegalArgumentException("a second-level reward needs depth 2");
      }
      if (depth == 2 && secondLevelReward == null) {
        throw new IllegalArgumentException("depth 2 needs a second-level reward");
      }
      if (landingUrlTemplate == null) {
        throw new IllegalStateException("a referral program needs a landing URL template");
      }
      return new ReferralProgram(this);
    }

    private RewardRule inCurrency(RewardRule rule, String name) {
      requireNonNull(rule, name);
      if (!rule.currency().equals(currency)) {
        throw new IllegalArgumentException(name + " pays in " + rule.currency() + ", the program in " + currency);
      }
      return rule;
    }

    private static int range(String name, int value, int min, int max) {
      if (value < min || value > max) {
        throw new IllegalArgumentException(name + " must be " + min + " to " + max + ", was " + value);
      }
      return value;
    }

    private static Duration duration(String name, Duration value, Duration min, Duration max) {
      requireNonNull(value, name);
      if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
        throw new IllegalArgumentException(name + " must be " + min + " to " + max + ", was " + value);
      }
      return value;
    }
  }
}
