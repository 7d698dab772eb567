package org.nyc311.model.gold;

/**
 * Column names of the gold tables ({@link GoldTables}), in one place for the job that writes them
 * (delta-jobs) and the services that read them over JDBC (forecast-service, anomaly-service); series ids
 * and keys are shared-model's ({@code SeriesKey}, {@code ComplaintType}, {@code Borough}).
 */
public final class GoldColumns {

    public static final String DATE = "date";
    public static final String COMPLAINT_TYPE_KEY = "complaint_type_key";
    public static final String COMPLAINT_TYPE = "complaint_type";
    /** Borough enum name, e.g. STATEN_ISLAND (daily_requests). */
    public static final String BOROUGH = "borough";
    /** Borough key as in series ids, e.g. staten-island, or {@code all} for the citywide series. */
    public static final String BOROUGH_KEY = "borough_key";

    public static final String AGENCY = "agency";
    public static final String COUNT = "count";
    public static final String SERIES_ID = "series_id";
    /** complaint_type_borough, borough or citywide, as shared-model's {@code SeriesKey.Level} in lower case. */
    public static final String LEVEL = "level";

    public static final String ALL = "all";

    public static final String FIRST_DATE = "first_date";
    public static final String LAST_DATE = "last_date";
    public static final String LAST_NONZERO_DATE = "last_nonzero_date";
    public static final String MEAN_COUNT = "mean_count";
    public static final String DAYS = "days";
    public static final String FORECASTABLE = "forecastable";

    private GoldColumns() {}
}
