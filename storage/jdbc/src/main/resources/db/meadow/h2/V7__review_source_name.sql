-- Meadow reviews: the name of the source an imported review came from or a syndicated one is
-- shown from, such as 'Old Shop Reviews' or 'Trustpilot' (plain text, 1 to 100 characters), so
-- that its disclosure label can say where. NULL when the source is not named, which it never is
-- for organic and invited reviews, nor for reviews written before this version.
--
-- H2 commits on every DDL statement; IF NOT EXISTS lets a rerun complete the script.

ALTER TABLE meadow_reviews ADD COLUMN IF NOT EXISTS source_name VARCHAR;
