package org.nyc311.ingest.source;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/** SODA's floating timestamps ({@code 2023-02-28T23:45:00.000}) and the CSV export's ({@code 02/28/2023 11:45:00 PM}). */
final class SodaTimestamps {

    static final DateTimeFormatter SODA = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS");
    static final DateTimeFormatter CSV_EXPORT = DateTimeFormatter.ofPattern("MM/dd/uuuu hh:mm:ss a", Locale.US);

    private SodaTimestamps() {}

    static Optional<LocalDateTime> parse(String floating) {
        if (floating == null || floating.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(floating));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The export's 12-hour form as SODA writes it; anything else is returned unchanged. */
    static String fromCsvExport(String value) {
        try {
            return SODA.format(LocalDateTime.parse(value, CSV_EXPORT));
        } catch (DateTimeParseException notATimestamp) {
            return value;
        }
    }
}
