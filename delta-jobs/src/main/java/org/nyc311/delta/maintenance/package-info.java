/** Weekly upkeep of the lake's Delta tables: compaction, silver's clustering by unique_key, VACUUM. */
@NullMarked
package org.nyc311.delta.maintenance;

import org.jspecify.annotations.NullMarked;
