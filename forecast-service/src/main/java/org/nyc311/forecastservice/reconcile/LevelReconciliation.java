package org.nyc311.forecastservice.reconcile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.nyc311.forecast.CalibrationErrors;
import org.nyc311.forecast.DailySeries;
import org.nyc311.forecast.Forecast;
import org.nyc311.forecast.reconcile.LevelLayout;
import org.nyc311.forecast.reconcile.MinTReconciliation;
import org.nyc311.forecastservice.config.ForecastProperties;
import org.nyc311.forecastservice.fit.FitOutcome;
import org.nyc311.forecastservice.fit.SeriesFit;
import org.nyc311.forecastservice.fit.SeriesFitter;
import org.nyc311.forecastservice.gold.GoldSnapshot;
import org.nyc311.forecastservice.gold.SeriesHistory;
import org.nyc311.forecastservice.metrics.ForecastMetrics;
import org.nyc311.model.forecast.ForecastPoint;
import org.nyc311.model.series.SeriesKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A training's last step before its forecasts are stored: they are reconciled so that the boroughs add up to the city
 * and the complaint types to their borough, on every day of the horizon (forecast-engine's {@link LevelLayout} and
 * {@link MinTReconciliation}, MinT with shrinkage). What the forecast series of a parent leave of it (the types too
 * small to forecast, and any series whose fit failed) is forecast here as the parent's remainder, reconciled with the
 * rest and not stored. docs/BENCHMARKS.md, "Coherent levels", measured it on the generated city at full size.
 *
 * <p>Reconciling is an improvement, not a condition of the run: if it cannot be done (series that do not end on the
 * same day, a remainder whose fit fails or outlasts {@code nyc311.forecast.series-timeout}) the training keeps its
 * series' own forecasts and says why in the log.
 *
 * <p>A series whose own fit failed is absorbed into its parent's remainder; the API then still serves that series'
 * newest earlier forecast (its stored forecasts are per series), which this training's sums do not include.
 */
@Component
public class LevelReconciliation {

    private static final Logger LOG = LoggerFactory.getLogger(LevelReconciliation.class);
    /** The value {@link SeriesFit#RECONCILIATION} carries on a series reconciled with these weights: {@code mint_shrink}. */
    public static String label(MinTReconciliation.Weights weights) {
        return weights.name().toLowerCase(Locale.ROOT);
    }

    private final SeriesFitter fitter;
    private final ForecastProperties properties;
    private final ForecastMetrics metrics;

    public LevelReconciliation(SeriesFitter fitter, ForecastProperties properties, ForecastMetrics metrics) {
        this.fitter = fitter;
        this.properties = properties;
        this.metrics = metrics;
    }

    /** The outcome with its fitted series' points reconciled, or as it was when reconciling is off or not possible. */
    public FitOutcome reconcile(GoldSnapshot snapshot, FitOutcome outcome, int horizon) {
        ForecastProperties.Reconciliation method = properties.reconciliation();
        if (method == ForecastProperties.Reconciliation.OFF || outcome.fitted().isEmpty()) {
            metrics.notReconciled();
            return outcome;
        }
        try {
            return reconciled(
                    snapshot,
                    outcome,
                    horizon,
                    method == ForecastProperties.Reconciliation.WLS_VARIANCE
                            ? MinTReconciliation.Weights.WLS_VARIANCE
                            : MinTReconciliation.Weights.MINT_SHRINK);
        } catch (RuntimeException e) {
            LOG.warn(
                    "the training's forecasts were not reconciled across levels, each series keeps its own: {}",
                    e.toString());
            metrics.reconciliationFailed();
            metrics.notReconciled();
            return outcome;
        }
    }

    private FitOutcome reconciled(
            GoldSnapshot snapshot, FitOutcome outcome, int horizon, MinTReconciliation.Weights weights) {
        Map<SeriesKey, SeriesFit> fits = new LinkedHashMap<>();
        outcome.fitted().forEach(fit -> fits.put(fit.key(), fit));
        Map<SeriesKey, DailySeries> histories = new LinkedHashMap<>();
        for (SeriesHistory history : snapshot.series()) {
            if (fits.containsKey(history.key())) {
                histories.put(history.key(), new DailySeries(history.firstDate(), history.counts()));
            }
        }
        LevelLayout layout = LevelLayout.of(histories);
        if (layout.hierarchy().sums().isEmpty()) {
            metrics.notReconciled();
            return outcome;
        }
        List<List<ForecastPoint>> points = new ArrayList<>();
        List<CalibrationErrors> errors = new ArrayList<>();
        for (LevelLayout.Node node : layout.nodes()) {
            if (node.remainder()) {
                Forecast rest = fitter.forecastInPool(node.history(), horizon);
                points.add(rest.points());
                errors.add(rest.calibrationErrors());
            } else {
                // the layout holds only the series fitted
                SeriesFit fit = Objects.requireNonNull(fits.get(node.key()));
                points.add(fit.points());
                errors.add(fit.calibrationErrors());
            }
        }
        MinTReconciliation.Result result = MinTReconciliation.reconcile(layout.hierarchy(), points, errors, weights);
        double before = largestGap(layout, points);
        double after = largestGap(layout, result.forecasts());
        Map<SeriesKey, SeriesFit> reconciled = new LinkedHashMap<>(fits);
        for (int i : layout.seriesNodes()) {
            SeriesKey key = layout.nodes().get(i).key();
            reconciled.put(
                    key,
                    Objects.requireNonNull(fits.get(key))
                            .withPoints(result.forecasts().get(i), label(weights)));
        }
        int remainders = layout.nodes().size() - layout.seriesNodes().size();
        LOG.info(
                "reconciled {} series and {} remainders across {} sums ({}, shrinkage {}): the largest gap between "
                        + "a total and its parts went from {}% to {}%",
                layout.seriesNodes().size(),
                remainders,
                layout.hierarchy().sums().size(),
                label(weights),
                String.format(Locale.ROOT, "%.3f", result.shrinkage()),
                String.format(Locale.ROOT, "%.3g", 100 * before),
                String.format(Locale.ROOT, "%.3g", 100 * after));
        metrics.reconciled(before, after, result.shrinkage());
        return new FitOutcome(new ArrayList<>(reconciled.values()), outcome.failed());
    }

    /** The largest relative gap between a total and the sum of its parts over the horizon's days. */
    private static double largestGap(LevelLayout layout, List<List<ForecastPoint>> points) {
        double worst = 0;
        int days = points.get(0).size();
        for (int t = 0; t < days; t++) {
            double[] day = new double[points.size()];
            for (int i = 0; i < day.length; i++) {
                day[i] = points.get(i).get(t).yhat();
            }
            worst = Math.max(worst, layout.hierarchy().incoherence(day));
        }
        return worst;
    }
}
