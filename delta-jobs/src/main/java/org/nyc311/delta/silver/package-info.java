/** Silver: typed, checked, deduplicated requests MERGEd by unique_key; quarantine and per-run metrics. */
package org.nyc311.delta.silver;
