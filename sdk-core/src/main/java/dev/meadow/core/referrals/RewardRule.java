package dev.meadow.core.referrals;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;

/**
 * How much a reward is worth: a fixed amount, a percentage of the order with a cap, or tiers by how
 * many conversions the referrer has had.
 */
public sealed interface RewardRule {
  /**
   * Returns the reward for an order worth {@code order} that is the referrer's
   * {@code conversion}-th conversion (from 1).
   */
  Money amountFor(Money order, long conversion);

  /** Returns the currency the rule pays in. */
  Currency currency();

  /** Returns a fixed reward of {@code amount}. */
  static RewardRule fixed(Money amount) {
    return new Fixed(amount);
  }

  /**
   * Returns {@code basisPoints} hundredths of a percent of the order (1,000 is 10%), rounded down,
   * and at most {@code cap}.
   *
   * @throws IllegalArgumentException if {@code basisPoints} is not 1 to 10,000
   */
  static RewardRule percent(int basisPoints, Money cap) {
    return new Percent(basisPoints, cap);
  }

  /**
   * Returns tiers: each applies from its number of conversions on, until the next tier's.
   *
   * @throws IllegalArgumentException if there is no tier, the first does not start at conversion 1,
   *     two start at the same conversion, or they pay in different currencies
   */
  static RewardRule tiered(List<Tier> tiers) {
    return new Tiered(tiers);
  }

  /**
   * A fixed reward.
   *
   * @param amount the reward
   */
  record Fixed(Money amount) implements RewardRule {
    public Fixed {
      requireNonNull(amount, "amount");
    }

    @Override
    public Money amountFor(Money order, long conversion) {
      return amount;
    }

    @Override
    public Currency currency() {
      return amount.currency();
    }
  }

  /**
   * A percentage of the order with a cap.
   *
   * @param basisPoints hundredths of a percent, 1 to 10,000
   * @param cap the most it pays
   */
  record Percent(int basisPoints, Money cap) implements RewardRule {
    public Percent {
      requireNonNull(cap, "cap");
      if (basisPoints < 1 || basisPoints > 10_000) {
        throw new IllegalArgumentException("basisPoints must be 1 to 10000, was " + basisPoints);
      }
    }

    @Override
    public Money amountFor(Money order, long conversion) {
      return order.percent(basisPoints).min(cap);
    }

    @Override
    public Currency currency() {
      return cap.currency();
    }
  }

  /**
   * Tiers by the referrer's number of conversions.
   *
   * @param tiers in order of their first conversion, the first from conversion 1
   */
  record Tiered(List<Tier> tiers) implements RewardRule {
    public Tiered {
      List<Tier> sorted = new ArrayList<>(tiers);
      sorted.sort(Comparator.comparingInt(Tier::fromConversion));
      if (sorted.isEmpty() || sorted.get(0).fromConversion() != 1) {
        throw new IllegalArgumentException("tiers must start at conversion 1");
      }
      for (int i = 1; i < sorted.size(); i++) {
        if (sorted.get(i).fromConversion() == sorted.get(i - 1).fromConversion()) {
          throw new IllegalArgumentException("two tiers start at conversion " + sorted.get(i).fromConversion());
        }
        if (!sorted.get(i).rule().currency().equals(sorted.get(0).rule().currency())) {
          throw new IllegalArgumentException("tiers pay in different currencies");
        }
      }
      tiers = List.copyOf(sorted);
    }

    @Override
    public Money amountFor(Money order, long conversion) {
      RewardRule applies = tiers.get(0).rule();
      for (Tier tier : tiers) {
        if (tier.fromConversion() <= conversion) {
          applies = tier.rule();
        }
      }
      return applies.amountFor(order, conversion);
    }

    @Override
    public Currency currency() {
      return tiers.get(0).rule().currency();
    }
  }

  /**
   * One tier.
   *
   * @param fromConversion the referrer's first conversion it applies to, from 1
   * @param rule what it pays: a fixed amount or a percentage
   */
  record Tier(int fromConversion, RewardRule rule) {
    public Tier {
      requireNonNull(rule, "rule");
      if (fromConversion < 1) {
        throw new IllegalArgumentException("a tier starts at conversion 1 or later, was " + fromConversion);
      }
      if (rule instanceof Tiered) {
        throw new IllegalArgumentException("tiers do not nest");
      }
    }

    /** Returns a tier paying by {@code rule} from the referrer's {@code fromConversion}-th conversion. */
    public static Tier from(int fromConversion, RewardRule rule) {
      return new Tier(fromConversion, rule);
    }
  }
}
