/**
 * The conformance kit for storage adapters: the storage SPI's executable specification. Extend
 * {@link dev.meadow.storage.tck.StorageCompatibilityKit} in a test of your adapter and implement
 * {@code newStorage()}; every guarantee of the SPI is one test with a {@code @DisplayName}
 * sentence. The contract classes it groups can also be extended one by one.
 */
@NullMarked
package dev.meadow.storage.tck;

import org.jspecify.annotations.NullMarked;
