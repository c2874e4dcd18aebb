package dev.meadow.core;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.events.EventListener;
import dev.meadow.core.events.Outbox;
import dev.meadow.core.groups.CommunityLimits;
import dev.meadow.core.groups.Follows;
import dev.meadow.core.groups.Groups;
import dev.meadow.core.groups.LabelCatalogue;
import dev.meadow.core.groups.Labels;
import dev.meadow.core.groups.Posts;
import dev.meadow.core.groups.Taxonomy;
import dev.meadow.core.groups.CommunitySettings;
import dev.meadow.core.referrals.ReferralProgram;
import dev.meadow.core.referrals.Referrals;
import dev.meadow.core.reviews.ReviewPolicy;
import dev.meadow.core.reviews.Reviews;
import dev.meadow.core.internal.Context;
import dev.meadow.core.modules.MeadowModule;
import dev.meadow.core.modules.Cursors;
import dev.meadow.core.memory.MemoryStorage;
import dev.meadow.core.ports.Fingerprints;
import dev.meadow.core.ports.PurchaseVerifier;
import dev.meadow.core.ports.RewardIssuer;
import dev.meadow.core.spi.Storage;
import dev.meadow.core.ports.StoreStaff;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Main entry point: one shop's Meadow, handing out its services.
 *
 * <pre>{@code
 * Meadow meadow = Meadow.builder()
 *     .storage(JdbcStorage.postgres(dataSource)) // default: MemoryStorage.create()
 *     .listener(event -> log.info("{}", event.type()))
 *     .build();
 * meadow.groups().join(userId, groupId);
 * }</pre>
 *
 * <p>Build one per shop at start-up and keep it for the life of the application: it is
 * thread-safe, holds no threads of its own and needs no closing (the host owns the storage's
 * resources, such as its {@code DataSource}).
 */
public final class Meadow {
  private final Context context;
  private final Groups groups;
  private final Posts posts;
  private final Follows follows;
  private final Labels labels;
  private final Reviews reviews;
  private final @Nullable Referrals referrals;
  private final Outbox outbox;

  private Meadow(Context context, CommunitySettings community, ReviewPolicy reviewPolicy, PurchaseVerifier purchases,
      @Nullable Referrals referrals) {
    this.context = context;
    this.groups = new Groups(context, community);
    this.posts = new Posts(context, community);
    this.follows = new Follows(context);
    this.labels = new Labels(context, community);
    this.reviews = new Reviews(context, reviewPolicy, purchases, community.storeStaff());
    this.referrals = referrals;
    this.outbox = new Outbox(context);
  }

  /** Returns a builder with the defaults: in-memory storage, the UTC system clock. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns interest groups, store stations and their members. */
  public Groups groups() {
    return groups;
  }

  /** Returns posts in groups and stations, their comments and likes. */
  public Posts posts() {
    return posts;
  }

  /** Returns who follows which users, stores and groups. */
  public Follows follows() {
    return follows;
  }

  /** Returns the style labels users give themselves. */
  public Labels labels() {
    return labels;
  }

  /** Returns reviews of products, their votes, replies and summaries. */
  public Reviews reviews() {
    return reviews;
  }

  /**
   * Returns referral sharing: share links, clicks, attribution, conversions and the reward ledger.
   *
   * @throws IllegalStateException if the builder was given no {@link Builder#referralProgram
   *     referral program}
   */
  public Referrals referrals() {
    if (referrals == null) {
      throw new IllegalStateException("referrals need a program: set Meadow.builder().referralProgram(...)");
    }
    return referrals;
  }

  /** Returns the outbox of events, for delivery to other systems. */
  public Outbox outbox() {
    return outbox;
  }

  /** Returns the clock every Meadow time comes from. */
  public Clock clock() {
    return context.clock();
  }

  /** Returns the storage adapter. */
  public Storage storage() {
    return context.storage();
  }

  /**
   * Returns the service of an installed module, such as {@code meadow.module(Notes.class)} for a module {@code Notes}.
   *
   * @throws IllegalStateException if no module of that type was {@linkplain Builder#install
   *     installed}
   */
  public <M> M module(Class<M> type) {
    return context.installed(type).orElseThrow(() -> new IllegalStateException("no module of type "
        + type.getName() + " is installed: add it with Meadow.builder().install(...)"));
  }

  /**
   * Builds a {@link Meadow}. Each setter checks its argument at once; a setter that takes one
   * value may be called once. A builder may build several instances; later changes to the
   * builder do not affect those already built.
   */
  public static final class Builder {
    private @Nullable Storage storage;
    private @Nullable Clock clock;
    private byte @Nullable [] cursorSecret;
    private @Nullable Taxonomy taxonomy;
    private @Nullable LabelCatalogue labels;
    private @Nullable CommunityLimits limits;
    private @Nullable StoreStaff storeStaff;
    private @Nullable PurchaseVerifier purchases;
    private @Nullable ReviewPolicy reviewPolicy;
    private @Nullable ReferralProgram referralProgram;
    private @Nullable RewardIssuer rewards;
    private @Nullable Fingerprints fingerprints;
    private final List<EventListener> listeners = new ArrayList<>();
    private final List<MeadowModule<?>> modules = new ArrayList<>();

    private Builder() {}

    /**
     * Sets where Meadow stores everything; the default is a fresh {@link MemoryStorage}, which
     * forgets everything when the JVM stops.
     *
     * @throws IllegalStateException if the storage was already set
     */
    public Builder storage(Storage storage) {
      requireNonNull(storage, "storage");
      requireState(this.storage == null, "storage was already set to %s", this.storage);
      this.storage = storage;
      return this;
    }

    /**
     * Sets the clock every Meadow time comes from; the default is {@link Clock#systemUTC()}.
     *
     * @throws IllegalStateException if the clock was already set
     */
    public Builder clock(Clock clock) {
      requireNonNull(clock, "clock");
      requireState(this.clock == null, "clock was already set to %s", this.clock);
      this.clock = clock;
      return this;
    }

    /**
     * Sets the secret that signs paging cursors, so a cursor issued by one JVM is accepted by
     * another. Every JVM serving the same shop should share it; the default is a random secret,
     * which makes cursors valid only in the JVM that issued them. The array is copied.
     *
     * @param secret at least 16 bytes, from a secure random source
     * @throws IllegalArgumentException if the secret is shorter than 16 bytes
     * @throws IllegalStateException if the secret was already set
     */
    public Builder cursorSecret(byte[] secret) {
      requireNonNull(secret, "secret");
      if (secret.length < 16) {
        throw new IllegalArgumentException("cursorSecret needs at least 16 bytes, was " + secret.length);
      }
      requireState(this.cursorSecret == null, "cursorSecret was already set%s", "");
      this.cursorSecret = secret.clone();
      return this;
    }

    /**
     * Sets the shop's tree of group categories; the default has none.
     *
     * @throws IllegalStateException if the taxonomy was already set
     */
    public Builder taxonomy(Taxonomy taxonomy) {
      requireNonNull(taxonomy, "taxonomy");
      requireState(this.taxonomy == null, "taxonomy was already set to %s", this.taxonomy);
      this.taxonomy = taxonomy;
      return this;
    }

    /**
     * Sets the shop's catalogue of style labels; the default has none.
     *
     * @throws IllegalStateException if the catalogue was already set
     */
    public Builder labels(LabelCatalogue labels) {
      requireNonNull(labels, "labels");
      requireState(this.labels == null, "labels were already set to %s", this.labels);
      this.labels = labels;
      return this;
    }

    /**
     * Sets the per-user limits of the community; the default is {@link CommunityLimits#defaults()}.
     *
     * @throws IllegalStateException if the limits were already set
     */
    public Builder limits(CommunityLimits limits) {
      requireNonNull(limits, "limits");
      requireState(this.limits == null, "limits were already set to %s", this.limits);
      this.limits = limits;
      return this;
    }

    /**
     * Sets the host's answer to which stores a user works for, which decides who posts in store
     * stations and which posts carry a store affiliation; the default is {@link StoreStaff#NONE}.
     *
     * @throws IllegalStateException if it was already set
     */
    public Builder storeStaff(StoreStaff storeStaff) {
      requireNonNull(storeStaff, "storeStaff");
      requireState(this.storeStaff == null, "storeStaff was already set to %s", this.storeStaff);
      this.storeStaff = storeStaff;
      return this;
    }

    /**
     * Sets the host's answer to what a user bought, which decides whether a review is a verified
     * purchase; the default, {@link PurchaseVerifier#NONE}, verifies nothing.
     *
     * @throws IllegalStateException if it was already set
     */
    public Builder purchases(PurchaseVerifier purchases) {
      requireNonNull(purchases, "purchases");
      requireState(this.purchases == null, "purchases was already set to %s", this.purchases);
      this.purchases = purchases;
      return this;
    }

    /**
     * Sets how the shop runs its reviews; the default is {@link ReviewPolicy#defaults()}.
     *
     * @throws IllegalStateException if it was already set
     */
    public Builder reviewPolicy(ReviewPolicy reviewPolicy) {
      requireNonNull(reviewPolicy, "reviewPolicy");
      requireState(this.reviewPolicy == null, "reviewPolicy was already set to %s", this.reviewPolicy);
      this.reviewPolicy = reviewPolicy;
      return this;
    }

    /**
     * Sets the shop's referral program, which enables {@link Meadow#referrals()}; there is none by
     * default.
     *
     * @throws IllegalStateException if it was already set
     */
    public Builder referralProgram(ReferralProgram referralProgram) {
      requireNonNull(referralProgram, "referralProgram");
      requireState(this.referralProgram == null, "referralProgram was already set to %s", this.referralProgram);
      this.referralProgram = referralProgram;
      return this;
    }

    /**
     * Sets the host's way of paying referral rewards out and clawing them back; without one,
     * approved rewards wait.
     *
     * @throws IllegalStateException if it was already set
     */
    public Builder rewards(RewardIssuer rewards) {
      requireNonNull(rewards, "rewards");
      requireState(this.rewards == null, "rewards was already set to %s", this.rewards);
      this.rewards = rewards;
      return this;
    }

    /**
     * Sets the host's hashed device and payment fingerprints of users, which referral fraud checks
     * compare; the default, {@link Fingerprints#NONE}, knows none.
     *
     * @throws IllegalStateException if it was already set
     */
    public Builder fingerprints(Fingerprints fingerprints) {
      requireNonNull(fingerprints, "fingerprints");
      requireState(this.fingerprints == null, "fingerprints was already set to %s", this.fingerprints);
      this.fingerprints = fingerprints;
      return this;
    }

    /**
     * Adds a listener that hears of every event after its transaction committed. Listeners are
     * called in the order they were added.
     */
    public Builder listener(EventListener listener) {
      listeners.add(requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Installs a module (a {@link MeadowModule}): {@link #build()} sets it up on this
     * Meadow's storage, clock, ids and cursor secret, after Meadow's own services, in the order
     * modules were installed. Its service is then returned by {@link Meadow#module(Class)}.
     *
     * @throws IllegalStateException if a module of the same type was installed already
     */
    public Builder install(MeadowModule<?> module) {
      requireNonNull(module, "module");
      for (MeadowModule<?> other : modules) {
        requireState(other.type() != module.type(), "a module of type %s was installed already", module.type().getName());
      }
      modules.add(module);
      return this;
    }

    /**
     * Returns a new {@link Meadow} configured by this builder.
     *
     * @throws IllegalStateException if an installed module cannot run on the storage, such as one
     *     whose store the storage adapter does not provide; the message names the store and the
     *     adapter
     */
    public Meadow build() {
      byte[] secret = cursorSecret;
      if (secret == null) {
        secret = new byte[32];
        new SecureRandom().nextBytes(secret);
      }
      Context context = new Context(
          storage != null ? storage : MemoryStorage.create(),
          clock != null ? clock : Clock.systemUTC(),
          Cursors.withSecret(secret),
          listeners);
      CommunitySettings community = new CommunitySettings(
          taxonomy != null ? taxonomy : Taxonomy.empty(),
          labels != null ? labels : LabelCatalogue.empty(),
          limits != null ? limits : CommunityLimits.defaults(),
          storeStaff != null ? storeStaff : StoreStaff.NONE);
      Referrals referrals = referralProgram == null ? null
          : new Referrals(context, referralProgram, rewards, fingerprints != null ? fingerprints : Fingerprints.NONE);
      Meadow meadow = new Meadow(context, community,
          reviewPolicy != null ? reviewPolicy : ReviewPolicy.defaults(),
          purchases != null ? purchases : PurchaseVerifier.NONE,
          referrals);
      context.attach(meadow);
      for (MeadowModule<?> module : modules) {
        context.install(module);
      }
      return meadow;
    }

    private static void requireState(boolean expression, String template, @Nullable Object value) {
      if (!expression) {
        throw new IllegalStateException(String.format(template, value));
      }
    }
  }
}
