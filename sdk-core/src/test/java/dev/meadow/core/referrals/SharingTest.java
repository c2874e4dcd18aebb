package dev.meadow.core.referrals;

import static dev.meadow.core.referrals.ReferralsFixture.SCARF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.Actor;
import dev.meadow.core.GroupId;
import dev.meadow.core.NotFoundException;
import dev.meadow.core.Page;
import dev.meadow.core.PageRequest;
import dev.meadow.core.UserId;
import dev.meadow.core.events.ReferralEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SharingTest {
  private final ReferralsFixture r = ReferralsFixture.create();
  private final UserId ann = r.user("ann");
  private final UserId bo = r.user("bo");
  private final UserId cy = r.user("cy");

  @Test
  void share_makesAShortRandomUrlSafeCode_andEmitsShared() {
    Share share = r.share(ann);
    assertEquals(ShareCode.LENGTH, share.code().value().length());
    assertTrue(share.code().value().matches("[A-Za-z0-9_-]{11}"), share.code().value());
    assertEquals(new ReferralEvent.Shared(r.witness.heard().get(0).id(), r.clock.instant(), share.code(), "default",
        ann, ShareTarget.product(SCARF), Channel.LINK, Audience.Kind.PUBLIC, List.of()), r.witness.heard().get(0));
    assertEquals("https://shop.example/r/" + share.code() + "?to=product/merino-scarf", r.referrals.landingUrl(share));
    assertNull(share.expiresAt());
  }

  @Test
  void codes_areNotDerivedFromAnythingAndDoNotRepeat() {
    Set<String> codes = new HashSet<>();
    Set<Character> seen = new HashSet<>();
    for (int i = 0; i < 2_000; i++) {
      String code = ShareCode.random().value();
      assertTrue(codes.add(code), "a repeated code: " + code);
      code.chars().forEach(c -> seen.add((char) c));
    }
    assertEquals(64, seen.size(), "every one of the 64 URL-safe characters turns up: 6 random bits each");
    Share first = r.share(ann);
    Share second = r.share(ann);
    assertFalse(first.code().equals(second.code()), "the same user and target get different codes");
  }

  @Test
  void share_withExpiry_expiresThen() {
    Share share = r.emits(ReferralEvent.Shared.class, () -> r.referrals.share(ann, ShareTarget.group(
        GroupId.of("01JD5Z8Y0Q3E4N6V7W8X9Y0Z1A")), Channel.SOCIAL, Audience.everyone(), Duration.ofDays(7)));
    assertEquals(r.clock.instant().plus(Duration.ofDays(7)), share.expiresAt());
    assertFalse(share.expiredAt(r.clock.instant().plus(Duration.ofDays(7)).minusMillis(1)));
    assertTrue(share.expiredAt(r.clock.instant().plus(Duration.ofDays(7))));
  }

  @Test
  void directShare_isVisibleOnlyToItsSenderAndRecipients() {
    Share direct = r.emits(ReferralEvent.Shared.class, () -> r.referrals.share(ann, ShareTarget.product(SCARF),
        Channel.MESSAGE, Audience.direct(List.of(bo), "You wanted a warm one")));
    assertEquals(direct, r.referrals.get(ann, direct.code()));
    assertEquals(direct, r.referrals.get(bo, direct.code()));
    assertEquals("You wanted a warm one", r.referrals.get(bo, direct.code()).audience().note());
    r.refuses(NotFoundException.class, () -> r.referrals.get(cy, direct.code()));
    r.refuses(NotFoundException.class, () -> r.referrals.get(Actor.anonymous(), direct.code()));
    assertEquals(List.of(direct), r.referrals.sharedWith(bo, PageRequest.first(10)).items());
    assertEquals(List.of(), r.referrals.sharedWith(cy, PageRequest.first(10)).items());

    Share open = r.share(ann);
    assertEquals(open, r.referrals.get(cy, open.code()));
    assertEquals(open, r.referrals.get(Actor.anonymous(), open.code()));
    assertEquals(List.of(direct), r.referrals.sharedWith(bo, PageRequest.first(10)).items(),
        "public shares are not in anyone's inbox");
  }

  @Test
  void sharesOf_pagesNewestFirst() {
    List<Share> made = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      made.add(r.share(ann));
      r.clock.advance(Duration.ofSeconds(1));
    }
    r.share(bo);
    List<Share> listed = new ArrayList<>();
    PageRequest request = PageRequest.first(2);
    while (true) {
      Page<Share> page = r.referrals.sharesOf(ann, request);
      listed.addAll(page.items());
      if (!page.hasNext()) {
        break;
      }
      request = request.next(page);
    }
    java.util.Collections.reverse(made);
    assertEquals(made, listed);
  }

  @Test
  void share_ofAnIneligibleKind_isRefused() {
    ReferralsFixture productsOnly = ReferralsFixture.with(p -> p.eligibleTargets(Set.of(ShareTarget.Kind.PRODUCT)));
    UserId dee = productsOnly.user("dee");
    productsOnly.rejects("target", () -> productsOnly.referrals.share(dee,
        ShareTarget.group(GroupId.of("01JD5Z8Y0Q3E4N6V7W8X9Y0Z1A")), Channel.LINK, Audience.everyone()));
    productsOnly.share(dee);
  }
}
