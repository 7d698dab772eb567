package org.nyc311.forecast.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nyc311.forecast.DailySeries;
import org.nyc311.forecast.Forecast;
import org.nyc311.forecast.ForecastSettings;
import org.nyc311.forecast.SeriesForecaster;
import org.nyc311.model.forecast.ForecastPoint;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code forecast}: forecasts every series of a CSV file, with calibrated intervals. */
@Command(
        name = "forecast",
        mixinStandardHelpOptions = true,
        description = {
            "Forecast daily counts for every series in a CSV file (series_id,date,count).",
            "Writes series_id,date,yhat,yhat_lower,yhat_upper: horizon rows per series, from the day "
                    + "after that series' last date. Bad input writes nothing and exits 1."
        })
public final class ForecastCommand implements Callable<Integer> {

    /** Exit code for input that fails validation (picocli uses 2 for bad options). */
    public static final int EXIT_BAD_INPUT = SeriesFileOptions.EXIT_BAD_INPUT;

    @Spec
    CommandSpec spec;

    @Mixin
    SeriesFileOptions files;

    @Option(names = "--horizon", required = true, description = "days to forecast")
    int horizon;

    @Option(
            names = "--folds",
            defaultValue = "" + ForecastSettings.DEFAULT_FOLDS,
            description = "rolling origins for model selection (default ${DEFAULT-VALUE})")
    int folds;

    @Mixin
    ModelSearchOptions search;

    public ForecastCommand() {}

    public static void main(String[] args) {
        System.exit(new CommandLine(new ForecastCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        ForecastSettings settings = search.checked(() -> {
            if (search.threads() < 1) {
                throw new IllegalArgumentException("threads must be >= 1");
            }
            return search.settings(horizon).withFolds(folds);
        });
        var read = files.read();
        if (read.isEmpty()) {
            return EXIT_BAD_INPUT;
        }
        Map<String, DailySeries> series = read.get();
        List<Forecast> forecasts = forecastAll(series, new SeriesForecaster(settings), err);
        List<String> ids = new ArrayList<>(series.keySet());
        files.write(List.of("series_id", "date", "yhat", "yhat_lower", "yhat_upper"), csv -> {
            for (int i = 0; i < ids.size(); i++) {
                for (ForecastPoint p : forecasts.get(i).points()) {
                    csv.row(
                            ids.get(i),
                            p.date().toString(),
                            SeriesCsv.number(p.yhat()),
                            SeriesCsv.number(p.lower()),
                            SeriesCsv.number(p.upper()));
                }
            }
        });
        err.println("forecast: wrote " + ids.size() + " series x " + horizon + " days to " + files.output());
        err.flush();
        return 0;
    }

    private List<Forecast> forecastAll(Map<String, DailySeries> series, SeriesForecaster forecaster, PrintWriter err)
            throws InterruptedException, ExecutionException {
        ExecutorService pool = Executors.newFixedThreadPool(search.threads());
        try {
            List<Future<Forecast>> futures = new ArrayList<>();
            for (DailySeries s : series.values()) {
                futures.add(pool.submit(() -> forecaster.forecast(s)));
            }
            Progress progress = new Progress("forecast", futures.size(), err);
            List<Forecast> out = new ArrayList<>();
            for (Future<Forecast> f : futures) {
                out.add(f.get());
                progress.step(out.size());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
