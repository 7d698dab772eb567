package org.nyc311.forecastservice.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nyc311.forecastservice.config.MlflowProperties;
import org.nyc311.forecastservice.run.ForecastRun;
import org.nyc311.forecastservice.run.StoredSeriesForecast;
import org.nyc311.forecastservice.support.CountingHttpProxy;
import org.nyc311.testsupport.mlflow.MlflowInstallation;
import org.nyc311.testsupport.mlflow.MlflowRest;
import org.nyc311.testsupport.mlflow.MlflowServer;
import org.nyc311.testsupport.mlflow.MlflowServerExtension;

/**
 * The calls a training's tracking makes, counted on the wire by a proxy in front of the real {@code mlflow server}:
 * what ForecastsPublished waits for ({@link MlflowTracker#open}) and what comes after it are each the same few calls
 * whatever the number of series (one run per training, every series in its tables), and a retry finds an earlier
 * attempt's runs through every page of the search.
 */
@ExtendWith(MlflowServerExtension.class)
class MlflowTrackerCallsIT {

    private static final LocalDate LAST = LocalDate.of(2026, 5, 31);
    /** Days forecast per series, as the service stores by default ({@code nyc311.forecast.horizon-days}). */
    private static final int HORIZON = 30;

    private MlflowServer mlflow;
    private CountingHttpProxy proxy;
    private MlflowTracker tracker;
    /** The experiment's and the registered model's name, new for each test. */
    private String name;

    @BeforeEach
    void tracker(MlflowServer server) throws Exception {
        mlflow = server;
        proxy = new CountingHttpProxy(server.trackingUri());
        name = "calls-test-" + UUID.randomUUID();
        // a search page of 10 runs: paging shows with tens of runs instead of thousands
        tracker = new MlflowTracker(
                new MlflowProperties(proxy.uri().toString(), null, name, name, null, null, null, 0, null),
                Clock.systemUTC(),
                10);
        tracker.experimentId();
    }

    @AfterEach
    void close() {
        tracker.close();
        proxy.close();
    }

    @Test
    void aTrainingCostsTheSameCallsForTwentyAndSixtySeriesBeforeTheAnnouncementAndAfterIt() throws Exception {
        // -Dnyc311.bench.series=300,1200 for docs/BENCHMARKS.md#scale; the times printed are never asserted
        int[] sizes = java.util.Arrays.stream(
                        System.getProperty("nyc311.bench.series", "20,60").split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
        int[] beforePublish = new int[sizes.length];
        int[] afterPublish = new int[sizes.length];
        MlflowRest rest = new MlflowRest(mlflow.trackingUri());
        for (int i = 0; i < sizes.length; i++) {
            ForecastRun run = run(UUID.randomUUID(), sizes[i], null);
            proxy.reset();
            long start = System.nanoTime();
            MlflowTracker.ParentRun parent = tracker.open(run);
            long opened = System.nanoTime();
            beforePublish[i] = proxy.total();
            Map<String, Integer> opening = proxy.counts();
            proxy.reset();
            TrackingResult result = tracker.complete(run, parent, series(run.runId(), sizes[i]));
            long completed = System.nanoTime();
            afterPublish[i] = proxy.total();
            Map<String, Integer> completing = proxy.counts();
            System.out.printf(
                    "MLflow calls at %d series: before ForecastsPublished %d in %d ms %s, after it %d in %d ms %s%n",
                    sizes[i],
                    beforePublish[i],
                    (opened - start) / 1_000_000,
                    opening,
                    afterPublish[i],
                    (completed - opened) / 1_000_000,
                    completing);
            // the series' two tables and the model's three files (MLmodel, the training summary, the series' models),
            // one upload each, whatever the number of series
            assertThat(completing.entrySet().stream()
                            .filter(e -> e.getKey().startsWith("PUT "))
                            .mapToInt(Map.Entry::getValue)
                            .sum())
                    .isEqualTo(5);
            assertThat(completing).doesNotContainKey("POST /api/2.0/mlflow/runs/create");
            // every series is in the run's tables, read back from MLflow itself
            assertThat(result.seriesCount()).isEqualTo(sizes[i]);
            List<Map<String, String>> metrics = rest.csvArtifact(parent.runId(), SeriesTables.METRICS);
            assertThat(metrics)
                    .extracting(row -> row.get("series_id"))
                    .containsExactlyElementsOf(series(run.runId(), sizes[i]).stream()
                            .map(StoredSeriesForecast::seriesId)
                            .toList());
            assertThat(metrics.get(sizes[i] - 1))
                    .containsEntry("model", "prophet")
                    .containsEntry("hp.changepoints", "25")
                    .containsEntry("cv_wape", "0.15")
                    .containsEntry("cv_points", "28");
            List<Map<String, String>> forecasts = rest.csvArtifact(parent.runId(), SeriesTables.FORECASTS);
            assertThat(forecasts).hasSize(HORIZON * sizes[i]);
            assertThat(forecasts.get(HORIZON * sizes[i] - 1))
                    .containsEntry("series_id", "type-" + (sizes[i] - 1) + "/brooklyn")
                    .containsEntry("date", LAST.plusDays(HORIZON).toString())
                    .containsEntry("yhat", String.valueOf(10.0 + sizes[i] - 1));
        }
        assertThat(beforePublish[1])
                .as("calls before the announcement do not grow with the series")
                .isEqualTo(beforePublish[0]);
        assertThat(beforePublish[0]).isLessThanOrEqualTo(4);
        // the two tables' uploads and the model's three files', runs/update, then the model version, the champion
        // alias (read, and moved when no worse) and the challenger alias: 12 calls (the first training creates the
        // registered model and finds no champion to read; a worse one leaves the champion alias)
        assertThat(afterPublish[1])
                .as("calls after the announcement do not grow with the series")
                .isEqualTo(afterPublish[0]);
        assertThat(afterPublish[0]).isLessThanOrEqualTo(12);
    }

    @Test
    void theChampionsMlmodelIsReadBackThroughTheArtifactProxyAndTheChallengerNamesTheNewestVersion() throws Exception {
        MlflowRest rest = new MlflowRest(mlflow.trackingUri());
        String model = name;
        ForecastRun first = run(UUID.randomUUID(), 3, null);
        TrackingResult firstResult = tracker.track(first, series(first.runId(), 3));
        // the champion claims a pooled WAPE no training can match (a WAPE is never negative): the next version is
        // only the challenger
        rest.post(
                "model-versions/set-tag",
                Map.of(
                        "name",
                        model,
                        "version",
                        firstResult.modelVersion(),
                        "key",
                        MlflowTracker.POOLED_WAPE_TAG,
                        "value",
                        "-1"));
        ForecastRun second = run(UUID.randomUUID(), 4, null);
        TrackingResult secondResult = tracker.track(second, series(second.runId(), 4));
        assertThat(secondResult.champion()).isFalse();

        JsonNode champion = rest.aliasedVersion(model, "champion");
        assertThat(champion.path("version").asText()).isEqualTo(firstResult.modelVersion());
        JsonNode challenger = rest.aliasedVersion(model, "challenger");
        assertThat(challenger.path("version").asText()).isEqualTo(secondResult.modelVersion());
        JsonNode versions = rest.get("model-versions/search", "filter", "name='" + model + "'");
        assertThat(versions.path("model_versions"))
                .extracting(v -> v.path("version").asInt())
                .as("the challenger is the newest version")
                .hasSize(2)
                .allSatisfy(v -> assertThat(v)
                        .isLessThanOrEqualTo(challenger.path("version").asInt()));

        // the champion's MLmodel, from the version's own source, through the artifact proxy as any client reads it
        String source = champion.path("source").asText();
        assertThat(source).endsWith("/model");
        JsonNode mlmodel = new YAMLMapper().readTree(rest.proxiedArtifact(source, "MLmodel"));
        assertThat(mlmodel.path("run_id").asText()).isEqualTo(firstResult.parentRunId());
        assertThat(mlmodel.path("artifact_path").asText()).isEqualTo("model");
        assertThat(mlmodel.path("model_uuid").asText()).matches("[0-9a-f]{32}");
        assertThat(mlmodel.path("utc_time_created").asText())
                .matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{6}");
        JsonNode flavors = mlmodel.path("flavors");
        assertThat(flavors.has("python_function"))
                .as("no standard flavour fits a JVM model")
                .isFalse();
        JsonNode flavor = flavors.path("nyc311_forecaster");
        assertThat(flavor.path("description").asText()).startsWith("No standard MLflow flavour fits this model");
        assertThat(flavor.path("loader").asText()).isEqualTo("org.nyc311.forecast.SeriesForecaster");
        assertThat(flavor.path("engine_version").asText()).isNotBlank();
        assertThat(flavor.path("horizon_days").asInt()).isEqualTo(HORIZON);
        ObjectMapper json = new ObjectMapper();
        JsonNode inputs = json.readTree(mlmodel.path("signature").path("inputs").asText());
        assertThat(inputs)
                .extracting(c -> c.path("name").asText() + ":" + c.path("type").asText())
                .containsExactly("series_id:string", "horizon:long");
        JsonNode outputs =
                json.readTree(mlmodel.path("signature").path("outputs").asText());
        assertThat(outputs)
                .extracting(c -> c.path("name").asText() + ":" + c.path("type").asText())
                .containsExactly(
                        "series_id:string",
                        "date:datetime",
                        "yhat:double",
                        "yhat_lower:double",
                        "yhat_upper:double",
                        "level:double");
        // and what reproducing its forecasts needs, beside it in the version's folder
        assertThat(rest.proxiedArtifact(source, flavor.path("series_models").asText()))
                .startsWith("series_id,model,")
                .contains("type-2/brooklyn");
        JsonNode summary = json.readTree(
                rest.proxiedArtifact(source, flavor.path("training_summary").asText()));
        assertThat(summary.path("forecast_run_id").asText())
                .isEqualTo(first.runId().toString());
        assertThat(summary.path("engine_version").asText())
                .isEqualTo(flavor.path("engine_version").asText());

        // and MLflow's own client reads it as a model: models:/<name>@champion downloaded and Model.load'ed
        JsonNode loaded = json.readTree(loadWithMlflowsPythonClient(model + "@champion"));
        assertThat(loaded.path("flavors")).extracting(JsonNode::asText).containsExactly("nyc311_forecaster");
        assertThat(loaded.path("inputs")).extracting(JsonNode::asText).containsExactly("series_id", "horizon");
        assertThat(loaded.path("outputs"))
                .extracting(JsonNode::asText)
                .containsExactly("series_id", "date", "yhat", "yhat_lower", "yhat_upper", "level");
        assertThat(loaded.path("run_id").asText()).isEqualTo(firstResult.parentRunId());
    }

    /**
     * What MLflow's Python client makes of {@code models:/<reference>}: it resolves the alias, downloads the version's
     * folder through the artifact proxy and loads its MLmodel ({@code mlflow.models.Model.load}); as JSON.
     */
    private String loadWithMlflowsPythonClient(String reference) throws Exception {
        Path python = new MlflowInstallation(MlflowInstallation.projectRoot())
                .mlflowExecutable()
                .resolveSibling("python");
        String script = String.join(
                "\n",
                "import json, sys, tempfile, mlflow",
                "from mlflow.models import Model",
                "mlflow.set_tracking_uri(sys.argv[1])",
                "path = mlflow.artifacts.download_artifacts(artifact_uri='models:/' + sys.argv[2],"
                        + " dst_path=tempfile.mkdtemp())",
                "m = Model.load(path)",
                "print(json.dumps({'flavors': list(m.flavors), 'run_id': m.run_id,"
                        + " 'inputs': m.signature.inputs.input_names(),"
                        + " 'outputs': m.signature.outputs.input_names()}))");
        Process process = new ProcessBuilder(
                        python.toString(), "-c", script, mlflow.trackingUri().toString(), reference)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        // the last line: MLflow may print warnings before it
        String[] lines = out.strip().split("\n");
        return lines[lines.length - 1];
    }

    @Test
    void aRetryKeepsTheRecordedParentAndDeletesEveryEarlierAttemptsRunThroughAllPages() throws Exception {
        UUID runId = UUID.randomUUID();
        int size = 35;
        ForecastRun first = run(runId, size, null);
        // an attempt that recorded its run and tracked every series but died before marking the forecast run tracked;
        // 12 runs tagged with the forecast run that were never recorded (attempts that died between opening a run and
        // recording it, or lost their lease); and 35 runs nested under the recorded one, as a version of the service
        // that tracked a run per series left them
        MlflowTracker.ParentRun parent = tracker.open(first);
        TrackingResult done = tracker.complete(first, parent, series(runId, size));
        List<String> strays = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            strays.add(
                    createRun(parent.experimentId(), "stray-" + i, MlflowTracker.FORECAST_RUN_TAG, runId.toString()));
        }
        for (int i = 0; i < size; i++) {
            createRun(parent.experimentId(), "type-" + i + "/brooklyn", "mlflow.parentRunId", parent.runId());
        }
        assertThat(activeRuns(parent.experimentId(), "tags.`" + MlflowTracker.FORECAST_RUN_TAG + "` = '" + runId + "'"))
                .containsAll(strays)
                .hasSize(13);

        proxy.reset();
        MlflowTracker.ParentRun kept = tracker.open(run(runId, size, parent.runId()));

        assertThat(kept.runId()).isEqualTo(parent.runId());
        assertThat(proxy.counts().get("POST /api/2.0/mlflow/runs/search"))
                .as("13 tagged runs and 35 nested runs in pages of 10")
                .isGreaterThanOrEqualTo(2 + 4);
        assertThat(activeRuns(parent.experimentId(), "tags.`mlflow.parentRunId` = '" + parent.runId() + "'"))
                .isEmpty();
        assertThat(activeRuns(parent.experimentId(), "tags.`" + MlflowTracker.FORECAST_RUN_TAG + "` = '" + runId + "'"))
                .containsExactly(parent.runId());
        assertThat(done.seriesCount()).isEqualTo(size);
        assertThat(new MlflowRest(mlflow.trackingUri()).csvArtifact(kept.runId(), SeriesTables.METRICS))
                .as("the kept run's table")
                .hasSize(size);
    }

    /** A run with one tag, made in MLflow directly (not through the proxy or the tracker); its id. */
    private String createRun(String experimentId, String name, String tag, String value) throws Exception {
        ObjectMapper json = new ObjectMapper();
        String body = json.writeValueAsString(Map.of(
                "experiment_id", experimentId, "run_name", name, "tags", List.of(Map.of("key", tag, "value", value))));
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(mlflow.trackingUri() + "/api/2.0/mlflow/runs/create"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json.readTree(answer.body())
                .path("run")
                .path("info")
                .path("run_id")
                .asText();
    }

    /** Runs of the experiment matching a filter, asked of MLflow directly (not through the proxy or the tracker). */
    private List<String> activeRuns(String experimentId, String filter) throws Exception {
        ObjectMapper json = new ObjectMapper();
        String body = json.writeValueAsString(
                Map.of("experiment_ids", List.of(experimentId), "filter", filter, "max_results", 1000));
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(mlflow.trackingUri() + "/api/2.0/mlflow/runs/search"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        for (JsonNode run : json.readTree(answer.body()).path("runs")) {
            ids.add(run.path("info").path("run_id").asText());
        }
        return ids;
    }

    private static ForecastRun run(UUID runId, int series, String parentRunId) {
        return FittedRuns.awaitingTracking(runId, LAST, HORIZON, series, parentRunId);
    }

    private static List<StoredSeriesForecast> series(UUID runId, int count) {
        return FittedRuns.series(runId, LAST, HORIZON, count, Map.of("changepoints", "25", "seasonality", "weekly"));
    }
}
