/**
 * Meadow's own plumbing, shared by its modules. Public only so that Meadow's modules can reach it: it
 * is not API, and it changes without notice between any two releases.
 */
@NullMarked
package dev.meadow.core.internal;

import org.jspecify.annotations.NullMarked;
