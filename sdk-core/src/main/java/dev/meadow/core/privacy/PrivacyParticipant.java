package dev.meadow.core.privacy;

import dev.meadow.core.UserId;
import dev.meadow.core.modules.UnitOfWork;
import dev.meadow.core.spi.Transaction;

/**
 * One module's share of privacy work for a single user: what it exports and how it erases. A
 * module adds its participant with {@code ModuleContext.addPrivacyParticipant}; Meadow calls every
 * participant of every installed module when a user's data is exported or erased.
 *
 * <p>Implementations must be thread-safe and must only use the transaction or unit of work they
 * are given.
 */
public interface PrivacyParticipant {
  /**
   * Returns the name of this participant's section of an export, such as {@code notes}:
   * lower-case letters, digits and underscores, unique within a {@code Meadow}.
   */
  String section();

  /**
   * Returns what the module holds about {@code user}, as values Jackson writes as JSON (maps,
   * lists, records, strings, numbers, booleans, instants); an empty map when it holds nothing.
   */
  Object export(Transaction tx, UserId user);

  /**
   * Erases or anonymises what the module holds about {@code user}, in the erasure's unit of work,
   * keeping the module's aggregates correct. Running it again for the same user changes nothing.
   */
  void erase(UnitOfWork work, UserId user);
}
