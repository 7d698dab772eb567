package org.nyc311.model.gold.extract;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What {@link GoldExtractLayout#MANIFEST} says: which files hold gold as of which Delta versions. Written after the
 * files it names, so that a reader never sees a manifest whose files are not all there.
 *
 * @param dailySeriesVersion the Delta version of {@code daily_series} the extract was read at
 * @param seriesCatalogVersion the Delta version of {@code series_catalog} the extract was read at
 * @param dailySeries the key of the daily series file, relative to the lake root
 * @param seriesCatalog the key of the catalog file, relative to the lake root
 * @param dailySeriesRows rows in the daily series file, which a reader checks it read
 * @param seriesCatalogRows rows in the catalog file, which a reader checks it read
 * @param writtenAt when the job wrote it
 */
public record GoldExtractManifest(
        long dailySeriesVersion,
        long seriesCatalogVersion,
        String dailySeries,
        String seriesCatalog,
        long dailySeriesRows,
        long seriesCatalogRows,
        @Nullable Instant writtenAt) {

    /** Whether this manifest describes gold at these two versions (the job writes no new extract then). */
    public boolean isAt(long dailySeriesVersion, long seriesCatalogVersion) {
        return this.dailySeriesVersion == dailySeriesVersion && this.seriesCatalogVersion == seriesCatalogVersion;
    }
}
