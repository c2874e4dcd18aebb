-- Meadow trust: running totals of the signals, so that a reputation read costs the same at ten
-- contributions as at a million, and each user's trust level.
--
-- meadow_trust_totals keeps, per (user, signal_name, scope), the sum of meadow_trust_signals'
-- amounts; meadow_trust_store_totals keeps, per (signal_name, store_id), the sum over every user of
-- the amounts in the scope 'store:' || store_id. Both change in the transaction that changes a
-- signal row. meadow_trust_levels holds the level the shop's thresholds earned (0 to 3) and a grant
-- of level 4.
--
-- H2 commits the open transaction on every DDL statement, so every statement here can run again:
-- IF NOT EXISTS, and MERGE for the totals of the rows written before this version.

CREATE TABLE IF NOT EXISTS meadow_trust_totals (
  user_id     VARCHAR(128) NOT NULL,
  signal_name VARCHAR(64) NOT NULL,
  scope       VARCHAR(200) NOT NULL,
  total       BIGINT NOT NULL,
  CONSTRAINT meadow_trust_totals_pk PRIMARY KEY (user_id, signal_name, scope)
);

CREATE TABLE IF NOT EXISTS meadow_trust_store_totals (
  signal_name VARCHAR(64) NOT NULL,
  store_id    VARCHAR(200) NOT NULL,
  total       BIGINT NOT NULL,
  CONSTRAINT meadow_trust_store_totals_pk PRIMARY KEY (signal_name, store_id)
);

CREATE TABLE IF NOT EXISTS meadow_trust_levels (
  user_id      VARCHAR(128) NOT NULL,
  earned_level INTEGER NOT NULL,
  granted_by   VARCHAR(128),
  grant_reason VARCHAR,
  granted_at   TIMESTAMP(3) WITH TIME ZONE,
  changed_at   TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  CONSTRAINT meadow_trust_levels_pk PRIMARY KEY (user_id),
  CONSTRAINT meadow_trust_levels_earned CHECK (earned_level BETWEEN 0 AND 3)
);

MERGE INTO meadow_trust_totals (user_id, signal_name, scope, total) KEY (user_id, signal_name, scope)
  SELECT user_id, signal_name, scope, SUM(amount) FROM meadow_trust_signals GROUP BY user_id, signal_name, scope;

MERGE INTO meadow_trust_store_totals (signal_name, store_id, total) KEY (signal_name, store_id)
  SELECT signal_name, SUBSTRING(scope FROM 7), SUM(amount) FROM meadow_trust_signals
  WHERE scope LIKE 'store:%' GROUP BY signal_name, SUBSTRING(scope FROM 7);
