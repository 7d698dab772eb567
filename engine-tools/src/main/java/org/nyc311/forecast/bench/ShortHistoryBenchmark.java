package org.nyc311.forecast.bench;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.nyc311.forecast.DailySeries;
import org.nyc311.forecast.Forecast;
import org.nyc311.forecast.ForecastSettings;
import org.nyc311.forecast.SeriesForecaster;
import org.nyc311.forecast.cli.WorkerThreads;
import org.nyc311.forecast.metrics.Accuracy;
import org.nyc311.forecast.model.prophet.Parent;
import org.nyc311.forecast.model.prophet.ParentShape;
import org.nyc311.forecast.model.prophet.ProphetModel;
import org.nyc311.model.forecast.ForecastPoint;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Whether a series with under a year of history forecasts better when it borrows its parent's yearly pattern and
 * holiday effects ({@link ParentShape}), on real series cut to start late, with and without the parent, at the same
 * origins; prints Markdown for docs/BENCHMARKS.md.
 *
 * <p>The real data holds no child and parent on the same days, so two pairs stand in, both said for what they are:
 * <ul>
 *   <li><b>street flooding under citywide all types</b>: a real series and a real larger one over the same days, whose
 *       seasons differ (storms against the city's summer peak and winter dip), as a complaint type's and its borough's
 *       often do: borrowing must not hurt here;
 *   <li><b>citywide all types under itself</b>: the series cut to start late, its parent the same series from its
 *       start: the best case, a parent whose season is exactly the child's.
 * </ul>
 * At each origin the child sees its days from {@code --child-start} to the origin, the parent every day before the
 * origin; each of the child's fits (its model race's and its calibration's origins included) borrows the shape the
 * parent had at the end of that fit's history ({@link Parent}). Origins step a week apart from the first day the
 * parent has a year behind it, while the child is under a year old; with {@code --window development} no forecast day
 * reaches citywide's test part (its last quarter), with {@code --window test} (the shared default) they run to its
 * end; street flooding's days of 2017 lie in its own test part, looked at before: all of it is development data.
 */
@Command(
        name = "short-history-benchmark",
        mixinStandardHelpOptions = true,
        description = "Short histories with and without their parent's yearly shape; prints Markdown.")
public final class ShortHistoryBenchmark implements Callable<Integer> {

    @Mixin
    SharedDataOptions shared;

    @Mixin
    WorkerThreads threads;

    @Option(
            names = "--child-start",
            defaultValue = "2016-11-01",
            description = "the first day each child keeps (default ${DEFAULT-VALUE})")
    LocalDate childStart;

    @Option(
            names = "--trials",
            defaultValue = "20",
            description = "the engine's search trials (default ${DEFAULT-VALUE})")
    int trials;

    @Mixin
    AnchorOptions anchorOptions;

    private @Nullable AnchorForecasts anchors;
    private String anchorVersions = "";

    private static final int[] HORIZONS = {7, 30};
    private static final int STEP = 7;
    private static final double LEVEL = 0.95;

    private record Pair(String name, String child, String parent) {}

    private static final List<Pair> PAIRS = List.of(
            new Pair("street flooding under citywide all types", "street_flooding_citywide", "citywide_all_types"),
            new Pair("citywide all types under itself (best case)", "citywide_all_types", "citywide_all_types"));

    public static void main(String[] args) {
        System.exit(new CommandLine(new ShortHistoryBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (!shared.windowIsKnown()) {
            return 2;
        }
        Optional<Path> dir = shared.dataDir();
        if (dir.isEmpty()) {
            System.err.println("no real series: ../shared/data (or --data, -Dnyc311.shared-data) is absent");
            return 1;
        }
        DailySeries citywide = SharedData.readSeries(dir.get(), "citywide_all_types");
        // the evaluated days end where citywide's window does: its development window, or all of it
        LocalDate lastDay = shared.windowed(citywide).end().minusDays(1);
        StringBuilder md = new StringBuilder();
        md.append(String.format(
                Locale.ROOT,
                "Children from %s, forecast days through %s, origins a week apart, %d trials, %d cores, Java %s.%n%n",
                childStart,
                lastDay,
                trials,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version")));
        md.append("| pair | h | origins | child's days at the origins | method | MAPE % | MASE | coverage | MSIS |"
                + " origins whose chosen model (or an ensemble's member) fitted the parent's season |\n");
        md.append("| --- | ---: | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
        anchors = anchorOptions.prepared().orElse(null);
        ExecutorService pool = Executors.newFixedThreadPool(threads.count());
        try {
            for (Pair pair : PAIRS) {
                DailySeries child = SharedData.readSeries(dir.get(), pair.child());
                DailySeries parent = SharedData.readSeries(dir.get(), pair.parent());
                for (int horizon : HORIZONS) {
                    row(md, pair, child, parent, horizon, lastDay, pool);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        if (!anchorVersions.isEmpty()) {
            md.append("\nAnchors: ")
                    .append(anchorVersions)
                    .append(", fitted on the child's days alone (they have no " + "parent to borrow from).\n");
        }
        shared.report(md);
        return 0;
    }

    private void row(
            StringBuilder md,
            Pair pair,
            DailySeries child,
            DailySeries parent,
            int horizon,
            LocalDate lastDay,
            ExecutorService pool)
            throws Exception {
        int skipped = (int) ChronoUnit.DAYS.between(child.start(), childStart);
        DailySeries kept =
                new DailySeries(childStart, java.util.Arrays.copyOfRange(child.values(), skipped, child.length()));
        LocalDate firstOrigin = parent.start().plusDays(ParentShape.BORROWED_BELOW_DAYS);
        List<LocalDate> origins = new ArrayList<>();
        for (LocalDate o = firstOrigin; !o.plusDays(horizon - 1L).isAfter(lastDay); o = o.plusDays(STEP)) {
            long age = ChronoUnit.DAYS.between(kept.start(), o);
            // a child old enough to fit its own year does not borrow: it is not a short history any more
            if (age > 0 && age < ParentShape.BORROWED_BELOW_DAYS) {
                origins.add(o);
            }
        }
        SeriesForecaster forecaster = new SeriesForecaster(
                ForecastSettings.of(horizon).withTrials(trials).withLevel(LEVEL));
        Map<Integer, Future<Forecast[]>> futures = new TreeMap<>();
        for (LocalDate origin : origins) {
            int end = (int) ChronoUnit.DAYS.between(kept.start(), origin);
            DailySeries history = kept.prefix(end);
            DailySeries parentHistory = parent.prefix((int) ChronoUnit.DAYS.between(parent.start(), origin));
            futures.put(
                    end, pool.submit(() -> new Forecast[] {
                        forecaster.forecast(history), forecaster.forecast(history, Parent.of(parentHistory))
                    }));
        }
        Map<Integer, double[][]> alone = new TreeMap<>();
        Map<Integer, double[][]> borrowing = new TreeMap<>();
        int borrowedWins = 0;
        for (Map.Entry<Integer, Future<Forecast[]>> e : futures.entrySet()) {
            Forecast[] both = e.getValue().get();
            alone.put(e.getKey(), steps(both[0]));
            borrowing.put(e.getKey(), steps(both[1]));
            if (ProphetModel.borrowed(both[1].hyperparameters())
                    .filter(ProphetModel.SEASON_AND_HOLIDAYS::equals)
                    .isPresent()) {
                borrowedWins++;
            }
        }
        int[] ends = alone.keySet().stream().mapToInt(Integer::intValue).toArray();
        String ages = ends.length == 0 ? "" : ends[0] + "-" + ends[ends.length - 1];
        print(md, pair, horizon, ends.length, ages, "engine alone", score(alone, kept, ends), null);
        print(
                md,
                pair,
                horizon,
                ends.length,
                ages,
                "engine, parent's shape offered",
                score(borrowing, kept, ends),
                borrowedWins);
        AnchorForecasts fitting = anchors;
        if (fitting != null && ends.length > 0) {
            AnchorForecasts.Run run = fitting.forecast(kept, ends, horizon);
            anchorVersions = run.versions();
            for (String method : AnchorForecasts.METHODS) {
                OriginForecasts forecasts = run.methods().get(method);
                if (forecasts != null) {
                    print(md, pair, horizon, ends.length, ages, method, forecasts.score(kept, ends, LEVEL), null);
                }
            }
        }
    }

    private static BenchmarkScore score(Map<Integer, double[][]> byOrigin, DailySeries series, int[] ends) {
        return new OriginForecasts(byOrigin).score(series, ends, LEVEL);
    }

    private static double[][] steps(Forecast forecast) {
        List<ForecastPoint> points = forecast.points();
        double[][] out = new double[points.size()][];
        for (int h = 0; h < out.length; h++) {
            ForecastPoint p = points.get(h);
            out[h] = new double[] {p.yhat(), p.lower(), p.upper()};
        }
        return out;
    }

    private static void print(
            StringBuilder md,
            Pair pair,
            int horizon,
            int origins,
            String ages,
            String method,
            BenchmarkScore score,
            @Nullable Integer borrowedWins) {
        Accuracy a = score.accuracy();
        md.append(String.format(
                Locale.ROOT,
                "| %s | %d | %d | %s | %s | %.2f | %.3f | %.3f | %.2f | %s |%n",
                pair.name(),
                horizon,
                origins,
                ages,
                method,
                a.mape(),
                a.mase(),
                a.coverage(),
                score.msis(),
                borrowedWins == null ? "" : borrowedWins + " of " + origins));
    }
}
