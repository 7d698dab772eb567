package org.nyc311.anomaly.engine.bench;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nyc311.anomaly.engine.AlertEpisode;
import org.nyc311.anomaly.engine.AnomalyDetector;
import org.nyc311.anomaly.engine.Breach;
import org.nyc311.anomaly.engine.DayVerdict;
import org.nyc311.anomaly.engine.Detection;
import org.nyc311.anomaly.engine.DetectionSettings;
import org.nyc311.anomaly.engine.ObservedDay;
import org.nyc311.anomaly.engine.cli.OptInRuleOptions;
import org.nyc311.anomaly.engine.rolling.RollingDetector;
import org.nyc311.anomaly.engine.rolling.SeriesDetection;
import org.nyc311.forecast.DailySeries;
import org.nyc311.forecast.ForecastSettings;
import org.nyc311.forecast.bench.SharedData;
import org.nyc311.forecast.bench.SharedDataOptions;
import org.nyc311.forecast.cli.WorkerThreads;
import org.nyc311.model.forecast.ForecastPoint;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The detection benchmark, printed as Markdown for docs/BENCHMARKS.md.
 *
 * <p>On the test part of each real series (its last quarter, the part the forecasting engine was
 * never tuned on): (1) rolling detection on the untouched days gives the false positive rate of day
 * flags and the alerts per series-year, which are false alarms as far as labels go (on street
 * flooding many are real storms, and listed so a reader can tell); (2) each run places labelled
 * spikes of every size and length at seeded random days of the test part and reports which were
 * alerted and which days flagged.
 *
 * <p>Each injected episode is judged on its own: the series gets that one spike, the days before it
 * keep their untouched forecasts and verdicts (a forecast never sees its own day, so those are
 * unchanged), and the spike's later days are forecast again from the spiked history, exactly as the
 * rolling detector would. Episodes thus never contaminate each other's histories, so many can be
 * placed per run, and a run costs about {@code length - 1} forecasts per episode.
 */
@Command(
        name = "detection-benchmark",
        mixinStandardHelpOptions = true,
        description =
                "Recall of injected spikes and false alarms of the anomaly detector on the real series; prints Markdown.")
public final class DetectionBenchmark implements Callable<Integer> {

    static final double[] SIZES = {0.25, 0.5, 1.0};
    static final int[] LENGTHS = {1, 3, 5};
    static final double DAYS_PER_YEAR = 365.25;
    /** The bar for the false positive rate of day flags. */
    static final double FPR_BUDGET = 0.05;

    static final double[] LOOSER_BUDGETS = {0.05, 0.10, 0.25, 0.50};
    /** Ramps: +20% a day for 5 days, peaking at +100% on the fifth (the early-warning case). */
    static final double RAMP_STEP = 0.2;

    static final int RAMP_DAYS = 5;
    /** The recall targets are for series averaging at least this many requests a day. */
    static final double TARGET_LEVEL = 100;

    @Mixin
    SharedDataOptions shared;

    @Option(
            names = "--runs",
            defaultValue = "5",
            description = "injection runs, each with its own seed (default ${DEFAULT-VALUE})")
    int runs;

    @Option(
            names = "--episodes",
            defaultValue = "20",
            description = "injected episodes per series, size and length in each run (default ${DEFAULT-VALUE})")
    int episodes;

    @Option(
            names = "--min-extra",
            defaultValue = "5",
            description = "smallest spike in requests a day, for series near zero (default ${DEFAULT-VALUE})")
    double minExtra;

    @Option(
            names = "--seed",
            defaultValue = "2026",
            description = "seed of the spike placements (default ${DEFAULT-VALUE})")
    long seed;

    @Mixin
    WorkerThreads threads;

    @Option(
            names = "--level",
            defaultValue = "0.95",
            description = "interval level of the forecasts (default ${DEFAULT-VALUE})")
    double level;

    @Option(
            names = "--calibration-half-life",
            defaultValue = "Infinity",
            description = "days after which a past interval error weighs half in the forecasts' calibration "
                    + "(default ${DEFAULT-VALUE}: nothing forgotten)")
    double calibrationHalfLife;

    @Mixin
    OptInRuleOptions optIn;

    @Option(names = "--series", split = ",", description = "real series to use (default: all three)")
    List<String> seriesNames;

    @Option(
            names = "--seed-rule-forecasts",
            paramLabel = "DIR",
            description =
                    "also evaluate the seeds' rule (actual above Prophet's upper bound, 3 days in a row) on the same "
                            + "days and injections; DIR holds <series>.csv from scripts/anchors/seed_rule_forecasts.py for this window")
    Path seedRuleForecasts;

    public static void main(String[] args) {
        System.exit(new CommandLine(new DetectionBenchmark()).execute(args));
    }

    /** A real series and its untouched rolling detection over the test part. */
    /**
     * @param mornings the forecasts of earlier mornings fitted so far for judging runs against them, shared by every
     *                 episode of the series for the mornings before its spike (their histories are the same)
     */
    private record Clean(
            String name,
            DailySeries series,
            int testStart,
            int firstForecast,
            SeriesDetection detection,
            Map<LocalDate, List<ForecastPoint>> mornings) {

        List<ObservedDay> observedBefore(int t) {
            List<ObservedDay> out = new ArrayList<>(t - firstForecast);
            for (DayVerdict v : detection.detection().days().subList(0, t - firstForecast)) {
                out.add(v.day());
            }
            return out;
        }

        ObservedDay observed(int t) {
            return detection.detection().days().get(t - firstForecast).day();
        }

        int testDays() {
            return series.length() - testStart;
        }

        /** Whether the series' mean over its evaluated days is at the target level. */
        boolean atTargetLevel() {
            double sum = 0;
            for (int t = testStart; t < series.length(); t++) {
                sum += series.count(t);
            }
            return sum / testDays() >= TARGET_LEVEL;
        }
    }

    /**
     * What became of one injected episode.
     *
     * @param firstAlertDay the episode's first day (from 0) with an alert open, -1 when none
     */
    private record Outcome(
            String series,
            double size,
            int length,
            boolean ramp,
            boolean alerted,
            int firstAlertDay,
            boolean[] flagged,
            double[] z) {

        int flaggedDays() {
            int n = 0;
            for (boolean f : flagged) {
                n += f ? 1 : 0;
            }
            return n;
        }
    }

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        Optional<Path> dir = shared.dataDir();
        if (dir.isEmpty()) {
            System.err.println("real data not found (set --data or -D" + SharedData.PROPERTY + "); nothing to measure");
            return 1;
        }
        List<String> names = seriesNames == null ? SharedData.SERIES : seriesNames;
        if (!shared.windowIsKnown()) {
            return 2;
        }
        DetectionSettings detection = optIn.applyTo(DetectionSettings.defaults());
        RollingDetector rolling = new RollingDetector(
                ForecastSettings.of(7).withLevel(level).withCalibrationHalfLife(calibrationHalfLife),
                detection,
                optIn.runHistory(),
                optIn.judgeRunsBefore(),
                threads.count());
        List<Clean> clean = new ArrayList<>();
        for (String name : names) {
            DailySeries full = SharedData.readSeries(dir.get(), name);
            DailySeries s = shared.windowed(full);
            int testStart = s.length() - SharedDataOptions.testDays(full);
            LocalDate from = s.date(testStart);
            SeriesDetection d = Objects.requireNonNull(
                    rolling.detect(Map.of(name, s), from, done -> {}).get(name));
            clean.add(new Clean(name, s, testStart, rolling.firstForecastDay(s, from), d, new ConcurrentHashMap<>()));
            System.err.printf(
                    Locale.ROOT,
                    "clean rolling detection of %s done (%.0f s)%n",
                    name,
                    (System.nanoTime() - started) / 1e9);
        }
        Map<String, SeedRuleAnchor> anchors = new HashMap<>();
        if (seedRuleForecasts != null) {
            for (Clean c : clean) {
                anchors.put(
                        c.name(),
                        new SeedRuleAnchor(
                                c.series(),
                                c.testStart(),
                                SeedRuleAnchor.read(seedRuleForecasts.resolve(c.name() + ".csv"))));
            }
        }
        double cleanSeconds = (System.nanoTime() - started) / 1e9;
        StringBuilder md = new StringBuilder();
        md.append(String.format(
                Locale.ROOT,
                "Machine: %d cores available to the JVM, Java %s, max heap %d MB. "
                        + "Threads: %d. Window: %s. Interval level %.2f (calibration half-life %s days), %d days in a row "
                        + "open an alert; sustained-rise "
                        + "rule %s; evidence rule %s; open runs in the history: %s. Runs: %d, %d episodes per series, "
                        + "size and length in each; later days of a run judged against the forecast made before it: %s.%n%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20,
                threads.count(),
                shared.window(),
                level,
                calibrationHalfLife,
                detection.consecutiveDays(),
                detection.sustainedRise()
                        ? String.format(Locale.ROOT, "on (z >= %.2f)", detection.sustainedMinZ())
                        : "off",
                detection.evidence().on()
                        ? String.format(
                                        Locale.ROOT,
                                        "on (slack %.2f, threshold %.2f, %s)",
                                        detection.evidence().slack(),
                                        detection.evidence().threshold(),
                                        detection.evidence().hiddenRise() == 0
                                                ? "every series"
                                                : String.format(
                                                        Locale.ROOT,
                                                        "series whose intervals hide +%.0f%%",
                                                        100
                                                                * detection
                                                                        .evidence()
                                                                        .hiddenRise()))
                                + (detection.marginEvidence().on()
                                        ? String.format(
                                                Locale.ROOT,
                                                "; on the others in margins: slack %.2f, cap %.2f, threshold %.2f",
                                                detection.marginEvidence().slack(),
                                                detection.marginEvidence().cap(),
                                                detection.marginEvidence().threshold())
                                        : "")
                        : "off",
                optIn.runHistory(),
                runs,
                episodes,
                optIn.judgeRunsBefore() ? "yes" : "no"));
        cleanDays(clean, md);
        ceiling(clean, md);
        runSumCeiling(clean, md);
        List<List<Outcome>> perRun = new ArrayList<>();
        List<List<Outcome>> anchorPerRun = new ArrayList<>();
        long injectStart = System.nanoTime();
        for (int r = 0; r < runs; r++) {
            List<Outcome> anchorRun = new ArrayList<>();
            perRun.add(injectionRun(clean, rolling, new SplittableRandom(seed + r), anchors, anchorRun));
            anchorPerRun.add(anchorRun);
            System.err.printf(
                    Locale.ROOT,
                    "injection run %d/%d done (%.0f s)%n",
                    r + 1,
                    runs,
                    (System.nanoTime() - started) / 1e9);
        }
        double injectSeconds = (System.nanoTime() - injectStart) / 1e9;
        recall(perRun, clean, md);
        if (!anchors.isEmpty()) {
            seedRule(perRun, anchorPerRun, clean, anchors, md);
        }
        md.append(DetectableRise.markdown(0.95));
        md.append(String.format(
                Locale.ROOT,
                "Wall time: %.0f s for the untouched rolling detection, %.0f s for %d "
                        + "injection runs, %.0f s in all.%n%n",
                cleanSeconds,
                injectSeconds,
                runs,
                (System.nanoTime() - started) / 1e9));
        shared.report(md);
        return 0;
    }

    private void cleanDays(List<Clean> clean, StringBuilder md) {
        md.append("### Untouched " + shared.window() + " window: day flags and alerts\n\n");
        md.append(
                "| series | test days | from .. to | spike flags | FPR of day flags | raised days | drops | alerts | series-years "
                        + "| alerts per series-year | inside interval | median upper / yhat | median upper - yhat |\n");
        md.append("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        int allDays = 0;
        int allFlags = 0;
        int allAlerts = 0;
        List<String> alertRows = new ArrayList<>();
        for (Clean c : clean) {
            List<DayVerdict> days = c.detection().reported();
            int flags = 0;
            int raised = 0;
            int drops = 0;
            int inside = 0;
            double[] ratio = new double[days.size()];
            double[] margin = new double[days.size()];
            for (int i = 0; i < days.size(); i++) {
                DayVerdict v = days.get(i);
                flags += v.anomalous() ? 1 : 0;
                raised += v.raised() ? 1 : 0;
                drops += v.breach() == Breach.DROP ? 1 : 0;
                inside += v.breach() == Breach.NONE ? 1 : 0;
                ObservedDay d = v.day();
                ratio[i] = d.upper() / Math.max(d.yhat(), 1e-9);
                margin[i] = d.upper() - d.yhat();
            }
            LocalDate from = c.series().date(c.testStart());
            List<AlertEpisode> alerts = c.detection().detection().episodes().stream()
                    .filter(e -> !e.openedOn().isBefore(from))
                    .toList();
            double years = days.size() / DAYS_PER_YEAR;
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %s .. %s | %d | %.2f%% | %d | %d | %d | %.2f | %.2f | %.1f%% | %.2f | %.1f |%n",
                    c.name(),
                    days.size(),
                    from,
                    c.series().date(c.series().length() - 1),
                    flags,
                    100.0 * flags / days.size(),
                    raised,
                    drops,
                    alerts.size(),
                    years,
                    alerts.size() / years,
                    100.0 * inside / days.size(),
                    median(ratio),
                    median(margin)));
            allDays += days.size();
            allFlags += flags;
            allAlerts += alerts.size();
            for (AlertEpisode e : alerts) {
                alertRows.add(alertRow(c, e));
            }
        }
        double years = allDays / DAYS_PER_YEAR;
        md.append(String.format(
                Locale.ROOT,
                "| pooled | %d | | %d | %.2f%% | | | %d | %.2f | %.2f | | | |%n%n",
                allDays,
                allFlags,
                100.0 * allFlags / allDays,
                allAlerts,
                years,
                allAlerts / years));
        if (!alertRows.isEmpty()) {
            md.append("Alerts on the untouched " + shared.window()
                    + " window (no label says they are real, so they count as false):\n\n");
            md.append("| series | episode start | opened | closed | days | peak z | actuals (upper bounds) |\n");
            md.append("| --- | --- | --- | --- | ---: | ---: | --- |\n");
            alertRows.forEach(md::append);
            md.append('\n');
        }
    }

    /** What the best threshold on these same forecasts could catch within the false-positive budget. */
    private void ceiling(List<Clean> clean, StringBuilder md) {
        int length = 3;
        md.append(String.format(
                Locale.ROOT,
                "### Ceiling: the lowest day-flag threshold within %.0f%% false "
                        + "positives, on the same forecasts%n%n",
                100 * FPR_BUDGET));
        md.append("A day's score is how far its actual lies above its forecast in units of its own upper margin "
                + "(the issue's rule flags scores above 1). The threshold is set as low as the budget allows on the "
                + "untouched days; every " + length + "-day window of them then gets the spike, judged against the "
                + "untouched forecasts (optimistic: refitting on the spike only raises later forecasts). A window is "
                + "caught when all its days score above the threshold. ThresholdCeiling.\n\n");
        md.append("| series | size | score | threshold | untouched days flagged | spike days caught | " + length
                + "-day spikes caught (ceiling) | windows |\n");
        md.append("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |\n");
        for (double size : SIZES) {
            for (ThresholdCeiling.Score score : ThresholdCeiling.Score.values()) {
                double sum = 0;
                for (Clean c : clean) {
                    List<ObservedDay> days = c.detection().reported().stream()
                            .map(DayVerdict::day)
                            .toList();
                    ThresholdCeiling.Result r = ThresholdCeiling.of(
                            days, c.series().values(), c.testStart(), size, length, minExtra, FPR_BUDGET, score);
                    sum += r.windowRecall();
                    md.append(String.format(
                            Locale.ROOT,
                            "| %s | +%.0f%% | %s | %.2f | %.2f%% | %.1f%% | %.1f%% | %d |%n",
                            c.name(),
                            100 * size,
                            score.name().toLowerCase(Locale.ROOT),
                            r.threshold(),
                            100 * r.cleanFlagRate(),
                            100 * r.dayRecall(),
                            100 * r.windowRecall(),
                            r.windows()));
                }
                md.append(String.format(
                        Locale.ROOT,
                        "| pooled (mean of series) | +%.0f%% | %s | | | | **%.1f%%** | |%n",
                        100 * size,
                        score.name().toLowerCase(Locale.ROOT),
                        100 * sum / clean.size()));
            }
        }
        md.append('\n');
        // what a looser bar would buy: the price in false flags of catching more +50% runs
        md.append("How many untouched days must be flagged to catch more: the " + length + "-day +50% ceiling "
                + "(log score) for larger false-positive budgets.\n\n");
        md.append("| series | budget | threshold | untouched days flagged | " + length + "-day +50% spikes caught |\n");
        md.append("| --- | ---: | ---: | ---: | ---: |\n");
        for (Clean c : clean) {
            List<ObservedDay> days =
                    c.detection().reported().stream().map(DayVerdict::day).toList();
            for (double budget : LOOSER_BUDGETS) {
                ThresholdCeiling.Result r = ThresholdCeiling.of(
                        days,
                        c.series().values(),
                        c.testStart(),
                        0.5,
                        length,
                        minExtra,
                        budget,
                        ThresholdCeiling.Score.LOG);
                md.append(String.format(
                        Locale.ROOT,
                        "| %s | %.0f%% | %.2f | %.2f%% | %.1f%% |%n",
                        c.name(),
                        100 * budget,
                        r.threshold(),
                        100 * r.cleanFlagRate(),
                        100 * r.windowRecall()));
            }
        }
        md.append('\n');
    }

    /** What any rule that adds up a run's days could catch on these forecasts without one false alert. */
    private void runSumCeiling(List<Clean> clean, StringBuilder md) {
        int length = 3;
        md.append("### Ceiling for rules that add up a run's days: no false alert, on the same forecasts\n\n");
        md.append("The statistic is the sum of " + length + " consecutive days' log residuals; the bar is the largest "
                + "sum of any untouched window (no false alert: the budget of one a series-year allows none on these "
                + "days), chosen on the days it is judged on, and spike days are judged against their untouched "
                + "forecasts: an optimistic bound for the evidence and margin rules and any other of that kind. Ramps: "
                + "+20% a day for " + RAMP_DAYS + " days; by the peak, some window of " + length + " days ending by "
                + "it is above the bar; lead >= " + (RAMP_DAYS - length) + ", its first " + length
                + " days are. RunSumCeiling.\n\n");
        md.append("| series | bar (sum of log residuals) | 3-day +25% | 3-day +50% | 3-day +100% | ramps by the peak | "
                + "ramps with lead >= " + (RAMP_DAYS - length) + " | windows |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        // the spike sizes', then the ramps' two columns, summed over the series at the target level
        double[] pooled = new double[SIZES.length + 2];
        int atTarget = 0;
        for (Clean c : clean) {
            List<ObservedDay> days =
                    c.detection().reported().stream().map(DayVerdict::day).toList();
            RunSumCeiling ceiling = RunSumCeiling.over(days, c.series().values(), c.testStart(), length, minExtra);
            double[] recalls = new double[SIZES.length + 2];
            for (int k = 0; k < SIZES.length; k++) {
                recalls[k] = ceiling.spikeRecall(SIZES[k]);
            }
            RunSumCeiling.RampRecall ramps = ceiling.ramps(RAMP_STEP, RAMP_DAYS);
            recalls[SIZES.length] = ramps.byPeak();
            recalls[SIZES.length + 1] = ramps.withLead();
            StringBuilder row =
                    new StringBuilder(String.format(Locale.ROOT, "| %s | %.2f", c.name(), ceiling.threshold()));
            for (double recall : recalls) {
                row.append(String.format(Locale.ROOT, " | %.1f%%", 100 * recall));
            }
            md.append(row).append(String.format(Locale.ROOT, " | %d |%n", ceiling.windows()));
            if (c.atTargetLevel()) {
                for (int k = 0; k < recalls.length; k++) {
                    pooled[k] += recalls[k];
                }
                atTarget++;
            }
        }
        if (atTarget > 0) {
            StringBuilder row = new StringBuilder("| " + TARGET_GROUP + " (mean of series) | |");
            for (double sum : pooled) {
                row.append(String.format(Locale.ROOT, " **%.1f%%** |", 100 * sum / atTarget));
            }
            md.append(row).append(" |\n");
        }
        md.append('\n');
    }

    private static String alertRow(Clean c, AlertEpisode e) {
        StringBuilder actuals = new StringBuilder();
        for (DayVerdict v : c.detection().detection().days()) {
            if (!v.date().isBefore(e.episodeStart()) && !v.date().isAfter(e.lastAnomalousDate())) {
                if (actuals.length() > 0) {
                    actuals.append(", ");
                }
                actuals.append(String.format(
                        Locale.ROOT, "%.0f (%.0f)", v.day().actual(), v.day().upper()));
            }
        }
        return String.format(
                Locale.ROOT,
                "| %s | %s | %s | %s | %d | %.1f | %s |%n",
                c.name(),
                e.episodeStart(),
                e.openedOn(),
                e.closedOn().map(LocalDate::toString).orElse("open"),
                e.anomalousDays(),
                e.peakZScore(),
                actuals);
    }

    /**
     * The project's outcomes of one run; when {@code anchors} are given, the seed rule's outcomes of the same
     * episodes, in the same order, go to {@code anchorOut}.
     */
    private List<Outcome> injectionRun(
            List<Clean> clean,
            RollingDetector rolling,
            SplittableRandom random,
            Map<String, SeedRuleAnchor> anchors,
            List<Outcome> anchorOut)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads.count());
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (Clean c : clean) {
                for (double size : SIZES) {
                    for (int length : LENGTHS) {
                        for (int e = 0; e < episodes; e++) {
                            int start = c.testStart() + random.nextInt(c.testDays() - length + 1);
                            SpikeInjection spike = new SpikeInjection(size, length, start, minExtra);
                            futures.add(pool.submit(() -> judge(c, spike, rolling)));
                            anchorOutcome(c, spike, anchors, anchorOut);
                        }
                    }
                }
                for (int e = 0; e < episodes; e++) {
                    int start = c.testStart() + random.nextInt(c.testDays() - RAMP_DAYS + 1);
                    SpikeInjection ramp = SpikeInjection.ramp(RAMP_STEP, RAMP_DAYS, start, minExtra);
                    futures.add(pool.submit(() -> judge(c, ramp, rolling)));
                    anchorOutcome(c, ramp, anchors, anchorOut);
                }
            }
            List<Outcome> out = new ArrayList<>();
            for (Future<Outcome> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void anchorOutcome(
            Clean c, SpikeInjection spike, Map<String, SeedRuleAnchor> anchors, List<Outcome> out) {
        SeedRuleAnchor anchor = anchors.get(c.name());
        if (anchor != null) {
            SeedRuleAnchor.Verdict v = anchor.judge(spike);
            double[] z = new double[spike.length()];
            Arrays.fill(z, Double.NaN);
            out.add(new Outcome(
                    c.name(),
                    spike.size(),
                    spike.length(),
                    spike.ramp(),
                    v.alerted(),
                    v.firstAlertDay(),
                    v.flagged(),
                    z));
        }
    }

    /** Rolling detection of one series carrying one spike, up to the spike's last day. */
    private static Outcome judge(Clean c, SpikeInjection spike, RollingDetector rolling) {
        DailySeries spiked =
                new DailySeries(c.series().start(), spike.applyTo(c.series().values()));
        List<ObservedDay> days = c.observedBefore(spike.start());
        for (int j = 0; j < spike.length(); j++) {
            int t = spike.start() + j;
            if (j == 0) {
                ObservedDay untouched = c.observed(t);
                days.add(new ObservedDay(
                        untouched.date(), spiked.count(t), untouched.yhat(), untouched.lower(), untouched.upper()));
            } else {
                days.add(rolling.forecastDay(spiked, t, days));
            }
        }
        AnomalyDetector.Yardstick before = rolling.yardstick(c.series(), c.mornings());
        AnomalyDetector.Yardstick during = rolling.yardstick(spiked, new HashMap<>());
        LocalDate spikeStart = c.series().date(spike.start());
        Detection d = rolling.judge(
                days,
                (runStart, day) ->
                        runStart.isAfter(spikeStart) ? during.before(runStart, day) : before.before(runStart, day));
        int firstAlertDay = -1;
        boolean[] flagged = new boolean[spike.length()];
        double[] z = new double[spike.length()];
        for (int j = 0; j < spike.length(); j++) {
            DayVerdict v = d.days().get(days.size() - spike.length() + j);
            if (firstAlertDay < 0 && d.alertOpenOn(v.date())) {
                firstAlertDay = j;
            }
            flagged[j] = v.anomalous();
            z[j] = v.zScore();
        }
        return new Outcome(
                c.name(), spike.size(), spike.length(), spike.ramp(), firstAlertDay >= 0, firstAlertDay, flagged, z);
    }

    private void recall(List<List<Outcome>> perRun, List<Clean> clean, StringBuilder md) {
        md.append(String.format(
                Locale.ROOT, "### Recall of injected spikes (median over %d runs, [min, max])%n%n", runs));
        md.append("Alerted: an alert is open on at least one day of the episode (with 3 days in a row needed, a "
                + "1-day spike alerts only when the days before it were already anomalous). Days flagged: share of "
                + "injected days above the upper bound; the first day's forecast is made before the spike, later days' "
                + "forecasts are refitted on a history that already holds the spike's first days. Spike: each day + size x the median of the same weekday "
                + "in the 4 weeks before, at least +" + fmt(minExtra) + " requests.\n\n");
        md.append("| series | size | length | episodes / run | alerted | days flagged | first day flagged "
                + "| later days flagged | median z of injected days |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        List<String> groups = new ArrayList<>();
        groups.add("pooled");
        groups.add(TARGET_GROUP);
        clean.forEach(c -> groups.add(c.name()));
        for (String group : groups) {
            for (double size : SIZES) {
                for (int length : LENGTHS) {
                    double[] alerted = new double[perRun.size()];
                    double[] flagged = new double[perRun.size()];
                    double[] firstDay = new double[perRun.size()];
                    double[] laterDays = new double[perRun.size()];
                    List<Double> zs = new ArrayList<>();
                    int count = 0;
                    for (int r = 0; r < perRun.size(); r++) {
                        int n = 0;
                        int a = 0;
                        int f = 0;
                        int first = 0;
                        for (Outcome o : perRun.get(r)) {
                            if (!o.ramp() && o.size() == size && o.length() == length && inGroup(group, o, clean)) {
                                n++;
                                a += o.alerted() ? 1 : 0;
                                f += o.flaggedDays();
                                first += o.flagged()[0] ? 1 : 0;
                                for (double z : o.z()) {
                                    zs.add(z);
                                }
                            }
                        }
                        alerted[r] = (double) a / n;
                        flagged[r] = (double) f / (n * length);
                        firstDay[r] = (double) first / n;
                        laterDays[r] = length > 1 ? (double) (f - first) / (n * (length - 1)) : Double.NaN;
                        count = n;
                    }
                    double[] z = zs.stream().mapToDouble(Double::doubleValue).toArray();
                    md.append(String.format(
                            Locale.ROOT,
                            "| %s | +%.0f%% | %d | %d | %s | %s | %s | %s | %.1f |%n",
                            group,
                            size * 100,
                            length,
                            count,
                            percent(alerted),
                            percent(flagged),
                            percent(firstDay),
                            length > 1 ? percent(laterDays) : "",
                            median(z)));
                }
            }
        }
        md.append('\n');
        ramps(perRun, clean, groups, md);
    }

    /** The early-warning case: ramps caught by their peak, and how many days before it the alert opened. */
    private void ramps(List<List<Outcome>> perRun, List<Clean> clean, List<String> groups, StringBuilder md) {
        md.append(String.format(
                Locale.ROOT,
                "### Ramps: +%.0f%% a day for %d days, peaking at +%.0f%% (median over %d runs, " + "[min, max])%n%n",
                100 * RAMP_STEP,
                RAMP_DAYS,
                100 * RAMP_STEP * RAMP_DAYS,
                runs));
        md.append(
                "Alerted by the peak: an alert is open on one of the ramp's days. Lead: days from the first day an alert "
                        + "is open to the peak (the last day), over the ramps alerted, all runs together.\n\n");
        md.append("| series | ramps / run | alerted by the peak | median lead (days) | lead >= 2 days |\n");
        md.append("| --- | ---: | ---: | ---: | ---: |\n");
        for (String group : groups) {
            RampStats s = RampStats.of(perRun, group, clean);
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %s | %s | %s |%n",
                    group,
                    s.count(),
                    percent(s.alerted()),
                    s.medianLead(),
                    percent(s.early())));
        }
        md.append('\n');
    }

    /**
     * Ramps of one group: per run the share alerted by the peak and the share alerted at least 2 days before it,
     * and the leads of those alerted, all runs together.
     */
    private record RampStats(int count, double[] alerted, double[] early, List<Double> leads) {

        static RampStats of(List<List<Outcome>> perRun, String group, List<Clean> clean) {
            double[] alerted = new double[perRun.size()];
            double[] early = new double[perRun.size()];
            List<Double> leads = new ArrayList<>();
            int count = 0;
            for (int r = 0; r < perRun.size(); r++) {
                int n = 0;
                int a = 0;
                int e = 0;
                for (Outcome o : perRun.get(r)) {
                    if (o.ramp() && inGroup(group, o, clean)) {
                        n++;
                        if (o.alerted()) {
                            a++;
                            int lead = o.length() - 1 - o.firstAlertDay();
                            leads.add((double) lead);
                            e += lead >= 2 ? 1 : 0;
                        }
                    }
                }
                alerted[r] = n == 0 ? Double.NaN : (double) a / n;
                early[r] = n == 0 ? Double.NaN : (double) e / n;
                count = n;
            }
            return new RampStats(count, alerted, early, leads);
        }

        String medianLead() {
            return leads.isEmpty()
                    ? ""
                    : fmt(median(leads.stream().mapToDouble(Double::doubleValue).toArray()));
        }
    }

    /** Per run, the share of the group's spikes of one size and length that were alerted. */
    private static double[] alertedShare(
            List<List<Outcome>> perRun, String group, double size, int length, List<Clean> clean) {
        double[] out = new double[perRun.size()];
        for (int r = 0; r < perRun.size(); r++) {
            int n = 0;
            int a = 0;
            for (Outcome o : perRun.get(r)) {
                if (!o.ramp() && o.size() == size && o.length() == length && inGroup(group, o, clean)) {
                    n++;
                    a += o.alerted() ? 1 : 0;
                }
            }
            out[r] = n == 0 ? Double.NaN : (double) a / n;
        }
        return out;
    }

    /** The seeds' rule beside the project's detector, on the same untouched days and the same injected episodes. */
    private void seedRule(
            List<List<Outcome>> perRun,
            List<List<Outcome>> anchorPerRun,
            List<Clean> clean,
            Map<String, SeedRuleAnchor> anchors,
            StringBuilder md) {
        md.append("### The seed rule beside it: Prophet's 95% upper bound, 3 days in a row\n\n");
        md.append("The seeds' rule (SeedRuleAnchor): a day is flagged when its actual lies above the upper bound of "
                + "Prophet (defaults, US holidays, interval width 0.95) refitted weekly on all history before the refit "
                + "day, from " + seedRuleForecasts + "; an alert is open from the third flagged day in a row. Same "
                + "untouched days and same injected episodes (same seeds and placements) as above. Injected days are "
                + "judged against Prophet's untouched forecasts: a weekly refit inside a 3-5 day episode would see at "
                + "most its first days, so the seed rule's recall is optimistic.\n\n");
        md.append("| series | days | project: FPR of day flags | seed rule: FPR of day flags | project: alerts per "
                + "series-year | seed rule: alerts per series-year |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: |\n");
        int allDays = 0;
        int allFlags = 0;
        int allAlerts = 0;
        int allAnchorFlags = 0;
        int allAnchorAlerts = 0;
        for (Clean c : clean) {
            List<DayVerdict> days = c.detection().reported();
            int flags = (int) days.stream().filter(DayVerdict::anomalous).count();
            LocalDate from = c.series().date(c.testStart());
            int alerts = (int) c.detection().detection().episodes().stream()
                    .filter(e -> !e.openedOn().isBefore(from))
                    .count();
            SeedRuleAnchor.Clean a =
                    Objects.requireNonNull(anchors.get(c.name())).clean();
            double years = days.size() / DAYS_PER_YEAR;
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %.2f%% | %.2f%% | %.2f | %.2f |%n",
                    c.name(),
                    days.size(),
                    100.0 * flags / days.size(),
                    100.0 * a.flags() / a.days(),
                    alerts / years,
                    a.alerts() / years));
            allDays += days.size();
            allFlags += flags;
            allAlerts += alerts;
            allAnchorFlags += a.flags();
            allAnchorAlerts += a.alerts();
        }
        double years = allDays / DAYS_PER_YEAR;
        md.append(String.format(
                Locale.ROOT,
                "| pooled | %d | %.2f%% | %.2f%% | %.2f | %.2f |%n%n",
                allDays,
                100.0 * allFlags / allDays,
                100.0 * allAnchorFlags / allDays,
                allAlerts / years,
                allAnchorAlerts / years));
        List<String> groups = new ArrayList<>();
        groups.add("pooled");
        groups.add(TARGET_GROUP);
        clean.forEach(c -> groups.add(c.name()));
        int length = 3;
        md.append(String.format(
                Locale.ROOT, "%d-day spikes alerted (median over %d runs, [min, max]):%n%n", length, runs));
        md.append("| series | size | project | seed rule |\n");
        md.append("| --- | ---: | ---: | ---: |\n");
        for (String group : groups) {
            for (double size : SIZES) {
                md.append(String.format(
                        Locale.ROOT,
                        "| %s | +%.0f%% | %s | %s |%n",
                        group,
                        size * 100,
                        percent(alertedShare(perRun, group, size, length, clean)),
                        percent(alertedShare(anchorPerRun, group, size, length, clean))));
            }
        }
        md.append('\n');
        md.append(String.format(
                Locale.ROOT,
                "Ramps (+%.0f%% a day for %d days) alerted by their peak, and lead in days "
                        + "(median over %d runs, [min, max]):%n%n",
                100 * RAMP_STEP,
                RAMP_DAYS,
                runs));
        md.append("| series | ramps / run | project: alerted | project: median lead | project: lead >= 2 days "
                + "| seed rule: alerted | seed rule: median lead | seed rule: lead >= 2 days |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (String group : groups) {
            RampStats p = RampStats.of(perRun, group, clean);
            RampStats a = RampStats.of(anchorPerRun, group, clean);
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %s | %s | %s | %s | %s | %s |%n",
                    group,
                    p.count(),
                    percent(p.alerted()),
                    p.medianLead(),
                    percent(p.early()),
                    percent(a.alerted()),
                    a.medianLead(),
                    percent(a.early())));
        }
        md.append('\n');
    }

    /** The group of series the recall targets are for. */
    static final String TARGET_GROUP = "series >= " + (int) TARGET_LEVEL + " a day";

    private static boolean inGroup(String group, Outcome o, List<Clean> clean) {
        if (group.equals("pooled")) {
            return true;
        }
        if (group.equals(TARGET_GROUP)) {
            return clean.stream().filter(c -> c.name().equals(o.series())).anyMatch(Clean::atTargetLevel);
        }
        return group.equals(o.series());
    }

    private static String percent(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        if (sorted.length == 1) {
            return String.format(Locale.ROOT, "%.1f%%", 100 * sorted[0]);
        }
        return String.format(
                Locale.ROOT,
                "%.1f%% [%.1f, %.1f]",
                100 * median(sorted),
                100 * sorted[0],
                100 * sorted[sorted.length - 1]);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
