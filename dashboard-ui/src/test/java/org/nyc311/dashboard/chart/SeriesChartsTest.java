package org.nyc311.dashboard.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.nyc311.api.anomaly.AnomalyView;
import org.nyc311.api.forecast.DailyCountView;
import org.nyc311.api.forecast.StoredForecastView;
import org.nyc311.model.forecast.ForecastPoint;

class SeriesChartsTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 6, 1);
    private static final String SERIES = "all/brooklyn";

    private final StoredForecastView forecast = new StoredForecastView(
            SERIES,
            UUID.randomUUID(),
            "ets",
            "run",
            3L,
            TODAY.minusDays(1),
            1,
            List.of(new ForecastPoint(TODAY, 1000, 800, 1300, 0.95)));
    private final List<DailyCountView> history =
            List.of(new DailyCountView(TODAY.minusDays(2), 950), new DailyCountView(TODAY.minusDays(1), 1210));
    private final List<AnomalyView> anomalies = List.of(
            new AnomalyView(SERIES, "all", "brooklyn", TODAY.minusDays(1), 1210, 900, 800, 1000, 4.2, "HIGH", "run"),
            new AnomalyView("all/queens", "all", "queens", TODAY.minusDays(1), 700, 500, 400, 600, 3.9, "HIGH", "run"));

    @Test
    void theActualLineIsTheSeriesHistoryAgainstItsForecast() {
        ChartData chart =
                SeriesCharts.of("Brooklyn", SERIES, Optional.of(forecast), List.of(), history, anomalies, TODAY);

        assertThat(chart.actual())
                .containsExactly(
                        new ChartData.Day(TODAY.minusDays(2), 950), new ChartData.Day(TODAY.minusDays(1), 1210));
        assertThat(chart.forecast()).containsExactly(new ChartData.Band(TODAY, 1000, 800, 1300));
        assertThat(chart.anomalies()).containsExactly(new ChartData.Day(TODAY.minusDays(1), 1210));
        assertThat(chart.today()).isEqualTo(TODAY);
    }

    @Test
    void pastDaysShowTheForecastTheirMorningHadAndTheNewestForecastWinsFromItsFirstDay() {
        List<ForecastPoint> past = List.of(
                new ForecastPoint(TODAY.minusDays(2), 940, 760, 1150, 0.95),
                new ForecastPoint(TODAY.minusDays(1), 930, 750, 1140, 0.95),
                new ForecastPoint(TODAY, 920, 740, 1130, 0.95));

        ChartData chart = SeriesCharts.of("Brooklyn", SERIES, Optional.of(forecast), past, history, anomalies, TODAY);

        assertThat(chart.forecast())
                .containsExactly(
                        new ChartData.Band(TODAY.minusDays(2), 940, 760, 1150),
                        new ChartData.Band(TODAY.minusDays(1), 930, 750, 1140),
                        new ChartData.Band(TODAY, 1000, 800, 1300));
    }

    @Test
    void withoutHistoryOrForecastTheChartHasOnlyWhatIsKnown() {
        ChartData chart = SeriesCharts.of("Brooklyn", SERIES, Optional.empty(), List.of(), List.of(), List.of(), TODAY);

        assertThat(chart.actual()).isEmpty();
        assertThat(chart.isEmpty()).isTrue();
    }
}
