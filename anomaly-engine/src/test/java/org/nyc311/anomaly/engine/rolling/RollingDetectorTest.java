package org.nyc311.anomaly.engine.rolling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nyc311.anomaly.engine.DayVerdict;
import org.nyc311.anomaly.engine.DetectionSettings;
import org.nyc311.anomaly.engine.ObservedDay;
import org.nyc311.forecast.DailySeries;
import org.nyc311.forecast.ForecastSettings;

class RollingDetectorTest {

    static final LocalDate START = LocalDate.of(2024, 1, 1);

    /** About 100 a day with a weekday pattern and Poisson-like noise, seeded. */
    static double[] weekly(int days, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] y = new double[days];
        for (int t = 0; t < days; t++) {
            double level = 100 + (t % 7 >= 5 ? -30 : 10);
            y[t] = Math.max(0, Math.round(level + Math.sqrt(level) * random.nextGaussian()));
        }
        return y;
    }

    private final RollingDetector detector =
            new RollingDetector(ForecastSettings.of(7).withTrials(2), DetectionSettings.defaults(), 2);

    @Test
    void aDaysForecastNeverSeesThatDayOrLaterDays() {
        double[] y = weekly(100, 1);
        double[] changed = y.clone();
        changed[90] = 10_000;
        changed[95] = 0;

        ObservedDay before = detector.forecastDay(new DailySeries(START, y), 90);
        ObservedDay after = detector.forecastDay(new DailySeries(START, changed), 90);

        assertThat(after.yhat()).isEqualTo(before.yhat());
        assertThat(after.upper()).isEqualTo(before.upper());
        assertThat(after.actual()).isEqualTo(10_000);
    }

    @Test
    void reportsEveryDayFromTheFirstAskedAboutAfterAWarmUpOfTheZWindow() throws Exception {
        DailySeries s = new DailySeries(START, weekly(100, 2));
        LocalDate from = START.plusDays(90);

        SeriesDetection d = detector.detect(Map.of("a", s), from, done -> { }).get("a");

        assertThat(d.detection().days()).hasSize(10 + DetectionSettings.DEFAULT_Z_WINDOW);
        assertThat(d.reported()).extracting(DayVerdict::date).first().isEqualTo(from);
        assertThat(d.reported()).hasSize(10).last().extracting(DayVerdict::date).isEqualTo(START.plusDays(99));
    }

    @Test
    void theResultDoesNotDependOnTheNumberOfThreads() throws Exception {
        Map<String, DailySeries> series = new LinkedHashMap<>();
        series.put("a", new DailySeries(START, weekly(90, 3)));
        series.put("b", new DailySeries(START.plusDays(20), weekly(70, 4)));
        LocalDate from = START.plusDays(75);
        RollingDetector single = new RollingDetector(ForecastSettings.of(7).withTrials(2), DetectionSettings.defaults(), 1);

        assertThat(single.detect(series, from, done -> { })).isEqualTo(detector.detect(series, from, done -> { }));
    }

    @Test
    void aSeriesThatEndsBeforeTheFirstDayGetsNoDaysAndCostsNothing() throws Exception {
        DailySeries s = new DailySeries(START, weekly(30, 5));
        LocalDate from = START.plusDays(40);

        assertThat(detector.tasks(Map.of("a", s), from)).isZero();
        assertThat(detector.detect(Map.of("a", s), from, done -> { }).get("a").reported()).isEmpty();
    }
}
