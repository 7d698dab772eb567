package org.nyc311.dashboard.browser;

import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.nyc311.dashboard.chart.ChartData;
import org.nyc311.dashboard.chart.ForecastChart;

/**
 * Test-only page: the forecast chart with a known series, so the browser test sees ECharts draw a forecast, its
 * band, an actual line, anomaly markers and today from the production bundle (no forecast-service runs in tests).
 */
@Route(value = "test/forecast-chart", autoLayout = false)
@PermitAll
public class ChartHarnessView extends VerticalLayout {

    static final LocalDate TODAY = LocalDate.of(2026, 6, 15);

    public ChartHarnessView() {
        List<ChartData.Day> actual = new ArrayList<>();
        List<ChartData.Band> forecast = new ArrayList<>();
        for (int day = 0; day < 14; day++) {
            actual.add(new ChartData.Day(TODAY.minusDays(14 - day), 1000 + 10 * day));
        }
        for (int day = 0; day < 7; day++) {
            forecast.add(new ChartData.Band(TODAY.plusDays(day), 1150 + day, 1000 - 5 * day, 1300 + 5 * day));
        }
        ForecastChart chart = new ForecastChart();
        chart.show(new ChartData(
                "Harness", actual, forecast, List.of(new ChartData.Day(TODAY.minusDays(3), 1400)), TODAY));
        add(chart);
    }
}
