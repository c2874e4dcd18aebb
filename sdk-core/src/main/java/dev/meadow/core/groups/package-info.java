/**
 * Interest groups and their members. The entry point is
 * {@link dev.meadow.core.groups.Groups}, from {@code Meadow.groups()}.
 */
@NullMarked
package dev.meadow.core.groups;

import org.jspecify.annotations.NullMarked;
