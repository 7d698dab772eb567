package org.nyc311.dashboard.chart;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.nyc311.api.anomaly.AnomalyView;
import org.nyc311.api.forecast.DailyCountView;
import org.nyc311.api.forecast.StoredForecastView;
import org.nyc311.model.forecast.ForecastPoint;

/**
 * The chart of one series from what the services gave: the actual line from forecast-service's daily counts of gold;
 * the forecast and its band from the forecasts each past morning had and, from its first day on, the newest stored
 * forecast, so that past days show actual against forecast; the markers from anomaly-service's anomalous days.
 */
public final class SeriesCharts {

    private SeriesCharts() {}

    /**
     * @param past the forecast each past day's morning had; only days before the newest forecast's first day are used
     */
    public static ChartData of(
            String title,
            String seriesId,
            Optional<StoredForecastView> forecast,
            List<ForecastPoint> past,
            List<DailyCountView> history,
            List<AnomalyView> anomalies,
            LocalDate today) {
        List<ChartData.Day> actual = history.stream()
                .map(d -> new ChartData.Day(d.date(), d.count()))
                .toList();
        List<ForecastPoint> newest = forecast.map(StoredForecastView::points).orElse(List.of());
        Optional<LocalDate> newestStart =
                newest.stream().map(ForecastPoint::date).min(LocalDate::compareTo);
        List<ChartData.Band> bands = java.util.stream.Stream.concat(
                        past.stream()
                                .filter(p -> newestStart.map(p.date()::isBefore).orElse(true)),
                        newest.stream())
                .sorted(java.util.Comparator.comparing(ForecastPoint::date))
                .map(p -> new ChartData.Band(p.date(), p.yhat(), p.lower(), p.upper()))
                .toList();
        List<ChartData.Day> marked = anomalies.stream()
                .filter(a -> seriesId.equals(a.seriesId()))
                .map(a -> new ChartData.Day(a.date(), a.actual()))
                .toList();
        return new ChartData(title, actual, bands, marked, today);
    }
}
