package org.nyc311.anomaly.engine.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nyc311.anomaly.engine.DayVerdict;
import org.nyc311.anomaly.engine.DetectionSettings;
import org.nyc311.anomaly.engine.rolling.RollingDetector;
import org.nyc311.anomaly.engine.rolling.SeriesDetection;
import org.nyc311.forecast.DailySeries;
import org.nyc311.forecast.ForecastSettings;
import org.nyc311.forecast.bench.SharedData;

/**
 * Rolling detection on the real citywide series beside the repository. Skips, saying why, when that
 * data is absent; the synthetic tests cover the same code paths.
 */
class RealSeriesDetectionTest {

    private static final LocalDate FROM = LocalDate.of(2017, 10, 1);
    private static final LocalDate TO = LocalDate.of(2017, 10, 31);

    @Test
    void aThreeDayDoublingOfCitywideRequestsAlertsWhileTheUntouchedMonthDoesNot() throws Exception {
        Optional<Path> data = SharedData.locate();
        assumeTrue(
                data.isPresent(),
                "real NYC 311 data not found (set -D" + SharedData.PROPERTY
                        + " or place it at ../shared/data); skipping");
        DailySeries full = SharedData.readSeries(data.get(), "citywide_all_types");
        DailySeries october = full.prefix((int) ChronoUnit.DAYS.between(full.start(), TO) + 1);
        double[] spiked = october.values();
        int tuesday = (int) ChronoUnit.DAYS.between(full.start(), LocalDate.of(2017, 10, 17));
        for (int t = tuesday; t < tuesday + 3; t++) {
            spiked[t] *= 2;
        }
        RollingDetector detector = new RollingDetector(ForecastSettings.of(7), DetectionSettings.defaults(), 2);

        SeriesDetection clean =
                detector.detect(Map.of("citywide", october), FROM, done -> {}).get("citywide");
        SeriesDetection injected = detector.detect(
                        Map.of("citywide", new DailySeries(full.start(), spiked)), FROM, done -> {})
                .get("citywide");

        assertThat(clean.reported()).hasSize(31);
        assertThat(clean.reported()).noneMatch(DayVerdict::alertOpened);
        assertThat(clean.reported().stream().filter(DayVerdict::anomalous).count())
                .isLessThanOrEqualTo(3);
        assertThat(injected.reported())
                .filteredOn(DayVerdict::alertOpened)
                .extracting(DayVerdict::date)
                .containsExactly(LocalDate.of(2017, 10, 19));
        assertThat(injected.detection().episodes())
                .singleElement()
                .satisfies(e -> assertThat(e.peakZScore()).isGreaterThan(5));
    }
}
