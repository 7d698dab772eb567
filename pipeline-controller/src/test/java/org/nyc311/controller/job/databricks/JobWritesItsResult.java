package org.nyc311.controller.job.databricks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nyc311.model.pipeline.RunResult;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A WireMock extension for a stubbed Databricks workspace: when {@code jobs/run-now} arrives, the pipeline run's
 * result.json is in the lake before Databricks answers, as a job that finished at once would leave it (delta-jobs'
 * {@link RunResult}, 11 records, gold tables at {@code tableVersion}). fault-tests uses it through this module's
 * test jar.
 */
public final class JobWritesItsResult implements ServeEventListener {

    /** The pipeline run id, a job parameter of the run-now request. */
    private static final Pattern PIPELINE_RUN_ID = Pattern.compile("\"run_id\"\\s*:\\s*\"([^\"]+)\"");

    private final Supplier<S3Client> s3;
    private final String bucket;
    private final LocalDate latestCompleteDate;
    private final long tableVersion;
    private final ObjectMapper json = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    /** @param s3 a client of the lake's S3, made when a run starts (the stub may start before S3 does) */
    public JobWritesItsResult(Supplier<S3Client> s3, String bucket, LocalDate latestCompleteDate, long tableVersion) {
        this.s3 = s3;
        this.bucket = bucket;
        this.latestCompleteDate = latestCompleteDate;
        this.tableVersion = tableVersion;
    }

    @Override
    public String getName() {
        return "job-writes-its-result";
    }

    @Override
    public void beforeResponseSent(ServeEvent event, Parameters parameters) {
        if (!event.getRequest().getUrl().startsWith("/api/2.2/jobs/run-now")) {
            return;
        }
        Matcher matcher = PIPELINE_RUN_ID.matcher(event.getRequest().getBodyAsString());
        if (!matcher.find()) {
            return;
        }
        String runId = matcher.group(1);
        RunResult result = new RunResult(
                runId,
                Map.of("daily_series", tableVersion, "daily_requests", tableVersion),
                latestCompleteDate,
                // the newest request came in the morning after the last complete day
                latestCompleteDate.plusDays(1).atTime(9, 0).toInstant(ZoneOffset.UTC),
                Map.of("daily_series", 5L, "daily_requests", 2L),
                new RunResult.Silver(11, 11, 0, 0, 0, List.of(latestCompleteDate)),
                Map.of(latestCompleteDate, 11L));
        try (S3Client client = s3.get()) {
            client.putObject(
                    // the key RunResultReader reads; the class itself is not in the test jar fault-tests takes
                    r -> r.bucket(bucket).key("_pipeline_runs/" + UUID.fromString(runId) + "/result.json"),
                    RequestBody.fromString(json.writeValueAsString(result)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
