package org.nyc311.forecast.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nyc311.forecast.DailySeries;
import org.nyc311.forecast.Forecast;
import org.nyc311.forecast.ForecastSettings;
import org.nyc311.forecast.SeriesForecaster;

/**
 * Runs the engine on the real NYC 311 series beside the repository. Skips, saying why, when that
 * data is absent; the synthetic tests cover the same code paths.
 */
class RealSeriesTest {

    @Test
    void forecastsEveryRealSeriesWithFiniteOrderedIntervals() throws Exception {
        Optional<Path> data = SharedData.locate();
        assumeTrue(
                data.isPresent(),
                "real NYC 311 data not found (set -D" + SharedData.PROPERTY
                        + " or place it at ../shared/data); skipping");
        SeriesForecaster forecaster = new SeriesForecaster(ForecastSettings.of(30));
        for (String name : SharedData.SERIES) {
            DailySeries s = SharedData.readSeries(data.get(), name);
            Forecast f = forecaster.forecast(s);
            assertThat(f.points()).as(name).hasSize(30);
            assertThat(f.points().get(0).date()).isEqualTo(s.end());
            assertThat(f.points()).as(name).allSatisfy(p -> {
                assertThat(p.lower()).isFinite().isGreaterThanOrEqualTo(0).isLessThanOrEqualTo(p.yhat());
                assertThat(p.upper()).isFinite().isGreaterThanOrEqualTo(p.yhat());
            });
            assertThat(f.crossValidation().coverage())
                    .as(name + " cross-fitted coverage")
                    .isBetween(0.8, 1.0);
        }
    }
}
