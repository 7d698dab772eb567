package org.nyc311.forecastservice.tracking;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nyc311.forecastservice.config.MlflowProperties;
import org.nyc311.forecastservice.run.ForecastRun;
import org.nyc311.forecastservice.run.StoredSeriesForecast;
import org.nyc311.testsupport.aws.LocalAwsAccount;
import org.nyc311.testsupport.databricks.DatabricksSignIn;
import org.nyc311.testsupport.s3.S3Server;
import org.nyc311.testsupport.s3.S3ServerExtension;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * The tracker on Databricks (tracking URI {@code databricks}) against a stub workspace answering in the shapes
 * Databricks and MLflow document: the OAuth discovery and token endpoint, MLflow's REST API under
 * {@code /api/2.0/mlflow/}, Unity Catalog's model registry calls ({@code unity-catalog/...}) and the Files API for
 * the artifacts in a volume. Every call must carry the service principal's token, and none may need Python.
 *
 * <p>A model version's files go to the storage location Unity Catalog answers with, a real S3-compatible server
 * here (s3proxy), with the credentials the stub registry vends for the version: the service is given no other.
 */
@ExtendWith(S3ServerExtension.class)
class MlflowOnDatabricksContractTest {

    private static final String CLIENT_ID = "9b2f64c1-3e7a-4f0d-8c15-6a4e2d9b7c31";
    private static final String CLIENT_SECRET = "dosefedcba9876543210fedcba9876543210";
    private static final String ACCESS_TOKEN = "eyJraWQiOiI1YjA3.eyJzdWIiOiI5YjJmNjRjMSJ9.c2lnbmVk";
    private static final String EXPERIMENT = "/Shared/nyc311-forecasts";
    private static final String EXPERIMENT_ID = "3412345678901234";
    private static final String MODEL = "main.nyc311_ml.nyc311_daily_forecaster";
    private static final String VOLUME = "dbfs:/Volumes/main/nyc311_ml/mlflow_artifacts";
    private static final String RUN_ID = "0f3c9a6e2b7d4c18a5e1f2d3c4b5a697";
    private static final String MLFLOW = "/api/2.0/mlflow/";
    private static final String UC = MLFLOW + "unity-catalog/";
    private static final LocalDate LAST = LocalDate.of(2026, 5, 31);
    /** The metastore's bucket and the folder Unity Catalog gives version 2, as {@code storage_location}. */
    private static final String BUCKET = "nyc311-uc-metastore";

    private static final String VERSION_FOLDER = "models/1f4e1c9a/versions/5b0e2d7c";
    private static final String SESSION_TOKEN = "IQoJb3JpZ2luX2VjEHYaCXVzLWVhc3QtMSJHMEUCIQ";

    private WireMockServer workspace;
    private String host;
    private S3Server storage;
    /** What the bucket held under the version's folder when the registry was asked to finalize the version. */
    private final List<String> filesWhenFinalized = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startWorkspace(S3Server s3) {
        storage = s3;
        storage.createBucket(BUCKET);
        try (S3Client client = storage.client()) {
            client.listObjectsV2(r -> r.bucket(BUCKET))
                    .contents()
                    .forEach(o -> client.deleteObject(d -> d.bucket(BUCKET).key(o.key())));
        }
        workspace = new WireMockServer(wireMockConfig()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .extensions(new ServeEventListener() {
                    @Override
                    public String getName() {
                        return "files-when-finalized";
                    }

                    @Override
                    public void beforeResponseSent(ServeEvent event, Parameters parameters) {
                        if (event.getRequest().getUrl().startsWith(UC + "model-versions/finalize")) {
                            filesWhenFinalized.addAll(filesInVersionFolder());
                        }
                    }
                }));
        workspace.start();
        host = "http://127.0.0.1:" + workspace.port();
        DatabricksSignIn.serve(workspace, ACCESS_TOKEN);
        workspace.stubFor(get(urlPathEqualTo(MLFLOW + "experiments/get-by-name"))
                .willReturn(error(404, "RESOURCE_DOES_NOT_EXIST", "Node named '" + EXPERIMENT + "' does not exist")));
        workspace.stubFor(post(urlPathEqualTo(MLFLOW + "experiments/create"))
                .willReturn(okJson("{\"experiment_id\": \"" + EXPERIMENT_ID + "\"}")));
        workspace.stubFor(post(urlPathEqualTo(MLFLOW + "runs/search")).willReturn(okJson("{}")));
        workspace.stubFor(post(urlPathEqualTo(MLFLOW + "runs/create")).willReturn(okJson(runCreated())));
        workspace.stubFor(post(urlPathEqualTo(MLFLOW + "runs/log-batch")).willReturn(okJson("{}")));
        workspace.stubFor(post(urlPathEqualTo(MLFLOW + "runs/update"))
                .willReturn(okJson("""
                {"run_info": {"run_id": "%s", "run_uuid": "%s", "experiment_id": "%s", "status": "FINISHED",
                 "start_time": 1780293600000, "end_time": 1780293900000, "artifact_uri": "%s/%s/artifacts",
                 "lifecycle_stage": "active"}}""".formatted(RUN_ID, RUN_ID, EXPERIMENT_ID, VOLUME, RUN_ID))));
        // the Files API answers an upload with 204 No Content
        workspace.stubFor(put(urlPathMatching("/api/2\\.0/fs/files/Volumes/.*"))
                .willReturn(aResponse().withStatus(204)));
        workspace.stubFor(get(urlPathEqualTo(UC + "registered-models/get")).willReturn(okJson("""
                        {"registered_model": {"name": "%s", "creation_timestamp": 1780000000000,
                         "last_updated_timestamp": 1780000000000, "description": "",
                         "aliases": [{"alias": "champion", "version": "1"}]}}""".formatted(MODEL))));
        workspace.stubFor(post(urlPathEqualTo(UC + "model-versions/create"))
                .willReturn(okJson(modelVersion("2", "PENDING_REGISTRATION", null))));
        // the Python client's write grant for the version (databricks_uc_registry_messages.proto): the local account's
        // keys, which s3proxy checks, with a session token as STS issues
        workspace.stubFor(post(urlPathEqualTo(UC + "model-versions/generate-temporary-credentials"))
                .willReturn(okJson(temporaryCredentials(LocalAwsAccount.SECRET_KEY))));
        workspace.stubFor(post(urlPathEqualTo(UC + "model-versions/finalize"))
                .willReturn(okJson(modelVersion("2", "READY", null))));
        workspace.stubFor(get(urlPathEqualTo(UC + "registered-models/alias"))
                .willReturn(okJson(modelVersion("1", "READY", null))));
        workspace.stubFor(
                get(urlPathEqualTo(UC + "model-versions/get")).willReturn(okJson(modelVersion("1", "READY", "0.9"))));
        workspace.stubFor(post(urlPathEqualTo(UC + "registered-models/alias")).willReturn(okJson("{}")));
    }

    @AfterEach
    void stopWorkspace() {
        workspace.stop();
    }

    @Test
    void aTrainingIsTrackedInTheWorkspaceOverRestWithTheServicePrincipalsToken() throws Exception {
        TrackingResult result;
        try (MlflowTracker tracker = tracker(settings(CLIENT_ID, CLIENT_SECRET, null, VOLUME))) {
            result = tracker.track(run(), series(3));
            assertThat(tracker.runLink(EXPERIMENT_ID, RUN_ID))
                    .isEqualTo(host + "/ml/experiments/" + EXPERIMENT_ID + "/runs/" + RUN_ID);
        }

        assertThat(result.parentRunId()).isEqualTo(RUN_ID);
        assertThat(result.modelVersion()).isEqualTo("2");
        assertThat(result.champion()).as("0.15 against the champion's 0.9").isTrue();

        // signed in once, as the service principal, and every API call carried the token it was given
        String basic =
                Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        workspace.verify(
                1,
                postRequestedFor(urlPathEqualTo(DatabricksSignIn.TOKEN_PATH))
                        .withHeader("Authorization", equalTo("Basic " + basic))
                        .withRequestBody(containing("grant_type=client_credentials")));
        List<LoggedRequest> apiCalls = workspace.findAll(anyRequestedFor(urlPathMatching("/api/.*")));
        assertThat(apiCalls).hasSizeGreaterThanOrEqualTo(14);
        assertThat(apiCalls)
                .allSatisfy(call -> assertThat(call.getHeader("Authorization"))
                        .as(call.getMethod() + " " + call.getUrl())
                        .isEqualTo("Bearer " + ACCESS_TOKEN));

        // the experiment keeps its artifacts in the volume, the run is MLflow's REST all through
        workspace.verify(postRequestedFor(urlPathEqualTo(MLFLOW + "experiments/create"))
                .withRequestBody(
                        equalToJson("{\"name\": \"" + EXPERIMENT + "\", \"artifact_location\": \"" + VOLUME + "\"}")));
        workspace.verify(postRequestedFor(urlPathEqualTo(MLFLOW + "runs/create"))
                .withRequestBody(matchingJsonPath("$.experiment_id", equalTo(EXPERIMENT_ID))));
        workspace.verify(postRequestedFor(urlPathEqualTo(MLFLOW + "runs/log-batch"))
                .withRequestBody(matchingJsonPath("$.run_id", equalTo(RUN_ID)))
                .withRequestBody(containing("pooled_cv_wape")));
        workspace.verify(postRequestedFor(urlPathEqualTo(MLFLOW + "runs/update"))
                .withRequestBody(matchingJsonPath("$.status", equalTo("FINISHED"))));

        // the three artifacts through the Files API, into the run's folder of the volume, replacing an attempt's
        String runFolder = "/api/2.0/fs/files/Volumes/main/nyc311_ml/mlflow_artifacts/" + RUN_ID + "/artifacts/";
        for (String artifact : List.of(SeriesTables.METRICS, SeriesTables.FORECASTS, "model/training.json")) {
            workspace.verify(putRequestedFor(urlPathEqualTo(runFolder + artifact))
                    .withQueryParam("overwrite", equalTo("true"))
                    .withHeader("Content-Type", equalTo("application/octet-stream")));
        }
        assertThat(workspace
                        .findAll(putRequestedFor(urlPathEqualTo(runFolder + SeriesTables.METRICS)))
                        .get(0)
                        .getBodyAsString())
                .contains("type-0/brooklyn");

        // Unity Catalog's registry: the three-level name, a version finalized, then the alias moved
        workspace.verify(
                getRequestedFor(urlPathEqualTo(UC + "registered-models/get")).withQueryParam("name", equalTo(MODEL)));
        workspace.verify(postRequestedFor(urlPathEqualTo(UC + "model-versions/create"))
                .withRequestBody(equalToJson("""
                        {"name": "%s", "source": "%s/%s/artifacts/model", "run_id": "%s"}""".formatted(MODEL, VOLUME, RUN_ID, RUN_ID), true, true)));
        workspace.verify(postRequestedFor(urlPathEqualTo(UC + "model-versions/finalize"))
                .withRequestBody(equalToJson("{\"name\": \"" + MODEL + "\", \"version\": \"2\"}")));
        workspace.verify(getRequestedFor(urlPathEqualTo(UC + "registered-models/alias"))
                .withQueryParam("name", equalTo(MODEL))
                .withQueryParam("alias", equalTo("champion")));
        workspace.verify(postRequestedFor(urlPathEqualTo(UC + "registered-models/alias"))
                .withRequestBody(
                        equalToJson("{\"name\": \"" + MODEL + "\", \"alias\": \"champion\", \"version\": \"2\"}")));
        workspace.verify(postRequestedFor(urlPathEqualTo(UC + "registered-models/alias"))
                .withRequestBody(
                        equalToJson("{\"name\": \"" + MODEL + "\", \"alias\": \"challenger\", \"version\": \"2\"}")));
        // never the workspace registry's own calls, and never a path that needs the Python CLI
        assertThat(workspace.findAll(
                        anyRequestedFor(urlPathMatching(MLFLOW + "(registered-models|model-versions)/.*"))))
                .isEmpty();
        assertThat(workspace.findAll(anyRequestedFor(urlPathMatching(".*artifacts/credentials-for-write.*"))))
                .isEmpty();
    }

    @Test
    void aVersionsFilesAreWrittenToItsStorageLocationWithTheVendedCredentialsBeforeItIsFinalized() throws Exception {
        try (MlflowTracker tracker = tracker(settings(CLIENT_ID, CLIENT_SECRET, null, VOLUME))) {
            tracker.track(run(), series(3));
        }

        // the write grant for the version Unity Catalog created, in the shape MLflow's Python client asks it
        workspace.verify(
                1,
                postRequestedFor(urlPathEqualTo(UC + "model-versions/generate-temporary-credentials"))
                        .withRequestBody(equalToJson("""
                                {"name": "%s", "version": "2", "operation": "MODEL_VERSION_OPERATION_READ_WRITE"}""".formatted(MODEL))));
        // the model's folder in the version's storage location, written with those credentials (s3proxy refuses
        // any other key), and all of it there when the registry was asked to finalize the version
        assertThat(filesInVersionFolder()).containsExactlyInAnyOrder("MLmodel", "training.json", "series_models.csv");
        assertThat(filesWhenFinalized).containsExactlyInAnyOrder("MLmodel", "training.json", "series_models.csv");
        workspace.verify(1, postRequestedFor(urlPathEqualTo(UC + "model-versions/finalize")));

        JsonNode mlmodel = new YAMLMapper().readTree(versionFile("MLmodel"));
        assertThat(mlmodel.path("artifact_path").asText()).isEqualTo("model");
        assertThat(mlmodel.path("run_id").asText()).isEqualTo(RUN_ID);
        assertThat(mlmodel.path("flavors").has("python_function")).isFalse();
        assertThat(mlmodel.path("flavors")
                        .path("nyc311_forecaster")
                        .path("description")
                        .asText())
                .startsWith("No standard MLflow flavour fits this model");
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(mlmodel.path("signature").path("inputs").asText()))
                .extracting(column -> column.path("name").asText())
                .containsExactly("series_id", "horizon");
        assertThat(json.readTree(mlmodel.path("signature").path("outputs").asText()))
                .extracting(column -> column.path("name").asText())
                .contains("yhat", "yhat_lower", "yhat_upper");
        assertThat(versionFile("series_models.csv")).contains("type-2/brooklyn");

        // the grant, the files, the finalization, then the aliases: each alias is set on a READY version
        // WireMock lists the newest first
        List<ServeEvent> served = new ArrayList<>(workspace.getAllServeEvents());
        Collections.reverse(served);
        List<String> registryCalls = served.stream()
                .map(event -> event.getRequest().getMethod() + " "
                        + event.getRequest().getUrl().replaceFirst("\\?.*", ""))
                .filter(call -> call.contains("/unity-catalog/model-versions/")
                        || call.equals("POST " + UC + "registered-models/alias"))
                .toList();
        assertThat(registryCalls)
                .containsExactly(
                        "POST " + UC + "model-versions/create",
                        "POST " + UC + "model-versions/generate-temporary-credentials",
                        "POST " + UC + "model-versions/finalize",
                        "GET " + UC + "model-versions/get",
                        "POST " + UC + "registered-models/alias",
                        "POST " + UC + "registered-models/alias");
    }

    @Test
    void aVersionWhoseFilesCouldNotBeWrittenIsNeitherFinalizedNorGivenAnAlias() throws Exception {
        // credentials the storage refuses: expired, or vended for another location
        workspace.stubFor(post(urlPathEqualTo(UC + "model-versions/generate-temporary-credentials"))
                .willReturn(okJson(temporaryCredentials("not-the-secret"))));

        try (MlflowTracker tracker = tracker(settings(CLIENT_ID, CLIENT_SECRET, null, VOLUME))) {
            assertThatThrownBy(() -> tracker.track(run(), series(1)))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("s3://" + BUCKET + "/" + VERSION_FOLDER);
        }

        assertThat(filesInVersionFolder()).isEmpty();
        workspace.verify(0, postRequestedFor(urlPathEqualTo(UC + "model-versions/finalize")));
        workspace.verify(0, postRequestedFor(urlPathEqualTo(UC + "registered-models/alias")));
    }

    @Test
    void storageOtherThanS3IsRefusedWithWhatWasAnsweredAndTheVersionIsNotFinalized() throws Exception {
        // a metastore on Azure: an abfss:// location and a SAS token, which this AWS deployment does not write
        workspace.stubFor(post(urlPathEqualTo(UC + "model-versions/create"))
                .willReturn(okJson(modelVersion("2", "PENDING_REGISTRATION", null)
                        .replace(
                                "s3://nyc311-uc-metastore/" + VERSION_FOLDER,
                                "abfss://metastore@nyc311uc.dfs.core.windows.net/" + VERSION_FOLDER))));
        workspace.stubFor(post(urlPathEqualTo(UC + "model-versions/generate-temporary-credentials"))
                .willReturn(okJson("""
                        {"credentials": {"azure_user_delegation_sas": {"sas_token": "sv=2023-11-03&sig=x"},
                          "expiration_time": 1780297500000}}""")));

        try (MlflowTracker tracker = tracker(settings(CLIENT_ID, CLIENT_SECRET, null, VOLUME))) {
            assertThatThrownBy(() -> tracker.track(run(), series(1)))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("abfss://")
                    .hasMessageContaining("azure_user_delegation_sas");
        }
        workspace.verify(0, postRequestedFor(urlPathEqualTo(UC + "model-versions/finalize")));
        workspace.verify(0, postRequestedFor(urlPathEqualTo(UC + "registered-models/alias")));
    }

    @Test
    void aChampionAliasNotSetYetIsSetToTheFirstVersion() throws Exception {
        workspace.stubFor(get(urlPathEqualTo(UC + "registered-models/alias"))
                .willReturn(error(
                        404,
                        "RESOURCE_DOES_NOT_EXIST",
                        "Model version alias 'champion' does not exist for registered model '" + MODEL + "'.")));

        try (MlflowTracker tracker = tracker(settings(CLIENT_ID, CLIENT_SECRET, null, VOLUME))) {
            assertThat(tracker.track(run(), series(2)).champion()).isTrue();
        }

        workspace.verify(0, getRequestedFor(urlPathEqualTo(UC + "model-versions/get")));
        workspace.verify(postRequestedFor(urlPathEqualTo(UC + "registered-models/alias"))
                .withRequestBody(
                        equalToJson("{\"name\": \"" + MODEL + "\", \"alias\": \"champion\", \"version\": \"2\"}")));
    }

    @Test
    void aPersonalAccessTokenIsSentAsItIs() throws Exception {
        try (MlflowTracker tracker = tracker(settings(null, null, "dapi-dev-token", VOLUME))) {
            tracker.track(run(), series(1));
        }

        workspace.verify(0, postRequestedFor(urlPathEqualTo(DatabricksSignIn.TOKEN_PATH)));
        assertThat(workspace.findAll(anyRequestedFor(urlPathMatching("/api/.*"))))
                .isNotEmpty()
                .allSatisfy(call -> assertThat(call.getHeader("Authorization")).isEqualTo("Bearer dapi-dev-token"));
    }

    @Test
    void artifactsOutsideAVolumeAreRefusedWithWhatToChangeInsteadOfCallingPython() throws Exception {
        // an experiment made by hand keeps the workspace's default, DBFS-backed artifact root
        workspace.stubFor(post(urlPathEqualTo(MLFLOW + "runs/create"))
                .willReturn(okJson(runCreated().replace(VOLUME, "dbfs:/databricks/mlflow-tracking/" + EXPERIMENT_ID))));

        try (MlflowTracker tracker = tracker(settings(CLIENT_ID, CLIENT_SECRET, null, null))) {
            assertThatThrownBy(() -> tracker.track(run(), series(1)))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("dbfs:/databricks/mlflow-tracking/")
                    .hasMessageContaining("nyc311.mlflow.databricks.artifact-location");
        }
        workspace.verify(0, putRequestedFor(anyUrl()));
    }

    @Test
    void aTokenEndpointThatRefusesTheSecretFailsTheTrackingBeforeAnyCall() throws Exception {
        DatabricksSignIn.refuseTheSecret(workspace);

        try (MlflowTracker tracker = tracker(settings(CLIENT_ID, "revoked", null, VOLUME))) {
            assertThatThrownBy(() -> tracker.track(run(), series(1))).isInstanceOf(Exception.class);
        }
        assertThat(workspace.findAll(anyRequestedFor(urlPathMatching("/api/.*"))))
                .isEmpty();
    }

    @Test
    void theSettingsRefuseATwoLevelModelNameAndAmbiguousCredentials() {
        assertThatThrownBy(() -> new MlflowProperties(
                        "databricks",
                        null,
                        EXPERIMENT,
                        "nyc311-daily-forecaster",
                        null,
                        null,
                        null,
                        0,
                        new MlflowProperties.Databricks(host, null, null, "dapi-dev-token", VOLUME, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nyc311.mlflow.registered-model-name")
                .hasMessageContaining("catalog.schema.model");
        assertThatThrownBy(() -> tracker(settings(CLIENT_ID, CLIENT_SECRET, "dapi-dev-token", VOLUME)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nyc311.mlflow.databricks.client-id")
                .hasMessageContaining("nyc311.mlflow.databricks.token")
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> tracker(settings(null, null, null, VOLUME)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("neither is set");
        assertThatThrownBy(() -> new MlflowProperties(
                        "http://127.0.0.1:5000", null, null, null, "champion", "champion", null, 0, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nyc311.mlflow.challenger-alias");
        assertThat(new MlflowProperties("http://127.0.0.1:5000", null, null, null, null, null, null, 0, null)
                        .challengerAlias())
                .isEqualTo("challenger");
        // locally the plain name stays
        assertThat(new MlflowProperties("http://127.0.0.1:5000", null, null, null, null, null, null, 0, null)
                        .registeredModelName())
                .isEqualTo("nyc311-daily-forecaster");
    }

    private MlflowProperties settings(
            @Nullable String clientId,
            @Nullable String clientSecret,
            @Nullable String token,
            @Nullable String artifactLocation) {
        return new MlflowProperties(
                "databricks",
                null,
                EXPERIMENT,
                MODEL,
                null,
                null,
                null,
                0,
                new MlflowProperties.Databricks(
                        host,
                        clientId,
                        clientSecret,
                        token,
                        artifactLocation,
                        // the only difference from production: S3 is this local server, addressed by path
                        new MlflowProperties.ModelStorage(LocalAwsAccount.REGION, storage.endpoint(), true)));
    }

    private static MlflowTracker tracker(MlflowProperties properties) {
        return new MlflowTracker(properties, Clock.systemUTC());
    }

    /** The registry's write grant for a version: AWS session credentials, as STS issues them, and their expiry. */
    private static String temporaryCredentials(String secretAccessKey) {
        return """
                {"credentials": {"aws_temp_credentials": {"access_key_id": "%s", "secret_access_key": "%s",
                  "session_token": "%s"}, "expiration_time": 1780297500000, "storage_mode": "CUSTOMER_HOSTED"}}""".formatted(LocalAwsAccount.ACCESS_KEY, secretAccessKey, SESSION_TOKEN);
    }

    /** The files under the version's storage location, by name within it. */
    private List<String> filesInVersionFolder() {
        try (S3Client client = storage.client()) {
            return client.listObjectsV2(r -> r.bucket(BUCKET).prefix(VERSION_FOLDER + "/")).contents().stream()
                    .map(o -> o.key().substring(VERSION_FOLDER.length() + 1))
                    .toList();
        }
    }

    private String versionFile(String name) {
        try (S3Client client = storage.client()) {
            ResponseBytes<GetObjectResponse> bytes =
                    client.getObjectAsBytes(r -> r.bucket(BUCKET).key(VERSION_FOLDER + "/" + name));
            return bytes.asUtf8String();
        }
    }

    private static String runCreated() {
        return """
                {"run": {"info": {"run_id": "%1$s", "run_uuid": "%1$s", "experiment_id": "%2$s",
                  "run_name": "training-2026-05-31", "user_id": "9b2f64c1-3e7a-4f0d-8c15-6a4e2d9b7c31",
                  "status": "RUNNING", "start_time": 1780293600000, "artifact_uri": "%3$s/%1$s/artifacts",
                  "lifecycle_stage": "active"},
                 "data": {"tags": [{"key": "nyc311.forecast_run_id", "value": "x"}]},
                 "inputs": {}}}""".formatted(RUN_ID, EXPERIMENT_ID, VOLUME);
    }

    /** A Unity Catalog model version, as the registry's create, finalize, get and alias calls give it. */
    private static String modelVersion(String version, String status, @Nullable String pooledWape) {
        String tags = pooledWape == null
                ? ""
                : ", \"tags\": [{\"key\": \"pooled_cv_wape\", \"value\": \"" + pooledWape + "\"}]";
        return """
                {"model_version": {"name": "%s", "version": "%s", "source": "%s/%s/artifacts/model",
                  "run_id": "%s", "status": "%s", "creation_timestamp": 1780293900000,
                  "last_updated_timestamp": 1780293900000, "user_id": "9b2f64c1-3e7a-4f0d-8c15-6a4e2d9b7c31",
                  "storage_location": "s3://nyc311-uc-metastore/models/1f4e1c9a/versions/5b0e2d7c"%s}}""".formatted(MODEL, version, VOLUME, RUN_ID, RUN_ID, status, tags);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder error(
            int status, String code, String message) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error_code\": \"" + code + "\", \"message\": \"" + message + "\"}");
    }

    private static ForecastRun run() {
        return FittedRuns.awaitingTracking(UUID.randomUUID(), LAST, 30, 3, null);
    }

    private static List<StoredSeriesForecast> series(int count) {
        return FittedRuns.series(UUID.randomUUID(), LAST, 30, count, Map.of("changepoints", "25"));
    }
}
