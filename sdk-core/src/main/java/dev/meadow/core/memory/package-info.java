/**
 * The in-memory storage adapter, Meadow's default:
 * {@link dev.meadow.core.memory.MemoryStorage#create()}.
 */
@NullMarked
package dev.meadow.core.memory;

import org.jspecify.annotations.NullMarked;
