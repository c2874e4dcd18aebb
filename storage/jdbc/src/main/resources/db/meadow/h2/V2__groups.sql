-- Meadow groups: group settings and state, member status, invitations, hourly activity, posts
-- with revisions, comments, reactions, follows, users' style labels and named counters.
--
-- Groups that exist become active, public, without post approval, at version 1, last changed
-- when they were created; their name key is LOWER(name), which Meadow rewrites with its own
-- lower-casing at the next settings change. Memberships that exist become active. Lists that
-- are only read back (a post's products, media and store affiliations, a revision's labels) are
-- VARCHAR arrays, which keep their order; labels that listings search by are rows of their own.
--
-- H2 commits the open transaction on every DDL statement, so a script that fails half-way
-- leaves its first statements applied; every statement here can run again and completes the
-- script: IF [NOT] EXISTS throughout, back-fills only of what is still missing, and MERGE for
-- the counters.

ALTER TABLE meadow_groups ADD COLUMN IF NOT EXISTS name_key VARCHAR;
ALTER TABLE meadow_groups ADD COLUMN IF NOT EXISTS rules VARCHAR;
ALTER TABLE meadow_groups ADD COLUMN IF NOT EXISTS category VARCHAR;
ALTER TABLE meadow_groups ADD COLUMN IF NOT EXISTS visibility VARCHAR(16) NOT NULL DEFAULT 'PUBLIC';
ALTER TABLE meadow_groups ADD COLUMN IF NOT EXISTS post_approval BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE meadow_groups ADD COLUMN IF NOT EXISTS store_id VARCHAR;
ALTER TABLE meadow_groups ADD COLUMN IF NOT EXISTS state VARCHAR(16) NOT NULL DEFAULT 'ACTIVE';
ALTER TABLE meadow_groups ADD COLUMN IF NOT EXISTS post_count BIGINT NOT NULL DEFAULT 0;
ALTER TABLE meadow_groups ADD COLUMN IF NOT EXISTS updated_at TIMESTAMP(3) WITH TIME ZONE;
ALTER TABLE meadow_groups ADD COLUMN IF NOT EXISTS version BIGINT NOT NULL DEFAULT 1;

UPDATE meadow_groups SET name_key = LOWER(name) WHERE name_key IS NULL;
UPDATE meadow_groups SET updated_at = created_at WHERE updated_at IS NULL;

-- The defaults served the rows above only: Meadow writes every column of a new group.
ALTER TABLE meadow_groups ALTER COLUMN name_key SET NOT NULL;
ALTER TABLE meadow_groups ALTER COLUMN updated_at SET NOT NULL;
ALTER TABLE meadow_groups ALTER COLUMN visibility DROP DEFAULT;
ALTER TABLE meadow_groups ALTER COLUMN post_approval DROP DEFAULT;
ALTER TABLE meadow_groups ALTER COLUMN state DROP DEFAULT;
ALTER TABLE meadow_groups ALTER COLUMN post_count DROP DEFAULT;
ALTER TABLE meadow_groups ALTER COLUMN version DROP DEFAULT;
ALTER TABLE meadow_groups ADD CONSTRAINT IF NOT EXISTS meadow_groups_store_key UNIQUE (store_id);
ALTER TABLE meadow_groups ADD CONSTRAINT IF NOT EXISTS meadow_groups_visibility_check
  CHECK (visibility IN ('PUBLIC', 'REQUEST', 'INVITE'));
ALTER TABLE meadow_groups ADD CONSTRAINT IF NOT EXISTS meadow_groups_state_check
  CHECK (state IN ('ACTIVE', 'ARCHIVED'));

-- Discovery lists active groups not by invitation, by name key then id, optionally in categories.
-- H2 has no partial indexes.
CREATE INDEX IF NOT EXISTS meadow_groups_discovery_idx ON meadow_groups (name_key, id);
CREATE INDEX IF NOT EXISTS meadow_groups_category_idx ON meadow_groups (category, name_key, id);

CREATE TABLE IF NOT EXISTS meadow_group_labels (
  group_id VARCHAR(26) NOT NULL,
  label    VARCHAR NOT NULL,
  CONSTRAINT meadow_group_labels_pkey PRIMARY KEY (group_id, label)
);

CREATE INDEX IF NOT EXISTS meadow_group_labels_label_idx ON meadow_group_labels (label, group_id);

ALTER TABLE meadow_group_members ALTER COLUMN IF EXISTS joined_at RENAME TO since;
ALTER TABLE meadow_group_members ADD COLUMN IF NOT EXISTS status VARCHAR(16) NOT NULL DEFAULT 'ACTIVE';
ALTER TABLE meadow_group_members ADD COLUMN IF NOT EXISTS note VARCHAR;
ALTER TABLE meadow_group_members ADD COLUMN IF NOT EXISTS by_user_id VARCHAR;
ALTER TABLE meadow_group_members ALTER COLUMN status DROP DEFAULT;
ALTER TABLE meadow_group_members ADD CONSTRAINT IF NOT EXISTS meadow_group_members_status_check
  CHECK (status IN ('ACTIVE', 'PENDING', 'BANNED'));
ALTER TABLE meadow_group_members ADD CONSTRAINT IF NOT EXISTS meadow_group_members_role_check
  CHECK (role IN ('OWNER', 'MODERATOR', 'MEMBER'));

-- A group's members, and a user's memberships, of one status in the order they reached it.
DROP INDEX IF EXISTS meadow_group_members_join_order_idx;
CREATE INDEX IF NOT EXISTS meadow_group_members_group_idx ON meadow_group_members (group_id, status, since, user_id);
CREATE INDEX IF NOT EXISTS meadow_group_members_user_idx ON meadow_group_members (user_id, status, since, group_id);

CREATE TABLE IF NOT EXISTS meadow_invitations (
  id         VARCHAR(26) NOT NULL,
  group_id   VARCHAR(26) NOT NULL,
  token_hash VARCHAR NOT NULL,
  created_by VARCHAR NOT NULL,
  created_at TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  expires_at TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  max_uses   INTEGER NOT NULL,
  uses       INTEGER NOT NULL,
  revoked_at TIMESTAMP(3) WITH TIME ZONE,
  CONSTRAINT meadow_invitations_pkey PRIMARY KEY (id),
  CONSTRAINT meadow_invitations_token_hash_key UNIQUE (token_hash)
);

-- A group's invitations, newest first.
CREATE INDEX IF NOT EXISTS meadow_invitations_group_idx ON meadow_invitations (group_id, id);

-- How much happened in each group in each whole UTC hour.
CREATE TABLE IF NOT EXISTS meadow_group_activity (
  group_id   VARCHAR(26) NOT NULL,
  hour_start TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  tally      BIGINT NOT NULL,
  CONSTRAINT meadow_group_activity_pkey PRIMARY KEY (group_id, hour_start)
);

-- Trending sums the tallies of a window of hours without reading the table.
CREATE INDEX IF NOT EXISTS meadow_group_activity_hour_idx ON meadow_group_activity (hour_start, group_id, tally);

CREATE TABLE IF NOT EXISTS meadow_posts (
  id             VARCHAR(26) NOT NULL,
  group_id       VARCHAR(26) NOT NULL,
  author_id      VARCHAR NOT NULL,
  affiliations   VARCHAR ARRAY NOT NULL,
  title          VARCHAR NOT NULL,
  body           VARCHAR NOT NULL,
  products       VARCHAR ARRAY NOT NULL,
  media          VARCHAR ARRAY NOT NULL,
  disclosure     VARCHAR(16) NOT NULL,
  state          VARCHAR(16) NOT NULL,
  removal_reason VARCHAR,
  removed_by     VARCHAR,
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
CREATE INDEX IF NOT EXISTS meadow_posts_group_idx ON meadow_posts (group_id, state, id);
CREATE INDEX IF NOT EXISTS meadow_posts_pinned_idx ON meadow_posts (group_id, pinned, id);

CREATE TABLE IF NOT EXISTS meadow_post_labels (
  post_id VARCHAR(26) NOT NULL,
  label   VARCHAR NOT NULL,
  CONSTRAINT meadow_post_labels_pkey PRIMARY KEY (post_id, label)
);

-- Posts carrying a label, newest first.
CREATE INDEX IF NOT EXISTS meadow_post_labels_label_idx ON meadow_post_labels (label, post_id);

CREATE TABLE IF NOT EXISTS meadow_post_revisions (
  post_id    VARCHAR(26) NOT NULL,
  number     INTEGER NOT NULL,
  title      VARCHAR NOT NULL,
  body       VARCHAR NOT NULL,
  products   VARCHAR ARRAY NOT NULL,
  media      VARCHAR ARRAY NOT NULL,
  labels     VARCHAR ARRAY NOT NULL,
  disclosure VARCHAR(16) NOT NULL,
  written_at TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  CONSTRAINT meadow_post_revisions_pkey PRIMARY KEY (post_id, number)
);

CREATE TABLE IF NOT EXISTS meadow_comments (
  id             VARCHAR(26) NOT NULL,
  post_id        VARCHAR(26) NOT NULL,
  group_id       VARCHAR(26) NOT NULL,
  parent_id      VARCHAR(26),
  author_id      VARCHAR NOT NULL,
  affiliations   VARCHAR ARRAY NOT NULL,
  body           VARCHAR NOT NULL,
  state          VARCHAR(16) NOT NULL,
  removal_reason VARCHAR,
  removed_by     VARCHAR,
  removed_at     TIMESTAMP(3) WITH TIME ZONE,
  reply_count    BIGINT NOT NULL,
  like_count     BIGINT NOT NULL,
  created_at     TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  CONSTRAINT meadow_comments_pkey PRIMARY KEY (id),
  CONSTRAINT meadow_comments_state_check CHECK (state IN ('PUBLISHED', 'PENDING', 'REMOVED')),
  CONSTRAINT meadow_comments_removal_check
    CHECK ((removal_reason IS NULL) = (removed_by IS NULL) AND (removed_by IS NULL) = (removed_at IS NULL))
);

-- A post's top-level comments (parent_id IS NULL), and a comment's replies, oldest first.
CREATE INDEX IF NOT EXISTS meadow_comments_top_level_idx ON meadow_comments (post_id, parent_id, id);
CREATE INDEX IF NOT EXISTS meadow_comments_replies_idx ON meadow_comments (parent_id, id);

CREATE TABLE IF NOT EXISTS meadow_reactions (
  target_kind VARCHAR(16) NOT NULL,
  target_id   VARCHAR(26) NOT NULL,
  user_id     VARCHAR NOT NULL,
  created_at  TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  CONSTRAINT meadow_reactions_pkey PRIMARY KEY (target_kind, target_id, user_id),
  CONSTRAINT meadow_reactions_target_kind_check CHECK (target_kind IN ('POST', 'COMMENT'))
);

CREATE TABLE IF NOT EXISTS meadow_follows (
  follower_id VARCHAR NOT NULL,
  target_kind VARCHAR(16) NOT NULL,
  target_id   VARCHAR NOT NULL,
  since       TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  CONSTRAINT meadow_follows_pkey PRIMARY KEY (follower_id, target_kind, target_id),
  CONSTRAINT meadow_follows_target_kind_check CHECK (target_kind IN ('USER', 'STORE', 'GROUP'))
);

-- A target's followers, and what a user follows of one kind, newest first.
CREATE INDEX IF NOT EXISTS meadow_follows_followers_idx
  ON meadow_follows (target_kind, target_id, since DESC, follower_id DESC);
CREATE INDEX IF NOT EXISTS meadow_follows_following_idx
  ON meadow_follows (follower_id, target_kind, since DESC, target_id DESC);

CREATE TABLE IF NOT EXISTS meadow_user_labels (
  user_id VARCHAR NOT NULL,
  label   VARCHAR NOT NULL,
  CONSTRAINT meadow_user_labels_pkey PRIMARY KEY (user_id, label)
);

-- Users carrying a label, by user id.
CREATE INDEX IF NOT EXISTS meadow_user_labels_label_idx ON meadow_user_labels (label, user_id);

-- The users who have labels, one row each: replacing a user's labels locks the user's row first,
-- so racing replacements take turns and one of them is left whole.
CREATE TABLE IF NOT EXISTS meadow_labelled_users (
  user_id VARCHAR NOT NULL,
  CONSTRAINT meadow_labelled_users_pkey PRIMARY KEY (user_id)
);

CREATE TABLE IF NOT EXISTS meadow_counters (
  counter_name  VARCHAR(64) NOT NULL,
  counter_key   VARCHAR(300) NOT NULL,
  counter_value BIGINT NOT NULL,
  CONSTRAINT meadow_counters_pkey PRIMARY KEY (counter_name, counter_key)
);

-- The groups each user owns and is in, which Meadow's limits count from now on: every existing
-- group is active and every existing membership counts. Run again, MERGE recounts the same rows.
MERGE INTO meadow_counters (counter_name, counter_key, counter_value) KEY (counter_name, counter_key)
  SELECT 'groups.owned', owner_id, COUNT(*) FROM meadow_groups GROUP BY owner_id;
MERGE INTO meadow_counters (counter_name, counter_key, counter_value) KEY (counter_name, counter_key)
  SELECT 'groups.joined', user_id, COUNT(*) FROM meadow_group_members GROUP BY user_id;
