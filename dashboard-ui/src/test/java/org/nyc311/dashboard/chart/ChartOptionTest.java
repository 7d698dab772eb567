package org.nyc311.dashboard.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChartOptionTest {

    private static final LocalDate DAY = LocalDate.of(2026, 6, 1);

    private final ChartData data = new ChartData(
            "Brooklyn",
            List.of(new ChartData.Day(DAY.minusDays(1), 900)),
            List.of(new ChartData.Band(DAY, 1000, 800, 1300), new ChartData.Band(DAY.plusDays(1), 1100, 850, 1400)),
            List.of(new ChartData.Day(DAY.minusDays(1), 900)),
            DAY);

    @Test
    void theBandIsStackedFromTheLowerBoundUpToTheUpperBound() {
        ObjectNode option = ChartOption.of(data);

        JsonNode base = series(option, ChartOption.BAND_BASE);
        JsonNode band = series(option, ChartOption.BAND);
        assertThat(base.get("stack").asText()).isEqualTo(band.get("stack").asText());
        assertThat(base.get("data").get(0).get(1).asDouble()).isEqualTo(800);
        assertThat(band.get("data").get(0).get(1).asDouble()).isEqualTo(500);
        assertThat(band.has("areaStyle")).isTrue();
    }

    @Test
    void actualForecastAnomaliesAndTodayAreAllDrawn() {
        ObjectNode option = ChartOption.of(data);

        assertThat(series(option, ChartOption.ACTUAL).get("data").get(0).get(0).asText())
                .isEqualTo("2026-05-31");
        assertThat(series(option, ChartOption.FORECAST).get("data")).hasSize(2);
        assertThat(series(option, ChartOption.FORECAST)
                        .at("/markLine/data/0/xAxis")
                        .asText())
                .isEqualTo("2026-06-01");
        JsonNode anomalies = series(option, ChartOption.ANOMALIES);
        assertThat(anomalies.get("type").asText()).isEqualTo("scatter");
        assertThat(anomalies.get("data").get(0).get(1).asDouble()).isEqualTo(900);
    }

    @Test
    void anEmptyChartStillHasItsSeriesSoTheLegendAndAxesShow() {
        ObjectNode option = ChartOption.of(new ChartData("Empty", List.of(), List.of(), List.of(), null));

        assertThat(option.get("series")).hasSize(5);
        assertThat(series(option, ChartOption.FORECAST).has("markLine")).isFalse();
    }

    private static JsonNode series(ObjectNode option, String name) {
        for (JsonNode s : option.get("series")) {
            if (name.equals(s.get("name").asText())) {
                return s;
            }
        }
        throw new AssertionError("no series " + name + " in " + option);
    }
}
