-- Meadow webhooks: the shop's endpoints with their signing secrets, the delivery of each event to
-- each endpoint (its state, schedule and lease), and the history of every attempt.
--
-- A delivery keeps its own copy of the event as the outbox held it (type, schema version, time,
-- payload), so the outbox entry may be purged while deliveries are still retried. Deliveries are
-- unique per event and endpoint: the primary key decides between racing fan-outs. An attempt's
-- seq is the order it was recorded in, 1 and up per delivery, across requeues (the attempt
-- number starts again at 1 after a requeue). An endpoint's event types are a VARCHAR array,
-- which keeps its order; its secrets are rows, oldest first by position.
--
-- H2 commits the open transaction on every DDL statement, so a script that fails half-way
-- leaves its first statements applied; every statement here uses IF NOT EXISTS so that running
-- the script again completes it.

CREATE TABLE IF NOT EXISTS meadow_webhook_endpoints (
  id              VARCHAR(26) NOT NULL,
  url             VARCHAR NOT NULL,
  event_types     VARCHAR ARRAY NOT NULL,
  enabled         BOOLEAN NOT NULL,
  disabled_reason VARCHAR,
  created_at      TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  updated_at      TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  version         BIGINT NOT NULL,
  CONSTRAINT meadow_webhook_endpoints_pkey PRIMARY KEY (id),
  CONSTRAINT meadow_webhook_endpoints_disabled_check CHECK (enabled = (disabled_reason IS NULL))
);

CREATE TABLE IF NOT EXISTS meadow_webhook_secrets (
  endpoint_id VARCHAR(26) NOT NULL,
  position    INTEGER NOT NULL,
  secret      VARCHAR NOT NULL,
  created_at  TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  expires_at  TIMESTAMP(3) WITH TIME ZONE,
  -- the endpoint's version the secret was written with: reads join on it, never mixing versions
  endpoint_version BIGINT NOT NULL,
  CONSTRAINT meadow_webhook_secrets_pkey PRIMARY KEY (endpoint_id, position)
);

CREATE TABLE IF NOT EXISTS meadow_webhook_deliveries (
  event_id        VARCHAR(26) NOT NULL,
  endpoint_id     VARCHAR(26) NOT NULL,
  type            VARCHAR NOT NULL,
  schema_version  INTEGER NOT NULL,
  occurred_at     TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  payload         VARCHAR NOT NULL,
  status          VARCHAR(16) NOT NULL,
  attempts        INTEGER NOT NULL,
  next_attempt_at TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  lease_owner     VARCHAR(200),
  lease_token     VARCHAR(36),
  lease_until     TIMESTAMP(3) WITH TIME ZONE,
  last_error      VARCHAR,
  created_at      TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  CONSTRAINT meadow_webhook_deliveries_pkey PRIMARY KEY (event_id, endpoint_id),
  CONSTRAINT meadow_webhook_deliveries_status_check CHECK (status IN ('PENDING', 'DELIVERED', 'DEAD')),
  CONSTRAINT meadow_webhook_deliveries_lease_check
    CHECK ((lease_owner IS NULL) = (lease_token IS NULL) AND (lease_token IS NULL) = (lease_until IS NULL))
);

-- H2 has no partial indexes: status leads, so each index serves one status at a time.
-- Claims scan pending deliveries by due time, then event and endpoint.
CREATE INDEX IF NOT EXISTS meadow_webhook_deliveries_due_idx
  ON meadow_webhook_deliveries (status, next_attempt_at, event_id, endpoint_id);

-- Dead letters are listed by event and endpoint.
CREATE INDEX IF NOT EXISTS meadow_webhook_deliveries_status_key_idx
  ON meadow_webhook_deliveries (status, event_id, endpoint_id);

-- Purging finds delivered deliveries by the time they were created.
CREATE INDEX IF NOT EXISTS meadow_webhook_deliveries_status_created_idx
  ON meadow_webhook_deliveries (status, created_at);

CREATE TABLE IF NOT EXISTS meadow_webhook_attempts (
  event_id        VARCHAR(26) NOT NULL,
  endpoint_id     VARCHAR(26) NOT NULL,
  seq             INTEGER NOT NULL,
  number          INTEGER NOT NULL,
  started_at      TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  duration_millis BIGINT NOT NULL,
  status_code     INTEGER NOT NULL,
  error           VARCHAR,
  CONSTRAINT meadow_webhook_attempts_pkey PRIMARY KEY (event_id, endpoint_id, seq)
);
