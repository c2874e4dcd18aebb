-- Meadow webhooks: the shop's endpoints with their signing secrets, the delivery of each event to
-- each endpoint (its state, schedule and lease), and the history of every attempt.
--
-- A delivery keeps its own copy of the event as the outbox held it (type, schema version, time,
-- payload), so the outbox entry may be purged while deliveries are still retried. Deliveries are
-- unique per event and endpoint: the primary key decides between racing fan-outs. An attempt's
-- seq is the order it was recorded in, 1 and up per delivery, across requeues (the attempt
-- number starts again at 1 after a requeue). An endpoint's event types are a TEXT array, which
-- keeps its order; its secrets are rows, oldest first by position. Instants are
-- TIMESTAMP(3) WITH TIME ZONE and ordered keys use the "C" collation, as in V1.

CREATE TABLE meadow_webhook_endpoints (
  id              VARCHAR(26) COLLATE "C" NOT NULL,
  url             TEXT NOT NULL,
  event_types     TEXT[] NOT NULL,
  enabled         BOOLEAN NOT NULL,
  disabled_reason TEXT,
  created_at      TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  updated_at      TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  version         BIGINT NOT NULL,
  CONSTRAINT meadow_webhook_endpoints_pkey PRIMARY KEY (id),
  CONSTRAINT meadow_webhook_endpoints_disabled_check CHECK (enabled = (disabled_reason IS NULL))
);

CREATE TABLE meadow_webhook_secrets (
  endpoint_id VARCHAR(26) COLLATE "C" NOT NULL,
  position    INTEGER NOT NULL,
  secret      TEXT NOT NULL,
  created_at  TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  expires_at  TIMESTAMP(3) WITH TIME ZONE,
  -- the endpoint's version the secret was written with: reads join on it, never mixing versions
  endpoint_version BIGINT NOT NULL,
  CONSTRAINT meadow_webhook_secrets_pkey PRIMARY KEY (endpoint_id, position)
);

CREATE TABLE meadow_webhook_deliveries (
  event_id        VARCHAR(26) COLLATE "C" NOT NULL,
  endpoint_id     VARCHAR(26) COLLATE "C" NOT NULL,
  type            TEXT NOT NULL,
  schema_version  INTEGER NOT NULL,
  occurred_at     TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  payload         TEXT NOT NULL,
  status          VARCHAR(16) NOT NULL,
  attempts        INTEGER NOT NULL,
  next_attempt_at TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  lease_owner     VARCHAR(200),
  lease_token     VARCHAR(36),
  lease_until     TIMESTAMP(3) WITH TIME ZONE,
  last_error      TEXT,
  created_at      TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  CONSTRAINT meadow_webhook_deliveries_pkey PRIMARY KEY (event_id, endpoint_id),
  CONSTRAINT meadow_webhook_deliveries_status_check CHECK (status IN ('PENDING', 'DELIVERED', 'DEAD')),
  CONSTRAINT meadow_webhook_deliveries_lease_check
    CHECK ((lease_owner IS NULL) = (lease_token IS NULL) AND (lease_token IS NULL) = (lease_until IS NULL))
) WITH (fillfactor = 70);

-- Deliveries are a queue: every claim and every mark updates a row, and each update that adds
-- index entries leaves a dead one behind, at the front of the claim index where the next claim
-- starts reading, until vacuum removes it. Pages are left 30% free so that a claim, which changes
-- no indexed column, updates its row in place (a HOT update, adding no index entries): measured on
-- 100,000 due deliveries, half of all updates were then HOT and the pages a claim reads grew about
-- a third more slowly between vacuums.
--
-- Claims scan pending deliveries by due time, then event and endpoint; the index holds only
-- pending deliveries.
CREATE INDEX meadow_webhook_deliveries_due_idx
  ON meadow_webhook_deliveries (next_attempt_at, event_id, endpoint_id) WHERE status = 'PENDING';

-- Dead letters are listed by event and endpoint.
CREATE INDEX meadow_webhook_deliveries_dead_idx
  ON meadow_webhook_deliveries (event_id, endpoint_id) WHERE status = 'DEAD';

-- Purging finds delivered deliveries by the time they were created.
CREATE INDEX meadow_webhook_deliveries_delivered_idx
  ON meadow_webhook_deliveries (created_at) WHERE status = 'DELIVERED';

CREATE TABLE meadow_webhook_attempts (
  event_id        VARCHAR(26) COLLATE "C" NOT NULL,
  endpoint_id     VARCHAR(26) COLLATE "C" NOT NULL,
  seq             INTEGER NOT NULL,
  number          INTEGER NOT NULL,
  started_at      TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  duration_millis BIGINT NOT NULL,
  status_code     INTEGER NOT NULL,
  error           TEXT,
  CONSTRAINT meadow_webhook_attempts_pkey PRIMARY KEY (event_id, endpoint_id, seq)
);
