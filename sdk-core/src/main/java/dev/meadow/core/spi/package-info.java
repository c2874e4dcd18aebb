/**
 * The storage SPI: what a storage adapter implements. The entry point is
 * {@link dev.meadow.core.spi.Storage}, which opens transactions that hand out one store per area.
 * The conformance kit in {@code sdk-storage-tck} is the SPI's executable specification; an adapter
 * that passes it works with every Meadow service.
 */
@NullMarked
package dev.meadow.core.spi;

import org.jspecify.annotations.NullMarked;
