package org.nyc311.model.series;

import java.time.LocalDate;
import java.util.Objects;

/** How many requests a series had on one New York local date; a day without requests is a zero, not absent. */
public record DailyCount(SeriesKey series, LocalDate date, long count) {

    public DailyCount {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(date, "date");
        if (count < 0) {
            throw new IllegalArgumentException(
                    "a daily count cannot be negative: " + series + " " + date + " " + count);
        }
    }
}
