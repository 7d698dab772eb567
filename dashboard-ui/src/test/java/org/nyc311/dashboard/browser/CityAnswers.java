package org.nyc311.dashboard.browser;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.nyc311.api.anomaly.AlertView;
import org.nyc311.api.anomaly.AnomalyView;
import org.nyc311.api.forecast.CrossValidation;
import org.nyc311.api.forecast.DailyCountView;
import org.nyc311.api.forecast.ModelView;
import org.nyc311.api.forecast.SeriesHistoryView;
import org.nyc311.api.forecast.SeriesView;
import org.nyc311.api.forecast.StoredForecastView;
import org.nyc311.api.pipeline.PipelineRunView;
import org.nyc311.model.forecast.ForecastPoint;
import org.nyc311.model.series.SeriesKey;
import org.nyc311.testsupport.net.JsonStubServer;

/**
 * What forecast-service, anomaly-service and pipeline-controller answer the Overview and the Explorer for a city of
 * {@code series} series, as their own records (service-api's), written by a {@link JsonStubServer} as a Spring Boot
 * service writes them: the catalog of every series (roll-ups first, then {@code type-N/<borough>} over the 6 borough
 * values), the roll-ups' forecasts, counts, past forecasts and model, a year's share of anomalous days over every
 * series (the stand-in answers by path, so the Overview's and Explorer's filters do not shrink it: more than the real
 * service sends them), open alerts and the recent pipeline runs. Seeded: the same size gives the same bytes.
 */
final class CityAnswers {

    static final List<String> BOROUGHS =
            List.of("bronx", "brooklyn", "manhattan", "queens", "staten-island", "unspecified");
    /** Days of counts and past forecasts served: the Explorer's window, the longest a view asks for. */
    static final int HISTORY_DAYS = 120;

    static final int HORIZON = 14;
    /** Share of series-days anomalous over the Overview's 60 days: about the detector's false-positive rate plus episodes. */
    static final double ANOMALOUS_SHARE = 0.02;

    private CityAnswers() {}

    /** Loads {@code services} with the answers of a city of {@code series} series whose last complete day is {@code last}. */
    static void serve(JsonStubServer services, int series, LocalDate last) {
        Random random = new Random(311);
        List<String> rollUps = new ArrayList<>(List.of(SeriesKey.ALL + "/" + SeriesKey.ALL));
        BOROUGHS.stream().filter(b -> !b.equals("unspecified")).forEach(b -> rollUps.add(SeriesKey.ALL + "/" + b));
        List<SeriesView> catalog = new ArrayList<>();
        for (String id : rollUps) {
            catalog.add(seriesView(id, SeriesKey.ALL, "All", 9000.0 / rollUps.size(), last));
        }
        for (int n = 0; catalog.size() < series; n++) {
            String type = "type-" + n;
            String borough = BOROUGHS.get(n % BOROUGHS.size());
            catalog.add(seriesView(type + "/" + borough, type, "Type " + n, 1 + random.nextDouble() * 60, last));
        }
        services.answer("/api/v1/series", catalog);

        UUID run = UUID.nameUUIDFromBytes("bench-run".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        List<SeriesHistoryView> histories = new ArrayList<>();
        for (String id : rollUps) {
            double level = id.equals("all/all") ? 9000 : 1800;
            String[] parts = id.split("/");
            List<ForecastPoint> ahead = new ArrayList<>();
            for (int d = 1; d <= HORIZON; d++) {
                ahead.add(point(last.plusDays(d), level, random));
            }
            services.answer(
                    "/api/v1/forecasts/" + parts[0] + "/" + parts[1],
                    new StoredForecastView(id, run, "ets", "mlflow-" + id, 42L, last, HORIZON, ahead));
            List<DailyCountView> counts = new ArrayList<>();
            List<ForecastPoint> past = new ArrayList<>();
            for (int d = HISTORY_DAYS; d >= 1; d--) {
                LocalDate day = last.plusDays(1).minusDays(d);
                counts.add(new DailyCountView(day, Math.round(level * (0.85 + random.nextDouble() * 0.3))));
                past.add(point(day, level, random));
            }
            services.answer("/api/v1/series/" + parts[0] + "/" + parts[1] + "/history", counts);
            histories.add(new SeriesHistoryView(id, counts));
            services.answer("/api/v1/forecasts/" + parts[0] + "/" + parts[1] + "/past", past);
            services.answer(
                    "/api/v1/models/" + parts[0] + "/" + parts[1],
                    new ModelView(
                            id,
                            run,
                            "ets",
                            Map.of("alpha", "0.3", "beta", "0.05"),
                            new CrossValidation(0.061, 0.058, 0.74, 0.95, 56),
                            last.minusYears(3),
                            last,
                            "mlflow-" + id,
                            "mlflow-parent",
                            null,
                            "7"));
        }
        services.answer("/api/v1/series/histories", histories);

        List<AnomalyView> anomalies = new ArrayList<>();
        for (int d = 0; d < 60; d++) {
            LocalDate day = last.minusDays(d);
            for (SeriesView s : catalog) {
                if (random.nextDouble() < ANOMALOUS_SHARE) {
                    double yhat = s.meanCount();
                    anomalies.add(new AnomalyView(
                            s.seriesId(),
                            s.complaintTypeKey(),
                            s.borough(),
                            day,
                            Math.round(yhat * 2 + 5),
                            yhat,
                            yhat * 0.6,
                            yhat * 1.4,
                            4.2,
                            "SPIKE",
                            run.toString()));
                }
            }
        }
        services.answer("/api/v1/anomalies", anomalies);
        List<AlertView> alerts = new ArrayList<>();
        for (int a = 0; a < series / 50; a++) {
            alerts.add(new AlertView(
                    UUID.nameUUIDFromBytes(("alert-" + a).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    catalog.get(random.nextInt(catalog.size())).seriesId(),
                    "open",
                    last.minusDays(4),
                    last.minusDays(2),
                    last,
                    null,
                    3,
                    4.5,
                    a % 2 == 0 ? "breaches" : "evidence",
                    null,
                    null,
                    null));
        }
        services.answer("/api/v1/alerts", alerts);
        List<PipelineRunView> runs = new ArrayList<>();
        for (int r = 0; r < 20; r++) {
            Instant created = last.minusDays(r).plusDays(1).atTime(8, 0).toInstant(ZoneOffset.UTC);
            runs.add(new PipelineRunView(
                    UUID.nameUUIDFromBytes(("pipeline-" + r).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    PipelineRunView.State.SUCCEEDED,
                    created,
                    created.plusSeconds(5),
                    created.plusSeconds(95),
                    1,
                    null,
                    "local-" + r,
                    null,
                    List.of("ingestion-" + r),
                    List.of(),
                    new PipelineRunView.ResultView(
                            "job-" + r,
                            Map.of("daily_series", 100L + r),
                            last.minusDays(r),
                            created.minusSeconds(3600),
                            Map.of("daily_series", 9000L),
                            new PipelineRunView.Silver(9000, 8900, 80, 20, 3)),
                    UUID.nameUUIDFromBytes(("gold-" + r).getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        }
        services.answer("/api/v1/runs", runs);
    }

    private static SeriesView seriesView(String id, String type, String name, double mean, LocalDate last) {
        String borough = id.substring(id.indexOf('/') + 1);
        String level =
                type.equals(SeriesKey.ALL) ? (borough.equals(SeriesKey.ALL) ? "citywide" : "borough") : "type_borough";
        return new SeriesView(id, level, type, name, borough, last.minusYears(3), last, last, mean, 1095, true);
    }

    private static ForecastPoint point(LocalDate day, double level, Random random) {
        double yhat = level * (0.9 + random.nextDouble() * 0.2);
        return new ForecastPoint(day, yhat, yhat * 0.85, yhat * 1.15, 0.95);
    }
}
