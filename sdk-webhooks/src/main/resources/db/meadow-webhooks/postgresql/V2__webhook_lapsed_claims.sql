-- Meadow webhooks: a delivery counts the claims that lapsed without an outcome (their process died,
-- or took longer than its lease) apart from the attempts it sent, so that a deliverer that keeps
-- crashing neither burns an event's attempts unsent nor hides that it did. A claim that finds a
-- lapsed lease takes its attempt back from attempts and adds one here. Existing deliveries start
-- with none: a lease that lapsed before this script is counted by the next claim that finds it.
--
-- A constant default adds the column without rewriting the table (PostgreSQL 11 and later). The
-- column is in no index, so it leaves the updates that keep claims HOT as V1 describes them.

ALTER TABLE meadow_webhook_deliveries ADD COLUMN lapsed_claims INTEGER NOT NULL DEFAULT 0;
