package org.nyc311.dashboard.chart;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.nyc311.dashboard.services.anomaly.AnomalyRow;
import org.nyc311.dashboard.services.forecast.ForecastViews;

/**
 * The chart of one series from what the services gave: the actual line from forecast-service's daily counts of gold,
 * the forecast and its band from its newest stored forecast, the markers from anomaly-service's anomalous days.
 */
public final class SeriesCharts {

    private SeriesCharts() {
    }

    public static ChartData of(String title, String seriesId, Optional<ForecastViews.StoredForecast> forecast,
            List<ForecastViews.DailyCount> history, List<AnomalyRow> anomalies, LocalDate today) {
        List<ChartData.Day> actual = history.stream().map(d -> new ChartData.Day(d.date(), d.count())).toList();
        List<ChartData.Band> bands = forecast.map(f -> f.points().stream()
                .map(p -> new ChartData.Band(p.date(), p.yhat(), p.lower(), p.upper())).toList()).orElse(List.of());
        List<ChartData.Day> marked = anomalies.stream().filter(a -> seriesId.equals(a.series()))
                .map(a -> new ChartData.Day(a.date(), a.actual())).toList();
        return new ChartData(title, actual, bands, marked, today);
    }
}
