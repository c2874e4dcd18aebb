package dev.meadow.webhooks.jdbc;

import dev.meadow.webhooks.Shop;
import dev.meadow.storage.jdbc.TestDatabase;
import dev.meadow.storage.jdbc.JdbcStorage;


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

/** The guide's example of webhooks on the JDBC adapter, compiled and run on PostgreSQL. */
class JdbcWebhooksExampleTest {

  static Webhooks usage(DataSource dataSource, String processName, byte[] cursorSecret) {
    // snippet: webhooks-jdbc
    JdbcStorage storage = JdbcStorage.postgres(dataSource); // finds sdk-webhooks' tables on the classpath
    storage.migrate();                                     // core's tables, then the webhook tables
    Meadow meadow = Meadow.builder()
        .storage(storage)
        .cursorSecret(cursorSecret)                        // the same in every process of the shop
        .install(Webhooks.builder()
            .owner(processName)                            // names this process's claims
            .allowAddresses(AddressKind.LOOPBACK))         // only because this receiver is on this machine
        .build();
    Webhooks webhooks = meadow.module(Webhooks.class);
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
      Webhooks webhooks = usage(dataSource, "web-1", Shop.CURSOR_SECRET);
      webhooks.register(server.url("/hooks").toString(), List.of("group.created"));
      Meadow.builder().storage(JdbcStorage.postgres(dataSource)).build().groups()
          .create(new UserId("shop-user-1"), GroupDraft.of("Trail runners", "trail-runners"));

      DeliveryReport report = webhooks.deliverPending();

      assertEquals(1, report.delivered());
      RecordedRequest request = server.takeRequest();
      assertEquals("/hooks", request.getPath());
      assertEquals(1, TestDatabase.count(dataSource, "meadow_webhook_attempts"), "the attempt is recorded");
    }
  }
}
