package org.nyc311.dashboard.chart;

import java.time.LocalDate;
import java.util.List;

/**
 * What one forecast chart shows: the actual counts, the forecast with its 95% band, the anomalous days and today.
 * Each list may be empty (e.g. gold could not be read: then there is no actual line).
 */
public record ChartData(String title, List<Day> actual, List<Band> forecast, List<Day> anomalies, LocalDate today) {

    public ChartData {
        actual = List.copyOf(actual);
        forecast = List.copyOf(forecast);
        anomalies = List.copyOf(anomalies);
    }

    public record Day(LocalDate date, double value) {}

    public record Band(LocalDate date, double yhat, double lower, double upper) {}

    public boolean isEmpty() {
        return actual.isEmpty() && forecast.isEmpty() && anomalies.isEmpty();
    }
}
