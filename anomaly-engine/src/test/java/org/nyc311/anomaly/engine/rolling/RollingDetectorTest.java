package org.nyc311.anomaly.engine.rolling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nyc311.anomaly.engine.DayVerdict;
import org.nyc311.anomaly.engine.DetectionSettings;
import org.nyc311.anomaly.engine.ObservedDay;
import org.nyc311.forecast.DailySeries;
import org.nyc311.forecast.ForecastSettings;
import org.nyc311.forecast.SeriesForecaster;
import org.nyc311.model.forecast.ForecastPoint;

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

    /** A week's horizon and a 2-trial search: enough for the detector's logic, quick to fit. */
    private static final ForecastSettings QUICK = ForecastSettings.of(7).withTrials(2);

    private final RollingDetector detector = new RollingDetector(QUICK, DetectionSettings.defaults(), 2);

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

        SeriesDetection d = detector.detect(Map.of("a", s), from, done -> {}).get("a");

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
        RollingDetector single = new RollingDetector(QUICK, DetectionSettings.defaults(), 1);

        assertThat(single.detect(series, from, done -> {})).isEqualTo(detector.detect(series, from, done -> {}));
    }

    @Test
    void aSeriesThatEndsBeforeTheFirstDayGetsNoDaysAndCostsNothing() throws Exception {
        DailySeries s = new DailySeries(START, weekly(30, 5));
        LocalDate from = START.plusDays(40);

        assertThat(detector.tasks(Map.of("a", s), from)).isZero();
        assertThat(detector.detect(Map.of("a", s), from, done -> {}).get("a").reported())
                .isEmpty();
    }

    /** The days {@code from .. t - 1} of {@code series} as rolling detection would have judged them. */
    private static List<ObservedDay> judged(RollingDetector d, DailySeries series, int from, int t) {
        List<ObservedDay> out = new ArrayList<>();
        for (int i = from; i < t; i++) {
            out.add(d.forecastDay(series, i, out));
        }
        return out;
    }

    /** Seed 6's weekly series with a one-day spike of 1 000 on day 90. */
    private static DailySeries spikedOnDay90() {
        double[] y = weekly(100, 6);
        y[90] = 1_000;
        return new DailySeries(START, y);
    }

    /**
     * The shipped rules but the margin rule, which on this series counts day 89 (half-way to its upper bound) into
     * the spike's run: these tests follow a run that begins on the spike's first day.
     */
    private static final DetectionSettings RUN_FROM_THE_SPIKE =
            DetectionSettings.defaults().withMarginEvidence(DetectionSettings.MarginEvidence.OFF);

    /** A one-thread detector that does {@code history} with the open spike run before a day. */
    private static RollingDetector rollingWith(RunHistory history) {
        return new RollingDetector(QUICK, RUN_FROM_THE_SPIKE, history, 1);
    }

    @Test
    void spikeDaysAreKeptOutOfTheNextDaysHistory() {
        DailySeries spiked = spikedOnDay90();
        RollingDetector holdOut = rollingWith(RunHistory.FORECAST);
        List<ObservedDay> before = judged(holdOut, spiked, 50, 91);
        List<DayVerdict> verdicts = holdOut.detector().detect(before).days();
        assertThat(verdicts.get(verdicts.size() - 1).anomalous())
                .as("the spike day is flagged")
                .isTrue();
        assertThat(verdicts.get(verdicts.size() - 2).countsTowardAlert())
                .as("and starts the run")
                .isFalse();

        ObservedDay next = holdOut.forecastDay(spiked, 91, before);

        double[] asExpected = spiked.values();
        asExpected[90] = before.get(before.size() - 1).yhat();
        ObservedDay fromExpected = detector.forecastDay(new DailySeries(START, asExpected), 91);
        ObservedDay fromSpike = detector.forecastDay(spiked, 91);
        assertThat(next.yhat()).isEqualTo(fromExpected.yhat());
        assertThat(next.upper()).isEqualTo(fromExpected.upper());
        assertThat(next).as("the spike in the history changes the forecast").isNotEqualTo(fromSpike);
        assertThat(detector.forecastDay(spiked, 91, before))
                .as("KEEP, the default, holds nothing out")
                .isEqualTo(fromSpike);
    }

    @Test
    void judgingRunsBeforeTheyBeganUsesTheForecastMadeOnTheRunsFirstMorning() throws Exception {
        double[] y = weekly(100, 6);
        for (int t = 90; t < 94; t++) {
            y[t] = 1_000;
        }
        DailySeries spiked = new DailySeries(START, y);
        RollingDetector judgeBefore = new RollingDetector(QUICK, RUN_FROM_THE_SPIKE, RunHistory.KEEP, true, 1);

        List<DayVerdict> days = judgeBefore
                .detect(Map.of("a", spiked), START.plusDays(60), done -> {})
                .get("a")
                .detection()
                .days();

        List<ForecastPoint> madeBefore =
                new SeriesForecaster(QUICK).forecast(spiked.prefix(90)).points();
        DayVerdict third = days.stream()
                .filter(v -> v.date().equals(START.plusDays(92)))
                .findFirst()
                .orElseThrow();
        assertThat(third.day().yhat())
                .as("the third day against the forecast of the spike's first morning")
                .isEqualTo(madeBefore.get(2).yhat());
        assertThat(third.day().upper()).isEqualTo(madeBefore.get(2).upper());
        assertThat(third.anomalous()).isTrue();
        assertThatThrownBy(() -> new RollingDetector(
                        ForecastSettings.of(3), DetectionSettings.defaults(), RunHistory.KEEP, true, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("horizon");
    }

    @Test
    void cappingAtTheUpperBoundKeepsTheRunButNotBeyondItsInterval() {
        DailySeries spiked = spikedOnDay90();
        RollingDetector capped = rollingWith(RunHistory.CAP_AT_UPPER);
        List<ObservedDay> before = judged(capped, spiked, 50, 91);

        double[] asCapped = spiked.values();
        asCapped[90] = before.get(before.size() - 1).upper();
        assertThat(capped.forecastDay(spiked, 91, before))
                .isEqualTo(detector.forecastDay(new DailySeries(START, asCapped), 91));
    }

    @Test
    void holdingRunsOutGivesTheSameResultOnAnyNumberOfThreads() throws Exception {
        double[] y = weekly(100, 7);
        for (int t = 88; t < 92; t++) {
            y[t] *= 2;
        }
        Map<String, DailySeries> series = Map.of("a", new DailySeries(START, y));
        LocalDate from = START.plusDays(85);
        RollingDetector one = rollingWith(RunHistory.FORECAST);
        RollingDetector two = new RollingDetector(QUICK, RUN_FROM_THE_SPIKE, RunHistory.FORECAST, 2);

        SeriesDetection d = two.detect(series, from, done -> {}).get("a");

        assertThat(one.detect(series, from, done -> {}).get("a")).isEqualTo(d);
        List<ObservedDay> days =
                d.detection().days().stream().map(DayVerdict::day).toList();
        int first = 100 - days.size();
        assertThat(days.get(91 - first))
                .as("the sequential pass is what forecastDay with the judged days gives")
                .isEqualTo(two.forecastDay(series.get("a"), 91, days.subList(0, 91 - first)));
    }
}
