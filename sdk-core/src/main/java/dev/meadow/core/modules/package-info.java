/**
 * The module seam: how a capability plugs into Meadow without a line changed in core. A module
 * implements {@link dev.meadow.core.modules.MeadowModule}, is installed with
 * {@code Meadow.builder().install(...)}, and receives a {@link dev.meadow.core.modules.ModuleContext}
 * (storage, clock, ids, {@link dev.meadow.core.modules.Cursors}, transactions with events). Its
 * stores come from the storage adapter by type ({@code Transaction.store(Class)}); its events are
 * registered families; its JDBC tables are migrations of its own.
 */
@NullMarked
package dev.meadow.core.modules;

import org.jspecify.annotations.NullMarked;
