package org.nyc311.forecast.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nyc311.forecast.DailySeries;
import org.nyc311.forecast.ForecastSettings;
import org.nyc311.forecast.ModelFamily;
import org.nyc311.forecast.backtest.Backtester;
import org.nyc311.forecast.backtest.Backtester.MethodResult;
import org.nyc311.forecast.metrics.Accuracy;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code backtest}: rolling-origin evaluation of the engine, beside the weekly seasonal naive,
 * on every series of a CSV file.
 */
@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = {"Rolling-origin backtest of the forecasting engine and of seasonal naive.",
                "At each origin the engine sees only earlier days (model search included).",
                "Writes series_id,method,horizon,origins,points,mape,wape,mase,coverage,zero_actual_days; "
                        + "the series_id " + BacktestCommand.POOLED + " row pools every evaluated day.",
                "MAPE skips days whose actual is zero (counted in zero_actual_days); MASE is scaled by the "
                        + "in-sample MAE of the weekly seasonal naive before each origin."})
public final class BacktestCommand implements Callable<Integer> {

    public static final String POOLED = "__pooled__";

    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, description = "CSV with header series_id,date,count")
    Path input;

    @Option(names = "--horizon", required = true, description = "days forecast from each origin")
    int horizon;

    @Option(names = "--origins", required = true, description = "rolling origins per series")
    int origins;

    @Option(names = "--step", description = "days between origins (default: the horizon)")
    Integer step;

    @Option(names = "--exclude-last", defaultValue = "0",
            description = "leave this many final days out of every series (default ${DEFAULT-VALUE})")
    int excludeLast;

    @Option(names = "--output", required = true, description = "CSV to write")
    Path output;

    @Option(names = "--level", defaultValue = "0.95", description = "interval level (default ${DEFAULT-VALUE})")
    double level;

    @Option(names = "--trials", defaultValue = "20", description = "hyperparameter trials (default ${DEFAULT-VALUE})")
    int trials;

    @Option(names = "--seed", defaultValue = "311", description = "random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--threads", defaultValue = "2", description = "worker threads (default ${DEFAULT-VALUE})")
    int threads;

    public BacktestCommand() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new BacktestCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Backtester backtester;
        Map<String, ForecastSettings> methods = new LinkedHashMap<>();
        try {
            backtester = new Backtester(horizon, origins, step == null ? horizon : step, excludeLast, threads);
            ForecastSettings engine = ForecastSettings.of(horizon).withLevel(level).withTrials(trials).withSeed(seed);
            methods.put("engine", engine);
            methods.put("seasonal_naive", engine.withFamilies(EnumSet.of(ModelFamily.SEASONAL_NAIVE))
                    .withHolidayAdjustment(false));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        var read = SeriesCsv.readOrReport("backtest", input, err);
        if (read.isEmpty()) {
            return ForecastCommand.EXIT_BAD_INPUT;
        }
        Map<String, DailySeries> series = read.get();
        Progress progress = new Progress("backtest", series.size(), err);
        List<MethodResult> results = backtester.run(series, methods, progress::step);
        SeriesCsv.writeAtomically(output, w -> {
            w.write("series_id,method,horizon,origins,points,mape,wape,mase,coverage,zero_actual_days\n");
            for (String id : series.keySet()) {
                int n = backtester.originsFor(series.get(id).length()).length;
                for (MethodResult r : results) {
                    w.write(row(SeriesCsv.field(id), r.method(), n, r.perSeries().get(id)));
                }
            }
            for (MethodResult r : results) {
                w.write(row(POOLED, r.method(), origins, r.pooled()));
            }
        });
        for (MethodResult r : results) {
            Accuracy a = r.pooled();
            err.printf("backtest: %-15s pooled MAPE %s%%  WAPE %s%%  MASE %s  coverage %s%n", r.method(),
                    SeriesCsv.number(a.mape()), SeriesCsv.number(a.wape()), SeriesCsv.number(a.mase()),
                    SeriesCsv.number(a.coverage()));
        }
        err.flush();
        return 0;
    }

    private String row(String id, String method, int originCount, Accuracy a) {
        return String.join(",", id, method, Integer.toString(horizon), Integer.toString(originCount),
                Integer.toString(a.points()), SeriesCsv.number(a.mape()), SeriesCsv.number(a.wape()),
                SeriesCsv.number(a.mase()), SeriesCsv.number(a.coverage()), Integer.toString(a.zeroActualDays())) + "\n";
    }
}
