package org.nyc311.forecast.backtest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import org.nyc311.forecast.DailySeries;
import org.nyc311.forecast.Forecast;
import org.nyc311.forecast.ForecastSettings;
import org.nyc311.forecast.SeriesForecaster;
import org.nyc311.forecast.metrics.Accuracy;
import org.nyc311.forecast.metrics.AccuracyAccumulator;
import org.nyc311.model.forecast.ForecastPoint;

/**
 * Rolling-origin evaluation of forecasters on series with known futures. At each origin the
 * forecaster sees only the days before it (its own model search included) and is judged on the
 * {@code horizon} days after it.
 *
 * <p>Origins are the latest {@code origins} cut points, {@code step} days apart, whose windows end
 * {@code excludeLast} days before the end of each series (0: the windows reach the last day).
 */
public final class Backtester {

    /** Accuracy of one method: per series, and pooled over every evaluated day of every series. */
    public record MethodResult(String method, Map<String, Accuracy> perSeries, Accuracy pooled) {}

    private final int horizon;
    private final int origins;
    private final int step;
    private final int excludeLast;
    private final int threads;

    public Backtester(int horizon, int origins, int step, int excludeLast, int threads) {
        if (horizon < 1 || origins < 1 || step < 1 || excludeLast < 0 || threads < 1) {
            throw new IllegalArgumentException("horizon, origins, step, threads must be >= 1 and excludeLast >= 0");
        }
        this.horizon = horizon;
        this.origins = origins;
        this.step = step;
        this.excludeLast = excludeLast;
        this.threads = threads;
    }

    /** The origins (prefix lengths) evaluated on a series of n days, earliest first. */
    public int[] originsFor(int n) {
        List<Integer> list = new ArrayList<>();
        for (int j = 0; j < origins; j++) {
            int o = n - excludeLast - horizon - j * step;
            if (o >= 1) {
                list.add(0, o);
            }
        }
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * @param methods  name to forecaster settings (horizon is overridden with this backtest's)
     * @param progress called with the number of series finished, for progress reporting
     */
    public List<MethodResult> run(
            Map<String, DailySeries> series, Map<String, ForecastSettings> methods, IntConsumer progress) {
        Map<String, SeriesForecaster> forecasters = new LinkedHashMap<>();
        methods.forEach((name, s) -> forecasters.put(name, new SeriesForecaster(s.withHorizon(horizon))));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Map<String, AccuracyAccumulator>>> futures = new ArrayList<>();
            for (DailySeries s : series.values()) {
                futures.add(pool.submit(() -> evaluate(s, forecasters)));
            }
            Map<String, Map<String, Accuracy>> perMethod = new LinkedHashMap<>();
            Map<String, AccuracyAccumulator> pooled = new LinkedHashMap<>();
            forecasters.keySet().forEach(m -> {
                perMethod.put(m, new LinkedHashMap<>());
                pooled.put(m, new AccuracyAccumulator());
            });
            int i = 0;
            for (String id : series.keySet()) {
                Map<String, AccuracyAccumulator> result = futures.get(i++).get();
                result.forEach((m, acc) -> {
                    // evaluate() answers for exactly the methods both maps were filled with
                    Objects.requireNonNull(perMethod.get(m)).put(id, acc.result());
                    Objects.requireNonNull(pooled.get(m)).merge(acc);
                });
                progress.accept(i);
            }
            List<MethodResult> out = new ArrayList<>();
            perMethod.forEach((m, per) -> out.add(new MethodResult(
                    m, per, Objects.requireNonNull(pooled.get(m)).result())));
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("backtest interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("backtest failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private Map<String, AccuracyAccumulator> evaluate(DailySeries s, Map<String, SeriesForecaster> forecasters) {
        Map<String, AccuracyAccumulator> out = new LinkedHashMap<>();
        double[] y = s.values();
        for (Map.Entry<String, SeriesForecaster> e : forecasters.entrySet()) {
            AccuracyAccumulator acc = new AccuracyAccumulator();
            for (int origin : originsFor(s.length())) {
                Forecast f = e.getValue().forecast(s.prefix(origin));
                double scale = AccuracyAccumulator.seasonalNaiveScale(y, origin);
                List<ForecastPoint> points = f.points();
                for (int h = 0; h < points.size() && origin + h < y.length; h++) {
                    ForecastPoint p = points.get(h);
                    acc.add(y[origin + h], p.yhat(), p.lower(), p.upper(), scale);
                }
            }
            out.put(e.getKey(), acc);
        }
        return out;
    }
}
