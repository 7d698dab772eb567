package org.nyc311.testsupport.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** MLflow's own REST API, as a test's independent witness of what a service tracked. */
public final class MlflowRest {

    private final URI base;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    public MlflowRest(URI trackingUri) {
        this.base = trackingUri;
    }

    public JsonNode get(String path, String... query) throws IOException, InterruptedException {
        StringBuilder uri = new StringBuilder(base + "/api/2.0/mlflow/" + path);
        for (int i = 0; i < query.length; i += 2) {
            uri.append(i == 0 ? '?' : '&')
                    .append(query[i])
                    .append('=')
                    .append(URLEncoder.encode(query[i + 1], StandardCharsets.UTF_8));
        }
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(uri.toString())).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }

    public JsonNode post(String path, Object body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/2.0/mlflow/" + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }

    /** A CSV artifact of a run as rows by column name, read through the tracking server ({@code get-artifact}). */
    public List<Map<String, String>> csvArtifact(String runId, String path) throws IOException, InterruptedException {
        URI uri = URI.create(base + "/get-artifact?run_uuid=" + URLEncoder.encode(runId, StandardCharsets.UTF_8)
                + "&path=" + URLEncoder.encode(path, StandardCharsets.UTF_8));
        HttpResponse<String> response =
                http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + uri + " answered " + response.statusCode() + ": " + response.body());
        }
        try (MappingIterator<Map<String, String>> rows = new CsvMapper()
                .readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader())
                .readValues(response.body())) {
            return rows.readAll();
        }
    }

    /** A run's params, metrics or tags as a map. */
    public static Map<String, String> map(JsonNode run, String field) {
        Map<String, String> values = new HashMap<>();
        for (JsonNode entry : run.path("data").path(field)) {
            values.put(entry.path("key").asText(), entry.path("value").asText());
        }
        return values;
    }

    public String championVersion(String model) throws IOException, InterruptedException {
        return get("registered-models/alias", "name", model, "alias", "champion")
                .path("model_version")
                .path("version")
                .asText();
    }

    /** The model version an alias names, with its source and run ({@code registered-models/alias}). */
    public JsonNode aliasedVersion(String model, String alias) throws IOException, InterruptedException {
        return get("registered-models/alias", "name", model, "alias", alias).path("model_version");
    }

    /**
     * A file under an artifact URI of the tracking server's artifact proxy ({@code mlflow-artifacts:/...}, as a run's
     * or a model version's source is), downloaded as any client does: {@code GET /api/2.0/mlflow-artifacts/artifacts/}.
     */
    public String proxiedArtifact(String artifactUri, String path) throws IOException, InterruptedException {
        String scheme = "mlflow-artifacts:";
        if (!artifactUri.startsWith(scheme)) {
            throw new IOException(artifactUri + " is not under the artifact proxy");
        }
        String relative = artifactUri.substring(scheme.length()).replaceFirst("^/+", "");
        URI uri = URI.create(base + "/api/2.0/mlflow-artifacts/artifacts/" + relative + "/" + path);
        HttpResponse<String> response =
                http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
