package org.nyc311.forecastservice.gold;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.nyc311.model.series.SeriesKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private static final Logger LOG = LoggerFactory.getLogger(SeriesHistory.class);

    /**
     * A series' history from its counts by day (not empty): from its first day to its last or {@code last}, whichever
     * is later, with zeros where a day has no count; empty, with a warning, for a series id this service does not
     * understand.
     */
    static Optional<SeriesHistory> fromCounts(String id, Map<LocalDate, ? extends Number> counts, LocalDate last) {
        SeriesKey key;
        try {
            key = SeriesKey.parse(id);
        } catch (IllegalArgumentException e) {
            LOG.warn("gold has a series id this service does not understand, skipped: {}", e.getMessage());
            return Optional.empty();
        }
        LocalDate first = counts.keySet().stream().min(LocalDate::compareTo).orElseThrow();
        LocalDate end = counts.keySet().stream().max(LocalDate::compareTo).orElseThrow();
        if (end.isBefore(last)) {
            end = last;
        }
        int days = (int) (end.toEpochDay() - first.toEpochDay() + 1);
        double[] values = new double[days];
        counts.forEach((day, count) -> values[(int) (day.toEpochDay() - first.toEpochDay())] = count.doubleValue());
        return Optional.of(new SeriesHistory(key, first, values));
    }

    public LocalDate lastDate() {
        return firstDate.plusDays(counts.length - 1L);
    }

    @Override
    public double[] counts() {
        return counts.clone();
    }
}
