package dev.meadow.storage.jdbc;

import org.junit.jupiter.api.DisplayName;

@DisplayName("The referral store on H2")
class H2ReferralStoreTest extends ReferralStoreTestBase {
  @Override
  protected TestDatabase database() {
    return TestDatabase.H2;
  }
}
