package org.nyc311.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nyc311.forecast.metrics.AccuracyAccumulator;
import org.nyc311.model.forecast.ForecastPoint;

class SeriesForecasterTest {

    private static final LocalDate START = LocalDate.of(2016, 1, 1);

    @Test
    void allZeroSeriesGetsAFiniteZeroForecast() {
        Forecast f = new SeriesForecaster(ForecastSettings.of(7)).forecast(START, new double[400]);
        assertThat(f.points()).hasSize(7).allSatisfy(p -> {
            assertThat(p.yhat()).isZero();
            assertThat(p.lower()).isZero();
            assertThat(p.upper()).isFinite().isGreaterThanOrEqualTo(0);
        });
        assertThat(f.model()).isEqualTo("all_zero");
    }

    @Test
    void threeDaySeriesGetsAFiniteForecastStartingTheNextDay() {
        Forecast f = new SeriesForecaster(ForecastSettings.of(10)).forecast(START, new double[] {4, 0, 7});
        assertThat(f.points()).hasSize(10);
        assertThat(f.points().get(0).date()).isEqualTo(START.plusDays(3));
        assertThat(f.points()).allSatisfy(p -> {
            assertThat(p.yhat()).isFinite().isPositive();
            assertThat(p.lower()).isFinite().isLessThanOrEqualTo(p.yhat());
            assertThat(p.upper()).isFinite().isGreaterThanOrEqualTo(p.yhat());
        });
    }

    @Test
    void emptyAndOneDayHistoriesDoNotThrow() {
        SeriesForecaster forecaster = new SeriesForecaster(ForecastSettings.of(3));
        assertThat(forecaster.forecast(START, new double[0]).points()).hasSize(3);
        assertThat(forecaster.forecast(START, new double[] {12}).points())
                .allSatisfy(p -> assertThat(p.yhat()).isEqualTo(12.0, org.assertj.core.api.Assertions.within(1e-9)));
    }

    @Test
    void sparseSeriesOfMostlyZerosGetsFiniteNonNegativeBounds() {
        double[] y = new double[300];
        SplittableRandom r = new SplittableRandom(4);
        for (int t = 0; t < y.length; t++) {
            y[t] = r.nextDouble() < 0.1 ? 1 + r.nextInt(3) : 0;
        }
        Forecast f = new SeriesForecaster(ForecastSettings.of(14).withTrials(3)).forecast(START, y);
        assertThat(f.points()).allSatisfy(p -> {
            assertThat(p.lower()).isFinite().isGreaterThanOrEqualTo(0);
            assertThat(p.upper()).isFinite().isGreaterThanOrEqualTo(p.yhat());
        });
    }

    @Test
    void sameInputAndSeedGiveIdenticalForecasts() {
        DailySeries s = synthetic(11, 500);
        ForecastSettings settings = ForecastSettings.of(14).withSeed(5);
        Forecast a = new SeriesForecaster(settings).forecast(s);
        Forecast b = new SeriesForecaster(settings).forecast(s);
        assertThat(b).isEqualTo(a);
    }

    @Test
    void reportsTheChosenModelItsHyperparametersAndCrossValidation() {
        Forecast f = new SeriesForecaster(ForecastSettings.of(7)).forecast(synthetic(12, 500));
        assertThat(f.model()).isNotBlank();
        assertThat(f.leaderboard()).isNotEmpty();
        assertThat(f.leaderboard().get(0).model()).isEqualTo(f.model());
        // 1 seasonal naive + 5 seasonal averages + 3 ETS + 20 Prophet trials, maybe one ensemble on top
        assertThat(f.leaderboard().size()).isBetween(29, 30);
        assertThat(f.crossValidation().points()).isPositive();
        assertThat(f.crossValidation().mase()).isFinite();
        assertThat(f.crossValidation().coverage()).isBetween(0.0, 1.0);
    }

    @Test
    void beatsSeasonalNaiveOnARealisticSyntheticSeries() {
        DailySeries s = synthetic(13, 730);
        int origin = 700;
        DailySeries history = s.prefix(origin);
        ForecastSettings settings = ForecastSettings.of(28).withTrials(5);
        Forecast engine = new SeriesForecaster(settings).forecast(history);
        Forecast naive = new SeriesForecaster(settings.withFamilies(EnumSet.of(ModelFamily.SEASONAL_NAIVE))
                        .withHolidayAdjustment(false))
                .forecast(history);
        assertThat(mase(s, origin, engine)).isLessThan(mase(s, origin, naive));
    }

    @Test
    void rejectsNegativeCounts() {
        assertThatThrownBy(() -> new SeriesForecaster(ForecastSettings.of(7)).forecast(START, new double[] {1, -1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2016-01-02");
    }

    private static double mase(DailySeries s, int origin, Forecast f) {
        AccuracyAccumulator acc = new AccuracyAccumulator();
        double scale = AccuracyAccumulator.seasonalNaiveScale(s.values(), origin);
        for (int h = 0; h < f.points().size(); h++) {
            ForecastPoint p = f.points().get(h);
            acc.add(s.count(origin + h), p.yhat(), p.lower(), p.upper(), scale);
        }
        return acc.result().mase();
    }

    private static DailySeries synthetic(long seed, int days) {
        SyntheticSeries.Shape shape = new SyntheticSeries.Shape(
                300, new double[] {1.1, 1.05, 1, 1, 1, 0.7, 0.65}, 0.2, 1.0, 0.05, 0.6, 0.1, 0.4, 40, 0);
        return SyntheticSeries.generate(shape, START, days, seed);
    }
}
