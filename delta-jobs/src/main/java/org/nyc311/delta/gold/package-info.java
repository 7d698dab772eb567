/** Gold: daily counts, zero-filled series, the series catalog and model features; the run result and CSV export. */
@NullMarked
package org.nyc311.delta.gold;

import org.jspecify.annotations.NullMarked;
