package org.nyc311.forecast.bench;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.nyc311.forecast.DailySeries;
import org.nyc311.forecast.metrics.Accuracy;
import org.nyc311.forecast.metrics.AccuracyAccumulator;

/**
 * The anchors the forecasting benchmark reports beside the engine: Prophet (defaults plus US holidays),
 * statsforecast's AutoETS and MSTL, each fitted at the engine's own rolling origins on the days before them,
 * by {@code scripts/anchors/rolling_forecasts.py} in the pinned environment that
 * {@code scripts/anchors-venv.sh} creates (never the services' images, never CI). They are scored by the
 * same {@link AccuracyAccumulator} as the engine, against the same seasonal-naive scale per origin.
 */
public final class AnchorForecasts {

    /** The anchors, in the order the report lists them. */
    public static final List<String> METHODS = List.of("prophet", "auto_ets", "mstl");

    private static final Pattern FIT_TIME = Pattern.compile("^(\\w+): (\\d+) fits in ([0-9.]+) s \\((.*)\\)$");

    /** One anchor's forecasts at every origin: origin to steps of {yhat, lower, upper}. */
    public record MethodForecasts(Map<Integer, double[][]> byOrigin) {

        public MethodForecasts {
            byOrigin = Map.copyOf(byOrigin);
        }
    }

    /**
     * What one run of the script gave.
     *
     * @param methods  per anchor, its forecasts
     * @param seconds  per anchor, the script's own wall time for its fits
     * @param versions the anchors' package versions, as the script printed them
     */
    public record Run(Map<String, MethodForecasts> methods, Map<String, Double> seconds, String versions) {}

    private final Path scripts;
    private final Path venv;

    /**
     * @param scripts the repository's {@code scripts} folder
     * @param venv    where the pinned anchors environment lives (created or checked by {@link #prepare})
     */
    public AnchorForecasts(Path scripts, Path venv) {
        this.scripts = scripts;
        this.venv = venv;
    }

    /** Creates the pinned environment, or checks that it matches the pinned files; fails naming its log. */
    public void prepare() throws IOException, InterruptedException {
        Path log = Files.createTempFile("anchors-venv", ".log");
        Process p = new ProcessBuilder(
                        "bash", scripts.resolve("anchors-venv.sh").toString(), venv.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (p.waitFor() != 0) {
            throw new IOException("scripts/anchors-venv.sh failed (exit " + p.exitValue() + "); see " + log);
        }
    }

    /** Fits every anchor at each origin (a prefix length of {@code series}) and forecasts {@code horizon} days. */
    public Run forecast(DailySeries series, int[] origins, int horizon) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("anchors");
        Path input = dir.resolve("series.csv");
        StringBuilder csv = new StringBuilder("date,count\n");
        for (int t = 0; t < series.length(); t++) {
            csv.append(series.date(t)).append(',').append(series.count(t)).append('\n');
        }
        Files.writeString(input, csv, StandardCharsets.UTF_8);
        Path output = dir.resolve("forecasts.csv");
        Path log = dir.resolve("anchors.log");
        Process p = new ProcessBuilder(
                        venv.resolve("bin/python").toString(),
                        scripts.resolve("anchors/rolling_forecasts.py").toString(),
                        "--series",
                        input.toString(),
                        "--origins",
                        Arrays.stream(origins).mapToObj(Integer::toString).collect(Collectors.joining(",")),
                        "--horizon",
                        Integer.toString(horizon),
                        "--out",
                        output.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (p.waitFor() != 0) {
            throw new IOException("rolling_forecasts.py failed (exit " + p.exitValue() + "); see " + log);
        }
        Map<String, Double> seconds = new LinkedHashMap<>();
        String versions = "";
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            Matcher m = FIT_TIME.matcher(line.strip());
            if (m.matches()) {
                seconds.put(m.group(1), Double.parseDouble(m.group(3)));
                versions = m.group(4);
            }
        }
        Run run = new Run(read(output), seconds, versions);
        for (Path file : List.of(input, output, log)) {
            Files.delete(file);
        }
        Files.delete(dir);
        return run;
    }

    /** Reads a {@code method,origin,step,yhat,lower,upper} CSV written by rolling_forecasts.py. */
    public static Map<String, MethodForecasts> read(Path csv) throws IOException {
        CsvSchema header = CsvSchema.emptySchema().withHeader();
        Map<String, Map<Integer, List<double[]>>> rows = new LinkedHashMap<>();
        try (MappingIterator<Map<String, String>> it =
                new CsvMapper().readerForMapOf(String.class).with(header).readValues(csv.toFile())) {
            while (it.hasNext()) {
                Map<String, String> row = it.next();
                int step = Integer.parseInt(field(row, "step"));
                List<double[]> steps = rows.computeIfAbsent(field(row, "method"), k -> new TreeMap<>())
                        .computeIfAbsent(Integer.parseInt(field(row, "origin")), k -> new ArrayList<>());
                if (step != steps.size()) {
                    throw new IOException(csv + ": steps out of order at " + row);
                }
                steps.add(new double[] {
                    Double.parseDouble(field(row, "yhat")),
                    Double.parseDouble(field(row, "lower")),
                    Double.parseDouble(field(row, "upper"))
                });
            }
        }
        Map<String, MethodForecasts> out = new LinkedHashMap<>();
        rows.forEach((method, byOrigin) -> {
            Map<Integer, double[][]> arrays = new TreeMap<>();
            byOrigin.forEach((origin, steps) -> arrays.put(origin, steps.toArray(double[][]::new)));
            out.put(method, new MethodForecasts(arrays));
        });
        return out;
    }

    /**
     * Scores one anchor as the backtest scores the engine: each origin's days against their actuals, MASE scaled
     * by the seasonal naive's in-sample error before that origin. A negative point forecast counts as 0 (counts
     * cannot be negative), which can only help the anchor.
     */
    public static Accuracy score(DailySeries series, int[] origins, MethodForecasts forecasts) {
        double[] y = series.values();
        AccuracyAccumulator acc = new AccuracyAccumulator();
        for (int origin : origins) {
            double[][] steps = forecasts.byOrigin().get(origin);
            if (steps == null) {
                throw new IllegalArgumentException("no anchor forecast from origin " + origin);
            }
            double scale = AccuracyAccumulator.seasonalNaiveScale(y, origin);
            for (int h = 0; h < steps.length && origin + h < y.length; h++) {
                acc.add(y[origin + h], Math.max(0, steps[h][0]), steps[h][1], steps[h][2], scale);
            }
        }
        return acc.result();
    }

    private static String field(Map<String, String> row, String name) throws IOException {
        String value = row.get(name);
        if (value == null) {
            throw new IOException("anchor forecasts lack the column " + name);
        }
        return value;
    }
}
