-- Meadow foundation: groups, memberships and the transactional outbox.
--
-- Instants are TIMESTAMP(3) WITH TIME ZONE: Meadow stores time to the millisecond.
-- Keys that Meadow orders or pages by use the "C" collation, so they sort by code point
-- whatever the database's locale, the same as on every other adapter.

CREATE TABLE meadow_groups (
  id           VARCHAR(26) COLLATE "C" NOT NULL,
  name         TEXT NOT NULL,
  slug         TEXT COLLATE "C" NOT NULL,
  description  TEXT,
  owner_id     TEXT COLLATE "C" NOT NULL,
  member_count BIGINT NOT NULL,
  created_at   TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  CONSTRAINT meadow_groups_pkey PRIMARY KEY (id),
  CONSTRAINT meadow_groups_slug_key UNIQUE (slug)
);

CREATE TABLE meadow_group_members (
  group_id  VARCHAR(26) COLLATE "C" NOT NULL,
  user_id   TEXT COLLATE "C" NOT NULL,
  role      VARCHAR(16) NOT NULL,
  joined_at TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  CONSTRAINT meadow_group_members_pkey PRIMARY KEY (group_id, user_id)
);

-- Members in join order, for keyset pages.
CREATE INDEX meadow_group_members_join_order_idx
  ON meadow_group_members (group_id, joined_at, user_id);

CREATE TABLE meadow_outbox (
  id             VARCHAR(26) COLLATE "C" NOT NULL,
  type           TEXT NOT NULL,
  schema_version INTEGER NOT NULL,
  occurred_at    TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  payload        TEXT NOT NULL,
  status         VARCHAR(16) NOT NULL,
  attempts       INTEGER NOT NULL,
  available_at   TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  lease_token    VARCHAR(36),
  lease_until    TIMESTAMP(3) WITH TIME ZONE,
  last_error     TEXT,
  CONSTRAINT meadow_outbox_pkey PRIMARY KEY (id),
  CONSTRAINT meadow_outbox_status_check CHECK (status IN ('PENDING', 'DELIVERED', 'DEAD'))
);

-- Claims scan pending entries oldest id first; the index holds only pending entries.
CREATE INDEX meadow_outbox_pending_idx ON meadow_outbox (id) WHERE status = 'PENDING';

-- Dead letters are listed by id.
CREATE INDEX meadow_outbox_dead_idx ON meadow_outbox (id) WHERE status = 'DEAD';

-- Purging finds delivered entries by the time their event occurred.
CREATE INDEX meadow_outbox_delivered_idx ON meadow_outbox (occurred_at) WHERE status = 'DELIVERED';
