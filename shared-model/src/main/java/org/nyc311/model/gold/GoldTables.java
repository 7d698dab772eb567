package org.nyc311.model.gold;

/**
 * Names of the gold tables, in one place for delta-jobs (which writes them as Delta tables, each in the
 * lake folder {@code gold/<name>}), local-sql-warehouse (which registers them) and the services that read
 * them over JDBC. Their columns are {@link GoldColumns}. Names are compile-time constants on purpose:
 * delta-jobs compiles against them (javac copies each into its classes) without shipping shared-model.
 */
public final class GoldTables {

    /** Requests per New York date, complaint type, borough and agency. */
    public static final String DAILY_REQUESTS = "daily_requests";
    /** One row per series and day, zero-filled: what forecasts and anomaly checks read. */
    public static final String DAILY_SERIES = "daily_series";
    /** One row per series: its level, keys, first and last dates and whether it is forecastable. */
    public static final String SERIES_CATALOG = "series_catalog";

    private GoldTables() {}
}
