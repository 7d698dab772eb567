/**
 * Gold read from its daily extract on S3 (shared-model's {@code org.nyc311.model.gold.extract}) instead of a SQL
 * warehouse: the settings, the store that keeps the current extract in memory, and its health.
 */
@NullMarked
package org.nyc311.service.gold.extract;

import org.jspecify.annotations.NullMarked;
