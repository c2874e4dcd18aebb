package dev.meadow.core.referrals;

import static java.util.Objects.requireNonNull;

import com.google.common.hash.Hashing;
import dev.meadow.core.Actor;
import dev.meadow.core.ConflictException;
import dev.meadow.core.NotFoundException;
import dev.meadow.core.Page;
import dev.meadow.core.PageRequest;
import dev.meadow.core.PlainText;
import dev.meadow.core.StorageException;
import dev.meadow.core.UserId;
import dev.meadow.core.ValidationException;
import dev.meadow.core.events.ReferralEvent;
import dev.meadow.core.internal.Actors;
import dev.meadow.core.modules.Cursors;
import dev.meadow.core.modules.ModuleContext;
import dev.meadow.core.spi.ReferralStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/** The sharing stage of referrals: share links, who may see them, and the clicks they get. */
final class Sharing {
  /** Fresh random codes tried before sharing gives up; a collision of 66 random bits is already rare. */
  private static final int SHARE_CODE_ATTEMPTS = 5;

  private final ModuleContext context;
  private final ReferralProgram program;

  Sharing(ModuleContext context, ReferralProgram program) {
    this.context = context;
    this.program = program;
  }

  Share share(Actor actor, ShareTarget target, Channel channel, Audience audience, @Nullable Duration validFor) {
    requireNonNull(target, "target");
    requireNonNull(channel, "channel");
    requireNonNull(audience, "audience");
    UserId sharer = Actors.signedIn(actor, "share");
    if (!program.eligibleTargets().contains(target.kind())) {
      throw ValidationException.of("target", "not_eligible", "the referral program does not let "
          + target.kind() + " targets be shared");
    }
    if (audience.recipients().contains(sharer)) {
      throw ValidationException.of("recipients", "self", "a user does not share with themselves");
    }
    if (validFor != null && (validFor.isNegative() || validFor.isZero()
        || validFor.compareTo(Referrals.MAX_VALID_FOR) > 0)) {
      throw ValidationException.of("validFor", "out_of_range", "a link is valid for more than 0 and up to 365 days");
    }
    return context.write(unit -> {
      for (int attempt = 0; attempt < SHARE_CODE_ATTEMPTS; attempt++) {
        Share share = new Share(ShareCode.random(), program.id(), sharer, target, channel, audience, unit.now(),
            validFor == null ? null : unit.now().plus(validFor));
        if (unit.tx().referrals().insertShare(share)) {
          unit.emit(new ReferralEvent.Shared(unit.newEventId(), unit.now(), share.code(), share.programId(), sharer,
              target, channel, audience.kind(), audience.recipients()));
          return share;
        }
      }
      // 66 random bits: five collisions in a row mean the random source is broken.
      throw new StorageException("could not find an unused share code in " + SHARE_CODE_ATTEMPTS + " attempts");
    });
  }

  Share get(Actor actor, ShareCode code) {
    requireNonNull(actor, "actor");
    requireNonNull(code, "code");
    return context.read(tx -> tx.referrals().findShare(code))
        .filter(share -> share.visibleTo(actor.user().orElse(null)))
        .orElseThrow(() -> new NotFoundException("share", code.value()));
  }

  Page<Share> sharesOf(Actor actor, PageRequest request) {
    UserId user = Actors.signedIn(actor, "list shares");
    return shares("referrals.shares:" + user.value(), request, share -> share.sharer().equals(user),
        (store, after) -> store.listShares(user, after, request.limit() + 1));
  }

  Page<Share> sharedWith(Actor actor, PageRequest request) {
    UserId user = Actors.signedIn(actor, "list shares");
    return shares("referrals.shared_with:" + user.value(), request,
        share -> share.audience().recipients().contains(user),
        (store, after) -> store.listSharesTo(user, after, request.limit() + 1));
  }

  private Page<Share> shares(String listing, PageRequest request, Predicate<Share> belongs,
      BiFunction<ReferralStore, @Nullable Share, List<Share>> list) {
    requireNonNull(request, "request");
    ShareCode after = context.cursors().position(listing, request, 1, parts -> ShareCode.of(parts.get(0)));
    List<Share> rows = context.read(tx -> {
      Share anchor = after == null ? null
          : tx.referrals().findShare(after).filter(belongs).orElseThrow(Cursors::malformed);
      return list.apply(tx.referrals(), anchor);
    });
    return context.cursors().page(rows, request.limit(), listing, s -> new String[] {s.code().value()});
  }

  boolean recordClick(ShareCode code, String visitorKey) {
    requireNonNull(code, "code");
    String visitor = visitorHash(visitorKey);
    return context.write(unit -> {
      ReferralStore store = unit.tx().referrals();
      Share share = store.findShare(code).orElseThrow(() -> new NotFoundException("share", code.value()));
      if (share.expiredAt(unit.now())) {
        throw new ConflictException("share link " + code + " expired at " + share.expiresAt());
      }
      if (!store.recordClick(code, visitor, unit.now(), unit.now().minus(program.clickWindow()))) {
        return false;
      }
      Ledger.adjust(store, share.programId(), share.sharer(), StatsDelta.clicks(1));
      unit.emit(new ReferralEvent.Clicked(unit.newEventId(), unit.now(), code, share.sharer()));
      return true;
    });
  }

  /** Returns the hash Meadow stores for a visitor key: SHA-256, hex. */
  static String visitorHash(String visitorKey) {
    String key = PlainText.token("visitorKey", visitorKey, Referrals.MAX_VISITOR_KEY);
    return Hashing.sha256().hashString("meadow.visitor\u0000" + key, StandardCharsets.UTF_8).toString();
  }
}
