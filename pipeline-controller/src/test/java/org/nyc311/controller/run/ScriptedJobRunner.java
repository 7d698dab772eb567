package org.nyc311.controller.run;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.nyc311.controller.job.JobOutcome;
import org.nyc311.controller.job.JobRequest;
import org.nyc311.controller.job.JobRunner;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A job whose behaviour the batch decides, for tests of the controller around it: ingestion runs named
 * {@code fail-*} fail every attempt, {@code slow-*} wait for {@link #release()}, {@code noresult-*} report
 * success without writing a result, all others succeed and write a result.json into the lake bucket as
 * delta-jobs does.
 */
public final class ScriptedJobRunner implements JobRunner {

    private final S3Client s3;
    private final String bucket;
    private final List<JobRequest> requests = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch gate = new CountDownLatch(1);

    public ScriptedJobRunner(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public JobOutcome run(JobRequest request, Consumer<String> started) throws InterruptedException {
        requests.add(request);
        String jobRunId = "scripted-" + request.pipelineRunId() + "-" + request.attempt();
        started.accept(jobRunId);
        if (request.ingestionRunIds().stream().anyMatch(id -> id.startsWith("fail"))) {
            return JobOutcome.failure(jobRunId, "scripted failure of attempt " + request.attempt());
        }
        if (request.ingestionRunIds().stream().anyMatch(id -> id.startsWith("slow"))) {
            gate.await(60, TimeUnit.SECONDS);
        }
        if (request.ingestionRunIds().stream().anyMatch(id -> id.startsWith("noresult"))) {
            return JobOutcome.success(jobRunId);
        }
        s3.putObject(
                r -> r.bucket(bucket).key(RunResultReader.key(request.pipelineRunId())),
                RequestBody.fromString(result(request)));
        return JobOutcome.success(jobRunId);
    }

    public void release() {
        gate.countDown();
        gate = new CountDownLatch(1);
    }

    /** The attempts that covered this ingestion run. */
    public List<JobRequest> requestsCovering(String ingestionRunId) {
        return requests.stream()
                .filter(r -> r.ingestionRunIds().contains(ingestionRunId))
                .toList();
    }

    static String result(JobRequest request) {
        if (request.ingestionRunIds().stream().anyMatch(id -> id.startsWith("badfeed"))) {
            // a feed gone wrong: a tenth of the records quarantined, and the last complete day empty
            return """
                    {"runId": "%s", "tableVersions": {"daily_requests": 8}, "latestCompleteDate": "2026-06-27",
                     "newestCreatedAt": "2026-06-28T13:05:00Z", "rowCounts": {"daily_requests": 23},
                     "silver": {"recordsIn": 9000, "inserted": 8100, "updated": 0, "duplicates": 0, "quarantined": 900,
                                "touchedDates": ["2026-06-26", "2026-06-27"]},
                     "requestsPerDate": {"2026-06-26": 8100, "2026-06-27": 0}}
                    """.formatted(request.pipelineRunId());
        }
        return """
                {"runId": "%s",
                 "tableVersions": {"daily_requests": 7, "daily_series": 7, "series_catalog": 3, "daily_features": 5},
                 "latestCompleteDate": "2026-06-27",
                 "newestCreatedAt": "2026-06-28T13:05:00Z",
                 "rowCounts": {"daily_requests": 23, "daily_series": 161, "series_catalog": 37, "daily_features": 161},
                 "silver": {"recordsIn": 11, "inserted": 10, "updated": 0, "duplicates": 1, "quarantined": 0,
                            "touchedDates": ["2026-06-27", "2026-06-28"]}}
                """.formatted(request.pipelineRunId());
    }
}
