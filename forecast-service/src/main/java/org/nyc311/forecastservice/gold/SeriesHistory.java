package org.nyc311.forecastservice.gold;

import java.time.LocalDate;
import java.util.Objects;
import org.nyc311.model.series.SeriesKey;

/**
 * The daily counts of one series on consecutive days from {@code firstDate}; days gold did not have
 * are zeros, as in gold itself.
 */
public record SeriesHistory(SeriesKey key, LocalDate firstDate, double[] counts) {

    public SeriesHistory {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(firstDate, "firstDate");
        counts = counts.clone();
    }

    public LocalDate lastDate() {
        return firstDate.plusDays(counts.length - 1L);
    }

    @Override
    public double[] counts() {
        return counts.clone();
    }
}
