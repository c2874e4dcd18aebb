package dev.meadow.trust;

import dev.meadow.core.CommentId;
import dev.meadow.core.OrderId;
import dev.meadow.core.PostId;
import dev.meadow.core.ReviewId;
import dev.meadow.core.events.MeadowEvent;
import dev.meadow.core.events.PostEvent;
import dev.meadow.core.events.ReferralEvent;
import dev.meadow.core.events.ReviewEvent;
import dev.meadow.core.events.SocialEvent;
import dev.meadow.core.groups.Comment;
import dev.meadow.core.groups.ContentState;
import dev.meadow.core.UserId;
import dev.meadow.core.groups.FollowTarget;
import dev.meadow.core.groups.Follows;
import dev.meadow.core.groups.Group;
import dev.meadow.core.groups.Post;
import dev.meadow.core.groups.ReactionTarget;
import dev.meadow.core.groups.Removal;
import dev.meadow.core.referrals.Conversion;
import dev.meadow.core.reviews.Review;
import dev.meadow.core.reviews.ReviewState;
import dev.meadow.core.spi.Transaction;
import dev.meadow.trust.spi.Contribution;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns Meadow's events into the items they change, and an item into its contributions to its
 * owner's signals, read from core's stores as they are now.
 */
final class Signals {
  /** The row that remembers when Meadow first saw a user, for tenure. */
  static final String FIRST_SEEN = "first_seen";
  /** A published review's merchant reply, counted in the store's scope for its reply rate. */
  static final String STORE_REPLIES = "store_replies";
  /** A review rejected on upheld reports, counted in the store's scope for its standing. */
  static final String STORE_UPHELD_REPORTS = "store_upheld_reports";

  static final Set<Signal> REVIEW_SIGNALS = Set.of(Signal.REVIEWS, Signal.VERIFIED_REVIEWS, Signal.HELPFUL_VOTES,
      Signal.UNHELPFUL_VOTES, Signal.HELPFUL_LOWER_BOUND, Signal.MODERATION_REJECTIONS, Signal.UPHELD_REPORTS);
  static final Set<Signal> CONTENT_SIGNALS =
      Set.of(Signal.POSTS, Signal.COMMENTS, Signal.LIKES_RECEIVED, Signal.MODERATION_REJECTIONS);

  private Signals() {}

  /** An item's owner, its contributions, the signals it feeds and the scopes it is in. */
  record Recomputed(String user, List<Contribution> contributions, Set<Signal> signals, List<String> scopes) {}

  static boolean windowed(Signal signal) {
    return Set.of(Signal.REVIEWS, Signal.VERIFIED_REVIEWS, Signal.POSTS, Signal.COMMENTS, Signal.CLEAN_CONVERSIONS,
        Signal.MODERATION_REJECTIONS, Signal.UPHELD_REPORTS).contains(signal);
  }

  /** Returns the item an event changes, or {@code null} if it changes none of Meadow's signals. */
  static @Nullable String itemOf(MeadowEvent event) {
    if (event instanceof ReviewEvent e) {
      return e instanceof ReviewEvent.Reported ? null : "review:" + e.reviewId().value();
    }
    if (event instanceof PostEvent e) {
      if (e instanceof PostEvent.CommentAdded c) {
        return "comment:" + c.commentId().value();
      }
      if (e instanceof PostEvent.CommentRemoved c) {
        return "comment:" + c.commentId().value();
      }
      if (e instanceof PostEvent.Liked l) {
        return target(l.target());
      }
      if (e instanceof PostEvent.Unliked l) {
        return target(l.target());
      }
      if (e instanceof PostEvent.PinChanged || e instanceof PostEvent.Edited) {
        return null;
      }
      return "post:" + e.postId().value();
    }
    if (event instanceof SocialEvent.Followed f) {
      return followers(f.target());
    }
    if (event instanceof SocialEvent.Unfollowed f) {
      return followers(f.target());
    }
    if (event instanceof ReferralEvent.Converted c) {
      return "order:" + c.orderId().value();
    }
    if (event instanceof ReferralEvent.Refunded r) {
      return "order:" + r.orderId().value();
    }
    return null;
  }

  private static String target(ReactionTarget target) {
    return (target.kind() == ReactionTarget.Kind.POST ? "post:" : "comment:") + target.id();
  }

  private static @Nullable String followers(FollowTarget target) {
    return target.kind() == FollowTarget.Kind.USER ? "followers:" + target.id() : null;
  }

  /** Recomputes an item from core's stores, or returns empty if core no longer knows it. */
  static Optional<Recomputed> recompute(Transaction tx, String item, Instant now) {
    int colon = item.indexOf(':');
    String kind = item.substring(0, colon);
    String id = item.substring(colon + 1);
    return switch (kind) {
      case "review" -> tx.reviews().findReview(ReviewId.of(id)).map(r -> review(tx, item, r));
      case "post" -> tx.posts().findPost(PostId.of(id)).map(p -> post(tx, item, p));
      case "comment" -> tx.posts().findComment(CommentId.of(id)).map(c -> comment(tx, item, c));
      case "followers" -> Optional.of(new Recomputed(id, List.of(new Contribution(id, Signal.FOLLOWERS.name(), "", item,
          Math.max(0, Follows.followerCount(tx, FollowTarget.user(UserId.of(id)))), now)),
          Set.of(Signal.FOLLOWERS), List.of("")));
      case "order" -> tx.referrals().findConversion(OrderId.of(id)).map(c -> order(item, c));
      default -> Optional.empty();
    };
  }

  private static Recomputed review(Transaction tx, String item, Review r) {
    String user = r.author().value();
    boolean published = r.state() == ReviewState.PUBLISHED;
    boolean rejected = r.state() == ReviewState.REJECTED;
    // A moderator's decision resolves the open reports (reportCount goes back to 0), so an upheld
    // report is a rejected review with any report in its history.
    boolean upheld = rejected && !tx.reviews().listReports(r.id(), 1).isEmpty();
    List<String> scopes = List.of("", Scope.PRODUCT.prefix + r.productId().value(), Scope.STORE.prefix + r.storeId().value());
    List<Contribution> out = new ArrayList<>();
    for (String scope : scopes) {
      out.add(new Contribution(user, Signal.REVIEWS.name(), scope, item, published ? 1 : 0, r.createdAt()));
      out.add(new Contribution(user, Signal.VERIFIED_REVIEWS.name(), scope, item,
          published && r.provenance().verified() ? 1 : 0, r.createdAt()));
    }
    out.add(new Contribution(user, Signal.HELPFUL_VOTES.name(), "", item, published ? r.helpfulCount() : 0, r.createdAt()));
    out.add(new Contribution(user, Signal.UNHELPFUL_VOTES.name(), "", item, published ? r.unhelpfulCount() : 0,
        r.createdAt()));
    out.add(new Contribution(user, Signal.MODERATION_REJECTIONS.name(), "", item, rejected ? 1 : 0, r.createdAt()));
    out.add(new Contribution(user, Signal.UPHELD_REPORTS.name(), "", item, upheld ? 1 : 0, r.createdAt()));
    String store = scopes.get(2);
    out.add(new Contribution(user, STORE_REPLIES, store, item,
        published && tx.reviews().findReply(r.id()).isPresent() ? 1 : 0, r.createdAt()));
    out.add(new Contribution(user, STORE_UPHELD_REPORTS, store, item, upheld ? 1 : 0, r.createdAt()));
    return new Recomputed(user, out, REVIEW_SIGNALS, scopes);
  }

  private static List<String> contentScopes(Transaction tx, dev.meadow.core.GroupId groupId) {
    Optional<Group> group = tx.groups().findGroup(groupId);
    return group.isPresent() && group.get().store() != null
        ? List.of("", Scope.GROUP.prefix + groupId.value(), Scope.STATION.prefix + groupId.value())
        : List.of("", Scope.GROUP.prefix + groupId.value());
  }

  private static Recomputed post(Transaction tx, String item, Post p) {
    return content(tx, item, p.author().value(), p.groupId(), Signal.POSTS,
        p.state() == ContentState.PUBLISHED && p.removal() == null, p.likeCount(), p.removal(), p.createdAt());
  }

  private static Recomputed comment(Transaction tx, String item, Comment c) {
    return content(tx, item, c.author().value(), c.groupId(), Signal.COMMENTS,
        c.state() == ContentState.PUBLISHED && c.removal() == null, c.likeCount(), c.removal(), c.createdAt());
  }

  private static Recomputed content(Transaction tx, String item, String user, dev.meadow.core.GroupId group,
      Signal counted, boolean shown, long likes, @Nullable Removal removal, Instant at) {
    List<String> scopes = contentScopes(tx, group);
    List<Contribution> out = new ArrayList<>();
    for (String scope : scopes) {
      out.add(new Contribution(user, counted.name(), scope, item, shown ? 1 : 0, at));
      out.add(new Contribution(user, Signal.LIKES_RECEIVED.name(), scope, item, shown ? Math.max(0, likes) : 0, at));
    }
    boolean moderated = removal != null && !removal.by().value().equals(user);
    out.add(new Contribution(user, Signal.MODERATION_REJECTIONS.name(), "", item, moderated ? 1 : 0, at));
    return new Recomputed(user, out, CONTENT_SIGNALS, scopes);
  }

  private static Recomputed order(String item, Conversion c) {
    String user = c.referrer().value();
    boolean clean = c.reasons().isEmpty() && c.refunded().minor() == 0;
    return new Recomputed(user, List.of(new Contribution(user, Signal.CLEAN_CONVERSIONS.name(), "", item,
        clean ? 1 : 0, c.createdAt())), Set.of(Signal.CLEAN_CONVERSIONS), List.of(""));
  }
}
