package org.nyc311.anomaly.engine.rolling;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import org.nyc311.anomaly.engine.AnomalyDetector;
import org.nyc311.anomaly.engine.Breach;
import org.nyc311.anomaly.engine.DayVerdict;
import org.nyc311.anomaly.engine.Detection;
import org.nyc311.anomaly.engine.DetectionSettings;
import org.nyc311.anomaly.engine.ObservedDay;
import org.nyc311.forecast.DailySeries;
import org.nyc311.forecast.ForecastSettings;
import org.nyc311.forecast.SeriesForecaster;
import org.nyc311.model.forecast.ForecastPoint;

/**
 * Detection as if it had run every morning: each day from {@code from} on is forecast by the
 * forecasting engine from the days strictly before it, with the engine's full per-series model race,
 * hyperparameter search and interval calibration refitted for that day, and the day is then judged
 * against that interval. Nothing about a day is known to its own forecast.
 *
 * <p>The forecast for day {@code t} is the first point of a forecast made at {@code t} with the
 * settings' horizon (7 by default, the horizon at which the engine's calibration was benchmarked):
 * the model race then compares candidates on 4 windows of 7 days, not on 4 single days, and the
 * interval is calibrated over 280 forecast days. On the quarter before the test part of the real
 * series (never on the test part) this gave the same upper-bound exceedance as horizon 1 at a lower cost.
 *
 * <p>Days are independent once their history is fixed, so the work is split into blocks of days of
 * each series and run on a fixed pool of {@code threads} threads; the result does not depend on the
 * number of threads. The z-window before {@code from} is forecast too (a warm-up), so the first
 * reported days have a full window of residuals behind them.
 *
 * <p>With a {@link RunHistory} other than {@link RunHistory#KEEP}, a day that follows days of an open
 * spike run is forecast again, after the parallel pass, from a history with that run held out; this
 * goes through the days in order, because whether a day belongs to a run depends on its own forecast.
 */
public final class RollingDetector {

    /** Days per task: small enough to balance two threads over one long series, big enough to be cheap to queue. */
    static final int BLOCK_DAYS = 8;

    /** The most days of an open run held out of a history: a week, after which a rise is let in. */
    public static final int MAX_HELD_OUT_DAYS = 7;

    /** What {@code ./nyc311 detect} and the benchmark use unless told otherwise. */
    public static final RunHistory DEFAULT_RUN_HISTORY = RunHistory.KEEP;

    private final SeriesForecaster forecaster;
    private final AnomalyDetector detector;
    private final RunHistory runHistory;
    private final boolean judgeRunsBefore;
    private final int threads;

    public RollingDetector(ForecastSettings forecast, DetectionSettings detection, int threads) {
        this(forecast, detection, DEFAULT_RUN_HISTORY, false, threads);
    }

    public RollingDetector(ForecastSettings forecast, DetectionSettings detection, RunHistory runHistory, int threads) {
        this(forecast, detection, runHistory, false, threads);
    }

    /**
     * @param judgeRunsBefore whether the later days of a spike run are judged against the forecast made before the
     *                        run began ({@link AnomalyDetector#detect(List, AnomalyDetector.Yardstick)}), as
     *                        anomaly-service does with the forecasts it keeps
     */
    public RollingDetector(
            ForecastSettings forecast,
            DetectionSettings detection,
            RunHistory runHistory,
            boolean judgeRunsBefore,
            int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        if (judgeRunsBefore && forecast.horizon() < AnomalyDetector.MAX_FROZEN_DAYS + 1) {
            throw new IllegalArgumentException("the forecasts must reach " + (AnomalyDetector.MAX_FROZEN_DAYS + 1)
                    + " days ahead to judge a run against the one made before it, horizon " + forecast.horizon());
        }
        this.forecaster = new SeriesForecaster(Objects.requireNonNull(forecast));
        this.detector = new AnomalyDetector(Objects.requireNonNull(detection));
        this.runHistory = Objects.requireNonNull(runHistory);
        this.judgeRunsBefore = judgeRunsBefore;
        this.threads = threads;
    }

    /**
     * Judges {@code days} of {@code series} as this detector is set to: with the forecasts made before a run began
     * as its yardstick when {@code judgeRunsBefore}, each fitted when first needed, once per run.
     */
    public Detection judge(DailySeries series, List<ObservedDay> days) {
        return judge(days, yardstick(series, new java.util.HashMap<>()));
    }

    /** Judges {@code days} with {@code yardstick} when this detector judges runs against earlier forecasts. */
    public Detection judge(List<ObservedDay> days, AnomalyDetector.Yardstick yardstick) {
        return detector.detect(days, judgeRunsBefore ? yardstick : AnomalyDetector.Yardstick.NONE);
    }

    /**
     * The forecasts of earlier mornings of {@code series}, fitted when first asked for and kept in {@code byMorning}
     * (which a caller may share between yardsticks of series that agree up to those mornings; thread-safe if it is).
     */
    public AnomalyDetector.Yardstick yardstick(DailySeries series, Map<LocalDate, List<ForecastPoint>> byMorning) {
        return (runStart, day) -> {
            long origin = ChronoUnit.DAYS.between(series.start(), runStart);
            int step = (int) ChronoUnit.DAYS.between(runStart, day.date());
            if (origin < 1 || origin > series.length() || step < 0) {
                return Optional.empty();
            }
            List<ForecastPoint> points = byMorning.computeIfAbsent(
                    runStart,
                    m -> forecaster.forecast(series.prefix((int) origin)).points());
            if (step >= points.size()) {
                return Optional.empty();
            }
            ForecastPoint p = points.get(step);
            return Optional.of(new ObservedDay(day.date(), day.actual(), p.yhat(), p.lower(), p.upper()));
        };
    }

    public AnomalyDetector detector() {
        return detector;
    }

    public RunHistory runHistory() {
        return runHistory;
    }

    /**
     * The day {@code t} of {@code series} (its actual) with the interval forecast from the days before
     * it, all of them as they were: what the forecast is when no run is open.
     */
    public ObservedDay forecastDay(DailySeries series, int t) {
        return forecastFrom(series.prefix(t), series, t);
    }

    /**
     * The day {@code t} of {@code series} forecast as rolling detection does it: with the open spike run
     * among the days before it held out of the history as {@link #runHistory()} says.
     *
     * @param judged the days before {@code t} as already judged, consecutive and ending with day
     *               {@code t - 1} (at least the z-window and the run; more is fine); their forecasts
     *               decide which of them are in a run
     */
    public ObservedDay forecastDay(DailySeries series, int t, List<ObservedDay> judged) {
        return heldOutHistory(series, t, judged)
                .map(h -> forecastFrom(h, series, t))
                .orElseGet(() -> forecastDay(series, t));
    }

    private ObservedDay forecastFrom(DailySeries history, DailySeries series, int t) {
        ForecastPoint p = forecaster.forecast(history).points().get(0);
        return new ObservedDay(series.date(t), series.count(t), p.yhat(), p.lower(), p.upper());
    }

    /**
     * The history of day {@code t} with the open run held out, or empty when nothing is held out
     * ({@link RunHistory#KEEP}, or the day before was not in a spike run).
     */
    private Optional<DailySeries> heldOutHistory(DailySeries series, int t, List<ObservedDay> judged) {
        if (runHistory == RunHistory.KEEP || judged.isEmpty()) {
            return Optional.empty();
        }
        ObservedDay last = judged.get(judged.size() - 1);
        if (!last.date().equals(series.date(t - 1))) {
            throw new IllegalArgumentException(
                    "judged days must end the day before " + series.date(t) + ", end on " + last.date());
        }
        // the verdicts of the last days only need the z-window before them
        int from = Math.max(
                0, judged.size() - MAX_HELD_OUT_DAYS - detector.settings().zWindow());
        List<DayVerdict> verdicts =
                detector.detect(judged.subList(from, judged.size())).days();
        double[] history = series.prefix(t).values();
        int held = 0;
        for (int k = verdicts.size() - 1; k >= 0 && held < MAX_HELD_OUT_DAYS; k--) {
            DayVerdict v = verdicts.get(k);
            if (!v.countsTowardAlert() || v.breach() == Breach.DROP) {
                break;
            }
            int day = t - 1 - held;
            history[day] = runHistory == RunHistory.FORECAST
                    ? Math.max(0, v.day().yhat())
                    : Math.min(history[day], Math.max(0, v.day().upper()));
            held++;
        }
        return held == 0 ? Optional.empty() : Optional.of(new DailySeries(series.start(), history));
    }

    /**
     * The first day index forecast for a detection from {@code from}: the warm-up start; the series'
     * length when it ends before {@code from}.
     */
    public int firstForecastDay(DailySeries series, LocalDate from) {
        long fromIndex = Math.max(0, ChronoUnit.DAYS.between(series.start(), from));
        if (fromIndex >= series.length()) {
            return series.length();
        }
        return (int) Math.max(0, fromIndex - detector.settings().zWindow());
    }

    /**
     * Detects on every series from {@code from} to its last day. A series that ends before
     * {@code from} gets no days.
     *
     * @param progress told the number of finished tasks (of {@link #tasks}) as they finish, on the calling thread
     */
    public Map<String, SeriesDetection> detect(Map<String, DailySeries> series, LocalDate from, IntConsumer progress)
            throws InterruptedException {
        Map<String, ObservedDay[]> days = new LinkedHashMap<>();
        List<Future<?>> futures = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (Map.Entry<String, DailySeries> e : series.entrySet()) {
                DailySeries s = e.getValue();
                int first = firstForecastDay(s, from);
                ObservedDay[] out = new ObservedDay[Math.max(0, s.length() - first)];
                days.put(e.getKey(), out);
                for (int block = first; block < s.length(); block += BLOCK_DAYS) {
                    int start = block;
                    int end = Math.min(s.length(), block + BLOCK_DAYS);
                    futures.add(pool.submit(() -> {
                        for (int t = start; t < end; t++) {
                            out[t - first] = forecastDay(s, t);
                        }
                    }));
                }
            }
            int done = 0;
            for (Future<?> f : futures) {
                f.get();
                progress.accept(++done);
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("rolling forecast failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        if (runHistory != RunHistory.KEEP) {
            days.forEach((id, d) -> holdOutRuns(Objects.requireNonNull(series.get(id)), d));
        }
        Map<String, SeriesDetection> out = new LinkedHashMap<>();
        days.forEach((id, d) -> out.put(
                id, new SeriesDetection(from, judge(Objects.requireNonNull(series.get(id)), Arrays.asList(d)))));
        return out;
    }

    /**
     * The sequential pass: in date order, a day after a run day is forecast again with the run held
     * out. {@code days} holds the parallel pass's forecasts from the first forecast day on.
     */
    private void holdOutRuns(DailySeries series, ObservedDay[] days) {
        int first = series.length() - days.length;
        List<ObservedDay> judged = new ArrayList<>(days.length);
        for (int i = 0; i < days.length; i++) {
            if (i > 0) {
                int t = first + i;
                ObservedDay plain = days[i];
                days[i] = heldOutHistory(series, t, judged)
                        .map(h -> forecastFrom(h, series, t))
                        .orElse(plain);
            }
            judged.add(days[i]);
        }
    }

    /** How many tasks {@link #detect} will run for these series, for progress reports. */
    public int tasks(Map<String, DailySeries> series, LocalDate from) {
        int n = 0;
        for (DailySeries s : series.values()) {
            int days = Math.max(0, s.length() - firstForecastDay(s, from));
            n += (days + BLOCK_DAYS - 1) / BLOCK_DAYS;
        }
        return n;
    }
}
