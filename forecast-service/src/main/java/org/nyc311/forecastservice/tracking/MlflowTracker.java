package org.nyc311.forecastservice.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowHttpException;
import org.mlflow.tracking.RunsPage;
import org.nyc311.forecastservice.config.MlflowProperties;
import org.nyc311.forecastservice.run.ForecastRun;
import org.nyc311.forecastservice.run.StoredSeriesForecast;

/**
 * Logs a training to MLflow with the MLflow Java client as one run: the data version and the pooled
 * metrics as its params and metrics, every series in two table artifacts ({@link SeriesTables}: each
 * series' model, hyperparameters, history and CV metrics; each series' forecast), the model's folder
 * ({@link ModelFiles}: an {@code MLmodel} file with its own flavour and MLflow's signature, the series' models and
 * the training's summary), then a registered model version made from that folder. The version always takes the
 * {@code challenger} alias (the newest training); the {@code champion} alias moves to it only when its pooled CV
 * WAPE is no worse than the champion's. A training costs the same 15 calls at most whatever its number of series; only
 * the artifacts grow with it.
 * (A run per series cost four calls each, 4,800 at 1,200 series, and a run each against the experiment's cap
 * on runs; docs/BENCHMARKS.md#scale.)
 *
 * <p>The Java client has no calls for aliases or for creating model versions, and uploads artifacts
 * through a Python CLI; those go over REST instead ({@code sendPost}/{@code sendGet}; artifacts through the
 * tracking server's artifact proxy, or on Databricks through the Files API into a Unity Catalog volume), so that
 * no path needs Python.
 *
 * <p>With the tracking URI {@code databricks} every call goes to {@code https://<workspace>/api/2.0/mlflow/...}
 * with the Databricks SDK's credentials ({@link MlflowEndpoint}), and the model registry is Unity Catalog's: the
 * model is named {@code catalog.schema.model}, its calls are MLflow's {@code unity-catalog/} ones (aliases
 * included), and a new version's files are written to the storage location Unity Catalog gives it, with the
 * credentials it vends for it ({@link ModelVersionStorage}), before the version is finalized.
 */
public class MlflowTracker implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MlflowTracker.class);

    /** Tag on the parent run naming the forecast run, so that a retried tracking replaces a half-done one. */
    static final String FORECAST_RUN_TAG = "nyc311.forecast_run_id";

    static final String POOLED_WAPE_TAG = "pooled_cv_wape";
    static final int MAX_SEARCH_PAGE = 1000;

    private final MlflowProperties properties;
    private final MlflowEndpoint endpoint;
    private final MlflowClient client;
    private final ModelVersionStorage versionStorage;
    private final Clock clock;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    /** Runs per {@code runs/search} page; MLflow allows up to 50,000, its Java client's default is 1,000. */
    private final int searchPageSize;
    /** The experiment's id once known; experiments are not renamed under a running service. */
    private volatile @Nullable String experimentId;

    public MlflowTracker(MlflowProperties properties, Clock clock) {
        this(properties, clock, MAX_SEARCH_PAGE);
    }

    /** With a smaller search page, for a test that pages without making a thousand runs. */
    MlflowTracker(MlflowProperties properties, Clock clock, int searchPageSize) {
        this.searchPageSize = searchPageSize;
        this.properties = properties;
        this.clock = clock;
        this.endpoint = MlflowEndpoint.of(properties);
        this.client = new MlflowClient(endpoint);
        this.versionStorage = new ModelVersionStorage(properties.databricks().modelStorage());
    }

    /**
     * The first part of a training's tracking, 3 calls: the experiment (looked up once per process), the
     * clean-up of an earlier attempt, and the training's run with its params and pooled metrics, whose id
     * ForecastsPublished can carry. The series' tables are {@link #complete}'s, after the announcement.
     *
     * <p>A run the forecast run already records ({@code run.mlflowRunId()}: an attempt opened it, the event may
     * have named it, then tracking broke off) is kept, and {@link #complete} writes its tables again; any other
     * run tagged with the forecast run is an attempt's leftover and is deleted.
     */
    public ParentRun open(ForecastRun run) throws IOException {
        String experimentId = experimentId();
        Optional<Service.RunInfo> kept = removeEarlierAttempts(experimentId, run);
        long now = clock.millis();
        Service.RunInfo parent = kept.isPresent()
                ? kept.get()
                : client.createRun(Service.CreateRun.newBuilder()
                        .setExperimentId(experimentId)
                        .setRunName("training-" + run.lastActualDate() + "-"
                                + run.runId().toString().substring(0, 8))
                        .setStartTime(now)
                        .addTags(tag(FORECAST_RUN_TAG, run.runId().toString()))
                        .build());
        String parentId = parent.getRunId();
        List<Service.Param> params = new ArrayList<>();
        params.add(param("gold_version", String.valueOf(run.goldVersion())));
        params.add(param("history_start", String.valueOf(run.historyStart())));
        params.add(param("last_actual_date", String.valueOf(run.lastActualDate())));
        params.add(param("series_count", String.valueOf(run.seriesForecast())));
        params.add(param("series_failed", String.valueOf(run.seriesFailed())));
        params.add(param("horizon_days", String.valueOf(run.horizonDays())));
        params.add(param("trigger", run.trigger().name()));
        if (run.pipelineRunId() != null) {
            params.add(param("pipeline_run_id", run.pipelineRunId()));
        }
        List<Service.Metric> metrics = new ArrayList<>();
        addMetric(metrics, "pooled_cv_mape", run.pooledMape(), now);
        addMetric(metrics, "pooled_cv_wape", run.pooledWape(), now);
        addMetric(metrics, "pooled_cv_mase", run.pooledMase(), now);
        addMetric(metrics, "pooled_cv_coverage", run.pooledCoverage(), now);
        addMetric(metrics, "series_count", (double) run.seriesForecast(), now);
        addMetric(metrics, "series_failed", (double) run.seriesFailed(), now);
        // a kept parent has these already: MLflow takes a param again only with the same value, which these are
        client.logBatch(
                parentId,
                metrics,
                params,
                List.of(tag("nyc311.forecast_run_id", run.runId().toString())));
        return new ParentRun(experimentId, parent);
    }

    /**
     * The rest of a training's tracking, after the announcement, at most 12 calls whatever the number of series: the
     * series' two tables and the model's three files uploaded to the run (a retry's upload replaces an attempt's),
     * the run's end, the registered model version, the champion alias (read, and moved when no worse) and the
     * challenger alias. On Unity Catalog two more: the version's write credentials and its finalization.
     */
    public TrackingResult complete(ForecastRun run, ParentRun parent, List<StoredSeriesForecast> series)
            throws IOException {
        String parentId = parent.info().getRunId();
        byte[] metrics = SeriesTables.metrics(series).getBytes(StandardCharsets.UTF_8);
        uploadArtifact(parent.info(), SeriesTables.METRICS, metrics);
        uploadArtifact(
                parent.info(),
                SeriesTables.FORECASTS,
                SeriesTables.forecasts(series).getBytes(StandardCharsets.UTF_8));
        ModelFiles model = ModelFiles.of(run, parentId, series.size(), metrics, clock.instant());
        for (Map.Entry<String, byte[]> file : model.files().entrySet()) {
            uploadArtifact(parent.info(), ModelFiles.DIRECTORY + "/" + file.getKey(), file.getValue());
        }
        client.setTerminated(parentId, Service.RunStatus.FINISHED, clock.millis());

        String version = registerVersion(parent.info(), run, model);
        boolean champion = moveChampionIfNoWorse(version, run.pooledWape());
        // whatever its error: whoever weighs the newest training against the champion finds it under this alias
        setAlias(properties.challengerAlias(), version);
        return new TrackingResult(parent.experimentId(), parentId, series.size(), version, champion);
    }

    /** Both parts at once, for a caller that has nothing to announce in between. */
    public TrackingResult track(ForecastRun run, List<StoredSeriesForecast> series) throws IOException {
        return complete(run, open(run), series);
    }

    /** A training's parent run in MLflow, opened and not yet ended. */
    public record ParentRun(String experimentId, Service.RunInfo info) {

        public String runId() {
            return info.getRunId();
        }
    }

    /** The link people open for a run. */
    public @Nullable String runLink(String experimentId, String runId) {
        return properties.runLink(experimentId, runId);
    }

    public String experimentId() {
        String known = experimentId;
        if (known != null) {
            return known;
        }
        experimentId = lookUpOrCreateExperiment();
        return experimentId;
    }

    private String lookUpOrCreateExperiment() {
        Optional<Service.Experiment> existing = client.getExperimentByName(properties.experimentName());
        if (existing.isPresent()) {
            return existing.get().getExperimentId();
        }
        try {
            String artifactLocation = properties.databricks().artifactLocation();
            if (endpoint.onDatabricks() && artifactLocation != null) {
                // the runs' artifacts in a Unity Catalog volume, which the Files API writes (uploadArtifact)
                return client.createExperiment(Service.CreateExperiment.newBuilder()
                        .setName(properties.experimentName())
                        .setArtifactLocation(artifactLocation)
                        .build());
            }
            return client.createExperiment(properties.experimentName());
        } catch (MlflowHttpException e) {
            // another instance made it in between
            return client.getExperimentByName(properties.experimentName())
                    .orElseThrow(() -> e)
                    .getExperimentId();
        }
    }

    private String registerVersion(Service.RunInfo parent, ForecastRun run, ModelFiles model) throws IOException {
        // looked up first: the client retries every 4xx, so "already exists" would cost three round trips a training
        HttpResponse<String> existing =
                restGet(registry() + "registered-models/get?name=" + encode(properties.registeredModelName()));
        if (existing.statusCode() != 200) {
            ObjectNode create = json.createObjectNode().put("name", properties.registeredModelName());
            try {
                client.sendPost(registry() + "registered-models/create", json.writeValueAsString(create));
            } catch (MlflowHttpException e) {
                if (e.getStatusCode() != 400
                        || !String.valueOf(e.getBodyMessage()).contains("RESOURCE_ALREADY_EXISTS")) {
                    throw e;
                }
            }
        }
        ObjectNode version = json.createObjectNode()
                .put("name", properties.registeredModelName())
                .put("source", parent.getArtifactUri() + "/model")
                .put("run_id", parent.getRunId())
                .put("description", "training " + run.runId() + " on gold version " + run.goldVersion());
        var tags = version.putArray("tags");
        tags.addObject()
                .put("key", POOLED_WAPE_TAG)
                .put("value", String.valueOf(run.pooledWape() == null ? Double.NaN : run.pooledWape()));
        tags.addObject().put("key", "forecast_run_id").put("value", run.runId().toString());
        JsonNode created =
                json.readTree(client.sendPost(registry() + "model-versions/create", json.writeValueAsString(version)));
        String number = created.path("model_version").path("version").asText();
        if (endpoint.onDatabricks()) {
            // Unity Catalog keeps a version's files in a storage location of its own, not at the source: they are
            // written there before the version is finalized, which seals them (ModelVersionStorage says from where)
            String storageLocation =
                    created.path("model_version").path("storage_location").asText("");
            if (storageLocation.isEmpty()) {
                throw new IOException("Unity Catalog created version " + number + " of "
                        + properties.registeredModelName() + " without a storage_location to write its files to");
            }
            ObjectNode grant = json.createObjectNode()
                    .put("name", properties.registeredModelName())
                    .put("version", number)
                    .put("operation", ModelVersionStorage.READ_WRITE);
            JsonNode credentials = json.readTree(client.sendPost(
                            registry() + "model-versions/generate-temporary-credentials",
                            json.writeValueAsString(grant)))
                    .path("credentials");
            versionStorage.write(storageLocation, credentials, model.files());
            // Unity Catalog creates a version PENDING_REGISTRATION; finalizing makes it READY for the alias
            ObjectNode finalize = json.createObjectNode()
                    .put("name", properties.registeredModelName())
                    .put("version", number);
            client.sendPost(registry() + "model-versions/finalize", json.writeValueAsString(finalize));
        }
        return number;
    }

    /** Moves the alias to {@code version} when its pooled WAPE is no worse than the champion's (or there is none). */
    private boolean moveChampionIfNoWorse(String version, @Nullable Double pooledWape) throws IOException {
        Optional<JsonNode> current = championVersion();
        double candidate = pooledWape == null || !Double.isFinite(pooledWape) ? Double.POSITIVE_INFINITY : pooledWape;
        if (current.isPresent()) {
            double championError = Double.POSITIVE_INFINITY;
            for (JsonNode tag : current.get().path("tags")) {
                if (POOLED_WAPE_TAG.equals(tag.path("key").asText())) {
                    try {
                        championError = Double.parseDouble(tag.path("value").asText());
                    } catch (NumberFormatException e) {
                        championError = Double.POSITIVE_INFINITY;
                    }
                }
            }
            if (Double.isNaN(championError)) {
                championError = Double.POSITIVE_INFINITY;
            }
            LOG.info(
                    "model version {}: pooled CV WAPE {} against champion version {} with {}",
                    version,
                    candidate,
                    current.get().path("version").asText(),
                    championError);
            if (candidate > championError) {
                return false;
            }
        }
        setAlias(properties.championAlias(), version);
        return true;
    }

    /** Points {@code alias} at {@code version}, taking it from whichever version had it. */
    private void setAlias(String alias, String version) throws IOException {
        ObjectNode body = json.createObjectNode()
                .put("name", properties.registeredModelName())
                .put("alias", alias)
                .put("version", version);
        client.sendPost(registry() + "registered-models/alias", json.writeValueAsString(body));
    }

    /**
     * The champion's model version with its tags, or empty when the alias is not set yet. Read with
     * plain HTTP: a missing alias must be told apart from any other error, and MLflow 2.x answers it
     * with 400 INVALID_PARAMETER_VALUE "Registered model alias champion not found."
     */
    private Optional<JsonNode> championVersion() throws IOException {
        String name = encode(properties.registeredModelName());
        HttpResponse<String> alias = restGet(
                registry() + "registered-models/alias?name=" + name + "&alias=" + encode(properties.championAlias()));
        if (alias.statusCode() != 200) {
            if ((alias.statusCode() == 400 || alias.statusCode() == 404)
                    && alias.body().contains("alias")
                    && alias.body().contains("not found")) {
                return Optional.empty();
            }
            if (alias.statusCode() == 404 && alias.body().contains("RESOURCE_DOES_NOT_EXIST")) {
                // Unity Catalog's answer for an alias not set yet (the model itself was just looked up or made)
                return Optional.empty();
            }
            throw new IOException("MLflow alias lookup answered " + alias.statusCode() + ": " + alias.body());
        }
        String version = json.readTree(alias.body())
                .path("model_version")
                .path("version")
                .asText();
        HttpResponse<String> full =
                restGet(registry() + "model-versions/get?name=" + name + "&version=" + encode(version));
        if (full.statusCode() != 200) {
            throw new IOException("MLflow model version lookup answered " + full.statusCode() + ": " + full.body());
        }
        return Optional.of(json.readTree(full.body()).path("model_version"));
    }

    /** The model registry's calls: MLflow's own, or on Databricks those of Unity Catalog's registry. */
    private String registry() {
        return endpoint.onDatabricks() ? "unity-catalog/" : "";
    }

    private HttpResponse<String> restGet(String pathAndQuery) throws IOException {
        URI uri = URI.create(endpoint.base() + "/api/2.0/mlflow/" + pathAndQuery);
        try {
            return http.send(endpoint.request(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted reading " + uri, e);
        }
    }

    /**
     * A retry after a half-done attempt: every run tagged with the forecast run, found through all pages of
     * {@code runs/search}, and any run nested under one (a run per series, as the service tracked before one run
     * per training: a retry of a training that version began removes them).
     *
     * @return the run the forecast run records, kept; empty when there is none
     */
    private Optional<Service.RunInfo> removeEarlierAttempts(String experimentId, ForecastRun run) {
        Optional<Service.RunInfo> kept = Optional.empty();
        for (Service.RunInfo parent :
                searchAll(experimentId, "tags.`" + FORECAST_RUN_TAG + "` = '" + run.runId() + "'")) {
            for (Service.RunInfo child :
                    searchAll(experimentId, "tags.`mlflow.parentRunId` = '" + parent.getRunId() + "'")) {
                client.deleteRun(child.getRunId());
            }
            if (kept.isEmpty() && parent.getRunId().equals(run.mlflowRunId())) {
                kept = Optional.of(parent);
            } else {
                client.deleteRun(parent.getRunId());
            }
        }
        return kept;
    }

    /** Every active run of the experiment matching {@code filter}, following {@code next_page_token} to the last page. */
    List<Service.RunInfo> searchAll(String experimentId, String filter) {
        List<Service.RunInfo> runs = new ArrayList<>();
        String pageToken = null;
        do {
            RunsPage page = client.searchRuns(
                    List.of(experimentId), filter, Service.ViewType.ACTIVE_ONLY, searchPageSize, List.of(), pageToken);
            page.getItems().forEach(r -> runs.add(r.getInfo()));
            pageToken = page.getNextPageToken().filter(t -> !t.isEmpty()).orElse(null);
        } while (pageToken != null);
        return runs;
    }

    /**
     * Uploads one artifact of a run over REST, replacing what an earlier attempt wrote there: through the tracking
     * server's artifact proxy ({@code mlflow server --artifacts-destination}, {@code mlflow-artifacts:} URIs), or
     * on Databricks through the Files API ({@code PUT /api/2.0/fs/files/Volumes/...}) into the Unity Catalog volume
     * the experiment keeps its artifacts in ({@code dbfs:/Volumes/...} URIs). Any other artifact store is refused
     * with what to change: the MLflow Java client would upload through the Python CLI, which the image does not have.
     */
    private void uploadArtifact(Service.RunInfo run, String path, byte[] content) throws IOException {
        String artifactUri = run.getArtifactUri();
        URI target;
        String proxy = "mlflow-artifacts:";
        String volume = "dbfs:/Volumes/";
        if (!endpoint.onDatabricks() && artifactUri.startsWith(proxy)) {
            String relative = artifactUri.substring(proxy.length()).replaceFirst("^/+", "");
            target = URI.create(endpoint.base() + "/api/2.0/mlflow-artifacts/artifacts/" + relative + "/" + path);
        } else if (endpoint.onDatabricks() && artifactUri.startsWith(volume)) {
            String file = artifactUri.substring("dbfs:".length()) + "/" + path;
            target = URI.create(endpoint.base() + "/api/2.0/fs/files" + encodePath(file) + "?overwrite=true");
        } else {
            throw new IOException(
                    "run " + run.getRunId() + " keeps its artifacts at " + artifactUri
                            + ", which this service cannot write without Python: "
                            + (endpoint.onDatabricks()
                                    ? "create the experiment with an artifact location in a Unity Catalog volume"
                                            + " (nyc311.mlflow.databricks.artifact-location, dbfs:/Volumes/<catalog>/<schema>/<volume>/<folder>)"
                                    : "run the tracking server with its artifact proxy (mlflow server --artifacts-destination ...)"));
        }
        HttpRequest request = endpoint.request(target)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IOException(
                        "artifact upload to " + target + " answered " + response.statusCode() + ": " + response.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted uploading " + target, e);
        }
    }

    /** A file path for a URL path, each segment percent-encoded (a volume's folder may hold spaces). */
    private static String encodePath(String path) {
        StringBuilder encoded = new StringBuilder();
        for (String segment : path.split("/", -1)) {
            if (!encoded.isEmpty() || !segment.isEmpty()) {
                encoded.append('/');
            }
            encoded.append(encode(segment).replace("+", "%20"));
        }
        return encoded.toString();
    }

    private static void addMetric(List<Service.Metric> metrics, String key, @Nullable Double value, long timestamp) {
        if (value != null && Double.isFinite(value)) {
            metrics.add(Service.Metric.newBuilder()
                    .setKey(key)
                    .setValue(value)
                    .setTimestamp(timestamp)
                    .setStep(0)
                    .build());
        }
    }

    private static Service.Param param(String key, String value) {
        // MLflow caps param values at 6000 characters
        String v = value == null ? "" : value.length() > 6000 ? value.substring(0, 6000) : value;
        return Service.Param.newBuilder().setKey(key).setValue(v).build();
    }

    private static Service.RunTag tag(String key, String value) {
        return Service.RunTag.newBuilder().setKey(key).setValue(value).build();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        client.close();
    }
}
