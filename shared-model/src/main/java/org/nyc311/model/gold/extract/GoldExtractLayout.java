package org.nyc311.model.gold.extract;

/**
 * Where the extract lives under the lake root: {@code _gold_extract/current.json} (the manifest) and one folder per
 * pair of Delta versions, {@code _gold_extract/v<daily series version>-<catalog version>/}, holding
 * {@code daily_series.csv.gz} and {@code series_catalog.csv.gz}. A folder is never rewritten with other content: the
 * versions name it.
 */
public final class GoldExtractLayout {

    /** The folder of the extract, under the lake root (an underscore, as the lake's other non-table folders). */
    public static final String ROOT = "_gold_extract";

    /** The manifest's key: the one object a reader reads first. */
    public static final String MANIFEST = ROOT + "/current.json";

    /** How many older version folders the job keeps beside the current one, for readers still downloading them. */
    public static final int KEEP_PREVIOUS = 2;

    private GoldExtractLayout() {}

    /** The folder of the extract at these versions. */
    public static String folder(long dailySeriesVersion, long seriesCatalogVersion) {
        return ROOT + "/v" + dailySeriesVersion + "-" + seriesCatalogVersion;
    }

    public static String dailySeries(long dailySeriesVersion, long seriesCatalogVersion) {
        return folder(dailySeriesVersion, seriesCatalogVersion) + "/daily_series.csv.gz";
    }

    public static String seriesCatalog(long dailySeriesVersion, long seriesCatalogVersion) {
        return folder(dailySeriesVersion, seriesCatalogVersion) + "/series_catalog.csv.gz";
    }
}
