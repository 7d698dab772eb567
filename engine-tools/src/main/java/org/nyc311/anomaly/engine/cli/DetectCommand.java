package org.nyc311.anomaly.engine.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nyc311.anomaly.engine.AlertEpisode;
import org.nyc311.anomaly.engine.DayVerdict;
import org.nyc311.anomaly.engine.DetectionSettings;
import org.nyc311.anomaly.engine.ObservedDay;
import org.nyc311.anomaly.engine.rolling.RollingDetector;
import org.nyc311.anomaly.engine.rolling.SeriesDetection;
import org.nyc311.forecast.DailySeries;
import org.nyc311.forecast.ForecastSettings;
import org.nyc311.forecast.cli.ModelSearchOptions;
import org.nyc311.forecast.cli.SeriesCsv;
import org.nyc311.forecast.cli.SeriesFileOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code detect}: rolling anomaly detection over every series of a CSV file. */
@Command(
        name = "detect",
        mixinStandardHelpOptions = true,
        description = {
            "Rolling anomaly detection for every series in a CSV file (series_id,date,count).",
            "Each day from --from on is forecast from the days before it (the forecasting engine's full "
                    + "model race, refitted per day) and judged against that interval.",
            "Writes series_id,date,actual,yhat,yhat_lower,yhat_upper,anomalous,zscore,alert_open,raised: "
                    + "anomalous is a spike above the upper bound (or a drop below the lower one with "
                    + "--drops-alert); zscore is the robust z-score of the residual; alert_open is true on "
                    + "the day an alert opens; raised is a day inside the interval that the sustained-rise "
                    + "rule counts toward a run. Bad input writes nothing and exits 1."
        })
public final class DetectCommand implements Callable<Integer> {

    /** Exit code for input that fails validation, as the forecast command (picocli uses 2 for bad options). */
    public static final int EXIT_BAD_INPUT = SeriesFileOptions.EXIT_BAD_INPUT;

    public static final String HEADER =
            "series_id,date,actual,yhat,yhat_lower,yhat_upper,anomalous,zscore,alert_open,raised";

    @Spec
    CommandSpec spec;

    @Mixin
    SeriesFileOptions files;

    @Option(
            names = "--from",
            required = true,
            description = "first day to judge (yyyy-MM-dd); earlier days are history")
    LocalDate from;

    @Option(
            names = "--consecutive-days",
            defaultValue = "3",
            description = "anomalous days in a row that open an alert (default ${DEFAULT-VALUE})")
    int consecutiveDays;

    @Option(
            names = "--z-window",
            defaultValue = "28",
            description = "earlier days whose residuals the z-score uses (default ${DEFAULT-VALUE})")
    int zWindow;

    @Option(names = "--drops-alert", description = "drops below the lower bound count toward alerts too")
    boolean dropsAlert;

    @Mixin
    OptInRuleOptions optIn;

    @Option(
            names = "--forecast-horizon",
            defaultValue = "7",
            description = "horizon of each day's forecast, whose first day is used (default ${DEFAULT-VALUE})")
    int forecastHorizon;

    @Mixin
    ModelSearchOptions search;

    public DetectCommand() {}

    public static void main(String[] args) {
        System.exit(new CommandLine(new DetectCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        RollingDetector detector = search.checked(() -> {
            ForecastSettings forecast = search.settings(forecastHorizon);
            DetectionSettings detection = optIn.applyTo(DetectionSettings.defaults()
                    .withConsecutiveDays(consecutiveDays)
                    .withZWindow(zWindow)
                    .withDropsAlert(dropsAlert));
            return new RollingDetector(
                    forecast, detection, optIn.runHistory(), optIn.judgeRunsBefore(), search.threads());
        });
        var read = files.read();
        if (read.isEmpty()) {
            return EXIT_BAD_INPUT;
        }
        Map<String, DailySeries> series = read.get();
        int tasks = detector.tasks(series, from);
        int forecastDays = series.values().stream()
                .mapToInt(s -> s.length() - detector.firstForecastDay(s, from))
                .sum();
        Progress progress = new Progress("detect", tasks, forecastDays, err);
        Map<String, SeriesDetection> results = detector.detect(series, from, progress::step);
        int[] counts = new int[3];
        write(results, counts);
        Map<AlertEpisode.OpenedBy, Long> openedBy = new EnumMap<>(AlertEpisode.OpenedBy.class);
        for (AlertEpisode.OpenedBy rule : AlertEpisode.OpenedBy.values()) {
            openedBy.put(rule, 0L);
        }
        results.values()
                .forEach(r -> r.detection().episodes().stream()
                        .filter(e -> !e.openedOn().isBefore(r.from()))
                        .forEach(e -> openedBy.merge(e.openedBy(), 1L, Long::sum)));
        err.printf(
                Locale.ROOT,
                "detect: wrote %d days of %d series to %s: %d anomalous, %d alerts opened (%s)%n",
                counts[0],
                series.size(),
                files.output(),
                counts[1],
                counts[2],
                openedBy.entrySet().stream()
                        .map(e -> e.getKey().tag() + " " + e.getValue())
                        .collect(java.util.stream.Collectors.joining(", ")));
        if (counts[0] == 0) {
            err.println("detect: no series has days on or after " + from);
        }
        err.flush();
        return 0;
    }

    private void write(Map<String, SeriesDetection> results, int[] counts) throws IOException {
        files.write(List.of(HEADER.split(",")), csv -> {
            for (Map.Entry<String, SeriesDetection> e : results.entrySet()) {
                for (DayVerdict v : e.getValue().reported()) {
                    ObservedDay d = v.day();
                    csv.row(
                            e.getKey(),
                            d.date().toString(),
                            count(d.actual()),
                            SeriesCsv.number(d.yhat()),
                            SeriesCsv.number(d.lower()),
                            SeriesCsv.number(d.upper()),
                            Boolean.toString(v.anomalous()),
                            SeriesCsv.number(v.zScore()),
                            Boolean.toString(v.alertOpened()),
                            Boolean.toString(v.raised()));
                    counts[0]++;
                    counts[1] += v.anomalous() ? 1 : 0;
                    counts[2] += v.alertOpened() ? 1 : 0;
                }
            }
        });
    }

    /** Counts as the input gave them: whole numbers without a decimal point. */
    static String count(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : SeriesCsv.number(v);
    }
}
