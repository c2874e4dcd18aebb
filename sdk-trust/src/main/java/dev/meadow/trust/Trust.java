package dev.meadow.trust;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.CommentId;
import dev.meadow.core.Page;
import dev.meadow.core.PageRequest;
import dev.meadow.core.PlainText;
import dev.meadow.core.PostId;
import dev.meadow.core.ReviewId;
import dev.meadow.core.StoreId;
import dev.meadow.core.ports.ReputationSource;
import dev.meadow.core.reviews.SummaryKey;
import dev.meadow.core.UserId;
import dev.meadow.core.ValidationException;
import dev.meadow.core.events.MeadowEvent;
import dev.meadow.core.modules.Cursors;
import dev.meadow.core.modules.MeadowModule;
import dev.meadow.core.modules.ModuleContext;
import dev.meadow.core.modules.UnitOfWork;
import dev.meadow.core.privacy.PrivacyParticipant;
import dev.meadow.core.reviews.RatingSummary;
import dev.meadow.core.spi.Listings;
import dev.meadow.core.spi.Transaction;
import dev.meadow.trust.spi.Award;
import dev.meadow.trust.spi.Contribution;
import dev.meadow.trust.spi.TrustStore;
import dev.meadow.trust.spi.UserLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.meadow.core.groups.Post;
import dev.meadow.core.reviews.Review;
import dev.meadow.trust.labels.DisclosureLabels;
import dev.meadow.trust.labels.Label;
import dev.meadow.trust.notice.ImportedSource;
import dev.meadow.trust.notice.VerificationNotice;
import dev.meadow.trust.notice.VerificationNotices;
import java.util.Locale;

/**
 * Trust: the shop's badge catalogue, awarded by declarative rules as Meadow's events happen and by
 * a backfill the host schedules, or granted by the shop; trust levels 0 to 4 and the gates they
 * open ({@link #level}, {@link #allows}); explainable reputation of users and stores
 * ({@link #reputation}, {@link #storeReputation}, {@link #reputationSource}). The module's entry
 * point.
 *
 * <pre>{@code
 * Meadow meadow = Meadow.builder()
 *     .install(Trust.builder()
 *         .badges(List.of(BuiltInBadges.firstReview().build(), BuiltInBadges.certifiedExpert().build()))
 *         .signals((user, signal) -> 0))     // the host's own signals, if its rules use any
 *     .build();
 * Trust trust = meadow.module(Trust.class);
 * Page<HeldBadge> badges = trust.badges(UserId.of("ann"), PageRequest.first());
 * }</pre>
 *
 * <p><b>Incremental evaluation.</b> After each committed Meadow event, Trust recomputes the item
 * it changed (a review, a post, a comment, an order, a user's followers) from core's stores, stores
 * the item's contributions to its owner's signals, and evaluates only the badges whose rules read
 * one of those signals (and rules over host signals or tenure), all in one transaction. An award
 * is written under its unique key (user, badge, subject), so racing evaluations award a badge
 * once and emit {@code badge.granted} once. A failure is logged, never thrown to the caller
 * whose change already committed; the next backfill repairs it.
 *
 * <p><b>Backfill.</b> {@link #backfill} recomputes every item Trust has counted for a page of
 * users from core's stores, then awards and revokes exactly as incremental evaluation would;
 * {@link #evaluate} does the same for one user, such as after a host signal changed. Items
 * Meadow recorded before Trust was installed are not known to Trust until
 * {@link #importExisting} walks them.
 *
 * <p>Thread-safe.
 */
public final class Trust {
  /** The longest reason for revoking a badge. */
  public static final int MAX_REASON = 500;
  /** The reason recorded when an earned badge's rule stops holding. */
  public static final String RULE_NO_LONGER_HOLDS = "rule no longer holds";

  private static final Logger log = LoggerFactory.getLogger(Trust.class);
  private static final String BADGES = "trust.badges";
  private static final String HOLDERS = "trust.holders";
  private static final String BACKFILL = "trust.backfill";
  private static final String IMPORT = "trust.import";
  /** The import's phases, in order: the items it walks by kind, then the users it evaluates. */
  private static final List<String> IMPORT_PHASES = List.of("review", "post", "comment", "user");
  private static final int PAGE = Listings.MAX_LIMIT;
  private static final Pattern ACTION = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  private final ModuleContext context;
  private final Cursors cursors;
  private final Map<String, Badge> catalogue;
  private final List<Badge> earned;
  private final Map<Signal, List<Badge>> bySignal;
  /** Badges read on every evaluation: their rules read host signals or tenure. */
  private final List<Badge> always;
  private final TrustSignals hostSignals;
  private final DisclosureLabels labels;
  private final VerificationNotices notices;
  private final LevelThresholds thresholds;
  private final Map<String, Integer> gates;
  private final ReputationWeights weights;

  private Trust(Builder builder, ModuleContext context) {
    this.context = context;
    this.thresholds = builder.thresholds;
    this.gates = Map.copyOf(builder.gates);
    this.weights = builder.weights;
    this.labels = DisclosureLabels.of(context.meadow());
    this.notices = VerificationNotices.of(context.meadow(), builder.importedSources);
    this.cursors = context.cursors();
    this.catalogue = Map.copyOf(builder.badges);
    this.hostSignals = builder.signals;
    List<Badge> rules = new ArrayList<>();
    Map<Signal, List<Badge>> index = new HashMap<>();
    List<Badge> everyTime = new ArrayList<>();
    for (Badge badge : builder.badges.values()) {
      if (badge.rule() == null) {
        continue;
      }
      rules.add(badge);
      Set<Signal> read = badge.rule().signals();
      if (read.stream().anyMatch(s -> s.host() || s.equals(Signal.TENURE_DAYS))) {
        everyTime.add(badge);
      }
      read.forEach(s -> index.computeIfAbsent(s, k -> new ArrayList<>()).add(badge));
    }
    this.earned = List.copyOf(rules);
    this.always = List.copyOf(everyTime);
    Map<Signal, List<Badge>> frozen = new HashMap<>();
    index.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
    this.bySignal = Map.copyOf(frozen);
  }

  /** Returns a builder of trust, to install into {@code Meadow.builder().install(...)}. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the badge catalogue, by id. */
  public Map<String, Badge> catalogue() {
    return catalogue;
  }

  private static TrustStore store(Transaction tx) {
    return tx.store(TrustStore.class);
  }

  // ---------------------------------------------------------------------------------------------
  // Granting

  /**
   * Grants a badge of the catalogue that the shop grants.
   *
   * @return {@code true} if the user holds it now because of this call; {@code false} if they held
   *     it already (nothing changes: not the evidence, not the expiry)
   * @throws ValidationException naming {@code badgeId} for a badge not in the catalogue or earned
   *     by a rule, {@code domain} if it is missing for a badge held per domain or given for
   *     another, or is neither a category of the shop's taxonomy ({@code Meadow.Builder.taxonomy})
   *     nor a style label of its catalogue ({@code Meadow.Builder.labels}), or {@code expiresAt}
   *     if it is not after now
   */
  public boolean grant(Grant grant) {
    requireNonNull(grant, "grant");
    Badge badge = grantedBadge(grant.badgeId());
    String subject = subject(badge, grant.domain());
    if (grant.domain() != null && !isDomain(grant.domain())) {
      throw ValidationException.of("domain", "unknown_domain",
          "is neither a category of the shop's taxonomy nor a style label of its catalogue");
    }
    Instant now = context.now();
    if (grant.expiresAt() != null && !grant.expiresAt().isAfter(now)) {
      throw ValidationException.of("expiresAt", "in_past", "must be after now");
    }
    Award award = new Award(grant.user().value(), badge.id(), subject, true, now, grant.evidence(),
        grant.grantedBy().value(), grant.expiresAt(), null, null);
    return context.write(work -> {
      if (!store(work.tx()).activate(award, work.now())) {
        return false;
      }
      work.emit(new TrustEvent.Granted(work.newEventId(), work.now(), grant.user(), badge.id(), subject, true,
          grant.grantedBy()));
      return true;
    });
  }

  /**
   * Revokes a badge the shop granted.
   *
   * @param domain the domain of a badge held per domain, otherwise {@code null}
   * @param reason why, plain text, 1 to {@value #MAX_REASON} characters
   * @return {@code true} if this call revoked it; {@code false} if the user did not hold it
   * @throws ValidationException naming {@code badgeId}, {@code domain} or {@code reason}
   */
  public boolean revoke(UserId user, String badgeId, @Nullable String domain, String reason) {
    requireNonNull(user, "user");
    Badge badge = grantedBadge(badgeId);
    String subject = subject(badge, domain);
    String why = PlainText.require("reason", reason, MAX_REASON);
    return context.write(work -> {
      Optional<Award> held = store(work.tx()).find(user.value(), badge.id(), subject);
      if (held.isEmpty() || !held.get().heldAt(work.now())
          || !store(work.tx()).revoke(user.value(), badge.id(), subject, work.now(), why)) {
        return false;
      }
      work.emit(new TrustEvent.Revoked(work.newEventId(), work.now(), user, badge.id(), subject, why));
      return true;
    });
  }

  private Badge grantedBadge(@Nullable String badgeId) {
    Badge badge = catalogue.get(Badge.checkId(badgeId));
    if (badge == null || !badge.isGranted()) {
      throw ValidationException.of("badgeId", "unknown", "is not a granted badge of the catalogue");
    }
    return badge;
  }

  /** Returns whether {@code domain} is a category of the shop's taxonomy or one of its style labels. */
  private boolean isDomain(String domain) {
    return context.meadow().groups().taxonomy().category(domain).isPresent()
        || context.meadow().labels().catalogue().name(domain).isPresent();
  }

  private static String subject(Badge badge, @Nullable String domain) {
    if (badge.scope() == Scope.DOMAIN) {
      if (domain == null) {
        throw ValidationException.of("domain", "required", "is required for badge " + badge.id());
      }
      if (!domain.matches("[a-z0-9][a-z0-9_-]{0,63}")) {
        throw ValidationException.of("domain", "malformed", "must be 1 to 64 of a-z, 0-9, - and _");
      }
      return Scope.DOMAIN.prefix + domain;
    }
    if (domain != null) {
      throw ValidationException.of("domain", "not_allowed", "badge " + badge.id() + " is not held per domain");
    }
    return "";
  }

  // ---------------------------------------------------------------------------------------------
  // Listings

  /**
   * Lists the badges a user holds now (not revoked, not expired), by badge id and subject.
   *
   * @throws ValidationException naming {@code cursor} for a cursor this listing did not issue for this user
   */
  public Page<HeldBadge> badges(UserId user, PageRequest request) {
    requireNonNull(user, "user");
    requireNonNull(request, "request");
    Award after = cursors.position(BADGES, request, 3, parts -> {
      if (!parts.get(0).equals(user.value())) {
        throw new IllegalArgumentException("another user's cursor");
      }
      return Award.earned(parts.get(0), parts.get(1), parts.get(2), Instant.EPOCH);
    });
    Instant now = context.now();
    List<Award> rows = context.read(tx -> store(tx).heldBy(user.value(), now, after, request.limit() + 1));
    return cursors.page(rows, request.limit(), BADGES, a -> new String[] {a.user(), a.badge(), a.occurrence()})
        .map(Trust::held);
  }

  /**
   * Lists the users holding a badge now, by user id and subject.
   *
   * @throws ValidationException naming {@code badgeId} for a badge not in the catalogue, or
   *     {@code cursor} for a cursor this listing did not issue for this badge
   */
  public Page<HeldBadge> holders(String badgeId, PageRequest request) {
    requireNonNull(request, "request");
    String id = Badge.checkId(badgeId);
    if (!catalogue.containsKey(id)) {
      throw ValidationException.of("badgeId", "unknown", "is not a badge of the catalogue");
    }
    Award after = cursors.position(HOLDERS, request, 3, parts -> {
      if (!parts.get(0).equals(id)) {
        throw new IllegalArgumentException("another badge's cursor");
      }
      return Award.earned(UserId.of(parts.get(1)).value(), parts.get(0), parts.get(2), Instant.EPOCH);
    });
    Instant now = context.now();
    List<Award> rows = context.read(tx -> store(tx).holders(id, now, after, request.limit() + 1));
    return cursors.page(rows, request.limit(), HOLDERS, a -> new String[] {a.badge(), a.user(), a.occurrence()})
        .map(Trust::held);
  }

  private static HeldBadge held(Award a) {
    return new HeldBadge(UserId.of(a.user()), a.badge(), a.occurrence(), a.granted(), a.awardedAt(), a.evidence(),
        a.grantedBy() == null ? null : UserId.of(a.grantedBy()), a.expiresAt());
  }

  // ---------------------------------------------------------------------------------------------
  // Backfill

  /**
   * Recomputes the signals of a page of the users Trust knows (in user id order), from core's
   * stores, and awards and revokes their earned badges as incremental evaluation would. The host
   * schedules it: start with {@code PageRequest.first(100)}, then pass
   * {@code PageRequest.of(100, result.nextCursor())} until {@link BackfillResult#hasNext()} is
   * false; a run may stop and resume at any cursor, and running it again changes nothing.
   *
   * @throws ValidationException naming {@code cursor} for a cursor this backfill did not issue
   */
  public BackfillResult backfill(PageRequest request) {
    requireNonNull(request, "request");
    String after = cursors.position(BACKFILL, request, 1, parts -> UserId.of(parts.get(0)).value());
    UsersDone done = recomputeUsers(after, request.limit());
    String next = done.last() == null ? null : cursors.encode(BACKFILL, done.last());
    return new BackfillResult(done.users(), done.awarded(), done.revoked(), next);
  }

  /**
   * What a page of users recomputed did.
   *
   * @param last the page's last user when more users follow, otherwise {@code null}
   */
  private record UsersDone(int users, int awarded, int revoked, @Nullable String last) {}

  /** Recomputes up to {@code limit} of the users Trust knows, after {@code after} (null: from the first). */
  private UsersDone recomputeUsers(@Nullable String after, int limit) {
    List<String> users = context.read(tx -> store(tx).users(after, limit + 1));
    boolean more = users.size() > limit;
    List<String> page = more ? users.subList(0, limit) : users;
    int awarded = 0;
    int revoked = 0;
    for (String user : page) {
      int[] changed = recomputeUser(UserId.of(user));
      awarded += changed[0];
      revoked += changed[1];
    }
    return new UsersDone(page.size(), awarded, revoked, more ? page.get(page.size() - 1) : null);
  }

  /**
   * Recomputes one user as {@link #backfill} does: call it when a host signal of the user changed.
   *
   * @return what it did, with no next cursor
   */
  public BackfillResult evaluate(UserId user) {
    requireNonNull(user, "user");
    int[] changed = recomputeUser(user);
    return new BackfillResult(1, changed[0], changed[1], null);
  }

  private int[] recomputeUser(UserId user) {
    return context.write(work -> {
      TrustStore store = store(work.tx());
      Set<String> items = new LinkedHashSet<>();
      items.add("followers:" + user.value());
      Contribution after = null;
      while (true) {
        List<Contribution> rows = store.contributions(user.value(), after, PAGE);
        rows.stream().map(Contribution::item).filter(i -> i.indexOf(':') > 0).forEach(items::add);
        if (rows.size() < PAGE) {
          break;
        }
        after = rows.get(rows.size() - 1);
      }
      Set<String> scopes = new LinkedHashSet<>();
      scopes.add("");
      for (String item : items) {
        Signals.recompute(work.tx(), item, work.now()).filter(r -> r.user().equals(user.value())).ifPresent(r -> {
          r.contributions().forEach(store::putContribution);
          scopes.addAll(r.scopes());
        });
      }
      store.awardsOf(user.value()).forEach(a -> scopes.add(a.occurrence()));
      int[] changed = new int[3];
      for (Badge badge : earned) {
        for (String scope : scopes) {
          if (inScope(badge, scope)) {
            changed[apply(work, user, badge, scope)] += 1;
          }
        }
      }
      evaluateLevel(work, user);
      return new int[] {changed[1], changed[2]};
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Importing what Meadow recorded before Trust

  /**
   * Accounts for what Meadow recorded before Trust was installed, one page at a time: walks every
   * review, then every post, then every comment in core's stores (in id order, in any state),
   * records each item's contributions exactly as incremental evaluation records them when it
   * hears of the item, and then recomputes every user Trust knows, as {@link #backfill} does, and
   * awards and revokes their badges and levels. The host schedules it once, after installing
   * Trust on an existing shop: start with {@code PageRequest.first(100)}, then pass
   * {@code PageRequest.of(100, result.nextCursor())} until {@link ImportResult#hasNext()} is
   * false. A page of items is one transaction; a run may stop and resume at any cursor, events
   * that happen meanwhile are evaluated as usual, and running the import again, or after
   * incremental evaluation, changes nothing.
   *
   * <p>What it cannot see: a user's followers are recounted for every user it reaches (every
   * author of a review, post or comment), but a user known only from being followed, and the
   * referral conversions of referrers, are not walked, because core's stores have no walk of
   * follows or conversions; the next follow of such a user, or the next conversion or refund of
   * an order, counts them. It evaluates the shop as it is now, so a badge that is kept when its
   * rule stops holding, or a trust level (achievements are kept), is awarded only if it holds
   * now: a user whose only review was withdrawn before Trust was installed earns no first
   * review badge. A user's tenure starts at the earliest review, post or comment the import
   * finds, if Trust first saw them later.
   *
   * @throws ValidationException naming {@code cursor} for a cursor this import did not issue
   */
  public ImportResult importExisting(PageRequest request) {
    requireNonNull(request, "request");
    List<String> at = cursors.position(IMPORT, request, 2, parts -> {
      int phase = IMPORT_PHASES.indexOf(parts.get(0));
      if (phase < 0) {
        throw new IllegalArgumentException("no such phase");
      }
      if (!parts.get(1).isEmpty()) {
        checkPosition(phase, parts.get(1));
      }
      return parts;
    });
    int phase = at == null ? 0 : IMPORT_PHASES.indexOf(at.get(0));
    String after = at == null || at.get(1).isEmpty() ? null : at.get(1);
    if (phase == 3) {
      UsersDone done = recomputeUsers(after, request.limit());
      String next = done.last() == null ? null : cursors.encode(IMPORT, IMPORT_PHASES.get(3), done.last());
      return new ImportResult(0, 0, 0, done.users(), done.awarded(), done.revoked(), next);
    }
    int limit = request.limit();
    return context.write(work -> {
      TrustStore store = store(work.tx());
      int[] counted = new int[3];
      int room = limit;
      int current = phase;
      String position = after;
      while (true) {
        List<String> ids = scan(work.tx(), current, position, room + 1);
        boolean more = ids.size() > room;
        List<String> page = more ? ids.subList(0, room) : ids;
        for (String id : page) {
          String item = IMPORT_PHASES.get(current) + ":" + id;
          Signals.recompute(work.tx(), item, work.now()).ifPresent(r -> record(store, r,
              r.contributions().stream().map(Contribution::at).min(Instant::compareTo).orElse(work.now()), true));
          counted[current]++;
        }
        room -= page.size();
        String next = null;
        if (more) {
          next = cursors.encode(IMPORT, IMPORT_PHASES.get(current), page.get(page.size() - 1));
        } else if (current == 2 || room == 0) {
          next = cursors.encode(IMPORT, IMPORT_PHASES.get(current + 1), "");
        }
        if (next != null) {
          return new ImportResult(counted[0], counted[1], counted[2], 0, 0, 0, next);
        }
        current++;
        position = null;
      }
    });
  }

  /** Returns up to {@code limit} ids of the items of an import phase, after {@code after}. */
  private static List<String> scan(Transaction tx, int phase, @Nullable String after, int limit) {
    return switch (phase) {
      case 0 -> tx.reviews().scanReviews(after == null ? null : ReviewId.of(after), limit).stream()
          .map(r -> r.id().value()).toList();
      case 1 -> tx.posts().scanPosts(after == null ? null : PostId.of(after), limit).stream()
          .map(p -> p.id().value()).toList();
      default -> tx.posts().scanComments(after == null ? null : CommentId.of(after), limit).stream()
          .map(c -> c.id().value()).toList();
    };
  }

  /** Checks a position of an import phase, an item's id or a user's: throws unless it is one. */
  private static void checkPosition(int phase, String id) {
    switch (phase) {
      case 0 -> ReviewId.of(id);
      case 1 -> PostId.of(id);
      case 2 -> CommentId.of(id);
      default -> UserId.of(id);
    }
  }

  /**
   * Stores a recomputed item's contributions, and that Trust saw the item's owner at {@code seen}
   * if it had not seen them before, or, when {@code backdate} is set, saw them later.
   */
  private static void record(TrustStore store, Signals.Recomputed r, Instant seen, boolean backdate) {
    Contribution first = new Contribution(r.user(), Signals.FIRST_SEEN, "", Signals.FIRST_SEEN, 0, seen);
    if (!store.putContributionIfAbsent(first) && backdate
        && store.earliest(r.user(), Signals.FIRST_SEEN, "").filter(seen::isBefore).isPresent()) {
      store.putContribution(first);
    }
    r.contributions().forEach(store::putContribution);
  }

  // ---------------------------------------------------------------------------------------------
  // Trust levels

  /**
   * Returns a user's trust level and why: the level stored by the last evaluation (or the shop's
   * grant of level 4), and every threshold of levels 1 to 3 evaluated now. Reading changes
   * nothing: a user whose tenure alone would promote them is promoted by their next event, by
   * {@link #evaluate} or by the {@link #backfill}.
   */
  public TrustLevel level(UserId user) {
    requireNonNull(user, "user");
    return context.read(tx -> {
      TrustStore store = store(tx);
      Instant now = context.now();
      Optional<UserLevel> row = store.level(user.value());
      List<TrustLevel.Check> checks = new ArrayList<>();
      for (int level = 1; level <= 3; level++) {
        for (Threshold t : thresholds.of(level)) {
          double value = value(store, user, "", t.signal(), t.window() == null ? null : now.minus(t.window()), now);
          checks.add(new TrustLevel.Check(level, t, value, met(t, value)));
        }
      }
      return new TrustLevel(user, row.map(UserLevel::effective).orElse(0), row.map(UserLevel::earned).orElse(0),
          row.map(UserLevel::grantedBy).map(UserId::of).orElse(null), checks);
    });
  }

  private static boolean met(Threshold t, double value) {
    return t.atMost() ? value <= t.bound() : value >= t.bound();
  }

  /**
   * Returns whether a user's trust level lets them do {@code action}: whether it is at least the
   * minimum the shop set with {@link Builder#gate}.
   *
   * @throws ValidationException naming {@code action} for an action the shop set no gate for
   */
  public boolean allows(UserId user, String action) {
    requireNonNull(user, "user");
    if (action == null || !ACTION.matcher(action).matches()) {
      throw ValidationException.of("action", "malformed", "must be 1 to 64 of a-z, 0-9, ., - and _");
    }
    Integer minimum = gates.get(action);
    if (minimum == null) {
      throw ValidationException.of("action", "unknown", "no gate is set for this action");
    }
    return minimum == 0 || context.read(tx -> store(tx).level(user.value()).map(UserLevel::effective).orElse(0)) >= minimum;
  }

  /** Returns the shop's gates: each action's minimum trust level. */
  public Map<String, Integer> gates() {
    return gates;
  }

  /**
   * Grants a user trust level 4, which only the shop grants; it holds until {@link #revokeLevel4}.
   * The level the thresholds earned is kept beneath it, and counts again once it is revoked.
   *
   * @param reason why, plain text, 1 to {@value #MAX_REASON} characters
   * @return {@code true} if this call granted it, with a {@code level.changed} event; {@code false}
   *     if it was granted already (nothing changes)
   * @throws ValidationException naming {@code reason}
   */
  public boolean grantLevel4(UserId user, UserId grantedBy, String reason) {
    requireNonNull(user, "user");
    requireNonNull(grantedBy, "grantedBy");
    String why = PlainText.require("reason", reason, MAX_REASON);
    return context.write(work -> {
      TrustStore store = store(work.tx());
      int before = store.level(user.value()).map(UserLevel::effective).orElse(0);
      if (!store.grantTopLevel(user.value(), grantedBy.value(), why, work.now())) {
        return false;
      }
      work.emit(new TrustEvent.LevelChanged(work.newEventId(), work.now(), user, before, 4, why, grantedBy));
      return true;
    });
  }

  /**
   * Revokes a grant of trust level 4; the user is at the level the thresholds earned again.
   *
   * @param reason why, plain text, 1 to {@value #MAX_REASON} characters
   * @return {@code true} if this call revoked it, with a {@code level.changed} event; {@code false}
   *     if level 4 was not granted (nothing changes)
   * @throws ValidationException naming {@code reason}
   */
  public boolean revokeLevel4(UserId user, UserId revokedBy, String reason) {
    requireNonNull(user, "user");
    requireNonNull(revokedBy, "revokedBy");
    String why = PlainText.require("reason", reason, MAX_REASON);
    return context.write(work -> {
      TrustStore store = store(work.tx());
      if (!store.revokeTopLevel(user.value(), work.now())) {
        return false;
      }
      int after = store.level(user.value()).map(UserLevel::earned).orElse(0);
      work.emit(new TrustEvent.LevelChanged(work.newEventId(), work.now(), user, 4, after, why, revokedBy));
      return true;
    });
  }

  /*
   * Achievements are kept, conduct is not: a user is promoted to the highest level whose
   * thresholds (and every lower level's) all hold, and demoted only when an at-most threshold
   * (upheld reports, say) of their level or below fails, to the level below the first such
   * failure. So a review withdrawn, or a window that slides past old posts, never demotes; an
   * upheld report does. The stored level changes only from the level read (changeLevel), so of
   * racing evaluations one changes it and emits level.changed.
   */
  private void evaluateLevel(UnitOfWork work, UserId user) {
    TrustStore store = store(work.tx());
    Instant now = work.now();
    Optional<UserLevel> row = store.level(user.value());
    int earnedNow = row.map(UserLevel::earned).orElse(0);
    Map<Threshold, Boolean> memo = new HashMap<>();
    java.util.function.Function<Threshold, Boolean> holds = t -> memo.computeIfAbsent(t,
        k -> k.rule().holds((signal, since) -> value(store, user, "", signal, since, now), now));
    int reached = 0;
    while (reached < 3 && thresholds.of(reached + 1).stream().allMatch(holds::apply)) {
      reached++;
    }
    int next = reached;
    String reason = "met every threshold of level " + reached;
    if (reached <= earnedNow) {
      next = earnedNow;
      for (int level = 1; level <= earnedNow && next == earnedNow; level++) {
        for (Threshold t : thresholds.of(level)) {
          if (t.atMost() && !holds.apply(t)) {
            next = level - 1;
            reason = "missed " + t + " of level " + level;
            break;
          }
        }
      }
    }
    if (next != earnedNow && store.changeLevel(user.value(), earnedNow, next, now) && row.map(UserLevel::grantedBy).isEmpty()) {
      work.emit(new TrustEvent.LevelChanged(work.newEventId(), now, user, earnedNow, next, reason, null));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Reputation

  private static final List<ReputationSignal> USER_SIGNALS = List.of(ReputationSignal.HELPFUL_VOTES,
      ReputationSignal.VERIFIED_REVIEWS, ReputationSignal.GOOD_STANDING);
  private static final List<ReputationSignal> STORE_SIGNALS = List.of(ReputationSignal.STORE_RATING,
      ReputationSignal.STORE_VERIFIED_REVIEWS, ReputationSignal.STORE_REPLIES, ReputationSignal.STORE_GOOD_STANDING);

  /**
   * Returns a user's reputation, 0 to 100, with its breakdown: helpful votes, verified reviews and
   * good standing, each smoothed and weighed by the shop's {@link ReputationWeights}. It reads
   * running totals, so it costs the same however much the user did; it has no time decay, so the
   * same stored state gives the same reputation at any time. A user Trust knows nothing of scores
   * the weighted priors.
   */
  public Reputation reputation(UserId user) {
    requireNonNull(user, "user");
    return context.read(tx -> userReputation(store(tx), user.value()));
  }

  private Reputation userReputation(TrustStore store, String user) {
    long helpful = store.sum(user, Signal.HELPFUL_VOTES.name(), "", null);
    long unhelpful = store.sum(user, Signal.UNHELPFUL_VOTES.name(), "", null);
    long reviews = store.sum(user, Signal.REVIEWS.name(), "", null);
    long verified = store.sum(user, Signal.VERIFIED_REVIEWS.name(), "", null);
    long rejected = store.sum(user, Signal.MODERATION_REJECTIONS.name(), "", null);
    long items = reviews + store.sum(user, Signal.POSTS.name(), "", null)
        + store.sum(user, Signal.COMMENTS.name(), "", null) + rejected;
    return Reputation.of(weights, USER_SIGNALS, new double[] {helpful, verified, items - rejected},
        new long[] {helpful + unhelpful, reviews, items});
  }

  /**
   * Returns a store's reputation, 0 to 100, with its breakdown: its mean rating and verified share
   * (from core's rating summary of the store), its reply rate and its reviews without an upheld
   * report (from the reviews Trust counted), each smoothed and weighed by the shop's
   * {@link ReputationWeights}. It reads running totals, so it costs the same however many reviews
   * the store has.
   */
  public Reputation storeReputation(StoreId store) {
    requireNonNull(store, "store");
    return context.read(tx -> {
      TrustStore trust = store(tx);
      var summary = tx.reviews().findSummary(SummaryKey.store(store));
      long counted = trust.storeTotal(Signal.REVIEWS.name(), store.value());
      long upheld = trust.storeTotal(Signals.STORE_UPHELD_REPORTS, store.value());
      long replied = trust.storeTotal(Signals.STORE_REPLIES, store.value());
      return Reputation.of(weights, STORE_SIGNALS,
          new double[] {(summary.sum() - summary.count()) / 4.0, summary.verifiedCount(), replied, counted},
          new long[] {summary.count(), summary.count(), counted, counted + upheld});
    });
  }

  /**
   * Returns core's {@link ReputationSource} port over this Trust, for feeds to rank authors by
   * without depending on trust: a user's {@link #reputation} score, and 0 for a user Trust has not
   * seen act (as the port asks). Thread-safe; each call reads running totals.
   */
  public ReputationSource reputationSource() {
    return user -> {
      requireNonNull(user, "user");
      return context.read(tx -> {
        TrustStore store = store(tx);
        return store.earliest(user.value(), Signals.FIRST_SEEN, "").isEmpty() ? 0.0
            : userReputation(store, user.value()).score();
      });
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Incremental evaluation

  /*
   * One event changes at most one item. Its contributions are recomputed from core's stores (so a
   * vote changed twice, an event heard again, or a backfill afterwards all give the same rows),
   * then only the badges reading a signal that item feeds are evaluated, in the item's scopes.
   * Reading the item back from core's stores in a new transaction after the event's commit means
   * two racing events for one item each see a committed state; the later one's rows win, and a
   * backfill repairs the rare interleaving where an older state is written last.
   */
  private void onEvent(MeadowEvent event) {
    if (event instanceof TrustEvent) {
      return;
    }
    String item = Signals.itemOf(event);
    if (item == null) {
      return;
    }
    try {
      context.write(work -> {
        Optional<Signals.Recomputed> recomputed = Signals.recompute(work.tx(), item, work.now());
        if (recomputed.isEmpty()) {
          return null;
        }
        Signals.Recomputed r = recomputed.get();
        record(store(work.tx()), r, work.now(), false);
        UserId user = UserId.of(r.user());
        Set<Badge> affected = new LinkedHashSet<>(always);
        r.signals().forEach(s -> affected.addAll(bySignal.getOrDefault(s, List.of())));
        for (Badge badge : affected) {
          for (String scope : r.scopes()) {
            if (inScope(badge, scope)) {
              apply(work, user, badge, scope);
            }
          }
        }
        evaluateLevel(work, user);
        return null;
      });
    } catch (RuntimeException e) {
      log.warn("Could not evaluate badges after {} {}; the next backfill repairs it", event.type(), event.id(), e);
    }
  }

  private static boolean inScope(Badge badge, String scope) {
    return badge.scope() == Scope.USER ? scope.isEmpty() : !scope.isEmpty() && scope.startsWith(badge.scope().prefix);
  }

  /** Evaluates one badge in one scope; returns 0 for no change, 1 for awarded, 2 for revoked. */
  private int apply(UnitOfWork work, UserId user, Badge badge, String scope) {
    TrustStore store = store(work.tx());
    Instant now = work.now();
    boolean holds = requireNonNull(badge.rule()).holds((signal, since) -> value(store, user, scope, signal, since, now), now);
    Optional<Award> current = store.find(user.value(), badge.id(), scope);
    boolean held = current.isPresent() && current.get().heldAt(now);
    if (holds && !held) {
      if (store.activate(Award.earned(user.value(), badge.id(), scope, now), now)) {
        work.emit(new TrustEvent.Granted(work.newEventId(), now, user, badge.id(), scope, false, null));
        return 1;
      }
    } else if (!holds && held && badge.revokedWhenRuleFails() && !current.get().granted()) {
      if (store.revoke(user.value(), badge.id(), scope, now, RULE_NO_LONGER_HOLDS)) {
        work.emit(new TrustEvent.Revoked(work.newEventId(), now, user, badge.id(), scope, RULE_NO_LONGER_HOLDS));
        return 2;
      }
    }
    return 0;
  }

  private double value(TrustStore store, UserId user, String scope, Signal signal, @Nullable Instant since,
      Instant now) {
    if (signal.host()) {
      double v = hostSignals.valueOf(user, signal.name());
      if (!Double.isFinite(v)) {
        throw new IllegalStateException("host signal " + signal.name() + " is not a finite number: " + v);
      }
      return v;
    }
    if (signal.equals(Signal.HELPFUL_LOWER_BOUND)) {
      long helpful = store.sum(user.value(), Signal.HELPFUL_VOTES.name(), scope, null);
      long unhelpful = store.sum(user.value(), Signal.UNHELPFUL_VOTES.name(), scope, null);
      return RatingSummary.wilsonLowerBound(helpful, helpful + unhelpful);
    }
    if (signal.equals(Signal.TENURE_DAYS)) {
      return store.earliest(user.value(), Signals.FIRST_SEEN, "")
          .map(first -> (double) Duration.between(first, now).toDays()).orElse(0.0);
    }
    return store.sum(user.value(), signal.name(), scope, since);
  }

  // ---------------------------------------------------------------------------------------------

  private PrivacyParticipant privacy() {
    return new PrivacyParticipant() {
      @Override
      public String section() {
        return "trust";
      }

      @Override
      public Object export(Transaction tx, UserId user) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("badges", store(tx).awardsOf(user.value()));
        out.put("signals", store(tx).contributions(user.value(), null, PAGE));
        store(tx).level(user.value()).ifPresent(level -> out.put("level", level));
        return out;
      }

      @Override
      public void erase(UnitOfWork work, UserId user) {
        store(work.tx()).eraseUser(user.value());
      }
    };
  }

  /**
   * Returns the disclosure labels of a review, derived from what Meadow recorded (its provenance,
   * the reviewer's referral rewards on the product, a referral by the store's own staff), in
   * display order; see {@link DisclosureLabels#labels(Review)}.
   *
   * @throws dev.meadow.core.IntegrationException if the host's store staff port fails
   */
  public List<Label> labels(Review review) {
    return labels.labels(review);
  }

  /** Returns the disclosure labels of a post; see {@link DisclosureLabels#labels(Post)}. */
  public List<Label> labels(Post post) {
    return labels.labels(post);
  }

  /** Returns a label's text in {@code locale}, English where the locale has none. */
  public String render(Label label, Locale locale) {
    return labels.render(label, locale);
  }

  /**
   * Returns the "how reviews are checked" notice in {@code locale}, from the shop's configuration
   * as it is now: the purchase verifier and verification rule, the moderation chain, the referral
   * program's rewards, the declared imported sources and the report threshold.
   */
  public VerificationNotice verificationNotice(Locale locale) {
    return notices.notice(locale);
  }

  /**
   * Configures {@link Trust} and installs it into a {@code Meadow}: {@code
   * Meadow.builder().install(Trust.builder().badges(...))}. Each setter checks its value at once;
   * each installation takes a copy, so later changes to the builder do not reach a built Meadow.
   */
  public static final class Builder implements MeadowModule<Trust> {
    private final Map<String, Badge> badges = new LinkedHashMap<>();
    private TrustSignals signals = TrustSignals.NONE;
    private List<ImportedSource> importedSources = List.of();
    private LevelThresholds thresholds = LevelThresholds.defaults();
    private final Map<String, Integer> gates = new LinkedHashMap<>();
    private ReputationWeights weights = ReputationWeights.defaults();

    private Builder() {}

    /** Sets how reputation weighs and smooths its signals; default {@link ReputationWeights#defaults()}. */
    public Builder reputation(ReputationWeights weights) {
      this.weights = requireNonNull(weights, "weights");
      return this;
    }

    /** Sets the thresholds of trust levels 1 to 3; default {@link LevelThresholds#defaults()}. */
    public Builder levels(LevelThresholds thresholds) {
      this.thresholds = requireNonNull(thresholds, "thresholds");
      return this;
    }

    /**
     * Gates an action of the host's, such as {@code post.links}, behind a minimum trust level, for
     * {@link Trust#allows}.
     *
     * @param action the host's name for it: 1 to 64 of a-z, 0-9, {@code .}, {@code -} and {@code _}
     * @param minimumLevel 0 to 4
     * @throws IllegalArgumentException for a malformed action, a level out of range, or an action
     *     gated already
     */
    public Builder gate(String action, int minimumLevel) {
      requireNonNull(action, "action");
      if (!ACTION.matcher(action).matches()) {
        throw new IllegalArgumentException("an action is 1 to 64 of a-z, 0-9, ., - and _, was " + action);
      }
      if (minimumLevel < 0 || minimumLevel > 4) {
        throw new IllegalArgumentException("a minimum level is 0 to 4, was " + minimumLevel + " for " + action);
      }
      if (gates.containsKey(action)) {
        throw new IllegalArgumentException("the action " + action + " is gated already");
      }
      gates.put(action, minimumLevel);
      return this;
    }

    /**
     * Adds badges to the catalogue.
     *
     * @throws IllegalArgumentException if two badges share an id
     */
    public Builder badges(Collection<Badge> catalogue) {
      requireNonNull(catalogue, "catalogue");
      Map<String, Badge> added = new LinkedHashMap<>();
      for (Badge badge : List.copyOf(catalogue)) {
        if (badges.containsKey(badge.id()) || added.put(badge.id(), badge) != null) {
          throw new IllegalArgumentException("two badges with the id " + badge.id());
        }
      }
      badges.putAll(added);
      return this;
    }

    /** Sets where host signals come from; default {@link TrustSignals#NONE}. */
    public Builder signals(TrustSignals signals) {
      this.signals = requireNonNull(signals, "signals");
      return this;
    }

    /**
     * Declares the sources the shop imported reviews from, or shows reviews of, for the
     * {@linkplain Trust#verificationNotice verification notice}; none by default. The list is
     * copied; {@code Meadow.Builder.build()} throws a {@code ValidationException} naming
     * {@code importedSources} for more than {@value VerificationNotices#MAX_SOURCES} sources or a
     * repeated name.
     */
    public Builder importedSources(List<ImportedSource> sources) {
      this.importedSources = List.copyOf(requireNonNull(sources, "sources"));
      return this;
    }

    @Override
    public Class<Trust> type() {
      return Trust.class;
    }

    @Override
    public Trust install(ModuleContext context) {
      context.requireStore(TrustStore.class);
      context.registerEvents(TrustEvent.class);
      Builder copy = new Builder();
      copy.badges.putAll(badges);
      copy.signals = signals;
      copy.importedSources = importedSources;
      copy.thresholds = thresholds;
      copy.gates.putAll(gates);
      copy.weights = weights;
      Trust trust = new Trust(copy, context);
      context.addListener(trust::onEvent);
      context.addPrivacyParticipant(trust.privacy());
      return trust;
    }
  }
}
