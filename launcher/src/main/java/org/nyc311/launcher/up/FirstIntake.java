package org.nyc311.launcher.up;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.nyc311.api.access.ServiceCallSettings;
import org.nyc311.api.access.ServiceCallTokens;
import org.nyc311.api.anomaly.AnomalyApi;
import org.nyc311.api.anomaly.CheckView;
import org.nyc311.api.forecast.ForecastRunApi;
import org.nyc311.api.forecast.RunView;
import org.nyc311.api.ingest.IngestionApi;
import org.nyc311.api.ingest.IngestionRunView;
import org.nyc311.api.ingest.IngestionStartRequest;
import org.nyc311.api.pipeline.PipelineRunApi;
import org.nyc311.api.pipeline.PipelineRunView;
import org.nyc311.model.ingest.IngestionWindow;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

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

        /** The ingestions to start, one a batch. */
        List<IngestionStartRequest> ingestions() {
            if (offlineFiles.isEmpty()) {
                return List.of(IngestionStartRequest.window(
                        IngestionWindow.Kind.BACKFILL,
                        today.minusDays(days).toString(),
                        today.minusDays(1).toString()));
            }
            return offlineFiles.stream()
                    .map(file -> IngestionStartRequest.replay(file.getFileName().toString()))
                    .toList();
        }

        String describe(int batch) {
            return offlineFiles.isEmpty()
                    ? "the SODA API, the " + days + " days before " + today
                    : "replaying " + offlineFiles.get(batch);
        }
    }

    private static final Duration POLL = Duration.ofSeconds(1);
    /** How many pipeline runs to look through for the batch's: far more than one intake makes. */
    private static final int RECENT_RUNS = 50;

    private final IngestionApi ingest;
    private final PipelineRunApi pipeline;
    private final ForecastRunApi forecasts;
    private final AnomalyApi anomalies;
    private final PrintWriter console;
    private final Duration stageTimeout;

    /** @param caller the app client whose token the calls carry (the local analyst's); none for a stub that checks none */
    FirstIntake(
            Map<LocalService, URI> services, ServiceCallSettings caller, PrintWriter console, Duration stageTimeout) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
        requests.setReadTimeout(Duration.ofSeconds(30));
        List<ClientHttpRequestInterceptor> token =
                caller.complete() ? List.of(ServiceCallTokens.interceptor(caller)) : List.of();
        this.ingest = client(services.get(LocalService.INGEST), requests, token, IngestionApi.class);
        this.pipeline = client(services.get(LocalService.PIPELINE_CONTROLLER), requests, token, PipelineRunApi.class);
        this.forecasts = client(services.get(LocalService.FORECAST), requests, token, ForecastRunApi.class);
        this.anomalies = client(services.get(LocalService.ANOMALY), requests, token, AnomalyApi.class);
        this.console = console;
        this.stageTimeout = stageTimeout;
    }

    private static <A> A client(
            @Nullable URI service,
            JdkClientHttpRequestFactory requests,
            List<ClientHttpRequestInterceptor> token,
            Class<A> contract) {
        RestClient http = RestClient.builder()
                .baseUrl(Objects.requireNonNull(service, () -> "no address for " + contract.getSimpleName())
                        .toString())
                .requestFactory(requests)
                .requestInterceptors(interceptors -> interceptors.addAll(token))
                .build();
        return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(http))
                .build()
                .createClient(contract);
    }

    /**
     * Runs the intake batch after batch, following each to its anomaly check before the next starts
     * (a later batch is judged against the forecasts the earlier one led to); true when every batch got
     * that far.
     */
    boolean run(Request request) throws InterruptedException {
        List<IngestionStartRequest> ingestions = request.ingestions();
        for (int batch = 0; batch < ingestions.size(); batch++) {
            if (ingestions.size() > 1) {
                line(
                        "batch",
                        (batch + 1) + " of " + ingestions.size(),
                        request.offlineFiles().get(batch).getFileName().toString());
            }
            if (!runBatch(ingestions.get(batch), request.describe(batch))) {
                return false;
            }
        }
        return true;
    }

    private boolean runBatch(IngestionStartRequest start, String description) throws InterruptedException {
        line("intake", "starting", description);
        IngestionRunView started;
        try {
            started = ingest.start(start).getBody();
        } catch (RestClientResponseException e) {
            line(
                    "intake",
                    "refused",
                    "ingest-service answered " + e.getStatusCode().value() + ": " + e.getResponseBodyAsString());
            return false;
        }
        if (started == null) {
            return false;
        }
        String ingestionRunId = started.runId();
        IngestionRunView ingestion = follow(
                "intake",
                () -> ask(() -> ingest.run(ingestionRunId)),
                run -> run.status().name(),
                run -> run.recordCount() + " records in " + run.partCount() + " parts",
                status -> !status.equals("RUNNING"));
        if (ingestion == null || ingestion.status() != IngestionRunView.Status.COMPLETED) {
            line("intake", "failed", ingestion == null ? "no answer" : String.valueOf(ingestion.failureReason()));
            return false;
        }

        PipelineRunView run = follow(
                "pipeline",
                () -> find(
                        ask(() -> pipeline.recent(null, RECENT_RUNS)),
                        r -> r.ingestionRunIds().contains(ingestionRunId)),
                r -> r.state().name(),
                r -> "run " + r.id() + (r.error() != null ? ": " + r.error() : ""),
                state -> state.equals("SUCCEEDED") || state.equals("FAILED"));
        if (run == null || run.state() != PipelineRunView.State.SUCCEEDED) {
            return false;
        }

        String goldEvent = String.valueOf(run.goldRefreshedEventId());
        RunView forecast = follow(
                "forecasts",
                () -> find(
                        ask(forecasts::recent), r -> String.valueOf(r.eventId()).equals(goldEvent)),
                RunView::status,
                r -> r.status().equals("QUEUED") && r.error() != null
                        ? "waiting to retry: " + abbreviate(r.error())
                        : r.seriesForecast() + " series forecast, " + r.seriesFailed() + " failed",
                status -> status.equals("SUCCEEDED") || status.equals("FAILED"));
        if (forecast == null || !forecast.status().equals("SUCCEEDED")) {
            return false;
        }

        // anomaly-service judges the days with actuals against forecasts made before them, on ForecastsPublished
        String forecastRun = String.valueOf(forecast.forecastRunId());
        CheckView check = follow(
                "anomalies",
                () -> find(ask(() -> anomalies.checks(Optional.empty())), c -> forecastRun.equals(c.forecastRunId())),
                c -> "CHECKED",
                c -> count(c.daysChecked()) + " series-days judged, " + count(c.anomalies()) + " anomalies, "
                        + count(c.alertsOpened()) + " alerts opened, " + count(c.alertsClosed()) + " closed",
                state -> true);
        return check != null;
    }

    /** Polls until the state is terminal or the stage times out, printing each change of state or detail. */
    private <T> @Nullable T follow(
            String stage,
            Supplier<T> poll,
            Function<T, String> state,
            Function<T, String> detail,
            Predicate<String> terminal)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(stageTimeout);
        String shown = null;
        while (Instant.now().isBefore(deadline)) {
            T current = poll.get();
            if (current != null) {
                String now = state.apply(current) + " " + detail.apply(current);
                if (!now.equals(shown)) {
                    line(stage, state.apply(current).toLowerCase(Locale.ROOT), detail.apply(current));
                    shown = now;
                }
                if (terminal.test(state.apply(current))) {
                    return current;
                }
            }
            Thread.sleep(POLL.toMillis());
        }
        line(
                stage,
                "waiting",
                "still not done after " + stageTimeout.toMinutes() + " min; it goes on in the background (see logs/)");
        return null;
    }

    /** A service busy, restarting or not answering 200 yet: null, and the next poll asks again. */
    private static <T> @Nullable T ask(Supplier<T> call) {
        try {
            return call.get();
        } catch (RestClientException e) {
            return null;
        }
    }

    private static String abbreviate(String text) {
        String line = text.lines().findFirst().orElse("");
        return line.length() <= 100 ? line : line.substring(0, 97) + "...";
    }

    private static <T> @Nullable T find(@Nullable List<T> list, Predicate<T> match) {
        return list == null ? null : list.stream().filter(match).findFirst().orElse(null);
    }

    /** As the JSON read it before: an absent count shows as 0. */
    private static int count(@Nullable Integer value) {
        return value == null ? 0 : value;
    }

    private void line(String component, String state, String detail) {
        console.printf("  %-22s %-9s %s%n", component, state, detail);
        console.flush();
    }
}
