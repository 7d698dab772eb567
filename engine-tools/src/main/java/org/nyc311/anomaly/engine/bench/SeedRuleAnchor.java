package org.nyc311.anomaly.engine.bench;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nyc311.forecast.DailySeries;

/**
 * The seeds' anomaly rule, the anchor the detection benchmark reports beside the project's detector: a day is
 * flagged when its actual lies above Prophet's 95% upper bound, and an alert is open on a flagged day that ends a
 * run of at least {@value #CONSECUTIVE_DAYS} flagged days in a row.
 *
 * <p>The forecasts come from {@code scripts/anchors/seed_rule_forecasts.py} (Prophet refitted weekly on all
 * history before the refit day), one per day of the evaluated window and the 28 days before it. An injected
 * episode is judged against these untouched forecasts: a weekly refit inside a 3-5 day episode would have seen
 * at most its first days, so this is optimistic for the anchor.
 */
public final class SeedRuleAnchor {

    static final int CONSECUTIVE_DAYS = 3;

    /** Prophet's forecast of one day. */
    public record Forecast(double yhat, double lower, double upper) {}

    /**
     * The rule on one stretch of days.
     *
     * @param flagged       per day, whether its actual lies above the upper bound
     * @param firstAlertDay the first day (from 0) with an alert open, -1 when none
     */
    public record Verdict(boolean[] flagged, int firstAlertDay) {

        public boolean alerted() {
            return firstAlertDay >= 0;
        }

        public int flaggedDays() {
            int n = 0;
            for (boolean f : flagged) {
                n += f ? 1 : 0;
            }
            return n;
        }
    }

    /** The rule on the untouched evaluated days: day flags, and alerts opened inside the window. */
    public record Clean(int days, int flags, int alerts) {}

    private final DailySeries series;
    private final int firstEvaluated;
    private final Map<LocalDate, Forecast> forecasts;

    /**
     * @param series         the series as the benchmark evaluates it
     * @param firstEvaluated index of the evaluated window's first day
     * @param forecasts      Prophet's forecast of every day from {@value #CONSECUTIVE_DAYS} - 1 days before the
     *                       window to the series' end
     */
    public SeedRuleAnchor(DailySeries series, int firstEvaluated, Map<LocalDate, Forecast> forecasts) {
        for (int t = Math.max(0, firstEvaluated - CONSECUTIVE_DAYS + 1); t < series.length(); t++) {
            if (!forecasts.containsKey(series.date(t))) {
                throw new IllegalArgumentException("no seed-rule forecast for " + series.date(t)
                        + " (make them for this window with scripts/anchors/seed_rule_forecasts.py)");
            }
        }
        this.series = series;
        this.firstEvaluated = firstEvaluated;
        this.forecasts = Map.copyOf(forecasts);
    }

    /** Reads a {@code date,yhat,lower,upper,origin} CSV written by seed_rule_forecasts.py. */
    public static Map<LocalDate, Forecast> read(Path csv) throws IOException {
        CsvSchema header = CsvSchema.emptySchema().withHeader();
        List<Map<String, String>> rows;
        try (MappingIterator<Map<String, String>> it =
                new CsvMapper().readerForMapOf(String.class).with(header).readValues(csv.toFile())) {
            rows = it.readAll();
        }
        Map<LocalDate, Forecast> out = new HashMap<>();
        for (Map<String, String> row : rows) {
            out.put(
                    LocalDate.parse(column(row, "date")),
                    new Forecast(
                            Double.parseDouble(column(row, "yhat")),
                            Double.parseDouble(column(row, "lower")),
                            Double.parseDouble(column(row, "upper"))));
        }
        return out;
    }

    public Clean clean() {
        double[] counts = series.values();
        int flags = 0;
        int alerts = 0;
        int run = runBefore(counts, firstEvaluated);
        for (int t = firstEvaluated; t < series.length(); t++) {
            boolean f = flagged(counts, t);
            run = f ? run + 1 : 0;
            flags += f ? 1 : 0;
            // one alert per run, counted on the day it opens
            alerts += run == CONSECUTIVE_DAYS ? 1 : 0;
        }
        return new Clean(series.length() - firstEvaluated, flags, alerts);
    }

    /** The rule on an injected episode: the days before it untouched, its own days carrying the spike. */
    public Verdict judge(SpikeInjection spike) {
        double[] spiked = spike.applyTo(series.values());
        boolean[] flagged = new boolean[spike.length()];
        int firstAlertDay = -1;
        int run = runBefore(spiked, spike.start());
        for (int j = 0; j < spike.length(); j++) {
            flagged[j] = flagged(spiked, spike.start() + j);
            run = flagged[j] ? run + 1 : 0;
            if (firstAlertDay < 0 && run >= CONSECUTIVE_DAYS) {
                firstAlertDay = j;
            }
        }
        return new Verdict(flagged, firstAlertDay);
    }

    /**
     * Flagged days in a row just before day {@code t}, as far back as there are forecasts (28 days before the
     * window), so that a run whose alert opened before the window is not counted again inside it.
     */
    private int runBefore(double[] counts, int t) {
        int run = 0;
        for (int back = t - 1; back >= 0 && forecasts.containsKey(series.date(back)) && flagged(counts, back); back--) {
            run++;
        }
        return run;
    }

    private boolean flagged(double[] counts, int t) {
        return counts[t] > Objects.requireNonNull(forecasts.get(series.date(t))).upper();
    }

    private static String column(Map<String, String> row, String name) {
        return Objects.requireNonNull(row.get(name), () -> "no column " + name).trim();
    }
}
