package org.nyc311.service.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * The guard every date parameter passes at the edge: a date the API can parse is not yet one it can
 * serve. {@code +999999999-12-31} parses, and the first {@code plusDays} on it is an arithmetic overflow
 * deep in a service (or a value PostgreSQL refuses); here it is a 400 that says the range instead.
 * The range runs from {@code nyc311.api.dates.earliest} to {@code years-ahead} years after today in
 * New York, the feed's own calendar (never the JVM's zone).
 */
public final class ApiDates {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private final LocalDate earliest;
    private final int yearsAhead;
    private final Clock clock;

    public ApiDates(ApiProperties.Dates settings, Clock clock) {
        this.earliest = settings.earliest();
        this.yearsAhead = settings.yearsAhead();
        this.clock = clock;
    }

    public LocalDate earliest() {
        return earliest;
    }

    /** The last day a request may name: {@code years-ahead} years after today in New York. */
    public LocalDate latest() {
        return today().plusYears(yearsAhead);
    }

    /** Today in New York, the feed's calendar: where a window "the last n days" ends. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(NEW_YORK));
    }

    /** An ISO {@code yyyy-MM-dd} parameter, parsed and inside the range; a 400 naming {@code name} otherwise. */
    public LocalDate parse(String name, String value) {
        LocalDate date;
        try {
            date = LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new BadRequestException(name + " must be a date yyyy-MM-dd: '" + value + "'");
        }
        return require(name, date);
    }

    /** {@code date} itself when it is inside the range; a 400 that says the range otherwise. */
    public LocalDate require(String name, LocalDate date) {
        LocalDate latest = latest();
        if (date.isBefore(earliest) || date.isAfter(latest)) {
            throw new BadRequestException(name + " must be between " + earliest + " and " + latest + ": " + date);
        }
        return date;
    }

    /** A floating timestamp whose day is inside the range. */
    public LocalDateTime require(String name, LocalDateTime timestamp) {
        require(name, timestamp.toLocalDate());
        return timestamp;
    }
}
