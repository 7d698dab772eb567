/** Silver: typed, checked, deduplicated requests MERGEd by unique_key; quarantine and per-run metrics. */
@NullMarked
package org.nyc311.delta.silver;

import org.jspecify.annotations.NullMarked;
