package org.nyc311.forecastservice.tracking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.nyc311.forecastservice.run.StoredSeriesForecast;
import org.nyc311.model.forecast.ForecastPoint;

/**
 * Every series of a training as two CSV tables, the artifacts of its one MLflow run: what a nested run per
 * series held before (its model, hyperparameters, history and CV metrics; its forecast), at a fixed number
 * of calls whatever the number of series. A reader takes a series' rows by {@code series_id}.
 *
 * <p>Numbers are written as Java prints them, an absent metric or hyperparameter as an empty field, lines end
 * in a line feed.
 */
public final class SeriesTables {

    /** One row per series: {@code series_id, model, history_start, history_end, cv_*, hp.<name>...}. */
    public static final String METRICS = "series/metrics.csv";
    /** One row per series and forecast day: {@code series_id, date, yhat, yhat_lower, yhat_upper, level}. */
    public static final String FORECASTS = "series/forecasts.csv";

    static final List<String> METRIC_COLUMNS = List.of(
            "series_id",
            "model",
            "history_start",
            "history_end",
            "cv_mape",
            "cv_wape",
            "cv_mase",
            "cv_coverage",
            "cv_points");
    static final List<String> FORECAST_COLUMNS =
            List.of("series_id", "date", "yhat", "yhat_lower", "yhat_upper", "level");
    /** Prefix of a hyperparameter's column, as the per-series runs' params were named. */
    static final String HYPERPARAMETER = "hp.";

    private static final CsvMapper CSV = new CsvMapper().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING);

    private SeriesTables() {}

    /**
     * The metrics table. Models differ in their hyperparameters, so there is a column for every name any series
     * has (sorted), empty where a series' model has no such setting.
     */
    static String metrics(List<StoredSeriesForecast> series) throws JsonProcessingException {
        SortedSet<String> hyperparameters = new TreeSet<>();
        series.forEach(s -> hyperparameters.addAll(s.hyperparameters().keySet()));
        List<String> columns = new ArrayList<>(METRIC_COLUMNS);
        hyperparameters.forEach(name -> columns.add(HYPERPARAMETER + name));
        List<List<String>> rows = new ArrayList<>(series.size());
        for (StoredSeriesForecast s : series) {
            List<String> row = new ArrayList<>(columns.size());
            row.add(s.seriesId());
            row.add(s.model());
            row.add(s.historyStart().toString());
            row.add(s.historyEnd().toString());
            row.add(number(s.cvMape()));
            row.add(number(s.cvWape()));
            row.add(number(s.cvMase()));
            row.add(number(s.cvCoverage()));
            row.add(String.valueOf(s.cvPoints()));
            hyperparameters.forEach(name -> row.add(s.hyperparameters().getOrDefault(name, "")));
            rows.add(row);
        }
        return write(columns, rows);
    }

    /** The forecasts table: every stored point of every series, in the order given (series, then date). */
    static String forecasts(List<StoredSeriesForecast> series) throws JsonProcessingException {
        List<List<String>> rows = new ArrayList<>();
        for (StoredSeriesForecast s : series) {
            for (ForecastPoint p : s.points()) {
                rows.add(List.of(
                        s.seriesId(),
                        p.date().toString(),
                        String.valueOf(p.yhat()),
                        String.valueOf(p.lower()),
                        String.valueOf(p.upper()),
                        String.valueOf(p.level())));
            }
        }
        return write(FORECAST_COLUMNS, rows);
    }

    private static String write(List<String> columns, List<List<String>> rows) throws JsonProcessingException {
        CsvSchema schema = CsvSchema.builder()
                .addColumns(columns, CsvSchema.ColumnType.STRING)
                .build()
                .withHeader()
                .withLineSeparator("\n");
        return CSV.writer(schema).writeValueAsString(rows);
    }

    private static String number(@Nullable Double value) {
        return value == null || !Double.isFinite(value) ? "" : String.valueOf(value);
    }
}
