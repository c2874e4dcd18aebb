-- Meadow foundation: groups, memberships and the transactional outbox.
--
-- Instants are TIMESTAMP(3) WITH TIME ZONE: Meadow stores time to the millisecond.
-- H2 commits the open transaction on every DDL statement, so a script that fails half-way
-- leaves its first statements applied; every statement here uses IF NOT EXISTS so that
-- running the script again completes it.

CREATE TABLE IF NOT EXISTS meadow_groups (
  id           VARCHAR(26) NOT NULL,
  name         VARCHAR NOT NULL,
  slug         VARCHAR NOT NULL,
  description  VARCHAR,
  owner_id     VARCHAR NOT NULL,
  member_count BIGINT NOT NULL,
  created_at   TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  CONSTRAINT meadow_groups_pkey PRIMARY KEY (id),
  CONSTRAINT meadow_groups_slug_key UNIQUE (slug)
);

CREATE TABLE IF NOT EXISTS meadow_group_members (
  group_id  VARCHAR(26) NOT NULL,
  user_id   VARCHAR NOT NULL,
  role      VARCHAR(16) NOT NULL,
  joined_at TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  CONSTRAINT meadow_group_members_pkey PRIMARY KEY (group_id, user_id)
);

-- Members in join order, for keyset pages.
CREATE INDEX IF NOT EXISTS meadow_group_members_join_order_idx
  ON meadow_group_members (group_id, joined_at, user_id);

CREATE TABLE IF NOT EXISTS meadow_outbox (
  id             VARCHAR(26) NOT NULL,
  type           VARCHAR NOT NULL,
  schema_version INTEGER NOT NULL,
  occurred_at    TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  payload        VARCHAR NOT NULL,
  status         VARCHAR(16) NOT NULL,
  attempts       INTEGER NOT NULL,
  available_at   TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  lease_token    VARCHAR(36),
  lease_until    TIMESTAMP(3) WITH TIME ZONE,
  last_error     VARCHAR,
  CONSTRAINT meadow_outbox_pkey PRIMARY KEY (id),
  CONSTRAINT meadow_outbox_status_check CHECK (status IN ('PENDING', 'DELIVERED', 'DEAD'))
);

-- H2 has no partial indexes: status leads, so each index serves one status at a time.
-- Claims scan pending entries oldest id first; dead letters are listed by id.
CREATE INDEX IF NOT EXISTS meadow_outbox_status_id_idx ON meadow_outbox (status, id);

-- Purging finds delivered entries by the time their event occurred.
CREATE INDEX IF NOT EXISTS meadow_outbox_status_occurred_idx ON meadow_outbox (status, occurred_at);
