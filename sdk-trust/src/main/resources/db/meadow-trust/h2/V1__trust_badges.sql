-- Meadow trust: the signals of each user, as one row per item counted (a review, a post, an
-- order), and the badges users hold or held.
--
-- A signal's value is the sum of its rows' amounts for (user, signal_name, scope), counted from
-- occurred_at on for a time window. An award's primary key (user, badge, occurrence) is what makes
-- each badge awarded once per user (and per subject for a repeatable badge) under any
-- concurrency.
--
-- H2 commits the open transaction on every DDL statement, so every statement here uses
-- IF NOT EXISTS so that running the script again completes it.

CREATE TABLE IF NOT EXISTS meadow_trust_signals (
  user_id     VARCHAR(128) NOT NULL,
  signal_name VARCHAR(64) NOT NULL,
  scope       VARCHAR(200) NOT NULL,
  item        VARCHAR(200) NOT NULL,
  amount      BIGINT NOT NULL,
  occurred_at TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  CONSTRAINT meadow_trust_signals_pk PRIMARY KEY (user_id, signal_name, scope, item),
  CONSTRAINT meadow_trust_signals_amount CHECK (amount >= 0)
);

CREATE TABLE IF NOT EXISTS meadow_trust_awards (
  user_id        VARCHAR(128) NOT NULL,
  badge_id       VARCHAR(64) NOT NULL,
  occurrence     VARCHAR(200) NOT NULL,
  granted        BOOLEAN NOT NULL,
  awarded_at     TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  evidence       VARCHAR,
  granted_by     VARCHAR(128),
  expires_at     TIMESTAMP(3) WITH TIME ZONE,
  revoked_at     TIMESTAMP(3) WITH TIME ZONE,
  revoked_reason VARCHAR,
  CONSTRAINT meadow_trust_awards_pk PRIMARY KEY (user_id, badge_id, occurrence)
);

CREATE INDEX IF NOT EXISTS meadow_trust_awards_holders ON meadow_trust_awards (badge_id, user_id, occurrence);
