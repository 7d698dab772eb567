package org.nyc311.forecastservice.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nyc311.forecastservice.config.ForecastProperties;
import org.nyc311.forecastservice.fit.FitOutcome;
import org.nyc311.forecastservice.fit.SeriesFit;
import org.nyc311.forecastservice.fit.SeriesFitter;
import org.nyc311.forecastservice.gold.GoldSnapshot;
import org.nyc311.forecastservice.gold.SeriesHistory;
import org.nyc311.forecastservice.metrics.ForecastMetrics;
import org.nyc311.model.forecast.ForecastPoint;
import org.nyc311.model.series.Borough;
import org.nyc311.model.series.SeriesKey;

/** The real engine on a small city whose parents are exactly the sums of their parts, as gold's are. */
class LevelReconciliationTest {

    private static final int HORIZON = 14;
    private static final int DAYS = 200;
    private static final LocalDate LAST = LocalDate.of(2026, 4, 30);
    private static final SeriesKey CITY = SeriesKey.citywide();
    private static final SeriesKey BROOKLYN = SeriesKey.borough(Borough.BROOKLYN);
    private static final SeriesKey QUEENS = SeriesKey.borough(Borough.QUEENS);
    private static final SeriesKey NOISE_BK = SeriesKey.of("noise-residential", Borough.BROOKLYN);
    private static final SeriesKey HEAT_BK = SeriesKey.of("heat-hot-water", Borough.BROOKLYN);
    private static final SeriesKey NOISE_QN = SeriesKey.of("noise-residential", Borough.QUEENS);
    private static final SeriesKey HEAT_QN = SeriesKey.of("heat-hot-water", Borough.QUEENS);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ForecastMetrics metrics = new ForecastMetrics(registry);
    private SeriesFitter fitter;

    @AfterEach
    void stop() {
        if (fitter != null) {
            fitter.destroy();
        }
    }

    @Test
    void theStoredBoroughsAddUpToTheCityAndTheTypesToTheirBoroughOnEveryDay() {
        LevelReconciliation reconciliation = reconciliation(ForecastProperties.Reconciliation.MINT_SHRINK);
        GoldSnapshot snapshot = city(List.of(CITY, BROOKLYN, QUEENS, NOISE_BK, HEAT_BK, NOISE_QN, HEAT_QN));
        FitOutcome own = fitter.fitAll(snapshot.series(), HORIZON);

        Map<SeriesKey, SeriesFit> out = byKey(reconciliation.reconcile(snapshot, own, HORIZON));

        for (int t = 0; t < HORIZON; t++) {
            assertThat(yhat(out, CITY, t)).isCloseTo(yhat(out, BROOKLYN, t) + yhat(out, QUEENS, t), within(1e-6));
            assertThat(yhat(out, BROOKLYN, t)).isCloseTo(yhat(out, NOISE_BK, t) + yhat(out, HEAT_BK, t), within(1e-6));
            assertThat(yhat(out, QUEENS, t)).isCloseTo(yhat(out, NOISE_QN, t) + yhat(out, HEAT_QN, t), within(1e-6));
        }
        // the series' own forecasts did not add up: there was something to reconcile
        Map<SeriesKey, SeriesFit> before = byKey(own);
        assertThat(Math.abs(yhat(before, CITY, 0) - yhat(before, BROOKLYN, 0) - yhat(before, QUEENS, 0)))
                .isGreaterThan(0.5);
        assertThat(out.values()).allSatisfy(fit -> {
            assertThat(fit.hyperparameters()).containsEntry(SeriesFit.RECONCILIATION, "mint_shrink");
            assertThat(fit.points()).allSatisfy(p -> assertThat(p.lower()).isLessThanOrEqualTo(p.yhat()));
        });
        assertThat(registry.get("nyc311.forecast.reconciliation.gap.before")
                        .gauge()
                        .value())
                .isGreaterThan(1e-3);
        assertThat(registry.get("nyc311.forecast.reconciliation.gap.after")
                        .gauge()
                        .value())
                .isLessThan(1e-9);
    }

    @Test
    void whatAParentsForecastPartsLeaveOfItIsForecastAsItsRemainderAndNotStored() {
        LevelReconciliation reconciliation = reconciliation(ForecastProperties.Reconciliation.MINT_SHRINK);
        // heat in Queens failed or was too small to forecast: Queens' remainder holds it
        GoldSnapshot snapshot = city(List.of(CITY, BROOKLYN, QUEENS, NOISE_BK, HEAT_BK, NOISE_QN));

        FitOutcome out = reconciliation.reconcile(snapshot, fitter.fitAll(snapshot.series(), HORIZON), HORIZON);
        Map<SeriesKey, SeriesFit> fits = byKey(out);

        assertThat(fits).containsOnlyKeys(CITY, BROOKLYN, QUEENS, NOISE_BK, HEAT_BK, NOISE_QN);
        for (int t = 0; t < HORIZON; t++) {
            assertThat(yhat(fits, CITY, t)).isCloseTo(yhat(fits, BROOKLYN, t) + yhat(fits, QUEENS, t), within(1e-6));
            // Queens is noise plus a remainder of about 40 a day
            assertThat(yhat(fits, QUEENS, t) - yhat(fits, NOISE_QN, t)).isBetween(20.0, 70.0);
        }
        assertThat(registry.get("nyc311.forecast.reconciliation.gap.after")
                        .gauge()
                        .value())
                .isLessThan(1e-9);
    }

    @Test
    void switchedOffTheSeriesKeepTheirOwnForecasts() {
        LevelReconciliation reconciliation = reconciliation(ForecastProperties.Reconciliation.OFF);
        GoldSnapshot snapshot = city(List.of(CITY, BROOKLYN, QUEENS, NOISE_BK, HEAT_BK, NOISE_QN, HEAT_QN));
        FitOutcome own = fitter.fitAll(snapshot.series(), HORIZON);

        assertThat(reconciliation.reconcile(snapshot, own, HORIZON)).isSameAs(own);
    }

    private LevelReconciliation reconciliation(ForecastProperties.Reconciliation on) {
        ForecastProperties properties =
                new ForecastProperties(HORIZON, 0, 0, 2, 0, 2, null, 0, null, null, null, null, null, on, null);
        fitter = new SeriesFitter(properties, metrics);
        return new LevelReconciliation(fitter, properties, metrics);
    }

    /** Four types with a weekly pattern and noise; the boroughs and the city are their sums, day by day. */
    private static GoldSnapshot city(List<SeriesKey> forecast) {
        SplittableRandom random = new SplittableRandom(311);
        Map<SeriesKey, double[]> counts = new LinkedHashMap<>();
        Map<SeriesKey, Double> levels = Map.of(NOISE_BK, 120.0, HEAT_BK, 60.0, NOISE_QN, 80.0, HEAT_QN, 40.0);
        for (SeriesKey type : List.of(NOISE_BK, HEAT_BK, NOISE_QN, HEAT_QN)) {
            double[] y = new double[DAYS];
            for (int d = 0; d < DAYS; d++) {
                double weekly = 1 + 0.3 * Math.sin(2 * Math.PI * d / 7.0);
                y[d] = Math.max(
                        0, Math.round(levels.get(type) * weekly + Math.sqrt(levels.get(type)) * random.nextGaussian()));
            }
            counts.put(type, y);
        }
        counts.put(BROOKLYN, plus(counts.get(NOISE_BK), counts.get(HEAT_BK)));
        counts.put(QUEENS, plus(counts.get(NOISE_QN), counts.get(HEAT_QN)));
        counts.put(CITY, plus(counts.get(BROOKLYN), counts.get(QUEENS)));
        LocalDate first = LAST.minusDays(DAYS - 1L);
        List<SeriesHistory> series = new ArrayList<>();
        for (SeriesKey key : forecast) {
            series.add(new SeriesHistory(key, first, counts.get(key)));
        }
        return new GoldSnapshot(1, first, LAST, series);
    }

    private static double[] plus(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] + b[i];
        }
        return out;
    }

    private static Map<SeriesKey, SeriesFit> byKey(FitOutcome outcome) {
        Map<SeriesKey, SeriesFit> out = new LinkedHashMap<>();
        outcome.fitted().forEach(fit -> out.put(fit.key(), fit));
        return out;
    }

    private static double yhat(Map<SeriesKey, SeriesFit> fits, SeriesKey key, int day) {
        ForecastPoint point = fits.get(key).points().get(day);
        return point.yhat();
    }
}
