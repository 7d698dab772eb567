package org.nyc311.forecastservice.config;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.nyc311.service.databricks.DatabricksCredentials;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * Experiment tracking, under {@code nyc311.mlflow}. Without a tracking URI, tracking is off: runs are
 * stored and published with their tracking marked DISABLED.
 *
 * @param trackingUri an http(s) MLflow tracking server with its artifact proxy ({@code mlflow server
 *     --artifacts-destination}), or {@code databricks}: the workspace's MLflow, reached at {@code databricks.host}
 * @param uiUri where people open runs, when it differs from the tracking URI
 * @param experimentName the one experiment every training logs to (nyc311-forecasts; on Databricks a workspace path
 *     such as {@code /Shared/nyc311-forecasts})
 * @param registeredModelName the registered model that gets a version per training (nyc311-daily-forecaster; on
 *     Databricks a Unity Catalog name, {@code catalog.schema.model}, required)
 * @param championAlias the alias moved to a new version when its pooled CV error is no worse (champion)
 * @param challengerAlias the alias every new version takes, whether or not it becomes the champion: the newest
 *     training, for whoever wants to compare it with the champion before trusting it (challenger)
 * @param retryInterval how often the worker sweeps: pending tracking, queued and gold-less runs, expired leases (1 min)
 * @param maxAttempts attempts per run before its tracking is given up as FAILED (60)
 * @param databricks the workspace and credentials when the tracking URI is {@code databricks}
 */
@ConfigurationProperties("nyc311.mlflow")
public record MlflowProperties(
        @Nullable String trackingUri,
        @Nullable String uiUri,
        String experimentName,
        String registeredModelName,
        String championAlias,
        String challengerAlias,
        Duration retryInterval,
        int maxAttempts,
        Databricks databricks) {

    /** The tracking URI that names the workspace's own MLflow, as MLflow's clients spell it. */
    public static final String DATABRICKS = "databricks";

    @ConstructorBinding
    public MlflowProperties(
            @Nullable String trackingUri,
            @Nullable String uiUri,
            @Nullable String experimentName,
            @Nullable String registeredModelName,
            @Nullable String championAlias,
            @Nullable String challengerAlias,
            @Nullable Duration retryInterval,
            int maxAttempts,
            @Nullable Databricks databricks) {
        this.trackingUri = trackingUri == null || trackingUri.isBlank() ? null : trackingUri.replaceAll("/+$", "");
        this.databricks = databricks == null ? new Databricks(null, null, null, null, null, null) : databricks;
        // computed from the tracking URI: most servers show their runs where they are tracked
        this.uiUri = uiUri == null || uiUri.isBlank()
                ? DATABRICKS.equals(this.trackingUri) ? this.databricks.host() : this.trackingUri
                : uiUri.replaceAll("/+$", "");
        this.experimentName = experimentName == null ? "nyc311-forecasts" : experimentName;
        this.registeredModelName = registeredModelName == null ? "nyc311-daily-forecaster" : registeredModelName;
        this.championAlias = championAlias == null ? "champion" : championAlias;
        this.challengerAlias = challengerAlias == null ? "challenger" : challengerAlias;
        if (this.challengerAlias.equals(this.championAlias)) {
            // one alias names one version: the newest training would take the champion's alias whatever its error
            throw new IllegalArgumentException(
                    "nyc311.mlflow.challenger-alias and champion-alias must differ; both are " + this.championAlias);
        }
        this.retryInterval = retryInterval == null ? Duration.ofMinutes(1) : retryInterval;
        this.maxAttempts = maxAttempts <= 0 ? 60 : maxAttempts;
        if (onDatabricks() && this.registeredModelName.split("\\.", -1).length != 3) {
            throw new IllegalArgumentException("set nyc311.mlflow.registered-model-name to a Unity Catalog name,"
                    + " catalog.schema.model (e.g. main.nyc311_ml.nyc311_daily_forecaster), for tracking-uri databricks;"
                    + " it is " + this.registeredModelName);
        }
    }

    public boolean enabled() {
        return trackingUri != null;
    }

    /** The link people open for a run: the MLflow UI's route, or the workspace's on Databricks; none without a UI. */
    public @Nullable String runLink(String experimentId, String runId) {
        if (uiUri == null) {
            return null;
        }
        return uiUri + (onDatabricks() ? "/ml/experiments/" : "/#/experiments/") + experimentId + "/runs/" + runId;
    }

    /** Whether the tracking URI is the workspace's MLflow ({@code databricks}), reached over REST with the SDK's auth. */
    public boolean onDatabricks() {
        return DATABRICKS.equals(trackingUri);
    }

    /**
     * The workspace's MLflow, under {@code nyc311.mlflow.databricks}.
     *
     * @param host the workspace URL; the REST calls go to {@code <host>/api/2.0/mlflow/...}
     * @param clientId forecast-service's service principal (OAuth M2M), with {@code clientSecret}
     * @param clientSecret its OAuth secret, from Secrets Manager
     * @param token a personal access token instead, for development; exactly one of the two ways
     * @param artifactLocation where the experiment keeps its runs' artifacts when the service creates it: a Unity
     *     Catalog volume, {@code dbfs:/Volumes/<catalog>/<schema>/<volume>/<folder>}, written through the Files API
     * @param modelStorage how the service reaches the S3 storage location Unity Catalog gives each model version
     */
    public record Databricks(
            @Nullable String host,
            @Nullable String clientId,
            @Nullable String clientSecret,
            @Nullable String token,
            @Nullable String artifactLocation,
            ModelStorage modelStorage) {

        public Databricks(
                @Nullable String host,
                @Nullable String clientId,
                @Nullable String clientSecret,
                @Nullable String token,
                @Nullable String artifactLocation,
                @Nullable ModelStorage modelStorage) {
            this.host = host == null || host.isBlank() ? null : host.replaceAll("/+$", "");
            this.clientId = clientId;
            this.clientSecret = clientSecret;
            this.token = token;
            this.artifactLocation = artifactLocation == null || artifactLocation.isBlank()
                    ? null
                    : artifactLocation.replaceAll("/+$", "");
            this.modelStorage = modelStorage == null ? new ModelStorage(null, null, false) : modelStorage;
        }

        public DatabricksCredentials credentials() {
            return new DatabricksCredentials(host, clientId, clientSecret, token);
        }
    }

    /**
     * The S3 storage location of Unity Catalog's model versions (the model's schema's managed storage: in this
     * deployment the lake bucket, databricks.yml's {@code storage_root}), under
     * {@code nyc311.mlflow.databricks.model-storage}. The credentials are never configured: the registry vends
     * short-lived ones for each version. In production only the region is set (the stack's, the lake bucket's).
     *
     * @param region the bucket's region; unset, the AWS SDK's own (AWS_REGION on ECS), and a bucket in another region
     *     is still reached (the client follows S3's redirect to it)
     * @param endpoint another S3 endpoint than AWS's, for an S3-compatible server in tests
     * @param pathStyleAccess {@code http://endpoint/bucket/key} instead of {@code http://bucket.endpoint/key}, which
     *     such a server on 127.0.0.1 needs
     */
    public record ModelStorage(
            @Nullable String region, @Nullable URI endpoint, boolean pathStyleAccess) {}
}
