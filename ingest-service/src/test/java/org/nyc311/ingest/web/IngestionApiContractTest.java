package org.nyc311.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nyc311.api.ingest.IngestionApi;
import org.nyc311.api.ingest.IngestionRunView;
import org.nyc311.api.ingest.IngestionStartRequest;
import org.nyc311.ingest.config.IngestProperties;
import org.nyc311.ingest.run.IngestionRequest;
import org.nyc311.ingest.run.IngestionRun;
import org.nyc311.ingest.run.IngestionService;
import org.nyc311.ingest.run.RunConflictException;
import org.nyc311.ingest.run.RunStatus;
import org.nyc311.model.ingest.IngestionWindow;
import org.nyc311.service.web.ApiProblemsAutoConfiguration;
import org.nyc311.testsupport.spring.HttpInterfaceClientExtension;
import org.nyc311.testsupport.spring.ServletWebSlice;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.web.client.HttpClientErrorException;

/**
 * The contract on a real socket: ingest-service's controller and problem handler, with the service behind
 * them replaced, on a real server on a random port, called through an HTTP interface client of
 * {@link IngestionApi} as {@code ./nyc311 up} calls it. What the controller writes is what the client reads,
 * field for field and null for null; the paths, the 202 with its Location and the error statuses are the
 * ones the server answers.
 */
@ExtendWith(HttpInterfaceClientExtension.class)
@SpringBootTest(
        classes = IngestionApiContractTest.WebSlice.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IngestionApiContractTest {

    /** Only the web layer: the controller and ingestion's problem handler on a real server. */
    // a plain @Configuration: a @SpringBootConfiguration here would be the one the package's @WebMvcTest slices find
    @Configuration(proxyBeanMethods = false)
    @ServletWebSlice
    @ImportAutoConfiguration(ApiProblemsAutoConfiguration.class)
    @Import({IngestionController.class, IngestionProblems.class})
    @EnableConfigurationProperties(IngestProperties.class)
    static class WebSlice {}

    private static final IngestionWindow JANUARY = new IngestionWindow(
            IngestionWindow.Kind.BACKFILL,
            LocalDateTime.parse("2026-01-01T00:00:00"),
            LocalDateTime.parse("2026-01-31T23:59:59"));

    @MockitoBean
    private IngestionService ingestions;

    @Test
    void aStartedRunIsAcceptedWithItsLocationAndTheBoundsArriveAsTheServerParsesThem(IngestionApi api) {
        IngestionRun running = new IngestionRun(
                "r-1",
                JANUARY,
                "api",
                50_000,
                LocalDate.of(2026, 2, 1),
                "raw/2026-02-01/r-1/",
                RunStatus.RUNNING,
                0,
                0,
                null,
                null,
                Instant.parse("2026-02-01T08:00:00Z"),
                Instant.parse("2026-02-01T08:00:01Z"),
                null,
                null);
        when(ingestions.start(any(IngestionRequest.class))).thenReturn(running);

        ResponseEntity<IngestionRunView> started =
                api.start(IngestionStartRequest.window(IngestionWindow.Kind.BACKFILL, "2026-01-01", "2026-01-31"));

        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(started.getHeaders().getLocation()).isEqualTo(URI.create("/api/v1/ingestions/r-1"));
        // null stays null: no watermark, no failure, not finished, no retry planned
        assertThat(started.getBody())
                .isEqualTo(new IngestionRunView(
                        "r-1",
                        JANUARY,
                        "api",
                        50_000,
                        LocalDate.of(2026, 2, 1),
                        "raw/2026-02-01/r-1/",
                        IngestionRunView.Status.RUNNING,
                        0,
                        0,
                        null,
                        null,
                        Instant.parse("2026-02-01T08:00:00Z"),
                        Instant.parse("2026-02-01T08:00:01Z"),
                        null,
                        null));
        // a date as the end bound means the whole day
        verify(ingestions)
                .start(IngestionRequest.backfill(
                        LocalDateTime.parse("2026-01-01T00:00:00"), LocalDateTime.parse("2026-01-31T23:59:59"), "api"));
    }

    @Test
    void aRunReadsBackWithEveryField(IngestionApi api) {
        IngestionWindow incremental = new IngestionWindow(
                IngestionWindow.Kind.INCREMENTAL,
                LocalDateTime.parse("2026-03-01T06:00:00"),
                LocalDateTime.parse("2026-03-02T06:00:00.123"));
        when(ingestions.find("r-2"))
                .thenReturn(Optional.of(new IngestionRun(
                        "r-2",
                        incremental,
                        "api",
                        1000,
                        LocalDate.of(2026, 3, 2),
                        "raw/2026-03-02/r-2/",
                        RunStatus.FAILED,
                        4200,
                        5,
                        LocalDateTime.parse("2026-03-02T06:00:00.123"),
                        "s3 away: connection refused",
                        Instant.parse("2026-03-02T06:00:00Z"),
                        Instant.parse("2026-03-02T06:00:02Z"),
                        Instant.parse("2026-03-02T06:01:00Z"),
                        Instant.parse("2026-03-02T06:06:00Z"))));

        assertThat(api.run("r-2"))
                .isEqualTo(new IngestionRunView(
                        "r-2",
                        incremental,
                        "api",
                        1000,
                        LocalDate.of(2026, 3, 2),
                        "raw/2026-03-02/r-2/",
                        IngestionRunView.Status.FAILED,
                        4200,
                        5,
                        LocalDateTime.parse("2026-03-02T06:00:00.123"),
                        "s3 away: connection refused",
                        Instant.parse("2026-03-02T06:00:00Z"),
                        Instant.parse("2026-03-02T06:00:02Z"),
                        Instant.parse("2026-03-02T06:01:00Z"),
                        Instant.parse("2026-03-02T06:06:00Z")));
    }

    @Test
    void everyStatusIsAWordOfTheContract() {
        assertThat(java.util.Arrays.stream(RunStatus.values()).map(Enum::name))
                .containsExactly(java.util.Arrays.stream(IngestionRunView.Status.values())
                        .map(Enum::name)
                        .toArray(String[]::new));
    }

    @Test
    void theRefusalsAreTheStatusesTheClientSees(IngestionApi api) {
        when(ingestions.find("no-such-run")).thenReturn(Optional.empty());
        assertThatThrownBy(() -> api.run("no-such-run"))
                .isInstanceOfSatisfying(
                        HttpClientErrorException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND));

        when(ingestions.start(any(IngestionRequest.class)))
                .thenThrow(new RunConflictException("run r-1 is already ingesting it", "r-1"));
        assertThatThrownBy(() -> api.start(IngestionStartRequest.window(IngestionWindow.Kind.INCREMENTAL, null, null)))
                .isInstanceOfSatisfying(HttpClientErrorException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
                    assertThat(e.getResponseBodyAs(ProblemDetail.class).getProperties())
                            .containsEntry("runningRunId", "r-1");
                });

        assertThatThrownBy(() ->
                        api.start(IngestionStartRequest.window(IngestionWindow.Kind.BACKFILL, "2026-13-01", null)))
                .isInstanceOfSatisfying(
                        HttpClientErrorException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST));
        // no replay folder here: a file is refused before any run starts
        assertThatThrownBy(() -> api.start(IngestionStartRequest.replay("feed.jsonl.gz")))
                .isInstanceOfSatisfying(
                        HttpClientErrorException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST));
    }
}
