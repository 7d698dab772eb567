package org.nyc311.delta.silver;

/** Column names of {@code silver/service_requests}, {@code silver/quarantine} and the pipeline metrics table. */
public final class SilverColumns {

    public static final String UNIQUE_KEY = "unique_key";
    /** Instants in UTC; the source's floating New York wall-clock time converted explicitly. */
    public static final String CREATED_AT = "created_at";

    public static final String CREATED_DATE_LOCAL = "created_date_local";
    public static final String CLOSED_AT = "closed_at";
    public static final String CLOSED_DATE_LOCAL = "closed_date_local";
    public static final String SOURCE_UPDATED_AT = "source_updated_at";
    public static final String AGENCY = "agency";
    public static final String COMPLAINT_TYPE = "complaint_type";
    public static final String COMPLAINT_TYPE_KEY = "complaint_type_key";
    public static final String COMPLAINT_TYPE_RAW = "complaint_type_raw";
    /** Borough enum name (BROOKLYN, STATEN_ISLAND, UNSPECIFIED), as shared-model's {@code Borough}. */
    public static final String BOROUGH = "borough";
    /** Borough key as in series ids (staten-island). */
    public static final String BOROUGH_KEY = "borough_key";

    public static final String BOROUGH_RAW = "borough_raw";
    public static final String LATITUDE = "latitude";
    public static final String LONGITUDE = "longitude";
    public static final String COORDS_OUTSIDE_NYC = "coords_outside_nyc";
    public static final String CLOSED_BEFORE_CREATED = "closed_before_created";
    public static final String RECORD_HASH = "record_hash";
    public static final String INGESTED_AT = "ingested_at";
    public static final String SOURCE_FILE = "source_file";
    public static final String RUN_ID = "run_id";

    public static final String QUARANTINE_REASON = "reason";
    public static final String RAW_RECORD = "raw_record";

    public static final String REASON_NO_UNIQUE_KEY = "no_unique_key";
    public static final String REASON_UNPARSEABLE_CREATED = "unparseable_created_date";
    public static final String REASON_CREATED_IN_FUTURE = "created_in_future";
    public static final String REASON_NO_COMPLAINT_TYPE = "no_complaint_type";

    private SilverColumns() {}
}
