package org.nyc311.launcher.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nyc311.forecast.CalibrationErrors;
import org.nyc311.forecast.DailySeries;
import org.nyc311.forecast.Forecast;
import org.nyc311.forecast.ForecastSettings;
import org.nyc311.forecast.SeriesForecaster;
import org.nyc311.forecast.metrics.Accuracy;
import org.nyc311.forecast.metrics.AccuracyAccumulator;
import org.nyc311.forecast.reconcile.Hierarchy;
import org.nyc311.forecast.reconcile.LevelLayout;
import org.nyc311.forecast.reconcile.MinTReconciliation;
import org.nyc311.model.forecast.ForecastPoint;
import org.nyc311.model.series.SeriesKey;

/**
 * docs/BENCHMARKS.md, "Coherent levels": the generated city's gold series (every complaint type in every borough, the
 * boroughs and the city, counted from {@link CityFeed}'s own daily draws, which gold reproduces exactly), forecast by
 * the engine at rolling origins the way a training does (gold's forecastable rule, {@link LevelLayout}'s remainders),
 * and scored per level before and after each reconciliation: MinT with shrinkage, WLS on the error variances, OLS and
 * bottom-up. It also reports how far the forecasts are from adding up before and after, at the city's full size.
 *
 * <pre>
 * java -cp launcher/target/test-classes:launcher/target/classes:$(cat launcher.cp) \
 *     org.nyc311.launcher.demo.LevelsBenchmark [days 730] [to 2026-11-30] [origins 6] [step 14] [horizons 7,30] [seed 311]
 * </pre>
 */
final class LevelsBenchmark {

    private static final int FORECASTABLE_WINDOW = 90;
    private static final double MIN_MEAN = 0.5;
    private static final int THREADS = 2;

    private enum Method {
        BASE,
        BOTTOM_UP,
        OLS,
        WLS_VARIANCE,
        MINT_SHRINK
    }

    private LevelsBenchmark() {}

    public static void main(String[] args) throws Exception {
        int days = args.length > 0 ? Integer.parseInt(args[0]) : 730;
        LocalDate to = args.length > 1 ? LocalDate.parse(args[1]) : LocalDate.of(2026, 11, 30);
        int origins = args.length > 2 ? Integer.parseInt(args[2]) : 6;
        int step = args.length > 3 ? Integer.parseInt(args[3]) : 14;
        int[] horizons = Arrays.stream((args.length > 4 ? args[4] : "7,30").split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
        long seed = args.length > 5 ? Long.parseLong(args[5]) : 311L;
        LocalDate first = to.minusDays(days - 1L);

        long started = System.nanoTime();
        Map<SeriesKey, double[]> gold =
                goldCounts(new CityFeed(CityMix.load(new ObjectMapper()), DaysOff.newYorkCity(), seed), first, days);
        System.out.printf(
                Locale.ROOT,
                "generated city, seed %d: %d series over %d days (%s .. %s) in %.1f s%n",
                seed,
                gold.size(),
                days,
                first,
                to,
                (System.nanoTime() - started) / 1e9);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (int horizon : horizons) {
                run(gold, first, days, horizon, origins, step, pool);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Map<SeriesKey, double[]> goldCounts(CityFeed feed, LocalDate first, int days) {
        Map<SeriesKey, double[]> gold = new TreeMap<>(java.util.Comparator.comparing(SeriesKey::id));
        SeriesKey[] cellSeries = new SeriesKey[feed.cellCount()];
        for (int c = 0; c < cellSeries.length; c++) {
            cellSeries[c] = feed.cellSeries(c);
        }
        for (int d = 0; d < days; d++) {
            int[] counts = feed.counts(first.plusDays(d));
            for (int c = 0; c < counts.length; c++) {
                SeriesKey type = cellSeries[c];
                SeriesKey borough = SeriesKey.borough(type.borough().orElseThrow());
                gold.computeIfAbsent(type, k -> new double[days])[d] += counts[c];
                gold.computeIfAbsent(borough, k -> new double[days])[d] += counts[c];
                gold.computeIfAbsent(SeriesKey.citywide(), k -> new double[days])[d] += counts[c];
            }
        }
        return gold;
    }

    private static void run(
            Map<SeriesKey, double[]> gold,
            LocalDate first,
            int days,
            int horizon,
            int origins,
            int step,
            ExecutorService pool)
            throws Exception {
        SeriesForecaster forecaster = new SeriesForecaster(ForecastSettings.of(horizon));
        Map<Method, Map<SeriesKey.Level, AccuracyAccumulator>> byLevel = new EnumMap<>(Method.class);
        Map<Method, Map<String, AccuracyAccumulator>> bySeries = new EnumMap<>(Method.class);
        Map<Method, double[]> incoherence = new EnumMap<>(Method.class);
        Map<Method, Map<SeriesKey.Level, double[]>> bias = new EnumMap<>(Method.class);
        Map<String, SeriesKey.Level> levels = new LinkedHashMap<>();
        for (Method method : Method.values()) {
            byLevel.put(method, new EnumMap<>(SeriesKey.Level.class));
            bySeries.put(method, new TreeMap<>());
            incoherence.put(method, new double[2]);
            bias.put(method, new EnumMap<>(SeriesKey.Level.class));
        }
        double shrinkageSum = 0;
        int nodesSeen = 0;
        int remaindersSeen = 0;
        double fitSeconds = 0;
        double reconcileSeconds = 0;
        for (int k = 0; k < origins; k++) {
            int end = days - horizon - k * step;
            Map<SeriesKey, DailySeries> forecastable = new LinkedHashMap<>();
            for (Map.Entry<SeriesKey, double[]> series : gold.entrySet()) {
                double[] y = series.getValue();
                double recent = 0;
                for (int d = Math.max(0, end - FORECASTABLE_WINDOW); d < end; d++) {
                    recent += y[d];
                }
                if (recent / Math.min(end, FORECASTABLE_WINDOW) >= MIN_MEAN) {
                    forecastable.put(series.getKey(), new DailySeries(first, Arrays.copyOf(y, end)));
                }
            }
            LevelLayout layout = LevelLayout.of(forecastable);
            long fitStarted = System.nanoTime();
            List<Future<Forecast>> futures = new ArrayList<>();
            for (LevelLayout.Node node : layout.nodes()) {
                futures.add(pool.submit(() -> forecaster.forecast(node.history())));
            }
            List<List<ForecastPoint>> base = new ArrayList<>();
            List<CalibrationErrors> errors = new ArrayList<>();
            for (Future<Forecast> future : futures) {
                Forecast forecast = future.get();
                base.add(forecast.points());
                errors.add(forecast.calibrationErrors());
            }
            fitSeconds += (System.nanoTime() - fitStarted) / 1e9;
            Map<Method, List<List<ForecastPoint>>> results = new EnumMap<>(Method.class);
            results.put(Method.BASE, base);
            results.put(Method.BOTTOM_UP, bottomUp(layout.hierarchy(), base));
            for (MinTReconciliation.Weights weights : MinTReconciliation.Weights.values()) {
                long reconcileStarted = System.nanoTime();
                MinTReconciliation.Result result =
                        MinTReconciliation.reconcile(layout.hierarchy(), base, errors, weights);
                if (weights == MinTReconciliation.Weights.MINT_SHRINK) {
                    reconcileSeconds += (System.nanoTime() - reconcileStarted) / 1e9;
                    shrinkageSum += result.shrinkage();
                }
                results.put(Method.valueOf(weights.name()), result.forecasts());
            }
            if (k == 0) {
                for (Hierarchy.Sum sum : layout.hierarchy().sums()) {
                    double total = 0;
                    double parts = 0;
                    for (int t = 0; t < horizon; t++) {
                        total += base.get(sum.total()).get(t).yhat();
                        for (int part : sum.parts()) {
                            parts += base.get(part).get(t).yhat();
                        }
                    }
                    System.out.printf(
                            Locale.ROOT,
                            "  first origin: %s's own forecast %.0f a day, its %d parts' %.0f%n",
                            layout.nodes().get(sum.total()).label(),
                            total / horizon,
                            sum.parts().length,
                            parts / horizon);
                }
            }
            nodesSeen += layout.nodes().size();
            remaindersSeen += layout.nodes().size() - layout.seriesNodes().size();
            for (Map.Entry<Method, List<List<ForecastPoint>>> result : results.entrySet()) {
                double[] worst = incoherence.get(result.getKey());
                for (int t = 0; t < horizon; t++) {
                    double[] day = new double[layout.nodes().size()];
                    for (int i = 0; i < day.length; i++) {
                        day[i] = result.getValue().get(i).get(t).yhat();
                    }
                    worst[0] = Math.max(worst[0], layout.hierarchy().incoherence(day));
                    for (Hierarchy.Sum sum : layout.hierarchy().sums()) {
                        double gap = day[sum.total()];
                        for (int part : sum.parts()) {
                            gap -= day[part];
                        }
                        worst[1] += Math.abs(gap) / (horizon * (double) origins);
                    }
                }
                for (int i : layout.seriesNodes()) {
                    LevelLayout.Node node = layout.nodes().get(i);
                    double[] y = gold.get(node.key());
                    double scale = AccuracyAccumulator.seasonalNaiveScale(y, end);
                    AccuracyAccumulator level = byLevel.get(result.getKey())
                            .computeIfAbsent(node.key().level(), l -> new AccuracyAccumulator());
                    AccuracyAccumulator series = bySeries.get(result.getKey())
                            .computeIfAbsent(node.key().id(), id -> new AccuracyAccumulator());
                    levels.put(node.key().id(), node.key().level());
                    double[] signed =
                            bias.get(result.getKey()).computeIfAbsent(node.key().level(), l -> new double[2]);
                    for (int t = 0; t < horizon; t++) {
                        ForecastPoint p = result.getValue().get(i).get(t);
                        signed[0] += p.yhat() - y[end + t];
                        signed[1] += y[end + t];
                        level.add(y[end + t], p.yhat(), p.lower(), p.upper(), scale);
                        series.add(y[end + t], p.yhat(), p.lower(), p.upper(), scale);
                    }
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "h%d origin %d/%d (forecasts from %s): %d series + %d remainders%n",
                    horizon,
                    k + 1,
                    origins,
                    first.plusDays(end),
                    layout.seriesNodes().size(),
                    layout.nodes().size() - layout.seriesNodes().size());
        }
        report(horizon, origins, step, byLevel, bySeries, levels, incoherence, bias);
        System.out.printf(
                Locale.ROOT,
                "%nh%d: %.1f series and %.1f remainders an origin; fitting them %.1f s an origin on %d threads, "
                        + "MinT %.3f s an origin; mean shrinkage %.3f%n",
                horizon,
                (nodesSeen - remaindersSeen) / (double) origins,
                remaindersSeen / (double) origins,
                fitSeconds / origins,
                THREADS,
                reconcileSeconds / origins,
                shrinkageSum / origins);
    }

    /** Every total replaced by the sum of its parts' forecasts, from the bottom up; intervals move with their points. */
    private static List<List<ForecastPoint>> bottomUp(Hierarchy hierarchy, List<List<ForecastPoint>> base) {
        int m = base.size();
        int horizon = base.get(0).size();
        Map<Integer, int[]> parts = new LinkedHashMap<>();
        hierarchy.sums().forEach(sum -> parts.put(sum.total(), sum.parts()));
        List<List<ForecastPoint>> out = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            List<ForecastPoint> series = new ArrayList<>();
            for (int t = 0; t < horizon; t++) {
                series.add(MinTReconciliation.moved(base.get(i).get(t), sumOf(i, t, parts, base)));
            }
            out.add(series);
        }
        return out;
    }

    private static double sumOf(int i, int t, Map<Integer, int[]> parts, List<List<ForecastPoint>> base) {
        int[] own = parts.get(i);
        if (own == null) {
            return base.get(i).get(t).yhat();
        }
        double sum = 0;
        for (int part : own) {
            sum += sumOf(part, t, parts, base);
        }
        return sum;
    }

    private static void report(
            int horizon,
            int origins,
            int step,
            Map<Method, Map<SeriesKey.Level, AccuracyAccumulator>> byLevel,
            Map<Method, Map<String, AccuracyAccumulator>> bySeries,
            Map<String, SeriesKey.Level> levels,
            Map<Method, double[]> incoherence,
            Map<Method, Map<SeriesKey.Level, double[]>> bias) {
        System.out.printf(
                Locale.ROOT,
                "%n#### h=%d, %d origins %d days apart%n%n"
                        + "| method | level | series | MASE | WAPE %% | bias %% | coverage | series with MASE 5%% worse than base | "
                        + "series 5%% better | largest gap between a total and its parts (share of the total); the gaps a day, summed |%n"
                        + "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |%n",
                horizon,
                origins,
                step);
        for (Method method : Method.values()) {
            double[] gap = incoherence.get(method);
            for (SeriesKey.Level level : SeriesKey.Level.values()) {
                Accuracy a = byLevel.get(method).get(level).result();
                int worse = 0;
                int better = 0;
                int count = 0;
                for (Map.Entry<String, SeriesKey.Level> series : levels.entrySet()) {
                    if (series.getValue() != level) {
                        continue;
                    }
                    count++;
                    double own =
                            bySeries.get(method).get(series.getKey()).result().mase();
                    double baseline = bySeries.get(Method.BASE)
                            .get(series.getKey())
                            .result()
                            .mase();
                    worse += own > 1.05 * baseline ? 1 : 0;
                    better += own < baseline / 1.05 ? 1 : 0;
                }
                System.out.printf(
                        Locale.ROOT,
                        "| %s | %s | %d | %.3f | %.2f | %+.2f | %.1f%% | %d | %d | %s |%n",
                        method.name().toLowerCase(Locale.ROOT),
                        level.name().toLowerCase(Locale.ROOT),
                        count,
                        a.mase(),
                        a.wape(),
                        100 * bias.get(method).get(level)[0] / bias.get(method).get(level)[1],
                        100 * a.coverage(),
                        worse,
                        better,
                        level == SeriesKey.Level.CITYWIDE
                                ? String.format(Locale.ROOT, "%.2g%%; %.3g requests", 100 * gap[0], gap[1])
                                : "");
            }
        }
    }
}
