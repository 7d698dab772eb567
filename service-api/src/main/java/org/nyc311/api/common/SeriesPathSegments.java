package org.nyc311.api.common;

/**
 * What the two path segments of a series id accept, for the OpenAPI document: the values shared-model's
 * {@code SeriesKey.parse} reads, so that a client reading the document sends only what can name a series
 * (an unknown one is then a 404, not a 400). A complaint-type series is always per borough, so
 * {@code noise-residential/all} is refused with a 400 all the same; a pattern of one segment cannot say it.
 */
public final class SeriesPathSegments {

    /** {@code all}, or a complaint type's key: lower-case letters and digits in dash-separated words. */
    public static final String COMPLAINT_TYPE = "^[a-z0-9]+(-[a-z0-9]+)*$";
    /** {@code all}, or a borough's key (shared-model's {@code Borough.key()}). */
    public static final String BOROUGH = "^(all|bronx|brooklyn|manhattan|queens|staten-island|unspecified)$";
    /**
     * A whole series id in a query parameter: {@code all/all}, or a complaint type's key or {@code all} over a
     * borough's key (a complaint type is always forecast per borough).
     */
    public static final String SERIES_ID =
            "^(all/all|[a-z0-9]+(-[a-z0-9]+)*/(bronx|brooklyn|manhattan|queens|staten-island|unspecified))$";
    /** A borough filter, which the server reads as absent when blank: a borough's key, {@code all}, or blank. */
    public static final String BOROUGH_OR_BLANK =
            "^(\\s*|all|bronx|brooklyn|manhattan|queens|staten-island|unspecified)$";
    /** A complaint-type filter, as a key or as the feed spells it (with a letter or digit somewhere), or blank. */
    public static final String COMPLAINT_TYPE_FILTER = "^(\\s*|.*[A-Za-z0-9].*)$";
    /** The description of a {@link #COMPLAINT_TYPE_FILTER} query parameter, one wording for every service. */
    public static final String COMPLAINT_TYPE_FILTER_DESCRIPTION =
            "complaint type, as a key (noise-residential) or as spelled (Noise - Residential); 'all' for roll-ups";
    /** The description of a {@link #BOROUGH_OR_BLANK} query parameter, one wording for every service. */
    public static final String BOROUGH_FILTER_DESCRIPTION =
            "borough key: bronx, brooklyn, manhattan, queens, staten-island, unspecified, or 'all'";

    private SeriesPathSegments() {}
}
