package dev.meadow.core.reviews;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.Actor;
import dev.meadow.core.ConflictException;
import dev.meadow.core.PermissionDeniedException;
import dev.meadow.core.PlainText;
import dev.meadow.core.ReviewId;
import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import dev.meadow.core.events.ReviewEvent;
import dev.meadow.core.internal.Actors;
import dev.meadow.core.internal.HostPorts;
import dev.meadow.core.modules.ModuleContext;
import dev.meadow.core.ports.StoreStaff;
import dev.meadow.core.spi.ReviewStore;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The reply stage of reviews: the selling store's one public reply to a review, and its edits. */
final class Replies {
  private final ModuleContext context;
  private final StoreStaff storeStaff;

  Replies(ModuleContext context, StoreStaff storeStaff) {
    this.context = context;
    this.storeStaff = storeStaff;
  }

  MerchantReply reply(Actor actor, ReviewId reviewId, String body) {
    requireNonNull(reviewId, "reviewId");
    UserId staff = Actors.signedIn(actor, "reply");
    String text = PlainText.require("body", body, Reviews.MAX_REPLY);
    Set<StoreId> stores = HostPorts.ask("StoreStaff", () -> storeStaff.storesOf(staff));
    return context.write(unit -> {
      ReviewStore reviews = unit.tx().reviews();
      Review review = Records.published(reviews, reviewId);
      if (!stores.contains(review.storeId())) {
        throw new PermissionDeniedException("only the staff of store " + review.storeId() + " reply to its reviews");
      }
      Optional<MerchantReply> existing = reviews.findReply(reviewId);
      MerchantReply saved;
      if (existing.isEmpty()) {
        saved = new MerchantReply(reviewId, review.storeId(), staff, text, unit.now(), null, 1);
        if (!reviews.insertReply(saved)) {
          throw new ConflictException("the store replied to review " + reviewId + " meanwhile; try again");
        }
      } else {
        MerchantReply old = existing.get();
        int number = reviews.listReplyRevisions(reviewId, Reviews.MAX_EDITS + 1).size() + 1;
        if (number > Reviews.MAX_EDITS) {
          throw new ConflictException("the reply was edited " + Reviews.MAX_EDITS + " times, the most allowed");
        }
        reviews.insertReplyRevision(new ReplyRevision(reviewId, number, old.author(), old.body(),
            old.editedAt() != null ? old.editedAt() : old.createdAt()));
        saved = new MerchantReply(reviewId, old.storeId(), staff, text, old.createdAt(), unit.now(), old.version() + 1);
        if (!reviews.updateReply(saved)) {
          throw new ConflictException("the reply to review " + reviewId + " changed meanwhile; try again");
        }
      }
      unit.emit(new ReviewEvent.Replied(unit.newEventId(), unit.now(), reviewId, review.productId(), review.storeId(),
          staff, saved.version()));
      return saved;
    });
  }

  Optional<MerchantReply> replyTo(Actor actor, ReviewId reviewId) {
    requireNonNull(actor, "actor");
    requireNonNull(reviewId, "reviewId");
    return context.read(tx -> {
      Records.visible(tx.reviews(), actor, reviewId);
      return tx.reviews().findReply(reviewId);
    });
  }

  List<ReplyRevision> replyRevisions(Actor actor, ReviewId reviewId) {
    requireNonNull(actor, "actor");
    requireNonNull(reviewId, "reviewId");
    return context.read(tx -> {
      Records.visible(tx.reviews(), actor, reviewId);
      return tx.reviews().listReplyRevisions(reviewId, Reviews.MAX_EDITS);
    });
  }
}
