package org.nyc311.forecast.bench;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.nyc311.forecast.DailySeries;
import org.nyc311.forecast.SeriesForecaster;
import org.nyc311.forecast.metrics.AccuracyAccumulator;
import org.nyc311.model.forecast.ForecastPoint;

/**
 * One method's forecasts from each origin of a backtest, {yhat, lower, upper} per step, and their score: the engine's
 * made here, the anchors' read from their script, both scored by {@link #score} the same way.
 *
 * @param byOrigin origin (a prefix length: the fit saw the days before it) to its forecast steps
 */
public record OriginForecasts(Map<Integer, double[][]> byOrigin) {

    public OriginForecasts {
        byOrigin = Map.copyOf(byOrigin);
    }

    /** The engine's forecasts: at each origin it sees only the days before it, its model search included. */
    public static OriginForecasts of(SeriesForecaster forecaster, DailySeries series, int[] origins) {
        Map<Integer, double[][]> out = new TreeMap<>();
        for (int origin : origins) {
            List<ForecastPoint> points =
                    forecaster.forecast(series.prefix(origin)).points();
            double[][] steps = new double[points.size()][];
            for (int h = 0; h < steps.length; h++) {
                ForecastPoint p = points.get(h);
                steps[h] = new double[] {p.yhat(), p.lower(), p.upper()};
            }
            out.put(origin, steps);
        }
        return new OriginForecasts(out);
    }

    /**
     * Scores the forecasts as the engine's backtest does: each origin's days against their actuals, MASE scaled by the
     * seasonal naive's in-sample error before that origin; and the mean scaled interval score of the M4 competition
     * (the interval's width plus {@code 2 / alpha} times how far an actual falls outside it, over the same scale), so
     * that a wider interval that covers more is not read as a better one. A negative point forecast counts as 0
     * (counts cannot be negative), which can only help an anchor; the engine never makes one.
     */
    public BenchmarkScore score(DailySeries series, int[] origins, double level) {
        double[] y = series.values();
        double alpha = 1 - level;
        AccuracyAccumulator acc = new AccuracyAccumulator();
        double intervalScores = 0;
        int points = 0;
        for (int origin : origins) {
            double[][] steps = byOrigin.get(origin);
            if (steps == null) {
                throw new IllegalArgumentException("no forecast from origin " + origin);
            }
            double scale = AccuracyAccumulator.seasonalNaiveScale(y, origin);
            for (int h = 0; h < steps.length && origin + h < y.length; h++) {
                double actual = y[origin + h];
                double lower = steps[h][1];
                double upper = steps[h][2];
                acc.add(actual, Math.max(0, steps[h][0]), lower, upper, scale);
                double miss = Math.max(0, lower - actual) + Math.max(0, actual - upper);
                intervalScores += (upper - lower + 2 / alpha * miss) / scale;
                points++;
            }
        }
        return new BenchmarkScore(acc.result(), points == 0 ? Double.NaN : intervalScores / points);
    }

    /**
     * Coverage of the interval by calendar month of the forecast day, every origin's steps pooled: month to {days
     * covered, days}. A pooled coverage near the level can hide months far under it, after a shock, and far over it.
     */
    public SortedMap<YearMonth, int[]> coverageByMonth(DailySeries series, int[] origins) {
        double[] y = series.values();
        SortedMap<YearMonth, int[]> months = new TreeMap<>();
        for (int origin : origins) {
            double[][] steps = byOrigin.get(origin);
            if (steps == null) {
                throw new IllegalArgumentException("no forecast from origin " + origin);
            }
            for (int h = 0; h < steps.length && origin + h < y.length; h++) {
                int[] month = months.computeIfAbsent(YearMonth.from(series.date(origin + h)), m -> new int[2]);
                double actual = y[origin + h];
                month[0] += actual >= steps[h][1] && actual <= steps[h][2] ? 1 : 0;
                month[1]++;
            }
        }
        return months;
    }
}
