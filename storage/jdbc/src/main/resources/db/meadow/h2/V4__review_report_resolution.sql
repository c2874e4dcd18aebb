-- Meadow reviews: abuse reports stay as history after a moderator decides on the review. A
-- report is open while resolved_at is NULL; approving or rejecting the review resolves its open
-- reports, so the threshold that holds a review counts only reports made since the last decision.
--
-- H2 commits on every DDL statement; IF NOT EXISTS lets a rerun complete the script.

ALTER TABLE meadow_review_reports ADD COLUMN IF NOT EXISTS resolved_at TIMESTAMP(3) WITH TIME ZONE;
