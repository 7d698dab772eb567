package org.nyc311.forecastservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nyc311.forecastservice.run.ForecastRun;
import org.nyc311.forecastservice.run.ForecastRunRepository;
import org.nyc311.forecastservice.support.GoldFixture;
import org.nyc311.testsupport.schemathesis.Schemathesis;
import org.nyc311.testsupport.tokens.TokenIssuer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The REST API over HTTP: catalog from gold, stored forecasts and models, on-demand fits, and its 400s and 404s. */
class ForecastApiIT extends ServiceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A token with every scope from the test JVM's issuer, for every call of this test. */
    private String bearerToken;

    private static boolean trained;

    @LocalServerPort
    int port;

    @Autowired
    ForecastRunRepository runs;

    private final HttpClient http = HttpClient.newHttpClient();

    /** One training through the API, so that stored forecasts exist whatever ran before. */
    @BeforeEach
    void aTrainingHasRun(TokenIssuer tokens) throws Exception {
        bearerToken = tokens.tokenWithEveryScope();
        if (trained) {
            return;
        }
        Response started = send("POST", "/api/v1/forecast-runs", null);
        assertThat(started.status()).isEqualTo(202);
        String runId = started.json().path("forecastRunId").asText();
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    JsonNode run =
                            send("GET", "/api/v1/forecast-runs/" + runId, null).json();
                    return !run.path("status").asText().matches("QUEUED|RUNNING")
                            && !run.path("trackingStatus").asText().equals("PENDING");
                });
        assertThat(runs.find(java.util.UUID.fromString(runId)).orElseThrow().status())
                .isEqualTo(ForecastRun.Status.SUCCEEDED);
        trained = true;
    }

    @Test
    void theCatalogComesFromGoldFilteredByComplaintTypeAndBorough() throws Exception {
        Response all = send("GET", "/api/v1/series", null);
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().findValuesAsText("seriesId"))
                .containsExactly(
                        "all/all",
                        "all/brooklyn",
                        "noise-residential/brooklyn",
                        "noise-residential/queens",
                        "paint-plaster/bronx");

        Response brooklyn = send("GET", "/api/v1/series?borough=brooklyn", null);
        assertThat(brooklyn.json().findValuesAsText("seriesId"))
                .containsExactly("all/brooklyn", "noise-residential/brooklyn");

        // as the feed spells it, or as a key
        Response noise = send("GET", "/api/v1/series?complaintType=Noise%20-%20Residential&borough=queens", null);
        assertThat(noise.json().findValuesAsText("seriesId")).containsExactly("noise-residential/queens");
        JsonNode entry = noise.json().get(0);
        assertThat(entry.path("days").asLong()).isEqualTo(GoldFixture.DAYS);
        assertThat(entry.path("lastDate").asText()).isEqualTo(GoldFixture.LAST_DAY.toString());
        assertThat(entry.path("forecastable").asBoolean()).isTrue();

        Response shortSeries = send("GET", "/api/v1/series?complaintType=paint-plaster", null);
        assertThat(shortSeries.json().get(0).path("forecastable").asBoolean()).isFalse();

        assertProblem(send("GET", "/api/v1/series?borough=atlantis", null), 400);
        assertProblem(send("GET", "/api/v1/series?complaintType=---", null), 400);
    }

    @Test
    void theActualDailyCountsOfASeriesAreTheOnesGoldHolds() throws Exception {
        java.util.Map<LocalDate, Long> written = GoldFixture.counts("noise-residential/queens");

        Response window =
                send("GET", "/api/v1/series/noise-residential/queens/history?from=2026-04-01&to=2026-04-07", null);
        assertThat(window.status()).as(window.body()).isEqualTo(200);
        assertThat(window.json()).hasSize(7);
        for (int i = 0; i < 7; i++) {
            LocalDate day = LocalDate.of(2026, 4, 1).plusDays(i);
            JsonNode row = window.json().get(i);
            assertThat(row.path("date").asText()).isEqualTo(day.toString());
            assertThat(row.path("count").asLong()).as("count on %s", day).isEqualTo(written.get(day));
        }

        // by default the 90 days before the series' last day, through that day
        JsonNode defaults = send("GET", "/api/v1/series/noise-residential/queens/history", null)
                .json();
        assertThat(defaults).hasSize(91);
        assertThat(defaults.get(0).path("date").asText())
                .isEqualTo(GoldFixture.LAST_DAY.minusDays(90).toString());
        assertThat(defaults.get(90).path("date").asText()).isEqualTo(GoldFixture.LAST_DAY.toString());
        assertThat(defaults.get(90).path("count").asLong()).isEqualTo(written.get(GoldFixture.LAST_DAY));

        // days gold does not have are left out, not made up
        JsonNode beyond = send(
                        "GET",
                        "/api/v1/series/" + GoldFixture.TOO_SHORT + "/history?from=2026-01-01&to=2026-12-31",
                        null)
                .json();
        assertThat(beyond).hasSize(20);

        assertProblem(
                send("GET", "/api/v1/series/noise-residential/queens/history?from=2026-04-08&to=2026-04-07", null),
                400);
        assertProblem(send("GET", "/api/v1/series/noise-residential/queens/history?from=2026-13-01", null), 400);
        assertProblem(
                send("GET", "/api/v1/series/noise-residential/queens/history?from=2022-01-01&to=2026-04-30", null),
                400);
        assertProblem(send("GET", "/api/v1/series/noise-residential/atlantis/history", null), 400);
        assertProblem(send("GET", "/api/v1/series/no-such-type/queens/history", null), 404);

        // several series in one read: the same counts, a series gold lacks left out
        JsonNode several = send(
                        "GET",
                        "/api/v1/series/histories?series=noise-residential/queens&series=no-such-type/queens"
                                + "&from=2026-04-01&to=2026-04-07",
                        null)
                .json();
        assertThat(several).hasSize(1);
        assertThat(several.get(0).path("seriesId").asText()).isEqualTo("noise-residential/queens");
        assertThat(several.get(0).path("days")).isEqualTo(window.json());
        assertProblem(
                send(
                        "GET",
                        "/api/v1/series/histories?series=noise-residential/queens&from=2026-04-08&to=2026-04-07",
                        null),
                400);
    }

    @Test
    void theNewestStoredForecastOfASeriesWithItsRunAndModel() throws Exception {
        Response response = send("GET", "/api/v1/forecasts/noise-residential/brooklyn?horizon=7", null);
        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.path("seriesId").asText()).isEqualTo("noise-residential/brooklyn");
        assertThat(body.path("forecastRunId").asText()).isNotBlank();
        assertThat(body.path("model").asText()).isNotBlank();
        assertThat(body.path("mlflowRunId").asText()).isNotBlank();
        assertThat(body.path("points")).hasSize(7);
        JsonNode first = body.path("points").get(0);
        assertThat(first.path("date").asText())
                .isEqualTo(GoldFixture.LAST_DAY.plusDays(1).toString());
        assertThat(first.path("lower").asDouble())
                .isLessThanOrEqualTo(first.path("yhat").asDouble());
        assertThat(first.path("upper").asDouble())
                .isGreaterThanOrEqualTo(first.path("yhat").asDouble());
        assertThat(send("GET", "/api/v1/forecasts/all/all", null).json().path("points"))
                .hasSize(14);

        // the forecast current on a day's morning: made from history that ended before it
        LocalDate firstDay = GoldFixture.LAST_DAY.plusDays(1);
        JsonNode current = send("GET", "/api/v1/forecasts/noise-residential/brooklyn?madeBefore=" + firstDay, null)
                .json();
        assertThat(current.path("forecastRunId").asText())
                .isEqualTo(body.path("forecastRunId").asText());
        assertProblem(
                send("GET", "/api/v1/forecasts/noise-residential/brooklyn?madeBefore=" + GoldFixture.LAST_DAY, null),
                404);
        assertProblem(send("GET", "/api/v1/forecasts/noise-residential/brooklyn?madeBefore=tomorrow", null), 400);

        // day by day, the forecast each morning had: here the one run's first days, none before its history ended
        JsonNode past = send(
                        "GET",
                        "/api/v1/forecasts/noise-residential/brooklyn/past?from=" + GoldFixture.LAST_DAY.minusDays(3)
                                + "&to=" + firstDay.plusDays(2),
                        null)
                .json();
        assertThat(past).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(past.get(i).path("date").asText())
                    .isEqualTo(firstDay.plusDays(i).toString());
            assertThat(past.get(i).path("yhat").asDouble())
                    .isEqualTo(body.path("points").get(i).path("yhat").asDouble());
        }
        assertProblem(
                send(
                        "GET",
                        "/api/v1/forecasts/noise-residential/brooklyn/past?from=" + firstDay + "&to="
                                + firstDay.minusDays(1),
                        null),
                400);
        assertProblem(
                send("GET", "/api/v1/forecasts/noise-residential/brooklyn/past?from=2020-01-01&to=2026-01-01", null),
                400);
        assertProblem(
                send("GET", "/api/v1/forecasts/noise-residential/brooklyn/past?from=soon&to=2026-01-01", null), 400);
    }

    @Test
    void unknownSeriesAre404AndMalformedOnes400() throws Exception {
        assertProblem(send("GET", "/api/v1/forecasts/no-such-type/brooklyn", null), 404);
        assertProblem(send("GET", "/api/v1/forecasts/" + GoldFixture.TOO_SHORT, null), 404);
        assertProblem(send("GET", "/api/v1/models/no-such-type/queens", null), 404);
        assertProblem(send("GET", "/api/v1/forecasts/noise-residential/atlantis", null), 400);
        assertProblem(send("GET", "/api/v1/forecasts/Noise%20Residential/brooklyn", null), 400);
        assertProblem(send("GET", "/api/v1/forecasts/noise-residential/brooklyn?horizon=0", null), 400);
        assertProblem(send("GET", "/api/v1/forecasts/noise-residential/brooklyn?horizon=91", null), 400);
        assertProblem(send("GET", "/api/v1/forecasts/noise-residential/brooklyn?horizon=abc", null), 400);
        assertProblem(send("GET", "/api/v1/forecast-runs/not-a-uuid", null), 400);
    }

    @Test
    void aForecastOnDemandForAGoldSeriesOrAPostedHistory() throws Exception {
        Response bySeries =
                send("POST", "/api/v1/forecasts", "{\"seriesId\":\"noise-residential/queens\",\"horizon\":10}");
        assertThat(bySeries.status()).as(bySeries.body()).isEqualTo(200);
        assertThat(bySeries.json().path("seriesId").asText()).isEqualTo("noise-residential/queens");
        assertThat(bySeries.json().path("points")).hasSize(10);
        assertThat(bySeries.json().path("historyEnd").asText()).isEqualTo(GoldFixture.LAST_DAY.toString());

        StringBuilder history = new StringBuilder("{\"horizon\":90,\"history\":[");
        LocalDate day = LocalDate.of(2025, 1, 1);
        for (int i = 0; i < 84; i++) {
            history.append(i == 0 ? "" : ",")
                    .append("{\"date\":\"")
                    .append(day.plusDays(i))
                    .append("\",\"count\":")
                    .append(10 + (i % 7) * 2)
                    .append('}');
        }
        history.append("]}");
        Response posted = send("POST", "/api/v1/forecasts", history.toString());
        assertThat(posted.status()).as(posted.body()).isEqualTo(200);
        assertThat(posted.json().path("points")).hasSize(90);
        assertThat(posted.json().path("points").get(0).path("date").asText())
                .isEqualTo(day.plusDays(84).toString());
        assertThat(posted.json().path("model").asText()).isNotBlank();
    }

    @Test
    void badOnDemandRequestsAre400ProblemsAndUnknownSeries404() throws Exception {
        List<String> bad = new ArrayList<>(List.of(
                "{\"seriesId\":\"all/all\",\"horizon\":91}",
                "{\"seriesId\":\"all/all\",\"horizon\":0}",
                "{\"seriesId\":\"all/all\"}",
                "{\"horizon\":7}",
                "{\"seriesId\":\"all/all\",\"horizon\":7,\"history\":[{\"date\":\"2025-01-01\",\"count\":1}]}",
                "{\"horizon\":7,\"history\":[]}",
                "{\"horizon\":7,\"history\":[{\"date\":\"2025-01-01\",\"count\":-1}]}",
                "{\"horizon\":7,\"history\":[{\"date\":\"2025-01-02\",\"count\":1},{\"date\":\"2025-01-01\",\"count\":1}]}",
                "{\"horizon\":7,\"history\":[{\"date\":\"2025-13-45\",\"count\":1}]}",
                "{\"horizon\":7,\"history\":[{\"date\":\"2025-01-01\"}]}",
                "{\"horizon\":\"seven\",\"seriesId\":\"all/all\"}",
                "{\"seriesId\":\"not a series\",\"horizon\":7}",
                "{not json",
                ""));
        for (String body : bad) {
            assertProblem(send("POST", "/api/v1/forecasts", body), 400);
        }
        assertProblem(send("POST", "/api/v1/forecasts", "{\"seriesId\":\"no-such-type/bronx\",\"horizon\":7}"), 404);
    }

    @Test
    void theModelOfASeriesWithItsCrossValidationAndMlflowLink() throws Exception {
        Response response = send("GET", "/api/v1/models/all/brooklyn", null);
        assertThat(response.status()).isEqualTo(200);
        JsonNode model = response.json();
        assertThat(model.path("model").asText()).isNotBlank();
        assertThat(model.path("hyperparameters").isObject()).isTrue();
        assertThat(model.path("crossValidation").path("points").asInt()).isPositive();
        assertThat(model.path("crossValidation").has("mase")).isTrue();
        String runId = model.path("mlflowRunId").asText();
        assertThat(runId).isNotBlank();
        assertThat(model.path("mlflowRunUrl").asText())
                .startsWith(mlflow.trackingUri().toString())
                .endsWith("/runs/" + runId);
        // the training's run holds every series: the link to its table, where this series' row is
        assertThat(model.path("mlflowSeriesTableUrl").asText())
                .isEqualTo(model.path("mlflowRunUrl").asText() + "/artifactPath/series/metrics.csv");
        assertThat(model.path("registeredModelVersion").asText()).isNotBlank();
    }

    @Test
    void theApiIsDocumentedWithOpenApiAndTheFitsAreMetered() throws Exception {
        Response docs = send("GET", "/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().path("paths").fieldNames())
                .toIterable()
                .contains(
                        "/api/v1/series",
                        "/api/v1/forecasts/{complaintType}/{borough}",
                        "/api/v1/forecasts",
                        "/api/v1/models/{complaintType}/{borough}",
                        "/api/v1/series/{complaintType}/{borough}/history",
                        "/api/v1/series/histories");
        assertThat(send("GET", "/swagger-ui/index.html", null).status()).isEqualTo(200);

        String prometheus = send("GET", "/actuator/prometheus", null).body();
        assertThat(prometheus)
                .contains(
                        "nyc311_forecast_fit_time_seconds_count",
                        "nyc311_forecast_series_fitted_total",
                        "nyc311_forecast_series_failed_total",
                        "nyc311_forecast_cv_wape",
                        "nyc311_forecast_cv_pooled_wape",
                        "hikaricp_connections_active{application=\"forecast-service\",pool=\"gold\"}");
    }

    /**
     * An outside client (Schemathesis) fuzzes every operation of the document this service publishes, with
     * stored forecasts and gold series to find, and every check must pass: no 5xx, every status and response
     * as documented, invalid data refused and valid data accepted.
     */
    @Test
    void thePublishedContractHoldsUnderSchemathesis(TokenIssuer tokens) throws Exception {
        Schemathesis.Result result = Schemathesis.installed().runOnLocalPort(port, tokens.tokenWithEveryScope());
        // the trainings it queued (POST /forecast-runs) end here, not in the next test sharing this context
        await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> runs.recent(50).stream()
                        .noneMatch(r -> r.status() == ForecastRun.Status.QUEUED
                                || r.status() == ForecastRun.Status.RUNNING
                                || r.trackingStatus() == ForecastRun.TrackingStatus.PENDING));
        assertThat(result.passed()).as(result.describe()).isTrue();
    }

    private void assertProblem(Response response, int status) throws IOException {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("status").asInt()).isEqualTo(status);
        assertThat(response.json().path("detail").asText()).isNotBlank();
    }

    private Response send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + bearerToken);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    private record Response(int status, String contentType, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }
}
