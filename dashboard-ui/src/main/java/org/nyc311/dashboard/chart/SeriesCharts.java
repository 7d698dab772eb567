package org.nyc311.dashboard.chart;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.nyc311.dashboard.services.anomaly.AnomalyRow;
import org.nyc311.dashboard.services.forecast.ForecastViews;

/**
 * The chart of one series from what the services gave. forecast-service serves no history of actual counts, so
 * the actual line holds the actuals known from anomaly-service's anomalous days only (and is empty without them).
 */
public final class SeriesCharts {

    private SeriesCharts() {
    }

    public static ChartData of(String title, String seriesId, Optional<ForecastViews.StoredForecast> forecast,
            List<AnomalyRow> anomalies, LocalDate today) {
        List<ChartData.Band> bands = forecast.map(f -> f.points().stream()
                .map(p -> new ChartData.Band(p.date(), p.yhat(), p.lower(), p.upper())).toList()).orElse(List.of());
        List<ChartData.Day> marked = anomalies.stream().filter(a -> seriesId.equals(a.series()))
                .map(a -> new ChartData.Day(a.date(), a.actual())).toList();
        return new ChartData(title, List.of(), bands, marked, today);
    }
}
