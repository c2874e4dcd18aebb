/**
 * Privacy: exporting and erasing one user's data across Meadow and every installed module. Each
 * module contributes a {@link dev.meadow.core.privacy.PrivacyParticipant}.
 */
@NullMarked
package dev.meadow.core.privacy;

import org.jspecify.annotations.NullMarked;
