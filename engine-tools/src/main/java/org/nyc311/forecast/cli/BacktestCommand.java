package org.nyc311.forecast.cli;

import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.nyc311.forecast.DailySeries;
import org.nyc311.forecast.ForecastSettings;
import org.nyc311.forecast.ModelFamily;
import org.nyc311.forecast.backtest.Backtester;
import org.nyc311.forecast.backtest.Backtester.MethodResult;
import org.nyc311.forecast.metrics.Accuracy;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code backtest}: rolling-origin evaluation of the engine, beside the weekly seasonal naive,
 * on every series of a CSV file.
 */
@Command(
        name = "backtest",
        mixinStandardHelpOptions = true,
        description = {
            "Rolling-origin backtest of the forecasting engine and of seasonal naive.",
            "At each origin the engine sees only earlier days (model search included).",
            "Writes series_id,method,horizon,origins,points,mape,wape,mase,coverage,zero_actual_days; "
                    + "the series_id " + BacktestCommand.POOLED + " row pools every evaluated day.",
            "MAPE skips days whose actual is zero (counted in zero_actual_days); MASE is scaled by the "
                    + "in-sample MAE of the weekly seasonal naive before each origin."
        })
public final class BacktestCommand implements Callable<Integer> {

    public static final String POOLED = "__pooled__";

    @Spec
    CommandSpec spec;

    @Mixin
    SeriesFileOptions files;

    @Option(names = "--horizon", required = true, description = "days forecast from each origin")
    int horizon;

    @Option(names = "--origins", required = true, description = "rolling origins per series")
    int origins;

    @Option(names = "--step", description = "days between origins (default: the horizon)")
    Integer step;

    @Option(
            names = "--exclude-last",
            defaultValue = "0",
            description = "leave this many final days out of every series (default ${DEFAULT-VALUE})")
    int excludeLast;

    @Mixin
    ModelSearchOptions search;

    public BacktestCommand() {}

    public static void main(String[] args) {
        System.exit(new CommandLine(new BacktestCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Backtester backtester = search.checked(
                () -> new Backtester(horizon, origins, step == null ? horizon : step, excludeLast, search.threads()));
        ForecastSettings engine = search.checked(() -> search.settings(horizon));
        Map<String, ForecastSettings> methods = new LinkedHashMap<>();
        methods.put("engine", engine);
        methods.put(
                "seasonal_naive",
                engine.withFamilies(EnumSet.of(ModelFamily.SEASONAL_NAIVE)).withHolidayAdjustment(false));
        var read = files.read();
        if (read.isEmpty()) {
            return SeriesFileOptions.EXIT_BAD_INPUT;
        }
        Map<String, DailySeries> series = read.get();
        Progress progress = new Progress("backtest", series.size(), err);
        List<MethodResult> results = backtester.run(series, methods, progress::step);
        files.write(
                List.of(
                        "series_id",
                        "method",
                        "horizon",
                        "origins",
                        "points",
                        "mape",
                        "wape",
                        "mase",
                        "coverage",
                        "zero_actual_days"),
                csv -> {
                    for (String id : series.keySet()) {
                        int n = backtester.originsFor(series.get(id).length()).length;
                        for (MethodResult r : results) {
                            csv.row(row(
                                    id,
                                    r.method(),
                                    n,
                                    Objects.requireNonNull(r.perSeries().get(id))));
                        }
                    }
                    for (MethodResult r : results) {
                        csv.row(row(POOLED, r.method(), origins, r.pooled()));
                    }
                });
        for (MethodResult r : results) {
            Accuracy a = r.pooled();
            err.printf(
                    "backtest: %-15s pooled MAPE %s%%  WAPE %s%%  MASE %s  coverage %s%n",
                    r.method(),
                    SeriesCsv.number(a.mape()),
                    SeriesCsv.number(a.wape()),
                    SeriesCsv.number(a.mase()),
                    SeriesCsv.number(a.coverage()));
        }
        err.flush();
        return 0;
    }

    private String[] row(String id, String method, int originCount, Accuracy a) {
        return new String[] {
            id,
            method,
            Integer.toString(horizon),
            Integer.toString(originCount),
            Integer.toString(a.points()),
            SeriesCsv.number(a.mape()),
            SeriesCsv.number(a.wape()),
            SeriesCsv.number(a.mase()),
            SeriesCsv.number(a.coverage()),
            Integer.toString(a.zeroActualDays())
        };
    }
}
