/**
 * Meadow's front door and its shared vocabulary. Start at {@link dev.meadow.core.Meadow#builder()}; this
 * package also holds the host's typed ids ({@link dev.meadow.core.UserId} and friends), Meadow's
 * own ids, keyset paging ({@link dev.meadow.core.PageRequest}, {@link dev.meadow.core.Page}), the
 * text rules every input passes ({@link dev.meadow.core.PlainText}, {@link dev.meadow.core.WebUrl})
 * and the exceptions, rooted at {@link dev.meadow.core.MeadowException}.
 */
@NullMarked
package dev.meadow.core;

import org.jspecify.annotations.NullMarked;
