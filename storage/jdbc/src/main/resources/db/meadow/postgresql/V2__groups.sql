-- Meadow groups: group settings and state, member status, invitations, hourly activity, posts
-- with revisions, comments, reactions, follows, users' style labels and named counters.
--
-- Groups that exist become active, public, without post approval, at version 1, last changed
-- when they were created; their name key is the database's LOWER(name), which Meadow rewrites
-- with its own lower-casing at the next settings change. Memberships that exist become active.
-- Lists that are only read back (a post's products, media and store affiliations, a revision's
-- labels) are TEXT arrays, which keep their order; labels that listings search by are rows of
-- their own. Instants are TIMESTAMP(3) WITH TIME ZONE and ordered keys use the "C" collation,
-- as in V1.

ALTER TABLE meadow_groups
  ADD COLUMN name_key      TEXT COLLATE "C",
  ADD COLUMN rules         TEXT,
  ADD COLUMN category      TEXT COLLATE "C",
  ADD COLUMN visibility    VARCHAR(16) NOT NULL DEFAULT 'PUBLIC',
  ADD COLUMN post_approval BOOLEAN NOT NULL DEFAULT FALSE,
  ADD COLUMN store_id      TEXT COLLATE "C",
  ADD COLUMN state         VARCHAR(16) NOT NULL DEFAULT 'ACTIVE',
  ADD COLUMN post_count    BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN updated_at    TIMESTAMP(3) WITH TIME ZONE,
  ADD COLUMN version       BIGINT NOT NULL DEFAULT 1;

UPDATE meadow_groups SET name_key = LOWER(name), updated_at = created_at;

-- The defaults served the rows above only: Meadow writes every column of a new group.
ALTER TABLE meadow_groups
  ALTER COLUMN name_key SET NOT NULL,
  ALTER COLUMN updated_at SET NOT NULL,
  ALTER COLUMN visibility DROP DEFAULT,
  ALTER COLUMN post_approval DROP DEFAULT,
  ALTER COLUMN state DROP DEFAULT,
  ALTER COLUMN post_count DROP DEFAULT,
  ALTER COLUMN version DROP DEFAULT,
  ADD CONSTRAINT meadow_groups_store_key UNIQUE (store_id),
  ADD CONSTRAINT meadow_groups_visibility_check CHECK (visibility IN ('PUBLIC', 'REQUEST', 'INVITE')),
  ADD CONSTRAINT meadow_groups_state_check CHECK (state IN ('ACTIVE', 'ARCHIVED'));

-- Discovery lists active groups not by invitation, by name key then id, optionally in categories.
CREATE INDEX meadow_groups_discovery_idx ON meadow_groups (name_key, id)
  WHERE state = 'ACTIVE' AND visibility <> 'INVITE';
CREATE INDEX meadow_groups_category_idx ON meadow_groups (category, name_key, id)
  WHERE state = 'ACTIVE' AND visibility <> 'INVITE';

CREATE TABLE meadow_group_labels (
  group_id VARCHAR(26) COLLATE "C" NOT NULL,
  label    TEXT COLLATE "C" NOT NULL,
  CONSTRAINT meadow_group_labels_pkey PRIMARY KEY (group_id, label)
);

CREATE INDEX meadow_group_labels_label_idx ON meadow_group_labels (label, group_id);

ALTER TABLE meadow_group_members RENAME COLUMN joined_at TO since;

ALTER TABLE meadow_group_members
  ADD COLUMN status     VARCHAR(16) NOT NULL DEFAULT 'ACTIVE',
  ADD COLUMN note       TEXT,
  ADD COLUMN by_user_id TEXT COLLATE "C";

ALTER TABLE meadow_group_members
  ALTER COLUMN status DROP DEFAULT,
  ADD CONSTRAINT meadow_group_members_status_check CHECK (status IN ('ACTIVE', 'PENDING', 'BANNED')),
  ADD CONSTRAINT meadow_group_members_role_check CHECK (role IN ('OWNER', 'MODERATOR', 'MEMBER'));

-- A group's members, and a user's memberships, of one status in the order they reached it.
DROP INDEX meadow_group_members_join_order_idx;
CREATE INDEX meadow_group_members_group_idx ON meadow_group_members (group_id, status, since, user_id);
CREATE INDEX meadow_group_members_user_idx ON meadow_group_members (user_id, status, since, group_id);

CREATE TABLE meadow_invitations (
  id         VARCHAR(26) COLLATE "C" NOT NULL,
  group_id   VARCHAR(26) COLLATE "C" NOT NULL,
  token_hash TEXT COLLATE "C" NOT NULL,
  created_by TEXT COLLATE "C" NOT NULL,
  created_at TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  expires_at TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  max_uses   INTEGER NOT NULL,
  uses       INTEGER NOT NULL,
  revoked_at TIMESTAMP(3) WITH TIME ZONE,
  CONSTRAINT meadow_invitations_pkey PRIMARY KEY (id),
  CONSTRAINT meadow_invitations_token_hash_key UNIQUE (token_hash)
);

-- A group's invitations, newest first.
CREATE INDEX meadow_invitations_group_idx ON meadow_invitations (group_id, id);

-- How much happened in each group in each whole UTC hour.
CREATE TABLE meadow_group_activity (
  group_id   VARCHAR(26) COLLATE "C" NOT NULL,
  hour_start TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  tally      BIGINT NOT NULL,
  CONSTRAINT meadow_group_activity_pkey PRIMARY KEY (group_id, hour_start)
);

-- Trending sums the tallies of a window of hours without reading the table.
CREATE INDEX meadow_group_activity_hour_idx ON meadow_group_activity (hour_start, group_id, tally);

CREATE TABLE meadow_posts (
  id             VARCHAR(26) COLLATE "C" NOT NULL,
  group_id       VARCHAR(26) COLLATE "C" NOT NULL,
  author_id      TEXT COLLATE "C" NOT NULL,
  affiliations   TEXT[] NOT NULL,
  title          TEXT NOT NULL,
  body           TEXT NOT NULL,
  products       TEXT[] NOT NULL,
  media          TEXT[] NOT NULL,
  disclosure     VARCHAR(16) NOT NULL,
  state          VARCHAR(16) NOT NULL,
  removal_reason TEXT,
  removed_by     TEXT COLLATE "C",
  removed_at     TIMESTAMP(3) WITH TIME ZONE,
  pinned         BOOLEAN NOT NULL,
  comment_count  BIGINT NOT NULL,
  like_count     BIGINT NOT NULL,
  created_at     TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  edited_at      TIMESTAMP(3) WITH TIME ZONE,
  version        BIGINT NOT NULL,
  CONSTRAINT meadow_posts_pkey PRIMARY KEY (id),
  CONSTRAINT meadow_posts_disclosure_check CHECK (disclosure IN ('NONE', 'SPONSORED', 'GIFTED', 'AFFILIATE')),
  CONSTRAINT meadow_posts_state_check CHECK (state IN ('PUBLISHED', 'PENDING', 'REMOVED')),
  CONSTRAINT meadow_posts_removal_check
    CHECK ((removal_reason IS NULL) = (removed_by IS NULL) AND (removed_by IS NULL) = (removed_at IS NULL))
);

-- A group's posts of one state, newest first; its published, pinned posts.
CREATE INDEX meadow_posts_group_idx ON meadow_posts (group_id, state, id);
CREATE INDEX meadow_posts_pinned_idx ON meadow_posts (group_id, id) WHERE pinned AND state = 'PUBLISHED';

CREATE TABLE meadow_post_labels (
  post_id VARCHAR(26) COLLATE "C" NOT NULL,
  label   TEXT COLLATE "C" NOT NULL,
  CONSTRAINT meadow_post_labels_pkey PRIMARY KEY (post_id, label)
);

-- Posts carrying a label, newest first.
CREATE INDEX meadow_post_labels_label_idx ON meadow_post_labels (label, post_id);

CREATE TABLE meadow_post_revisions (
  post_id    VARCHAR(26) COLLATE "C" NOT NULL,
  number     INTEGER NOT NULL,
  title      TEXT NOT NULL,
  body       TEXT NOT NULL,
  products   TEXT[] NOT NULL,
  media      TEXT[] NOT NULL,
  labels     TEXT[] NOT NULL,
  disclosure VARCHAR(16) NOT NULL,
  written_at TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  CONSTRAINT meadow_post_revisions_pkey PRIMARY KEY (post_id, number)
);

CREATE TABLE meadow_comments (
  id             VARCHAR(26) COLLATE "C" NOT NULL,
  post_id        VARCHAR(26) COLLATE "C" NOT NULL,
  group_id       VARCHAR(26) COLLATE "C" NOT NULL,
  parent_id      VARCHAR(26) COLLATE "C",
  author_id      TEXT COLLATE "C" NOT NULL,
  affiliations   TEXT[] NOT NULL,
  body           TEXT NOT NULL,
  state          VARCHAR(16) NOT NULL,
  removal_reason TEXT,
  removed_by     TEXT COLLATE "C",
  removed_at     TIMESTAMP(3) WITH TIME ZONE,
  reply_count    BIGINT NOT NULL,
  like_count     BIGINT NOT NULL,
  created_at     TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  CONSTRAINT meadow_comments_pkey PRIMARY KEY (id),
  CONSTRAINT meadow_comments_state_check CHECK (state IN ('PUBLISHED', 'PENDING', 'REMOVED')),
  CONSTRAINT meadow_comments_removal_check
    CHECK ((removal_reason IS NULL) = (removed_by IS NULL) AND (removed_by IS NULL) = (removed_at IS NULL))
);

-- A post's published top-level comments, and a comment's published replies, oldest first.
CREATE INDEX meadow_comments_top_level_idx ON meadow_comments (post_id, id)
  WHERE parent_id IS NULL AND state = 'PUBLISHED';
CREATE INDEX meadow_comments_replies_idx ON meadow_comments (parent_id, id) WHERE state = 'PUBLISHED';

CREATE TABLE meadow_reactions (
  target_kind VARCHAR(16) NOT NULL,
  target_id   VARCHAR(26) COLLATE "C" NOT NULL,
  user_id     TEXT COLLATE "C" NOT NULL,
  created_at  TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  CONSTRAINT meadow_reactions_pkey PRIMARY KEY (target_kind, target_id, user_id),
  CONSTRAINT meadow_reactions_target_kind_check CHECK (target_kind IN ('POST', 'COMMENT'))
);

CREATE TABLE meadow_follows (
  follower_id TEXT COLLATE "C" NOT NULL,
  target_kind VARCHAR(16) NOT NULL,
  target_id   TEXT COLLATE "C" NOT NULL,
  since       TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  CONSTRAINT meadow_follows_pkey PRIMARY KEY (follower_id, target_kind, target_id),
  CONSTRAINT meadow_follows_target_kind_check CHECK (target_kind IN ('USER', 'STORE', 'GROUP'))
);

-- A target's followers, and what a user follows of one kind, newest first.
CREATE INDEX meadow_follows_followers_idx ON meadow_follows (target_kind, target_id, since DESC, follower_id DESC);
CREATE INDEX meadow_follows_following_idx ON meadow_follows (follower_id, target_kind, since DESC, target_id DESC);

CREATE TABLE meadow_user_labels (
  user_id TEXT COLLATE "C" NOT NULL,
  label   TEXT COLLATE "C" NOT NULL,
  CONSTRAINT meadow_user_labels_pkey PRIMARY KEY (user_id, label)
);

-- Users carrying a label, by user id.
CREATE INDEX meadow_user_labels_label_idx ON meadow_user_labels (label, user_id);

-- The users who have labels, one row each: replacing a user's labels locks the user's row first,
-- so racing replacements take turns and one of them is left whole.
CREATE TABLE meadow_labelled_users (
  user_id TEXT COLLATE "C" NOT NULL,
  CONSTRAINT meadow_labelled_users_pkey PRIMARY KEY (user_id)
);

CREATE TABLE meadow_counters (
  counter_name  VARCHAR(64) COLLATE "C" NOT NULL,
  counter_key   VARCHAR(300) COLLATE "C" NOT NULL,
  counter_value BIGINT NOT NULL,
  CONSTRAINT meadow_counters_pkey PRIMARY KEY (counter_name, counter_key)
);

-- The groups each user owns and is in, which Meadow's limits count from now on: every existing
-- group is active and every existing membership counts.
INSERT INTO meadow_counters (counter_name, counter_key, counter_value)
  SELECT 'groups.owned', owner_id, COUNT(*) FROM meadow_groups GROUP BY owner_id;
INSERT INTO meadow_counters (counter_name, counter_key, counter_value)
  SELECT 'groups.joined', user_id, COUNT(*) FROM meadow_group_members GROUP BY user_id;
