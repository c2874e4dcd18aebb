-- Meadow reviews: reviews with their provenance, earlier revisions, helpful votes, abuse
-- reports, merchant replies with their revisions, and the rating summary of each product and
-- store.
--
-- A review's provenance is stored as columns: source, incentive and relationship; the purchase
-- evidence (the purchase the host reported, when Meadow asked, whether it met the shop's rule
-- and why not); and "verified", whether the review counts as a verified purchase (the evidence
-- passed and the review is neither imported nor syndicated), which listings filter by and
-- summaries count. A review's attributes are two VARCHAR arrays of the same length, names in
-- order and their values at the same positions. Lists (media, reasons) are VARCHAR arrays,
-- which keep their order.
--
-- H2 commits the open transaction on every DDL statement, so a script that fails half-way
-- leaves its first statements applied; every statement here uses IF NOT EXISTS so that running
-- the script again completes it.

CREATE TABLE IF NOT EXISTS meadow_reviews (
  id                      VARCHAR(26) NOT NULL,
  product_id              VARCHAR NOT NULL,
  store_id                VARCHAR NOT NULL,
  author_id               VARCHAR NOT NULL,
  order_id                VARCHAR,
  dedupe_key              VARCHAR NOT NULL,
  rating                  INTEGER NOT NULL,
  title                   VARCHAR,
  body                    VARCHAR NOT NULL,
  media                   VARCHAR ARRAY NOT NULL,
  attribute_names         VARCHAR ARRAY NOT NULL,
  attribute_values        VARCHAR ARRAY NOT NULL,
  would_recommend         BOOLEAN,
  source                  VARCHAR(16) NOT NULL,
  incentive               VARCHAR(16) NOT NULL,
  relationship            VARCHAR(16) NOT NULL,
  verified                BOOLEAN NOT NULL,
  verification_passed     BOOLEAN NOT NULL,
  verification_checked_at TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  verification_reason     VARCHAR,
  purchase_order_id       VARCHAR,
  purchase_product_id     VARCHAR,
  purchased_at            TIMESTAMP(3) WITH TIME ZONE,
  purchase_state          VARCHAR(16),
  state                   VARCHAR(16) NOT NULL,
  reasons                 VARCHAR ARRAY NOT NULL,
  text_hash               VARCHAR NOT NULL,
  helpful_count           BIGINT NOT NULL,
  unhelpful_count         BIGINT NOT NULL,
  helpful_score           DOUBLE PRECISION NOT NULL,
  report_count            BIGINT NOT NULL,
  created_at              TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  edited_at               TIMESTAMP(3) WITH TIME ZONE,
  version                 BIGINT NOT NULL,
  CONSTRAINT meadow_reviews_pkey PRIMARY KEY (id),
  CONSTRAINT meadow_reviews_dedupe_key UNIQUE (author_id, product_id, dedupe_key),
  CONSTRAINT meadow_reviews_rating_check CHECK (rating BETWEEN 1 AND 5),
  CONSTRAINT meadow_reviews_attributes_check CHECK (CARDINALITY(attribute_names) = CARDINALITY(attribute_values)),
  CONSTRAINT meadow_reviews_source_check CHECK (source IN ('ORGANIC', 'INVITED', 'IMPORTED', 'SYNDICATED')),
  CONSTRAINT meadow_reviews_incentive_check
    CHECK (incentive IN ('NONE', 'FREE_PRODUCT', 'DISCOUNT', 'POINTS', 'REFERRAL_REWARD', 'OTHER')),
  CONSTRAINT meadow_reviews_relationship_check
    CHECK (relationship IN ('NONE', 'EMPLOYEE', 'SELLER', 'FAMILY', 'AFFILIATE')),
  CONSTRAINT meadow_reviews_purchase_check
    CHECK ((purchase_order_id IS NULL) = (purchase_product_id IS NULL)
      AND (purchase_product_id IS NULL) = (purchased_at IS NULL)
      AND (purchased_at IS NULL) = (purchase_state IS NULL)),
  CONSTRAINT meadow_reviews_purchase_state_check
    CHECK (purchase_state IN ('ORDERED', 'PAID', 'DELIVERED', 'REFUNDED')),
  CONSTRAINT meadow_reviews_state_check CHECK (state IN ('PUBLISHED', 'HELD', 'REJECTED', 'REMOVED'))
);

-- H2 has no partial indexes: state follows the product or store, so each index serves the
-- published reviews. The published reviews of a product, and of a store, in each listing order:
-- newest first; by rating, newest first within a rating (read one rating at a time, for highest
-- or lowest first); most helpful first.
CREATE INDEX IF NOT EXISTS meadow_reviews_product_newest_idx ON meadow_reviews (product_id, state, id DESC);
CREATE INDEX IF NOT EXISTS meadow_reviews_product_rating_idx ON meadow_reviews (product_id, state, rating, id DESC);
CREATE INDEX IF NOT EXISTS meadow_reviews_product_helpful_idx
  ON meadow_reviews (product_id, state, helpful_score DESC, id DESC);
CREATE INDEX IF NOT EXISTS meadow_reviews_store_newest_idx ON meadow_reviews (store_id, state, id DESC);
CREATE INDEX IF NOT EXISTS meadow_reviews_store_rating_idx ON meadow_reviews (store_id, state, rating, id DESC);
CREATE INDEX IF NOT EXISTS meadow_reviews_store_helpful_idx
  ON meadow_reviews (store_id, state, helpful_score DESC, id DESC);

-- The moderation queue: held reviews, oldest first.
CREATE INDEX IF NOT EXISTS meadow_reviews_held_idx ON meadow_reviews (state, id);

-- An author's reviews with the same text.
CREATE INDEX IF NOT EXISTS meadow_reviews_author_text_idx ON meadow_reviews (author_id, text_hash);

CREATE TABLE IF NOT EXISTS meadow_review_revisions (
  review_id        VARCHAR(26) NOT NULL,
  number           INTEGER NOT NULL,
  rating           INTEGER NOT NULL,
  title            VARCHAR,
  body             VARCHAR NOT NULL,
  media            VARCHAR ARRAY NOT NULL,
  attribute_names  VARCHAR ARRAY NOT NULL,
  attribute_values VARCHAR ARRAY NOT NULL,
  would_recommend  BOOLEAN,
  written_at       TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  CONSTRAINT meadow_review_revisions_pkey PRIMARY KEY (review_id, number),
  CONSTRAINT meadow_review_revisions_attributes_check
    CHECK (CARDINALITY(attribute_names) = CARDINALITY(attribute_values))
);

CREATE TABLE IF NOT EXISTS meadow_review_votes (
  review_id VARCHAR(26) NOT NULL,
  user_id   VARCHAR NOT NULL,
  helpful   BOOLEAN NOT NULL,
  voted_at  TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  CONSTRAINT meadow_review_votes_pkey PRIMARY KEY (review_id, user_id)
);

CREATE TABLE IF NOT EXISTS meadow_review_reports (
  review_id   VARCHAR(26) NOT NULL,
  reporter_id VARCHAR NOT NULL,
  reason      VARCHAR NOT NULL,
  reported_at TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  CONSTRAINT meadow_review_reports_pkey PRIMARY KEY (review_id, reporter_id)
);

-- A review's reports, oldest first.
CREATE INDEX IF NOT EXISTS meadow_review_reports_order_idx
  ON meadow_review_reports (review_id, reported_at, reporter_id);

CREATE TABLE IF NOT EXISTS meadow_review_replies (
  review_id  VARCHAR(26) NOT NULL,
  store_id   VARCHAR NOT NULL,
  author_id  VARCHAR NOT NULL,
  body       VARCHAR NOT NULL,
  created_at TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  edited_at  TIMESTAMP(3) WITH TIME ZONE,
  version    BIGINT NOT NULL,
  CONSTRAINT meadow_review_replies_pkey PRIMARY KEY (review_id)
);

CREATE TABLE IF NOT EXISTS meadow_review_reply_revisions (
  review_id  VARCHAR(26) NOT NULL,
  number     INTEGER NOT NULL,
  author_id  VARCHAR NOT NULL,
  body       VARCHAR NOT NULL,
  written_at TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  CONSTRAINT meadow_review_reply_revisions_pkey PRIMARY KEY (review_id, number)
);

-- The published ratings of each product and store: how many, their sum, how many of each star
-- rating and how many verified. Read as one row, whatever the number of reviews.
CREATE TABLE IF NOT EXISTS meadow_review_summaries (
  subject_kind   VARCHAR(16) NOT NULL,
  subject_id     VARCHAR NOT NULL,
  review_count   BIGINT NOT NULL,
  rating_sum     BIGINT NOT NULL,
  stars_1        BIGINT NOT NULL,
  stars_2        BIGINT NOT NULL,
  stars_3        BIGINT NOT NULL,
  stars_4        BIGINT NOT NULL,
  stars_5        BIGINT NOT NULL,
  verified_count BIGINT NOT NULL,
  CONSTRAINT meadow_review_summaries_pkey PRIMARY KEY (subject_kind, subject_id),
  CONSTRAINT meadow_review_summaries_subject_kind_check CHECK (subject_kind IN ('PRODUCT', 'STORE'))
);
