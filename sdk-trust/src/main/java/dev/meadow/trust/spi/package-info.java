/**
 * The trust store SPI: what a storage adapter implements for trust, {@link
 * dev.meadow.trust.spi.TrustStore} with its records {@link dev.meadow.trust.spi.Contribution} (one
 * item's share of a user's signal), {@link dev.meadow.trust.spi.Award} (a badge held, under its
 * unique key) and {@link dev.meadow.trust.spi.UserLevel} (a user's trust level). Trust ships it for
 * {@code MemoryStorage} and the JDBC adapter; another adapter supplies its own through its
 * module-store provider and proves it with {@code TrustStoreContract} from this module's test jar.
 */
@NullMarked
package dev.meadow.trust.spi;

import org.jspecify.annotations.NullMarked;
