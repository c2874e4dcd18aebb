-- Meadow webhooks: a delivery counts the claims that lapsed without an outcome (their process died,
-- or took longer than its lease) apart from the attempts it sent, so that a deliverer that keeps
-- crashing neither burns an event's attempts unsent nor hides that it did. A claim that finds a
-- lapsed lease takes its attempt back from attempts and adds one here. Existing deliveries start
-- with none: a lease that lapsed before this script is counted by the next claim that finds it.
--
-- IF NOT EXISTS, as in V1: H2 commits on DDL, so running the script again completes it.

ALTER TABLE meadow_webhook_deliveries ADD COLUMN IF NOT EXISTS lapsed_claims INTEGER DEFAULT 0 NOT NULL;
