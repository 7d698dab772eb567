package org.nyc311.launcher.up;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The first intake of {@code ./nyc311 up}: starts ingestions through ingest-service's API, one batch
 * at a time, and follows each batch down the event chain through the services' own APIs (the
 * ingestion run, the pipeline run that took it, the forecast run that GoldRefreshed started, the
 * anomaly check that ForecastsPublished started), one console line per change. It only watches: the services do the work, so what happens here is what happens in
 * production after the 03:00 intake.
 */
final class FirstIntake {

    /**
     * What to ingest: files of the replay folder, each its own batch in the order given, or (when there
     * are none) the SODA API's last days.
     */
    record Request(List<Path> offlineFiles, int days, LocalDate today) {

        Request {
            offlineFiles = List.copyOf(offlineFiles);
        }

        /** The POST bodies of the ingestions, one a batch. */
        List<String> bodies() {
            if (offlineFiles.isEmpty()) {
                return List.of("{\"kind\":\"BACKFILL\",\"from\":\"" + today.minusDays(days) + "\",\"to\":\""
                        + today.minusDays(1) + "\"}");
            }
            return offlineFiles.stream().map(file -> "{\"source\":\"" + file.getFileName() + "\"}").toList();
        }

        String describe(int batch) {
            return offlineFiles.isEmpty() ? "the SODA API, the " + days + " days before " + today
                    : "replaying " + offlineFiles.get(batch);
        }
    }

    private static final Duration POLL = Duration.ofSeconds(1);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final Map<LocalService, URI> services;
    private final PrintWriter console;
    private final Duration stageTimeout;

    FirstIntake(Map<LocalService, URI> services, PrintWriter console, Duration stageTimeout) {
        this.services = Map.copyOf(services);
        this.console = console;
        this.stageTimeout = stageTimeout;
    }

    /**
     * Runs the intake batch after batch, following each to its anomaly check before the next starts
     * (a later batch is judged against the forecasts the earlier one led to); true when every batch got
     * that far.
     */
    boolean run(Request request) throws IOException, InterruptedException {
        List<String> bodies = request.bodies();
        for (int batch = 0; batch < bodies.size(); batch++) {
            if (bodies.size() > 1) {
                line("batch", (batch + 1) + " of " + bodies.size(), request.offlineFiles().get(batch).getFileName().toString());
            }
            if (!runBatch(bodies.get(batch), request.describe(batch))) {
                return false;
            }
        }
        return true;
    }

    private boolean runBatch(String body, String description) throws IOException, InterruptedException {
        line("intake", "starting", description);
        JsonNode started = post(LocalService.INGEST, "/api/v1/ingestions", body);
        if (started == null) {
            return false;
        }
        String ingestionRunId = started.path("runId").asText();
        JsonNode ingestion = follow("intake", () -> get(LocalService.INGEST, "/api/v1/ingestions/" + ingestionRunId),
                run -> run.path("status").asText(),
                run -> run.path("recordCount").asLong() + " records in " + run.path("partCount").asInt() + " parts",
                status -> !status.equals("RUNNING"));
        if (ingestion == null || !ingestion.path("status").asText().equals("COMPLETED")) {
            line("intake", "failed", ingestion == null ? "no answer" : ingestion.path("failureReason").asText());
            return false;
        }

        JsonNode pipeline = follow("pipeline", () -> find(get(LocalService.PIPELINE_CONTROLLER, "/api/v1/runs?limit=50"),
                        run -> contains(run.path("ingestionRunIds"), ingestionRunId)),
                run -> run.path("state").asText(),
                run -> "run " + run.path("id").asText() + (run.path("error").isTextual() ? ": " + run.path("error").asText() : ""),
                state -> state.equals("SUCCEEDED") || state.equals("FAILED"));
        if (pipeline == null || !pipeline.path("state").asText().equals("SUCCEEDED")) {
            return false;
        }

        String goldEvent = pipeline.path("goldRefreshedEventId").asText();
        JsonNode forecast = follow("forecasts", () -> find(get(LocalService.FORECAST, "/api/v1/forecast-runs"),
                        run -> run.path("eventId").asText().equals(goldEvent)),
                run -> run.path("status").asText(),
                run -> run.path("status").asText().equals("QUEUED") && run.path("error").isTextual()
                        ? "waiting to retry: " + abbreviate(run.path("error").asText())
                        : run.path("seriesForecast").asInt() + " series forecast, " + run.path("seriesFailed").asInt() + " failed",
                status -> status.equals("SUCCEEDED") || status.equals("FAILED"));
        if (forecast == null || !forecast.path("status").asText().equals("SUCCEEDED")) {
            return false;
        }

        // anomaly-service judges the days with actuals against forecasts made before them, on ForecastsPublished
        String forecastRun = forecast.path("forecastRunId").asText();
        JsonNode check = follow("anomalies", () -> find(get(LocalService.ANOMALY, "/api/v1/checks"),
                        c -> c.path("forecastRunId").asText().equals(forecastRun)),
                c -> "CHECKED",
                c -> c.path("daysChecked").asInt() + " series-days judged, " + c.path("anomalies").asInt() + " anomalies, "
                        + c.path("alertsOpened").asInt() + " alerts opened, " + c.path("alertsClosed").asInt() + " closed",
                state -> true);
        return check != null;
    }

    /** Polls until the state is terminal or the stage times out, printing each change of state or detail. */
    private JsonNode follow(String stage, Poll poll, Function<JsonNode, String> state, Function<JsonNode, String> detail,
            java.util.function.Predicate<String> terminal) throws InterruptedException {
        Instant deadline = Instant.now().plus(stageTimeout);
        String shown = null;
        while (Instant.now().isBefore(deadline)) {
            JsonNode current = poll.next();
            if (current != null) {
                String now = state.apply(current) + " " + detail.apply(current);
                if (!now.equals(shown)) {
                    line(stage, state.apply(current).toLowerCase(java.util.Locale.ROOT), detail.apply(current));
                    shown = now;
                }
                if (terminal.test(state.apply(current))) {
                    return current;
                }
            }
            Thread.sleep(POLL.toMillis());
        }
        line(stage, "waiting", "still not done after " + stageTimeout.toMinutes() + " min; it goes on in the background (see logs/)");
        return null;
    }

    private JsonNode post(LocalService service, String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(services.get(service).resolve(path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            line("intake", "refused", service.module() + " answered " + response.statusCode() + ": " + response.body());
            return null;
        }
        return json.readTree(response.body());
    }

    private JsonNode get(LocalService service, String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(services.get(service).resolve(path))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? json.readTree(response.body()) : null;
        } catch (IOException e) {
            return null;    // a service busy or restarting: the next poll asks again
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String abbreviate(String text) {
        String line = text.lines().findFirst().orElse("");
        return line.length() <= 100 ? line : line.substring(0, 97) + "...";
    }

    private static JsonNode find(JsonNode list, java.util.function.Predicate<JsonNode> match) {
        if (list == null || !list.isArray()) {
            return null;
        }
        for (JsonNode item : list) {
            if (match.test(item)) {
                return item;
            }
        }
        return null;
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode item : array) {
            if (Objects.equals(item.asText(), value)) {
                return true;
            }
        }
        return false;
    }

    private void line(String component, String state, String detail) {
        console.printf("  %-22s %-9s %s%n", component, state, detail);
        console.flush();
    }

    @FunctionalInterface
    private interface Poll {
        JsonNode next();
    }
}
