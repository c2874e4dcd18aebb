package dev.meadow.core.referrals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.OrderId;
import dev.meadow.core.ProductId;
import dev.meadow.core.UserId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A conversion's money is in one currency, so every adapter may store it in one currency column. */
class ConversionValueTest {
  private static final Money EUROS = Money.of(1_000, "EUR");
  private static final List<OrderLine> IN_EUROS = List.of(OrderLine.of(new ProductId("sku-1"), 1, EUROS));

  private static Conversion conversion(Money refunded, List<OrderLine> lines) {
    return new Conversion(new OrderId("order-1"), "default", new ShareCode("abcdefgh"), new UserId("ann"),
        new UserId("bo"), EUROS, refunded, lines, List.of(), Instant.EPOCH, 1);
  }

  @Test
  void refundAndLines_shareTheAmountsCurrency() {
    assertEquals(Money.of(750, "EUR"), conversion(Money.of(250, "EUR"), IN_EUROS).kept());
    IllegalArgumentException refund = assertThrows(IllegalArgumentException.class,
        () -> conversion(Money.of(1, "USD"), IN_EUROS));
    assertTrue(refund.getMessage().contains("refunded is in USD"), refund.getMessage());
    IllegalArgumentException line = assertThrows(IllegalArgumentException.class,
        () -> conversion(Money.zero(EUROS.currency()),
            List.of(OrderLine.of(new ProductId("sku-1"), 1, Money.of(1_000, "USD")))));
    assertTrue(line.getMessage().contains("a line's amount is in USD"), line.getMessage());
  }
}
