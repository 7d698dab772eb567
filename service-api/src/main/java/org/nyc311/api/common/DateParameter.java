package org.nyc311.api.common;

/**
 * How the OpenAPI documents state a date parameter: the services accept an ISO date from 2010-01-01 (the
 * feed's start) to five years after today in New York (service-support's {@code ApiDates}), a range JSON
 * Schema cannot state for strings and whose end moves every day. The pattern states a part of it that is
 * always accepted: days 1 to 28 of every month from 2010 to 2029. A client following the document sends
 * only dates the API takes.
 */
public final class DateParameter {

    public static final String PATTERN = "^20[12][0-9]-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])$";
    /** For an optional parameter the server reads as absent when blank ({@code madeBefore=}): the same, or blank. */
    public static final String PATTERN_OR_BLANK = "^(\\s*|20[12][0-9]-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8]))$";

    public static final String DESCRIPTION = "ISO yyyy-MM-dd, from 2010-01-01 to five years after today";

    private DateParameter() {}
}
