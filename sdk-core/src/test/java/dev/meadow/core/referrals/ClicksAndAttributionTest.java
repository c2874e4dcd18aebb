package dev.meadow.core.referrals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.ConflictException;
import dev.meadow.core.NotFoundException;
import dev.meadow.core.UserId;
import dev.meadow.core.events.ReferralEvent;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClicksAndAttributionTest {
  private final ReferralsFixture r = ReferralsFixture.create();
  private final UserId ann = r.user("ann");
  private final UserId bo = r.user("bo");
  private final UserId cy = r.user("cy");

  @Test
  void visitorKeys_areHashedBeforeStorage() {
    Share share = r.share(ann);
    String key = "session-7f3a-secret-cookie";
    assertTrue(r.referrals.recordClick(share.code(), key));
    Click click = r.witness.peek(tx -> tx.referrals().listClicks(Referrals.visitorHash(key),
        java.time.Instant.EPOCH, 10)).get(0);
    assertEquals(64, click.visitorHash().length());
    assertTrue(click.visitorHash().matches("[0-9a-f]{64}"));
    assertFalse(click.visitorHash().contains(key));
    assertFalse(r.stored().toString().contains(key), "the key itself is stored nowhere");
    assertFalse(r.witness.outbox().toString().contains(key), "nor written to the outbox");
  }

  @Test
  void repeatedClicks_withinTheWindow_countOnce() {
    Share share = r.share(ann);
    r.click(share, bo);
    r.clock.advance(Duration.ofMinutes(29));
    assertFalse(r.changesNothingButLastClick(share, bo));
    r.clock.advance(Duration.ofMinutes(1).plusMillis(1));
    r.click(share, bo);
    r.click(share, cy);
    assertEquals(3, r.referrals.stats(ann).clicks());
    assertEquals(3, r.referrals.programStats().clicks());
  }

  @Test
  void unknownOrExpiredCode_isAClearErrorAndWritesNothing() {
    r.refuses(NotFoundException.class, () -> r.referrals.recordClick(ShareCode.of("Unknown0000"), "cookie"));
    Share share = r.emits(ReferralEvent.Shared.class, () -> r.referrals.share(ann,
        ShareTarget.product(ReferralsFixture.SCARF), Channel.LINK, Audience.everyone(), Duration.ofDays(1)));
    r.clock.advance(Duration.ofDays(1));
    r.refuses(ConflictException.class, () -> r.referrals.recordClick(share.code(), "cookie"));
    assertEquals(0, r.referrals.stats(ann).clicks());
  }

  @Test
  void signup_bindsTheCustomerToTheLastLinkClicked_byDefault() {
    Share anns = r.share(ann);
    Share bos = r.share(bo);
    UserId dee = r.user("dee");
    r.click(anns, dee);
    r.clock.advance(Duration.ofDays(2));
    r.click(bos, dee);
    Attribution attribution = r.signUp(dee);
    assertEquals(bo, attribution.referrer());
    assertEquals(bos.code(), attribution.code());
    assertEquals(List.of(), attribution.reasons());
    assertEquals(1, r.referrals.stats(bo).signups());
    assertEquals(0, r.referrals.stats(ann).signups());
  }

  @Test
  void signup_underFirstTouch_bindsTheFirstLinkClicked() {
    ReferralsFixture first = ReferralsFixture.with(p -> p.model(TouchModel.FIRST_TOUCH));
    UserId a = first.user("ann");
    UserId b = first.user("bo");
    UserId dee = first.user("dee");
    Share anns = first.share(a);
    Share bos = first.share(b);
    first.click(anns, dee);
    first.clock.advance(Duration.ofDays(2));
    first.click(bos, dee);
    assertEquals(a, first.signUp(dee).referrer());
  }

  @Test
  void signup_afterTheWindow_orWithoutClicks_bindsNothingAndWritesNothing() {
    Share share = r.share(ann);
    UserId dee = r.user("dee");
    r.click(share, dee);
    r.days(31);
    assertEquals(Optional.empty(), r.changesNothing(() -> r.referrals.attributeSignup(ReferralsFixture.visitor(dee), dee)));
    assertEquals(Optional.empty(), r.changesNothing(() -> r.referrals.attributeSignup("never-clicked", cy)));
  }

  @Test
  void signup_twice_keepsTheFirstAttribution() {
    Attribution first = r.refer(ann, bo);
    r.click(r.share(cy), bo);
    assertEquals(Optional.of(first), r.changesNothing(() -> r.referrals.attributeSignup(ReferralsFixture.visitor(bo), bo)));
  }
}
