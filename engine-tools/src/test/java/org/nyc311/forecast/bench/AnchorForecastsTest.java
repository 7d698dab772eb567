package org.nyc311.forecast.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nyc311.forecast.DailySeries;
import org.nyc311.forecast.metrics.Accuracy;

class AnchorForecastsTest {

    @TempDir
    Path dir;

    /** 14 days of 10 then 12 (the seasonal naive's in-sample error is 2), then two days of 10 to forecast. */
    private static final DailySeries SERIES = new DailySeries(
            LocalDate.of(2024, 1, 1), new double[] {10, 10, 10, 10, 10, 10, 10, 12, 12, 12, 12, 12, 12, 12, 10, 10});

    /** Prophet's two days from origin 14: one inside its interval, one negative forecast outside it. */
    private static final String PROPHET = """
            method,origin,step,yhat,lower,upper
            prophet,14,0,12.0,9.0,13.0
            prophet,14,1,-3.0,-5.0,5.0
            """;

    @Test
    void readsEachMethodsForecastsByOriginAndStep() throws IOException {
        Path csv = write(PROPHET + """
                auto_ets,14,0,10.0,8.0,11.0
                auto_ets,14,1,10.0,8.0,11.0
                """);

        Map<String, OriginForecasts> read = AnchorForecasts.read(csv);

        assertThat(read).containsOnlyKeys("prophet", "auto_ets");
        assertThat(read.get("prophet").byOrigin().get(14)).isDeepEqualTo(new double[][] {{12, 9, 13}, {-3, -5, 5}});
    }

    @Test
    void scoresAnAnchorAsTheBacktestScoresTheEngineWithNegativeForecastsCountedAsZero() throws IOException {
        Path csv = write(PROPHET);

        BenchmarkScore score = AnchorForecasts.read(csv).get("prophet").score(SERIES, new int[] {14}, 0.95);

        // errors 2 and 10 (the -3 counts as 0), each over the naive's in-sample error of 2
        Accuracy a = score.accuracy();
        assertThat(a.mase()).isEqualTo(3.0);
        assertThat(a.coverage()).isEqualTo(0.5);
        assertThat(a.points()).isEqualTo(2);
        // interval scores: width 4 inside; width 10 plus 40 x 5 outside; each over the scale of 2
        assertThat(score.msis()).isCloseTo((4.0 / 2 + (10 + 40 * 5.0) / 2) / 2, within(1e-9));
    }

    @Test
    void refusesStepsOutOfOrderAndAnOriginItWasNotGiven() throws IOException {
        Path shuffled = write("""
                method,origin,step,yhat,lower,upper
                mstl,14,1,10.0,8.0,11.0
                """);
        assertThatThrownBy(() -> AnchorForecasts.read(shuffled)).hasMessageContaining("steps out of order");

        Path one = write("""
                method,origin,step,yhat,lower,upper
                mstl,14,0,10.0,8.0,11.0
                """);
        OriginForecasts mstl = AnchorForecasts.read(one).get("mstl");
        assertThatThrownBy(() -> mstl.score(SERIES, new int[] {7}, 0.95))
                .hasMessageContaining("no forecast from origin 7");
    }

    private Path write(String text) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "anchors", ".csv"), text);
    }
}
