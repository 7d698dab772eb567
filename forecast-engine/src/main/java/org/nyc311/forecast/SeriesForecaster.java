package org.nyc311.forecast;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.jspecify.annotations.Nullable;
import org.nyc311.forecast.Forecast.CandidateScore;
import org.nyc311.forecast.interval.CountIntervals;
import org.nyc311.forecast.interval.IntervalCalibration;
import org.nyc311.forecast.interval.ShortHistoryIntervals;
import org.nyc311.forecast.metrics.Accuracy;
import org.nyc311.forecast.metrics.AccuracyAccumulator;
import org.nyc311.forecast.model.FittedModel;
import org.nyc311.forecast.model.ForecastModel;
import org.nyc311.forecast.model.baseline.RecentMean;
import org.nyc311.forecast.model.baseline.SeasonalAverage;
import org.nyc311.forecast.model.prophet.Parent;
import org.nyc311.forecast.model.prophet.ParentShape;
import org.nyc311.forecast.selection.CandidatePool;
import org.nyc311.forecast.selection.ModelSelector;
import org.nyc311.forecast.selection.ModelSelector.Selection;
import org.nyc311.forecast.selection.RollingOrigins;
import org.nyc311.model.calendar.HolidayCalendar;
import org.nyc311.model.forecast.ForecastPoint;

/**
 * The engine's front door: give it a series of daily counts, get back a forecast with calibrated
 * intervals and the evidence for the model chosen.
 *
 * <p>Per series it (1) races the candidate models, including the seeded hyperparameter search of
 * the Prophet-style model, on rolling origins of the series' own history; (2) learns the
 * interval calibration from the winner's errors on more origins (for a series of a few requests a day,
 * the dispersion of a negative binomial instead, {@link CountIntervals}); (3) refits the winner on the
 * whole history and forecasts. Histories too short to cross-validate, and all-zero ones, get a simple
 * default instead of an exception.
 *
 * <p>Immutable and thread-safe: one instance can serve many threads; it holds no mutable state.
 * The same input and seed always give the same output.
 */
public final class SeriesForecaster {

    private final ForecastSettings settings;
    private final CandidatePool pool;
    private final ModelSelector selector = new ModelSelector();

    public SeriesForecaster(ForecastSettings settings, HolidayCalendar calendar) {
        this.settings = Objects.requireNonNull(settings);
        this.pool = new CandidatePool(Objects.requireNonNull(calendar));
    }

    public SeriesForecaster(ForecastSettings settings) {
        this(settings, HolidayCalendar.newYorkCity());
    }

    public ForecastSettings settings() {
        return settings;
    }

    /**
     * Forecasts the {@code horizon} days after the last count.
     *
     * @param firstDate   the date of {@code dailyCounts[0]}
     * @param dailyCounts one finite count >= 0 per consecutive day (missing days as zeros)
     * @throws IllegalArgumentException if a count is negative or not finite
     */
    public Forecast forecast(LocalDate firstDate, double[] dailyCounts) {
        return forecast(new DailySeries(firstDate, dailyCounts));
    }

    public Forecast forecast(DailySeries history) {
        return forecast(history, null);
    }

    /**
     * Forecasts a series that has a parent (all complaints of its borough, the whole city) whose yearly pattern and
     * holiday effects it borrows while it has fewer than {@link ParentShape#BORROWED_BELOW_DAYS} days of its own
     * ({@link ParentShape}), each fit the shape the parent had at the end of that fit's history ({@link Parent}); from a
     * whole year on, the parent is not used and this is {@link #forecast(DailySeries)}.
     */
    public Forecast forecast(DailySeries history, @Nullable Parent parent) {
        int n = history.length();
        // lent only when the parent can lend at the series' last day, so a forecast says it borrowed only if it did
        Parent borrowed = n < ParentShape.BORROWED_BELOW_DAYS
                        && parent != null
                        && parent.shapeBefore(history.end()).isPresent()
                ? parent
                : null;
        if (n == 0 || history.allZero()) {
            return zeroForecast(history);
        }
        RollingOrigins origins = RollingOrigins.of(n, settings.horizon(), settings.folds());
        if (!origins.usable()) {
            return shortHistoryForecast(history);
        }
        Selection selection = selector.select(
                history,
                origins.search(),
                settings.horizon(),
                pool.candidates(history, origins.search(), settings, borrowed),
                settings.allows(ModelFamily.ENSEMBLE));
        return calibratedForecast(history, origins.calibration(), selection);
    }

    private Forecast calibratedForecast(DailySeries history, int[] ends, Selection selection) {
        int horizon = settings.horizon();
        ForecastModel winner = selection.winner();
        double[] y = history.values();
        ForecastModel.PrefixFits fits = winner.onPrefixes(history, ends);
        double[][] predictions = new double[ends.length][];
        double[][] logErrors = new double[ends.length][horizon];
        double[][] spreads = new double[ends.length][];
        for (int k = 0; k < ends.length; k++) {
            FittedModel fitted = fits.fitUpTo(ends[k]);
            predictions[k] = fitted.predict(horizon);
            spreads[k] = fitted.trendSpread(horizon, settings.seed() + k);
            for (int h = 0; h < horizon; h++) {
                logErrors[k][h] = Math.log1p(y[ends[k] + h]) - Math.log1p(predictions[k][h]);
            }
        }
        FittedModel fitted = winner.fit(history);
        double[] yhat = fitted.predict(horizon);
        double[][] bounds;
        double[][][] crossFitted;
        if (CountIntervals.suits(y)) {
            // a series of a few requests a day: a count distribution around the forecast (see CountIntervals)
            double[][] actuals = new double[ends.length][];
            double[] floors = new double[ends.length];
            for (int k = 0; k < ends.length; k++) {
                actuals[k] = Arrays.copyOfRange(y, ends[k], ends[k] + horizon);
                floors[k] = CountIntervals.floor(y, ends[k]);
            }
            crossFitted = crossFittedBounds(
                    ends.length,
                    k -> CountIntervals.learn(
                                    allBut(actuals, k),
                                    allBut(predictions, k),
                                    allBut(floors, k),
                                    allBut(crossFitAges(ends, k, horizon), k),
                                    settings.calibrationHalfLifeDays(),
                                    settings.level())
                            .bounds(predictions[k], floors[k]));
            bounds = CountIntervals.learn(
                            actuals,
                            predictions,
                            floors,
                            ages(ends, y.length, 0),
                            settings.calibrationHalfLifeDays(),
                            settings.level())
                    .bounds(yhat, CountIntervals.floor(y, y.length));
        } else {
            double halfLife = settings.calibrationHalfLifeDays();
            crossFitted = crossFittedBounds(
                    ends.length,
                    k -> IntervalCalibration.learn(
                                    allBut(logErrors, k),
                                    allBut(spreads, k),
                                    allBut(crossFitAges(ends, k, horizon), k),
                                    halfLife,
                                    settings.level())
                            .bounds(predictions[k], spreads[k]));
            bounds = IntervalCalibration.learn(logErrors, spreads, ages(ends, y.length, 0), halfLife, settings.level())
                    .bounds(yhat, fitted.trendSpread(horizon, settings.seed() - 1));
        }
        Accuracy cv = crossFittedAccuracy(y, ends, predictions, crossFitted);
        return new Forecast(
                winner.name(),
                winner.hyperparameters(),
                cv,
                selection.leaderboard(),
                points(history.end(), yhat, bounds),
                calibrationErrors(history, ends, predictions));
    }

    /** Actual minus forecast at every calibration origin, in requests, each origin named by its first forecast day. */
    private static CalibrationErrors calibrationErrors(DailySeries history, int[] ends, double[][] predictions) {
        double[] y = history.values();
        List<LocalDate> origins = new ArrayList<>(ends.length);
        double[][] errors = new double[ends.length][];
        for (int k = 0; k < ends.length; k++) {
            origins.add(history.date(ends[k]));
            errors[k] = new double[predictions[k].length];
            for (int h = 0; h < predictions[k].length; h++) {
                errors[k][h] = y[ends[k] + h] - predictions[k][h];
            }
        }
        return new CalibrationErrors(origins, errors);
    }

    /** Per calibration origin, its interval learnt from the other origins only: {@code [k][0]} lower, {@code [k][1]} upper. */
    private static double[][][] crossFittedBounds(int origins, IntFunction<double[][]> leavingOut) {
        double[][][] out = new double[origins][][];
        for (int k = 0; k < origins; k++) {
            out[k] = leavingOut.apply(k);
        }
        return out;
    }

    /**
     * Accuracy of the chosen model on the calibration origins. Coverage is cross-fitted: each origin's
     * interval is calibrated on the other origins only, so it is an honest estimate of the coverage to
     * expect, not the level the calibration was asked for.
     */
    private static Accuracy crossFittedAccuracy(double[] y, int[] ends, double[][] predictions, double[][][] bounds) {
        AccuracyAccumulator acc = new AccuracyAccumulator();
        for (int k = 0; k < ends.length; k++) {
            double scale = AccuracyAccumulator.seasonalNaiveScale(y, ends[k]);
            for (int h = 0; h < predictions[k].length; h++) {
                acc.add(y[ends[k] + h], predictions[k][h], bounds[k][0][h], bounds[k][1][h], scale);
            }
        }
        return acc.result();
    }

    /** Days from each origin to {@code target}, the origin an interval is for, plus {@code offset}. */
    private static double[] ages(int[] ends, int target, int offset) {
        double[] ages = new double[ends.length];
        for (int k = 0; k < ends.length; k++) {
            ages[k] = Math.abs(target - ends[k]) + offset;
        }
        return ages;
    }

    /**
     * The ages the other origins take when origin {@code k}'s interval is cross-fitted: their distance from it plus a
     * horizon, as the served interval sees its newest origin a horizon back. Without the horizon the neighbours a
     * week away, whose windows overlap k's own, would weigh the most and flatter the coverage reported.
     */
    private static double[] crossFitAges(int[] ends, int k, int horizon) {
        return ages(ends, ends[k], horizon);
    }

    private static double[] allBut(double[] values, int left) {
        double[] out = new double[values.length - 1];
        for (int j = 0, i = 0; j < values.length; j++) {
            if (j != left) {
                out[i++] = values[j];
            }
        }
        return out;
    }

    private static double[][] allBut(double[][] rows, int left) {
        double[][] out = new double[rows.length - 1][];
        for (int j = 0, i = 0; j < rows.length; j++) {
            if (j != left) {
                out[i++] = rows[j];
            }
        }
        return out;
    }

    private Forecast shortHistoryForecast(DailySeries history) {
        int n = history.length();
        ForecastModel model = n >= 14 ? new SeasonalAverage(Math.min(4, n / 7)) : new RecentMean(Math.min(n, 28));
        FittedModel fitted = model.fit(history);
        // in-sample residuals of the last weeks against the model's own profile
        int days = Math.min(n, 28);
        double[] profile = fitted.predict(7);
        double[] residuals = new double[days];
        for (int i = 0; i < days; i++) {
            int t = n - days + i;
            int weekday = Math.floorMod(t - n, 7);
            residuals[i] = Math.log1p(history.count(t)) - Math.log1p(profile[weekday % profile.length]);
        }
        double[] yhat = fitted.predict(settings.horizon());
        double[][] bounds = ShortHistoryIntervals.bounds(yhat, residuals, settings.level());
        return new Forecast(
                model.name(),
                model.hyperparameters(),
                Accuracy.NONE,
                List.of(new CandidateScore(model.name(), model.hyperparameters(), Double.NaN)),
                points(history.end(), yhat, bounds),
                CalibrationErrors.NONE);
    }

    /**
     * Nothing has happened yet, so forecast nothing, with an upper bound from the "rule of three":
     * the highest daily rate still plausible after {@code n} empty days is {@code -ln(1 - level) / n}.
     */
    private Forecast zeroForecast(DailySeries history) {
        int horizon = settings.horizon();
        double rate = -Math.log(1 - settings.level()) / Math.max(1, history.length());
        double upper = new PoissonDistribution(
                        null, rate, PoissonDistribution.DEFAULT_EPSILON, PoissonDistribution.DEFAULT_MAX_ITERATIONS)
                .inverseCumulativeProbability(1 - (1 - settings.level()) / 2);
        double[][] bounds = new double[2][horizon];
        Arrays.fill(bounds[1], upper);
        String name = history.length() == 0 ? "empty_history" : "all_zero";
        return new Forecast(
                name,
                Map.of(),
                Accuracy.NONE,
                List.of(),
                points(history.end(), new double[horizon], bounds),
                CalibrationErrors.NONE);
    }

    private List<ForecastPoint> points(LocalDate first, double[] yhat, double[][] bounds) {
        List<ForecastPoint> out = new ArrayList<>(yhat.length);
        for (int h = 0; h < yhat.length; h++) {
            out.add(new ForecastPoint(first.plusDays(h), yhat[h], bounds[0][h], bounds[1][h], settings.level()));
        }
        return out;
    }
}
