-- Meadow trust: the signals of each user, as one row per item counted (a review, a post, an
-- order), and the badges users hold or held.
--
-- A signal's value is the sum of its rows' amounts for (user, signal_name, scope), counted from
-- occurred_at on for a time window. An award's primary key (user, badge, occurrence) is what makes
-- each badge awarded once per user (and per subject for a repeatable badge) under any
-- concurrency. Instants are TIMESTAMP(3) WITH TIME ZONE and keys use the "C" collation.

CREATE TABLE meadow_trust_signals (
  user_id     VARCHAR(128) COLLATE "C" NOT NULL,
  signal_name VARCHAR(64) COLLATE "C" NOT NULL,
  scope       VARCHAR(200) COLLATE "C" NOT NULL,
  item        VARCHAR(200) COLLATE "C" NOT NULL,
  amount      BIGINT NOT NULL,
  occurred_at TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  CONSTRAINT meadow_trust_signals_pk PRIMARY KEY (user_id, signal_name, scope, item),
  CONSTRAINT meadow_trust_signals_amount CHECK (amount >= 0)
);

CREATE TABLE meadow_trust_awards (
  user_id        VARCHAR(128) COLLATE "C" NOT NULL,
  badge_id       VARCHAR(64) COLLATE "C" NOT NULL,
  occurrence     VARCHAR(200) COLLATE "C" NOT NULL,
  granted        BOOLEAN NOT NULL,
  awarded_at     TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  evidence       TEXT,
  granted_by     VARCHAR(128),
  expires_at     TIMESTAMP(3) WITH TIME ZONE,
  revoked_at     TIMESTAMP(3) WITH TIME ZONE,
  revoked_reason TEXT,
  CONSTRAINT meadow_trust_awards_pk PRIMARY KEY (user_id, badge_id, occurrence)
);

CREATE INDEX meadow_trust_awards_holders ON meadow_trust_awards (badge_id, user_id, occurrence);
