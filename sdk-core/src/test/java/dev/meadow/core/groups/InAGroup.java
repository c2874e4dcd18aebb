package dev.meadow.core.groups;

import dev.meadow.core.UserId;

/** What tests of a group's content start from: a public group with its owner, a moderator and two members. */
abstract class InAGroup {
  final Community c = Community.create();
  final UserId owner = c.user("owner");
  final UserId mod = c.user("mod");
  final UserId ann = c.user("ann");
  final UserId ben = c.user("ben");
  final Group group = c.moderatedGroup(owner, "tea", mod, ann, ben);
}
