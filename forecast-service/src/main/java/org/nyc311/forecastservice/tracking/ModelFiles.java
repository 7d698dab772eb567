package org.nyc311.forecastservice.tracking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.nyc311.forecast.SeriesForecaster;
import org.nyc311.forecastservice.run.ForecastRun;

/**
 * The files of a training's model, the {@code model/} folder of its MLflow run that a registered model version is
 * made from: an {@code MLmodel} file in MLflow's format saying what the model is, and what reproducing a forecast
 * needs (each series' model and hyperparameters, the training's summary, the engine's version).
 *
 * <p>The model is forecast-engine, a JVM library: no MLflow flavour fits it ({@code python_function} would promise
 * that {@code mlflow.pyfunc.load_model} can run it, which it cannot). So the MLmodel names a flavour of its own,
 * {@value #FLAVOR}, with the engine and its version, and says so in the flavour's {@code description}. The
 * signature is still MLflow's, so that the registry shows, and Unity Catalog accepts (it refuses a version without
 * input and output specs), what a forecast takes and gives: a series id and a horizon in, a row per series and day
 * with {@code yhat} and its bounds out, the columns of {@link SeriesTables#FORECASTS}.
 *
 * <p>The format follows MLflow's {@code mlflow/models/model.py} ({@code Model.to_dict}: {@code artifact_path},
 * {@code flavors}, {@code model_uuid} as 32 hex digits, {@code run_id}, {@code signature},
 * {@code utc_time_created} as Python prints a UTC datetime) and {@code mlflow/models/signature.py} (inputs and
 * outputs each a JSON string of column specs {@code {"type", "name", "required"}}, MLflow's {@code DataType} names).
 * No {@code mlflow_version}: MLflow's Python library did not write this file, and its loader warns when that
 * version differs from its own.
 */
record ModelFiles(Map<String, byte[]> files) {

    /** The run's folder the registered version is made from ({@code <artifactUri>/model}). */
    static final String DIRECTORY = "model";

    static final String MLMODEL = "MLmodel";
    static final String SUMMARY = "training.json";
    /** The series' table ({@link SeriesTables#metrics}) again, inside the model: a version is its folder alone. */
    static final String SERIES_MODELS = "series_models.csv";

    static final String FLAVOR = "nyc311_forecaster";
    static final String ENGINE = "org.nyc311:forecast-engine";

    static final String NO_STANDARD_FLAVOR = "No standard MLflow flavour fits this model: it is forecast-engine, a JVM"
            + " library, not loadable by mlflow.pyfunc. A forecast is reproduced by fitting each series of "
            + SERIES_MODELS + " with its model and hyperparameters on the gold history named in " + SUMMARY
            + " (gold_version, history_start, last_actual_date), with the engine's " + SeriesForecaster.class.getName()
            + " at engine_version (a series with hp.parent_series set given that series' history as its parent,"
            + " forecast-engine's Parent.of), then, where a series' hp.reconciliation is set, reconciling them all together as it"
            + " names (forecast-engine's org.nyc311.forecast.reconcile.LevelLayout and MinTReconciliation, each"
            + " parent's remainder fitted from the same history); the forecasts themselves are the run's "
            + SeriesTables.FORECASTS + ".";

    /** MLflow's own format for {@code utc_time_created}: Python's {@code str(datetime.utcnow())}. */
    private static final DateTimeFormatter PYTHON_UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    /** In the order they are uploaded, the MLmodel first; unmodifiable, as a record's parts should be. */
    ModelFiles {
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    /**
     * The model of training {@code run} of {@code seriesCount} series, tracked as MLflow run {@code mlflowRunId},
     * written at {@code now}; {@code seriesModels} is the series' table ({@link SeriesTables#metrics}) the run already
     * holds, not built again.
     */
    static ModelFiles of(ForecastRun run, String mlflowRunId, int seriesCount, byte[] seriesModels, Instant now)
            throws IOException {
        ObjectMapper json = new ObjectMapper();
        String engineVersion = engineVersion();
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(MLMODEL, mlmodel(json, run, mlflowRunId, engineVersion, now).getBytes(StandardCharsets.UTF_8));
        files.put(SUMMARY, summary(json, run, seriesCount, engineVersion).getBytes(StandardCharsets.UTF_8));
        files.put(SERIES_MODELS, seriesModels);
        return new ModelFiles(files);
    }

    private static String mlmodel(
            ObjectMapper json, ForecastRun run, String mlflowRunId, String engineVersion, Instant now)
            throws JsonProcessingException {
        ObjectNode model = json.createObjectNode().put("artifact_path", DIRECTORY);
        model.putObject("flavors")
                .putObject(FLAVOR)
                .put("description", NO_STANDARD_FLAVOR)
                .put("engine", ENGINE)
                .put("engine_version", engineVersion)
                .put("loader", SeriesForecaster.class.getName())
                .put("series_models", SERIES_MODELS)
                .put("training_summary", SUMMARY)
                .put("horizon_days", run.horizonDays());
        model.put("model_uuid", UUID.randomUUID().toString().replace("-", ""));
        model.put("run_id", mlflowRunId);
        ObjectNode signature = model.putObject("signature");
        signature.put("inputs", json.writeValueAsString(columns(json, "string", "series_id", "long", "horizon")));
        signature.put(
                "outputs",
                json.writeValueAsString(columns(
                        json,
                        "string",
                        "series_id",
                        "datetime",
                        "date",
                        "double",
                        "yhat",
                        "double",
                        "yhat_lower",
                        "double",
                        "yhat_upper",
                        "double",
                        "level")));
        signature.putNull("params");
        model.put("utc_time_created", PYTHON_UTC.format(now));
        // every string quoted: unquoted, utc_time_created would read back as a YAML timestamp, not MLflow's string
        YAMLMapper yaml = YAMLMapper.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .disable(YAMLGenerator.Feature.SPLIT_LINES)
                .build();
        return yaml.writeValueAsString(model);
    }

    /** MLflow's column specs, from (type, name) pairs; every column is always there. */
    private static ArrayNode columns(ObjectMapper json, String... typesAndNames) {
        ArrayNode columns = json.createArrayNode();
        for (int i = 0; i < typesAndNames.length; i += 2) {
            columns.addObject()
                    .put("type", typesAndNames[i])
                    .put("name", typesAndNames[i + 1])
                    .put("required", true);
        }
        return columns;
    }

    private static String summary(ObjectMapper json, ForecastRun run, int seriesCount, String engineVersion)
            throws JsonProcessingException {
        ObjectNode summary = json.createObjectNode()
                .put("forecast_run_id", run.runId().toString())
                .put("gold_version", run.goldVersion())
                .put("history_start", String.valueOf(run.historyStart()))
                .put("last_actual_date", String.valueOf(run.lastActualDate()))
                .put("horizon_days", run.horizonDays());
        summary.put("series_count", seriesCount);
        summary.put("engine", ENGINE);
        summary.put("engine_version", engineVersion);
        summary.put("series_models", SERIES_MODELS);
        summary.put("series_metrics", SeriesTables.METRICS);
        summary.put("series_forecasts", SeriesTables.FORECASTS);
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(summary);
    }

    /**
     * The forecast-engine version on the classpath, from the descriptor Maven packs into its jar; {@code unknown}
     * when the engine runs from a folder of classes (an IDE), which has none.
     */
    static String engineVersion() {
        try (InputStream descriptor = SeriesForecaster.class.getResourceAsStream(
                "/META-INF/maven/org.nyc311/forecast-engine/pom.properties")) {
            if (descriptor != null) {
                Properties properties = new Properties();
                properties.load(descriptor);
                @Nullable String version = properties.getProperty("version");
                if (version != null) {
                    return version;
                }
            }
        } catch (IOException e) {
            // a broken jar would have failed the engine's own classes first; the version is only a label here
        }
        String manifest = SeriesForecaster.class.getPackage().getImplementationVersion();
        return manifest == null ? "unknown" : manifest;
    }
}
