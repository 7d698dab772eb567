package org.nyc311.forecastservice.gold;

import java.time.LocalDate;
import java.util.List;

/**
 * What one training reads from gold.
 *
 * @param goldVersion the Delta version of the daily series table (-1 when the warehouse cannot say)
 * @param historyStart the first day read
 * @param lastActualDate the last day read; forecasts start the day after
 * @param series every forecastable series' history
 */
public record GoldSnapshot(
        long goldVersion, LocalDate historyStart, LocalDate lastActualDate, List<SeriesHistory> series) {

    public GoldSnapshot {
        series = List.copyOf(series);
    }

    /** The snapshot of these series read up to {@code lastActualDate}: its history starts at the earliest series' first day. */
    static GoldSnapshot of(long goldVersion, LocalDate lastActualDate, List<SeriesHistory> series) {
        LocalDate earliest = series.stream()
                .map(SeriesHistory::firstDate)
                .min(LocalDate::compareTo)
                .orElse(lastActualDate);
        return new GoldSnapshot(goldVersion, earliest, lastActualDate, series);
    }
}
