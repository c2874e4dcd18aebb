package dev.meadow.storage.jdbc;

import org.junit.jupiter.api.DisplayName;

@DisplayName("The referral store on PostgreSQL")
class PostgresReferralStoreTest extends ReferralStoreTestBase {
  @Override
  protected TestDatabase database() {
    return TestDatabase.POSTGRES;
  }
}
