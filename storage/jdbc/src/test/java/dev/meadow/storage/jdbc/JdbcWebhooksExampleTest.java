package dev.meadow.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.meadow.core.Meadow;
import dev.meadow.core.UserId;
import dev.meadow.core.groups.GroupDraft;
import dev.meadow.webhooks.AddressKind;
import dev.meadow.webhooks.DeliveryReport;
import dev.meadow.webhooks.Webhooks;
import java.util.List;
import javax.sql.DataSource;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The README's example of webhooks on the JDBC adapter (NOTES-webhooks-jdbc.md), compiled and run on PostgreSQL. */
class JdbcWebhooksExampleTest {

  static Webhooks usage(DataSource dataSource, String processName) {
    // snippet: webhooks-jdbc
    JdbcStorage storage = JdbcStorage.postgres(dataSource);
    storage.migrate();                                     // V6 adds the webhook tables
    Meadow meadow = Meadow.builder().storage(storage).build();
    Webhooks webhooks = Webhooks.builder(meadow)
        .owner(processName)                                // names this process's claims
        .allowAddresses(AddressKind.LOOPBACK)              // only because this receiver is on this machine
        .build();
    // end snippet: webhooks-jdbc
    return webhooks;
  }

  @Test
  @DisplayName("The README example delivers an event written on PostgreSQL to the shop's endpoint")
  void readmeExample_deliversFromPostgres() throws Exception {
    DataSource dataSource = TestDatabase.POSTGRES.fresh();
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(new MockResponse().setResponseCode(204));
      server.start();
      Webhooks webhooks = usage(dataSource, "web-1");
      webhooks.register(server.url("/hooks").toString(), List.of("group.created"));
      Meadow.builder().storage(JdbcStorage.postgres(dataSource)).build().groups()
          .create(new UserId("shop-user-1"), GroupDraft.of("Trail runners", "trail-runners"));

      DeliveryReport report = webhooks.deliverPending();

      assertEquals(1, report.delivered());
      RecordedRequest request = server.takeRequest();
      assertEquals("/hooks", request.getPath());
      assertEquals(1, JdbcStorageTestBase.count(dataSource, "meadow_webhook_attempts"), "the attempt is recorded");
    }
  }
}
