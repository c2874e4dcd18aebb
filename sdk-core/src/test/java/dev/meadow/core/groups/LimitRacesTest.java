package dev.meadow.core.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.ConflictException;
import dev.meadow.core.PageRequest;
import dev.meadow.core.PermissionDeniedException;
import dev.meadow.core.UserId;
import dev.meadow.core.events.EventJson;
import dev.meadow.core.events.GroupEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Per-user limits and invitation uses hold when eight threads race for the last slots. */
class LimitRacesTest {
  private static final int THREADS = 8;

  /**
   * Runs {@code attempts} calls on {@value #THREADS} threads released together, and returns what
   * each returned or, for a Meadow refusal, the refusal's class.
   */
  private static List<Object> race(int attempts, IntFunction<Callable<?>> attempt) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Object>> futures = new ArrayList<>();
      for (int i = 0; i < attempts; i++) {
        Callable<?> call = attempt.apply(i);
        futures.add(pool.submit(() -> {
          start.await();
          try {
            return call.call();
          } catch (dev.meadow.core.MeadowException e) {
            return e.getClass();
          }
        }));
      }
      start.countDown();
      List<Object> outcomes = new ArrayList<>();
      for (Future<Object> future : futures) {
        try {
          outcomes.add(future.get(30, TimeUnit.SECONDS));
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
          throw new AssertionError("an attempt failed unexpectedly", e);
        }
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }

  private static Map<Object, Long> tally(List<Object> outcomes) {
    return outcomes.stream().collect(Collectors.groupingBy(o -> o instanceof Group ? Group.class : o, Collectors.counting()));
  }

  private static long events(Community c, Class<?> type) {
    return c.outbox().stream().filter(m -> EventJson.types().get(m.type()) == type).count();
  }

  @Test
  void groupsOwned_letExactlyTheLimitThroughRacingCreates() throws InterruptedException {
    Community c = Community.withLimits(CommunityLimits.defaults().withGroupsOwned(5));
    UserId owner = c.user("owner");
    List<Object> outcomes = race(24, i -> () -> c.groups.create(owner, GroupDraft.of("Group " + i, "group-" + i)));
    assertEquals(Map.of(Group.class, 5L, ConflictException.class, 19L), tally(outcomes));
    assertEquals(5, c.groups.ownedCount(owner));
    assertEquals(5, c.groups.joinedCount(owner));
    assertEquals(5, c.groups.discover(GroupSearch.all(), PageRequest.first(100)).items().size());
    assertEquals(5, events(c, GroupEvent.Created.class));
  }

  @Test
  void groupsJoined_letExactlyTheLimitThroughRacingJoins() throws InterruptedException {
    Community c = Community.withLimits(CommunityLimits.defaults().withGroupsJoined(4));
    UserId joiner = c.user("joiner");
    List<Group> groups = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      groups.add(c.group(c.user("owner-" + i), "group-" + i, i % 2 == 0 ? GroupVisibility.PUBLIC : GroupVisibility.REQUEST));
    }
    List<Object> outcomes = race(16, i -> () -> c.groups.join(joiner, groups.get(i).id()));
    long admitted = outcomes.stream().filter(o -> o == JoinResult.JOINED || o == JoinResult.REQUESTED).count();
    assertEquals(4, admitted);
    assertEquals(12, outcomes.stream().filter(ConflictException.class::equals).count());
    assertEquals(4, c.groups.joinedCount(joiner));
    long memberships = groups.stream().filter(g -> c.groups.membership(joiner, g.id(), joiner).isPresent()).count();
    assertEquals(4, memberships);
    assertEquals(outcomes.stream().filter(JoinResult.JOINED::equals).count(),
        groups.stream().mapToLong(g -> c.reload(g).memberCount() - 1).sum(), "member counts are exact");
  }

  @Test
  void invitationMaxUses_admitExactlyThatManyRacingUsers() throws InterruptedException {
    Community c = Community.create();
    UserId owner = c.user("owner");
    Group group = c.group(owner, "secret", GroupVisibility.INVITE);
    IssuedInvitation invitation = c.groups.invite(owner, group.id(), Duration.ofDays(1), 3);
    List<Object> outcomes = race(THREADS, i -> () -> c.groups.joinWithInvitation(c.user("guest-" + i), invitation.token()));
    assertEquals(3, outcomes.stream().filter(JoinResult.JOINED::equals).count());
    assertEquals(5, outcomes.stream().filter(PermissionDeniedException.class::equals).count());
    assertEquals(3, c.reload(invitation.invitation()).uses());
    assertEquals(4, c.reload(group).memberCount());
    assertEquals(4, c.groups.members(owner, group.id(), PageRequest.first()).items().size());
    assertEquals(3, events(c, GroupEvent.MemberJoined.class));
  }

  @Test
  void oneUsersRacingJoins_admitOnce() throws InterruptedException {
    Community c = Community.create();
    Group group = c.group(c.user("owner"), "tea");
    UserId joiner = c.user("joiner");
    List<Object> outcomes = race(THREADS, i -> () -> c.groups.join(joiner, group.id()));
    assertEquals(1, outcomes.stream().filter(JoinResult.JOINED::equals).count());
    assertTrue(outcomes.stream().allMatch(o -> o == JoinResult.JOINED || o == JoinResult.ALREADY_MEMBER), outcomes::toString);
    assertEquals(2, c.reload(group).memberCount());
    assertEquals(1, c.groups.joinedCount(joiner));
    assertEquals(1, events(c, GroupEvent.MemberJoined.class));
  }
}
