package org.nyc311.anomaly.engine;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The days of one series that can be judged over a range of dates: those with both an actual and a forecast, cut
 * into segments of consecutive days, each what {@link AnomalyDetector#detect} takes. A day without either ends a
 * segment, because the detector's rules (anomalous days in a row, the z-window behind each day) read a segment's
 * days as consecutive: a gap must not join the days on either side of it into one run.
 *
 * @param segments the segments in date order, none empty
 */
public record ObservedSegments(List<List<ObservedDay>> segments) {

    public ObservedSegments {
        segments = segments.stream().map(List::copyOf).toList();
        if (segments.stream().anyMatch(List::isEmpty)) {
            throw new IllegalArgumentException("a segment has at least one day");
        }
    }

    /**
     * Pairs each day from {@code from} through {@code through} (both included) with its actual and its forecast.
     *
     * @param actuals the series' count per day; a day absent has none (yet)
     * @param forecasts the forecast to judge each day by; a day absent has none
     */
    public static ObservedSegments over(
            LocalDate from,
            LocalDate through,
            Map<LocalDate, ? extends Number> actuals,
            Map<LocalDate, ? extends IntervalForecast> forecasts) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(through, "through");
        List<List<ObservedDay>> segments = new ArrayList<>();
        List<ObservedDay> current = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(through); day = day.plusDays(1)) {
            Number actual = actuals.get(day);
            IntervalForecast forecast = forecasts.get(day);
            if (actual == null || forecast == null) {
                if (!current.isEmpty()) {
                    segments.add(current);
                    current = new ArrayList<>();
                }
                continue;
            }
            current.add(
                    new ObservedDay(day, actual.doubleValue(), forecast.yhat(), forecast.lower(), forecast.upper()));
        }
        if (!current.isEmpty()) {
            segments.add(current);
        }
        return new ObservedSegments(segments);
    }

    /** The last day with both an actual and a forecast: the last day judged, when there is one. */
    public Optional<LocalDate> lastDay() {
        return segments.isEmpty()
                ? Optional.empty()
                : Optional.of(last(segments.get(segments.size() - 1)).date());
    }

    /**
     * The segments that reach {@code firstNew}: those with a day on or after it. The days before it in such a
     * segment are context (the z-window, an open episode's start); a segment that ends before it holds no new day.
     */
    public List<List<ObservedDay>> reaching(LocalDate firstNew) {
        return segments.stream()
                .filter(segment -> !last(segment).date().isBefore(firstNew))
                .toList();
    }

    private static ObservedDay last(List<ObservedDay> segment) {
        return segment.get(segment.size() - 1);
    }
}
