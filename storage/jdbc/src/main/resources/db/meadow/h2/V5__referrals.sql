-- Meadow referrals: share links with their direct recipients, visitors' clicks, attributions of
-- new customers, conversions of orders, the reward ledger and referral statistics.
--
-- Uniqueness is kept by keys, never by reading first: one share per code, one click record per
-- code and visitor hash, one attribution per customer, one conversion per order, one reward per
-- id and per order and role, one statistics row per program and sharer. Money is BIGINT minor
-- units beside a three-letter ISO 4217 currency code; a conversion's amount, refunded amount
-- and order lines share its currency, and a reward's amounts share its. Lists (recipients,
-- reasons, order lines as arrays of the same length) are VARCHAR, INTEGER and BIGINT arrays,
-- which keep their order. Share codes are case-sensitive.
--
-- H2 commits the open transaction on every DDL statement, so a script that fails half-way
-- leaves its first statements applied; every statement here uses IF NOT EXISTS so that running
-- the script again completes it.

CREATE TABLE IF NOT EXISTS meadow_referral_shares (
  code          VARCHAR(12) NOT NULL,
  program_id    VARCHAR NOT NULL,
  sharer_id     VARCHAR NOT NULL,
  target_kind   VARCHAR(16) NOT NULL,
  target_id     VARCHAR NOT NULL,
  channel       VARCHAR(16) NOT NULL,
  audience      VARCHAR(16) NOT NULL,
  recipients    VARCHAR ARRAY NOT NULL,
  note          VARCHAR,
  created_at    TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  expires_at    TIMESTAMP(3) WITH TIME ZONE,
  CONSTRAINT meadow_referral_shares_pkey PRIMARY KEY (code),
  CONSTRAINT meadow_referral_shares_target_kind_check
    CHECK (target_kind IN ('PRODUCT', 'GROUP', 'POST', 'STORE', 'REVIEW')),
  CONSTRAINT meadow_referral_shares_channel_check
    CHECK (channel IN ('LINK', 'MESSAGE', 'EMAIL', 'SMS', 'SOCIAL', 'QR')),
  CONSTRAINT meadow_referral_shares_audience_check
    CHECK ((audience = 'PUBLIC' AND CARDINALITY(recipients) = 0 AND note IS NULL)
      OR (audience = 'DIRECT' AND CARDINALITY(recipients) > 0))
);

-- A sharer's shares, newest first.
CREATE INDEX IF NOT EXISTS meadow_referral_shares_sharer_idx ON meadow_referral_shares (sharer_id, created_at, code);

-- The recipients of direct shares, one row each, with the share's creation time for listing a
-- recipient's shares newest first.
CREATE TABLE IF NOT EXISTS meadow_referral_share_recipients (
  code         VARCHAR(12) NOT NULL,
  recipient_id VARCHAR NOT NULL,
  created_at   TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  CONSTRAINT meadow_referral_share_recipients_pkey PRIMARY KEY (code, recipient_id)
);

CREATE INDEX IF NOT EXISTS meadow_referral_share_recipients_order_idx
  ON meadow_referral_share_recipients (recipient_id, created_at, code);

-- One visitor's clicks on one link: the first, the latest and the latest that counted, and how
-- many counted. A visitor is known only by the hash of the key the host gave.
CREATE TABLE IF NOT EXISTS meadow_referral_clicks (
  code         VARCHAR(12) NOT NULL,
  visitor_hash VARCHAR NOT NULL,
  first_at     TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  last_at      TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  counted_at   TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  counted      BIGINT NOT NULL,
  CONSTRAINT meadow_referral_clicks_pkey PRIMARY KEY (code, visitor_hash)
);

-- A visitor's click records, oldest first click first; the last click is in the index so the
-- listing's "last clicked since" condition reads no table row.
CREATE INDEX IF NOT EXISTS meadow_referral_clicks_visitor_idx ON meadow_referral_clicks (visitor_hash, first_at, code, last_at);

CREATE TABLE IF NOT EXISTS meadow_referral_attributions (
  customer_id   VARCHAR NOT NULL,
  referrer_id   VARCHAR NOT NULL,
  code          VARCHAR(12) NOT NULL,
  program_id    VARCHAR NOT NULL,
  attributed_at TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  reasons       VARCHAR ARRAY NOT NULL,
  CONSTRAINT meadow_referral_attributions_pkey PRIMARY KEY (customer_id)
);

CREATE TABLE IF NOT EXISTS meadow_referral_conversions (
  order_id       VARCHAR NOT NULL,
  program_id     VARCHAR NOT NULL,
  code           VARCHAR(12) NOT NULL,
  referrer_id    VARCHAR NOT NULL,
  buyer_id       VARCHAR NOT NULL,
  currency       VARCHAR(3) NOT NULL,
  amount_minor   BIGINT NOT NULL,
  refunded_minor BIGINT NOT NULL,
  line_products  VARCHAR ARRAY NOT NULL,
  line_quantities INTEGER ARRAY NOT NULL,
  line_minor     BIGINT ARRAY NOT NULL,
  reasons        VARCHAR ARRAY NOT NULL,
  created_at     TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  version        BIGINT NOT NULL,
  CONSTRAINT meadow_referral_conversions_pkey PRIMARY KEY (order_id),
  CONSTRAINT meadow_referral_conversions_amounts_check CHECK (amount_minor >= 0 AND refunded_minor >= 0),
  CONSTRAINT meadow_referral_conversions_lines_check
    CHECK (CARDINALITY(line_products) = CARDINALITY(line_quantities)
      AND CARDINALITY(line_products) = CARDINALITY(line_minor))
);

CREATE TABLE IF NOT EXISTS meadow_referral_rewards (
  id                VARCHAR(26) NOT NULL,
  order_id          VARCHAR NOT NULL,
  program_id        VARCHAR NOT NULL,
  beneficiary_id    VARCHAR NOT NULL,
  role              VARCHAR(16) NOT NULL,
  currency          VARCHAR(3) NOT NULL,
  amount_minor      BIGINT NOT NULL,
  reversed_minor    BIGINT NOT NULL,
  paid_minor        BIGINT NOT NULL,
  clawed_back_minor BIGINT NOT NULL,
  clawing_minor     BIGINT NOT NULL,
  state             VARCHAR(16) NOT NULL,
  reasons           VARCHAR ARRAY NOT NULL,
  created_at        TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  approve_at        TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  updated_at        TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  version           BIGINT NOT NULL,
  CONSTRAINT meadow_referral_rewards_pkey PRIMARY KEY (id),
  CONSTRAINT meadow_referral_rewards_role_key UNIQUE (order_id, role),
  CONSTRAINT meadow_referral_rewards_role_check CHECK (role IN ('REFERRER', 'FRIEND', 'SECOND_LEVEL')),
  CONSTRAINT meadow_referral_rewards_state_check CHECK (state IN ('PENDING', 'HELD', 'APPROVED', 'ISSUING', 'ISSUED',
    'CLAWBACK', 'REVERSED', 'REJECTED')),
  CONSTRAINT meadow_referral_rewards_amounts_check
    CHECK (amount_minor >= 0 AND reversed_minor BETWEEN 0 AND amount_minor AND paid_minor >= 0
      AND clawing_minor >= 0 AND clawed_back_minor BETWEEN 0 AND paid_minor - clawing_minor),
  CONSTRAINT meadow_referral_rewards_clawing_check CHECK (clawing_minor = 0 OR state = 'CLAWBACK')
);

-- The ledger by state, oldest first (approval runs, the review queue), and a beneficiary's
-- rewards, newest first.
CREATE INDEX IF NOT EXISTS meadow_referral_rewards_state_idx ON meadow_referral_rewards (state, id);
CREATE INDEX IF NOT EXISTS meadow_referral_rewards_beneficiary_idx ON meadow_referral_rewards (beneficiary_id, id);

-- What a sharer's links brought in a program, or the whole program's (sharer_key ''; user ids
-- are never empty): clicks, signups, orders, revenue net of refunds, and per reward state how
-- many rewards stand in it and what they are worth. Changed only by atomic increments.
CREATE TABLE IF NOT EXISTS meadow_referral_stats (
  program_id      VARCHAR NOT NULL,
  sharer_key      VARCHAR NOT NULL,
  clicks          BIGINT NOT NULL,
  signups         BIGINT NOT NULL,
  orders          BIGINT NOT NULL,
  revenue_minor   BIGINT NOT NULL,
  pending_count   BIGINT NOT NULL,
  pending_minor   BIGINT NOT NULL,
  held_count      BIGINT NOT NULL,
  held_minor      BIGINT NOT NULL,
  approved_count  BIGINT NOT NULL,
  approved_minor  BIGINT NOT NULL,
  issuing_count   BIGINT NOT NULL,
  issuing_minor   BIGINT NOT NULL,
  issued_count    BIGINT NOT NULL,
  issued_minor    BIGINT NOT NULL,
  clawback_count  BIGINT NOT NULL,
  clawback_minor  BIGINT NOT NULL,
  reversed_count  BIGINT NOT NULL,
  reversed_minor  BIGINT NOT NULL,
  rejected_count  BIGINT NOT NULL,
  rejected_minor  BIGINT NOT NULL,
  CONSTRAINT meadow_referral_stats_pkey PRIMARY KEY (program_id, sharer_key)
);

-- A program's leaderboard: most orders first, then most revenue, then by sharer. H2 has no
-- partial indexes: the program's own totals are one row of the range, which the listing skips.
CREATE INDEX IF NOT EXISTS meadow_referral_stats_leaderboard_idx
  ON meadow_referral_stats (program_id, orders DESC, revenue_minor DESC, sharer_key);
