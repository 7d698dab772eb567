package org.nyc311.testsupport.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MlflowServerExtension.class)
class MlflowServerIT {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void runCreatedOverRestIsReadBackWithItsParamsAndMetrics(MlflowServer mlflow) throws Exception {
        URI api = mlflow.trackingUri().resolve("/api/2.0/mlflow/");
        String experimentId = post(api.resolve("experiments/create"), "{\"name\":\"nyc311-roundtrip\"}")
                .get("experiment_id")
                .asText();
        String runId = post(
                        api.resolve("runs/create"),
                        "{\"experiment_id\":\"" + experimentId
                                + "\",\"run_name\":\"noise-residential/brooklyn\",\"start_time\":1763884800000}")
                .get("run")
                .get("info")
                .get("run_id")
                .asText();
        post(
                api.resolve("runs/log-parameter"),
                "{\"run_id\":\"" + runId + "\",\"key\":\"model\",\"value\":\"prophet-style\"}");
        post(
                api.resolve("runs/log-metric"),
                "{\"run_id\":\"" + runId
                        + "\",\"key\":\"cv_mase\",\"value\":0.62,\"timestamp\":1763884800000,\"step\":0}");

        JsonNode run = get(api.resolve("runs/get?run_id=" + runId)).get("run");

        assertThat(run.get("info").get("experiment_id").asText()).isEqualTo(experimentId);
        assertThat(run.get("data").get("params").get(0).get("value").asText()).isEqualTo("prophet-style");
        assertThat(run.get("data").get("metrics").get(0).get("key").asText()).isEqualTo("cv_mase");
        assertThat(run.get("data").get("metrics").get(0).get("value").asDouble())
                .isEqualTo(0.62);
        assertThat(mlflow.trackingUri().getHost()).isEqualTo("127.0.0.1");
    }

    private JsonNode post(URI uri, String body) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(uri)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(uri + " -> " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private JsonNode get(URI uri) throws Exception {
        HttpResponse<String> response =
                http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(uri + " -> " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }
}
