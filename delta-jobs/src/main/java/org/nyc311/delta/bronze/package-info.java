/** Bronze: raw NDJSON files taken exactly once into an append-only Delta table, every field a string. */
@NullMarked
package org.nyc311.delta.bronze;

import org.jspecify.annotations.NullMarked;
