package org.nyc311.forecastservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.nyc311.forecastservice.fit.SeriesFit;
import org.nyc311.forecastservice.run.ForecastRun;
import org.nyc311.forecastservice.run.ForecastRunRepository;
import org.nyc311.forecastservice.run.StoredSeriesForecast;
import org.nyc311.forecastservice.support.GoldFixture;
import org.nyc311.model.event.ForecastsPublished;
import org.nyc311.model.event.GoldRefreshed;
import org.nyc311.model.forecast.ForecastPoint;
import org.nyc311.testsupport.mlflow.MlflowRest;
import org.springframework.beans.factory.annotation.Autowired;

/** GoldRefreshed in, forecasts stored and tracked, ForecastsPublished out; the champion alias. */
class TrainingFlowIT extends ServiceTest {

    private static final String MODEL = "nyc311-daily-forecaster";

    @Autowired
    ForecastRunRepository runs;

    @Autowired
    MeterRegistry meters;

    @Test
    void theSameGoldRefreshedTwiceMakesOneRunThatIsStoredTrackedAndPublished() throws Exception {
        TestQueues queues = new TestQueues(sqs);
        GoldRefreshed event = TestQueues.goldRefreshed("pipeline-" + UUID.randomUUID());
        queues.send(event);
        queues.send(event);

        ForecastRun run = awaitRunForEvent(event);
        assertThat(run.status()).isEqualTo(ForecastRun.Status.SUCCEEDED);
        assertThat(run.seriesForecast()).isEqualTo(GoldFixture.FORECASTABLE.size());
        assertThat(run.seriesFailed()).isZero();
        assertThat(run.goldVersion()).isEqualTo(1L);
        assertThat(run.lastActualDate()).isEqualTo(GoldFixture.LAST_DAY);
        assertThat(runs.pointCount(run.runId())).isEqualTo(GoldFixture.FORECASTABLE.size() * 14);

        List<ForecastsPublished> published = await().atMost(Duration.ofSeconds(30))
                .until(() -> queues.publishedFor(run.runId().toString()), list -> !list.isEmpty());
        ForecastsPublished announced = published.get(0);
        assertThat(announced.goldVersion()).isEqualTo(1L);
        assertThat(announced.lastActualDate()).isEqualTo(GoldFixture.LAST_DAY);
        assertThat(announced.horizonDays()).isEqualTo(14);
        assertThat(announced.seriesForecast()).isEqualTo(4);
        assertThat(announced.mlflowRunId()).isEqualTo(run.mlflowRunId()).isNotNull();

        // the duplicate was consumed too, and made nothing: one run, one announcement
        Thread.sleep(1500);
        assertThat(runs.countForEvent(event.eventId())).isEqualTo(1);
        assertThat(queues.publishedFor(run.runId().toString())).hasSize(1);

        // every point leads to its run, its series' model and the training's MLflow run, whose tables hold the series
        for (String seriesId : GoldFixture.FORECASTABLE) {
            StoredSeriesForecast stored = runs.latest(seriesId, 14).orElseThrow();
            assertThat(stored.points()).hasSize(14);
            assertThat(stored.points().get(0).date()).isEqualTo(GoldFixture.LAST_DAY.plusDays(1));
            assertThat(stored.model()).isNotBlank();
            assertThat(stored.mlflowRunId()).isNotBlank().isEqualTo(run.mlflowRunId());
            assertThat(stored.points()).allSatisfy(p -> assertThat(p.lower()).isLessThanOrEqualTo(p.yhat()));
            assertThat(stored.hyperparameters()).containsEntry(SeriesFit.RECONCILIATION, "mint_shrink");
        }
        // what is stored (and served) is reconciled: Brooklyn is its residential noise plus the rest of its types, the
        // city Brooklyn plus the rest of the city, each rest forecast too and never below zero
        List<ForecastPoint> city = runs.latest("all/all", 14).orElseThrow().points();
        List<ForecastPoint> brooklyn =
                runs.latest("all/brooklyn", 14).orElseThrow().points();
        List<ForecastPoint> noise =
                runs.latest("noise-residential/brooklyn", 14).orElseThrow().points();
        for (int day = 0; day < 14; day++) {
            assertThat(city.get(day).yhat())
                    .isGreaterThanOrEqualTo(brooklyn.get(day).yhat() - 1e-9);
            assertThat(brooklyn.get(day).yhat())
                    .isGreaterThanOrEqualTo(noise.get(day).yhat() - 1e-9);
        }
        // the fixture's series did not add up as each was forecast; with their remainders they do now
        assertThat(meters.get("nyc311.forecast.reconciliation.gap.before")
                        .gauge()
                        .value())
                .isGreaterThan(1e-3);
        assertThat(meters.get("nyc311.forecast.reconciliation.gap.after")
                        .gauge()
                        .value())
                .isLessThan(1e-9);
        assertThat(runs.latest(GoldFixture.TOO_SHORT, 14))
                .as("not forecastable, not forecast")
                .isEmpty();
    }

    @Test
    void eachTrainingIsOneRunWhoseTablesHoldEverySeriesAndARegisteredModelVersion() throws Exception {
        ForecastRun run = trainAndAwaitTracked();
        MlflowRest rest = new MlflowRest(mlflow.trackingUri());

        JsonNode parent = rest.get("runs/get", "run_id", run.mlflowRunId()).path("run");
        assertThat(parent.path("info").path("status").asText()).isEqualTo("FINISHED");
        Map<String, String> params = MlflowRest.map(parent, "params");
        assertThat(params)
                .containsEntry("gold_version", "1")
                .containsEntry("series_count", "4")
                .containsEntry(
                        "history_start",
                        GoldFixture.LAST_DAY.minusDays(GoldFixture.DAYS - 1L).toString())
                .containsEntry("last_actual_date", GoldFixture.LAST_DAY.toString());
        Map<String, String> metrics = MlflowRest.map(parent, "metrics");
        assertThat(metrics).containsKeys("pooled_cv_mape", "pooled_cv_wape", "pooled_cv_mase", "pooled_cv_coverage");
        assertThat(Double.parseDouble(metrics.get("pooled_cv_wape")))
                .isEqualTo(run.pooledWape())
                .isPositive();

        String experimentId = parent.path("info").path("experiment_id").asText();
        JsonNode nested = rest.post(
                "runs/search",
                Map.of(
                        "experiment_ids",
                        List.of(experimentId),
                        "filter",
                        "tags.mlflow.parentRunId = '" + run.mlflowRunId() + "'"));
        assertThat(nested.path("runs"))
                .as("one run per training, none per series")
                .isEmpty();
        // each series' row of the metrics table, and its forecast in the forecasts table, as the service stored them
        List<Map<String, String>> forecasts = rest.csvArtifact(run.mlflowRunId(), "series/forecasts.csv");
        assertThat(forecasts).hasSize(GoldFixture.FORECASTABLE.size() * 14);
        List<String> seriesIds = new ArrayList<>();
        for (Map<String, String> row : rest.csvArtifact(run.mlflowRunId(), "series/metrics.csv")) {
            seriesIds.add(row.get("series_id"));
            assertThat(row.get("model")).isNotBlank();
            assertThat(row.get("cv_mape")).isNotBlank();
            assertThat(row.get("cv_wape")).isNotBlank();
            assertThat(row.get("cv_mase")).isNotBlank();
            assertThat(row.get("cv_coverage")).isNotBlank();
            StoredSeriesForecast stored = runs.latest(row.get("series_id"), 14).orElseThrow();
            assertThat(row.get("model")).isEqualTo(stored.model());
            stored.hyperparameters().forEach((name, value) -> assertThat(row).containsEntry("hp." + name, value));
            assertThat(Double.parseDouble(row.get("cv_wape"))).isEqualTo(stored.cvWape());
            List<Map<String, String>> forecast = forecasts.stream()
                    .filter(point -> point.get("series_id").equals(stored.seriesId()))
                    .toList();
            assertThat(forecast).hasSize(14);
            assertThat(forecast.get(0))
                    .containsEntry("date", stored.points().get(0).date().toString())
                    .containsEntry("yhat", String.valueOf(stored.points().get(0).yhat()));
        }
        assertThat(seriesIds).containsExactlyInAnyOrderElementsOf(GoldFixture.FORECASTABLE);

        JsonNode version = rest.get("model-versions/get", "name", MODEL, "version", run.modelVersion())
                .path("model_version");
        assertThat(version.path("run_id").asText()).isEqualTo(run.mlflowRunId());
        // same data, same seed: the pooled error is equal, so no worse, and the alias moves
        assertThat(rest.championVersion(MODEL)).isEqualTo(run.modelVersion());
        assertThat(run.champion()).isTrue();
    }

    @Test
    void theChampionAliasMovesOnlyWhenThePooledErrorIsNoWorse() throws Exception {
        MlflowRest rest = new MlflowRest(mlflow.trackingUri());
        ForecastRun first = trainAndAwaitTracked();
        assertThat(rest.championVersion(MODEL)).isEqualTo(first.modelVersion());

        // the champion claims a pooled WAPE no training can match (a WAPE is never negative)
        rest.post(
                "model-versions/set-tag",
                Map.of("name", MODEL, "version", first.modelVersion(), "key", "pooled_cv_wape", "value", "-1"));
        ForecastRun worse = trainAndAwaitTracked();
        assertThat(worse.champion()).isFalse();
        assertThat(rest.championVersion(MODEL)).isEqualTo(first.modelVersion());
        assertThat(Integer.parseInt(worse.modelVersion())).isGreaterThan(Integer.parseInt(first.modelVersion()));

        // and when the champion is worse, the new version takes the alias
        rest.post(
                "model-versions/set-tag",
                Map.of("name", MODEL, "version", first.modelVersion(), "key", "pooled_cv_wape", "value", "1000000"));
        ForecastRun better = trainAndAwaitTracked();
        assertThat(better.champion()).isTrue();
        assertThat(rest.championVersion(MODEL)).isEqualTo(better.modelVersion());
    }

    private ForecastRun awaitRunForEvent(GoldRefreshed event) {
        return await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(300))
                .until(
                        () -> runs.recent(50).stream()
                                .filter(r -> event.eventId().equals(r.eventId()))
                                .filter(r -> r.trackingStatus() != ForecastRun.TrackingStatus.PENDING
                                        && r.publishedAt() != null)
                                .findFirst()
                                .orElse(null),
                        r -> r != null);
    }

    private ForecastRun trainAndAwaitTracked() {
        UUID runId = runs.createManual(14, true);
        worker.submit(runId);
        return await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(300))
                .until(
                        () -> runs.find(runId).orElseThrow(),
                        r -> r.status() == ForecastRun.Status.FAILED
                                || r.trackingStatus() != ForecastRun.TrackingStatus.PENDING);
    }

    @Autowired
    org.nyc311.forecastservice.training.TrainingQueue worker;
}
