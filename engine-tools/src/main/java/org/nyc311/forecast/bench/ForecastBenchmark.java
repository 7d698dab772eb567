package org.nyc311.forecast.bench;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nyc311.forecast.DailySeries;
import org.nyc311.forecast.ForecastSettings;
import org.nyc311.forecast.ModelFamily;
import org.nyc311.forecast.SeriesForecaster;
import org.nyc311.forecast.SyntheticSeries;
import org.nyc311.forecast.backtest.Backtester;
import org.nyc311.forecast.cli.WorkerThreads;
import org.nyc311.forecast.metrics.Accuracy;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The forecasting engine's benchmark: accuracy on the real series (on their test part, which no
 * model and no design decision was tuned on) and speed, printed as Markdown for docs/BENCHMARKS.md.
 *
 * <p>Accuracy: the last quarter of each real series is the test part. Origins step through it a
 * week apart; at each one the engine sees only the days before it, so its model search and
 * interval calibration run on history alone. Seasonal naive runs on the same origins.
 * Speed: fit-plus-forecast time per real series with and without the hyperparameter search, and
 * the wall time for {@code --series} seeded synthetic two-year series on a pool of
 * {@code --threads} threads; every timing is the median of {@code --runs} runs after a warm-up.
 */
@Command(
        name = "forecast-benchmark",
        mixinStandardHelpOptions = true,
        description = "Accuracy and speed benchmark of the forecasting engine; prints Markdown.")
public final class ForecastBenchmark implements Callable<Integer> {

    @Mixin
    SharedDataOptions shared;

    @Option(names = "--runs", defaultValue = "5", description = "timed runs per measurement (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--series", defaultValue = "1000", description = "synthetic series for the throughput run")
    int series;

    @Option(names = "--days", defaultValue = "730", description = "days per synthetic series")
    int days;

    @Mixin
    WorkerThreads threads;

    @Option(names = "--skip-accuracy", description = "speed only")
    boolean skipAccuracy;

    @Option(names = "--skip-speed", description = "accuracy only")
    boolean skipSpeed;

    @Mixin
    AnchorOptions anchorOptions;

    @Option(
            names = "--calibration-half-life",
            defaultValue = "Infinity",
            description = "the engine's calibration half-life in days (default ${DEFAULT-VALUE}: nothing forgotten)")
    double calibrationHalfLife;

    private static final int[] HORIZONS = {7, 30};
    private static final int STEP = 7;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ForecastBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (!shared.windowIsKnown()) {
            return 2;
        }
        StringBuilder md = new StringBuilder();
        md.append(String.format(
                Locale.ROOT,
                "Machine: %d cores available to the JVM, Java %s, max heap %d MB. The engine's calibration half-life:"
                        + " %s days.%n%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20,
                calibrationHalfLife));
        Optional<Path> dir = shared.dataDir();
        Map<String, DailySeries> real = new LinkedHashMap<>();
        if (dir.isPresent()) {
            for (String name : SharedData.SERIES) {
                real.put(name, SharedData.readSeries(dir.get(), name));
            }
        } else {
            System.err.println("real data not found: accuracy and per-series timings skipped");
        }
        if (!skipAccuracy && !real.isEmpty()) {
            accuracy(real, md);
        }
        if (!skipSpeed) {
            if (!real.isEmpty()) {
                perSeriesTiming(real, md);
            }
            throughput(md);
        }
        shared.report(md);
        return 0;
    }

    private void accuracy(Map<String, DailySeries> real, StringBuilder md) throws Exception {
        Optional<AnchorForecasts> anchors = anchorOptions.prepared();
        md.append("### Accuracy on the " + shared.window() + " window of the real series\n\n");
        md.append("Test part: the last 25% of each series; development window: the quarter before it, with the test "
                + "part cut off. Origins every 7 days inside the window; at each origin the engine "
                + "runs its full model search on the days before the origin only. MAPE skips zero-actual days "
                + "(count in the zero days column). Coverage of the 95% interval. Seconds: one thread, every origin's "
                + "fit and forecast.");
        if (anchors.isPresent()) {
            md.append(" The anchors (Prophet with its defaults and US holidays, statsforecast's AutoETS and MSTL) are "
                    + "fitted at the same origins on the same days by scripts/anchors/rolling_forecasts.py in the "
                    + "pinned environment of scripts/anchors-venv.sh, and scored the same way; the best anchor is the "
                    + "one with the lowest MASE on that series and horizon.");
        }
        md.append(" MSIS: the mean scaled interval score of the M4 competition (the 95% interval's width plus 40 times "
                + "how far an actual falls outside it, over the seasonal naive's in-sample error), lower is better: "
                + "coverage alone would reward the widest interval.");
        md.append("\n\n| series | h | origins | method | MAPE % | WAPE % | MASE | coverage | MSIS | MASE / naive "
                + "| MASE / best anchor | zero days | seconds |\n");
        md.append("| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        String versions = "";
        StringBuilder monthly = new StringBuilder();
        for (int h : HORIZONS) {
            ForecastSettings engine = ForecastSettings.of(h).withCalibrationHalfLife(calibrationHalfLife);
            Map<String, SeriesForecaster> methods = new LinkedHashMap<>();
            methods.put("engine", new SeriesForecaster(engine));
            methods.put(
                    "seasonal_naive",
                    new SeriesForecaster(engine.withFamilies(EnumSet.of(ModelFamily.SEASONAL_NAIVE))
                            .withHolidayAdjustment(false)));
            ScorePool pooled = new ScorePool();
            for (Map.Entry<String, DailySeries> e : real.entrySet()) {
                DailySeries series = shared.windowed(e.getValue());
                int n = series.length();
                int test = SharedDataOptions.testDays(e.getValue());
                int origins = (test - h) / STEP + 1;
                int[] cuts = new Backtester(h, origins, STEP, 0, 1).originsFor(n);
                Map<String, BenchmarkScore> results = new LinkedHashMap<>();
                Map<String, Double> seconds = new LinkedHashMap<>();
                for (Map.Entry<String, SeriesForecaster> m : methods.entrySet()) {
                    long start = System.nanoTime();
                    OriginForecasts f = OriginForecasts.of(m.getValue(), series, cuts);
                    seconds.put(m.getKey(), (System.nanoTime() - start) / 1e9);
                    results.put(m.getKey(), f.score(series, cuts, engine.level()));
                    monthly.append(monthlyCoverageRow(e.getKey(), h, m.getKey(), f.coverageByMonth(series, cuts)));
                }
                if (anchors.isPresent()) {
                    AnchorForecasts.Run run = anchors.get().forecast(series, cuts, h);
                    for (String method : AnchorForecasts.METHODS) {
                        OriginForecasts f = run.methods().get(method);
                        if (f != null) {
                            results.put(method, f.score(series, cuts, engine.level()));
                            monthly.append(monthlyCoverageRow(e.getKey(), h, method, f.coverageByMonth(series, cuts)));
                            seconds.put(method, run.seconds().getOrDefault(method, Double.NaN));
                        }
                    }
                    versions = run.versions();
                }
                Accuracy naive =
                        Objects.requireNonNull(results.get("seasonal_naive")).accuracy();
                double bestAnchor = AnchorForecasts.METHODS.stream()
                        .filter(results::containsKey)
                        .mapToDouble(m -> Objects.requireNonNull(results.get(m))
                                .accuracy()
                                .mase())
                        .min()
                        .orElse(Double.NaN);
                for (Map.Entry<String, BenchmarkScore> r : results.entrySet()) {
                    Accuracy a = r.getValue().accuracy();
                    boolean isEngine = r.getKey().equals("engine");
                    md.append(String.format(
                            Locale.ROOT,
                            "| %s | %d | %d | %s | %.2f | %.2f | %.3f | %.3f | %.2f | %s | %s | %d | %.1f |%n",
                            e.getKey(),
                            h,
                            cuts.length,
                            r.getKey(),
                            a.mape(),
                            a.wape(),
                            a.mase(),
                            a.coverage(),
                            r.getValue().msis(),
                            r.getKey().equals("seasonal_naive")
                                    ? "1"
                                    : String.format(Locale.ROOT, "%.3f", a.mase() / naive.mase()),
                            isEngine && !Double.isNaN(bestAnchor)
                                    ? String.format(Locale.ROOT, "%.3f", a.mase() / bestAnchor)
                                    : "",
                            a.zeroActualDays(),
                            seconds.get(r.getKey())));
                    pooled.add(r.getKey(), r.getValue());
                }
            }
            for (String m : pooled.methods()) {
                md.append(String.format(
                        Locale.ROOT,
                        "| pooled (points-weighted) | %d | | %s | | | %.3f | %.3f | %.2f | | | | |%n",
                        h,
                        m,
                        pooled.mase(m),
                        pooled.coverage(m),
                        pooled.msis(m)));
            }
        }
        if (!versions.isEmpty()) {
            md.append("\nAnchors: ").append(versions).append(".\n");
        }
        md.append(
                "\n**Coverage of the 95% interval by calendar month of the forecast day** (every origin's days in that "
                        + "month pooled; months with fewer than 7 such days left out): a pooled coverage near 95% can hide "
                        + "months far under it after a shock.\n\n");
        md.append("| series | h | method | months | mean distance from 95% | lowest month | highest month "
                + "| months under 90% |\n");
        md.append("| --- | ---: | --- | ---: | ---: | --- | --- | --- |\n");
        md.append(monthly);
        md.append('\n');
    }

    /** One method's coverage by month on one series and horizon, as a table row. */
    static String monthlyCoverageRow(String series, int horizon, String method, SortedMap<YearMonth, int[]> months) {
        Map<YearMonth, Double> coverage = new TreeMap<>();
        months.forEach((month, counts) -> {
            if (counts[1] >= 7) {
                coverage.put(month, (double) counts[0] / counts[1]);
            }
        });
        if (coverage.isEmpty()) {
            return "";
        }
        Map.Entry<YearMonth, Double> lowest =
                coverage.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow();
        Map.Entry<YearMonth, Double> highest =
                coverage.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
        String under = coverage.entrySet().stream()
                .filter(c -> c.getValue() < 0.90)
                .map(c -> String.format(Locale.ROOT, "%s %.2f", c.getKey(), c.getValue()))
                .collect(java.util.stream.Collectors.joining(", "));
        return String.format(
                Locale.ROOT,
                "| %s | %d | %s | %d | %.3f | %s %.2f | %s %.2f | %s |%n",
                series,
                horizon,
                method,
                coverage.size(),
                coverage.values().stream()
                        .mapToDouble(c -> Math.abs(c - 0.95))
                        .average()
                        .orElse(Double.NaN),
                lowest.getKey(),
                lowest.getValue(),
                highest.getKey(),
                highest.getValue(),
                under.isEmpty() ? "none" : under);
    }

    private void perSeriesTiming(Map<String, DailySeries> real, StringBuilder md) {
        md.append("### Fit-plus-forecast time per series (one thread, horizon 30)\n\n");
        md.append("Everything one `SeriesForecaster.forecast` call does: model race on rolling origins, interval "
                + "calibration, final fit. Median of " + Math.max(runs, 5) + " runs after a warm-up.\n\n");
        md.append("| series | days | with 20-trial search (ms) | without search, Prophet defaults (ms) |\n");
        md.append("| --- | ---: | ---: | ---: |\n");
        SeriesForecaster withSearch = new SeriesForecaster(ForecastSettings.of(30));
        SeriesForecaster without = new SeriesForecaster(ForecastSettings.of(30).withTrials(0));
        for (Map.Entry<String, DailySeries> e : real.entrySet()) {
            DailySeries s = e.getValue();
            for (int i = 0; i < 3; i++) {
                withSearch.forecast(s);
                without.forecast(s);
            }
            double a = medianMillis(() -> withSearch.forecast(s), Math.max(runs, 5));
            double b = medianMillis(() -> without.forecast(s), Math.max(runs, 5));
            md.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f |%n", e.getKey(), s.length(), a, b));
        }
        md.append('\n');
    }

    private void throughput(StringBuilder md) throws Exception {
        List<DailySeries> synthetic = synthetic(series, days);
        md.append(String.format(
                Locale.ROOT,
                "### %d synthetic series of %d days on a pool of %d threads%n%n",
                series,
                days,
                threads.count()));
        md.append("Seeded shapes (levels 2-8,000 a day, weekday/weekend pattern, yearly swing, trend break, "
                + "holiday dips, negative-binomial noise, storm spikes in 30% of series). Wall time of the whole "
                + "batch, median of " + runs + " runs after one warm-up run.\n\n");
        md.append("| horizon | search | wall time (s), median | min | max | series/s |\n");
        md.append("| ---: | --- | ---: | ---: | ---: | ---: |\n");
        for (int h : HORIZONS) {
            for (int trials : new int[] {20, 0}) {
                SeriesForecaster f = new SeriesForecaster(ForecastSettings.of(h).withTrials(trials));
                batch(f, synthetic);
                double[] t = new double[runs];
                for (int r = 0; r < runs; r++) {
                    long start = System.nanoTime();
                    batch(f, synthetic);
                    t[r] = (System.nanoTime() - start) / 1e9;
                }
                Arrays.sort(t);
                double median = median(t);
                md.append(String.format(
                        Locale.ROOT,
                        "| %d | %s | %.2f | %.2f | %.2f | %.0f |%n",
                        h,
                        trials == 0 ? "none (defaults)" : trials + " trials",
                        median,
                        t[0],
                        t[runs - 1],
                        synthetic.size() / median));
            }
        }
        md.append('\n');
    }

    private void batch(SeriesForecaster forecaster, List<DailySeries> all) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads.count());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (DailySeries s : all) {
                futures.add(pool.submit(() -> forecaster.forecast(s)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static List<DailySeries> synthetic(int count, int days) {
        SplittableRandom shapes = new SplittableRandom(20_260_311L);
        List<DailySeries> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(SyntheticSeries.generate(SyntheticSeries.randomShape(shapes), LocalDate.of(2024, 1, 1), days, i));
        }
        return out;
    }

    private static double medianMillis(Runnable task, int n) {
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            task.run();
            t[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(t);
        return median(t);
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Points-weighted pooling of MASE, coverage and MSIS across series. */
    private static final class ScorePool {
        private final Map<String, double[]> sums = new LinkedHashMap<>();

        void add(String method, BenchmarkScore score) {
            Accuracy a = score.accuracy();
            double[] s = sums.computeIfAbsent(method, k -> new double[4]);
            s[0] += a.mase() * a.points();
            s[1] += a.coverage() * a.points();
            s[2] += score.msis() * a.points();
            s[3] += a.points();
        }

        double mase(String method) {
            return sum(method, 0);
        }

        double coverage(String method) {
            return sum(method, 1);
        }

        double msis(String method) {
            return sum(method, 2);
        }

        private double sum(String method, int index) {
            double[] s = Objects.requireNonNull(sums.get(method), method);
            return s[index] / s[3];
        }

        List<String> methods() {
            return List.copyOf(sums.keySet());
        }
    }
}
