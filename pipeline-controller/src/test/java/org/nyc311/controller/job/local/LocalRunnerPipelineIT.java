package org.nyc311.controller.job.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nyc311.controller.ControllerIntegrationTest;
import org.nyc311.controller.TestQueues;
import org.nyc311.controller.run.PipelineRun;
import org.nyc311.controller.run.PipelineRunRepository;
import org.nyc311.controller.run.RunState;
import org.nyc311.model.event.EventJson;
import org.nyc311.model.event.GoldRefreshed;
import org.nyc311.model.event.RawBatchLanded;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The local runner inside the whole controller: a child JVM (a stand-in with BatchJob's command line)
 * writes result.json into s3proxy's folder of the lake bucket, and the controller reads it back through S3.
 */
@TestPropertySource(properties = "nyc311.controller.runner=local")
class LocalRunnerPipelineIT extends ControllerIntegrationTest {

    private static Path work;

    @DynamicPropertySource
    static void localRunner(DynamicPropertyRegistry registry) throws Exception {
        work = Files.createTempDirectory("nyc311-local-runner-");
        Path classpathFile = Files.writeString(work.resolve("fake.classpath"), "");
        String testClasses = LocalJobRunnerTest.testClasses().toString();
        registry.add("nyc311.controller.local.delta-jobs-jar", () -> testClasses);
        registry.add("nyc311.controller.local.classpath-file", classpathFile::toString);
        registry.add(
                "nyc311.controller.local.lake-root",
                () -> s3.baseDirectory().resolve(BUCKET).toString());
        registry.add("nyc311.controller.local.main-class", FakeBatchJob.class::getName);
        registry.add("nyc311.controller.local.jvm-options[0]", () -> "-Xmx64m");
        registry.add(
                "nyc311.controller.local.log-directory",
                () -> work.resolve("logs").toString());
    }

    @Autowired
    private PipelineRunRepository runs;

    @Test
    void aLandedBatchRunsInAChildJvmAndItsResultIsPublished() throws Exception {
        TestQueues queues = new TestQueues(sqs);
        RawBatchLanded event = TestQueues.rawBatchLanded("local-1");

        queues.sendRawBatch(new EventJson().write(event));

        await().atMost(Duration.ofSeconds(60)).until(() -> succeededRun().isPresent());
        PipelineRun run = succeededRun().orElseThrow();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !queues.goldRefreshedFor(run.id().toString()).isEmpty());
        GoldRefreshed refreshed = queues.goldRefreshedFor(run.id().toString()).get(0);
        assertThat(refreshed.ingestionRunIds()).containsExactly("local-1");
        assertThat(refreshed.latestCompleteDate()).isEqualTo(LocalDate.of(2026, 6, 27));
        assertThat(refreshed.tableVersions()).containsEntry("daily_series", 4L).hasSize(4);
        assertThat(refreshed.rowCounts()).containsEntry("daily_requests", 120L);
        Path log = Path.of(run.jobRunId());
        assertThat(log).startsWith(work.resolve("logs")).exists();
        assertThat(Files.readString(log))
                .contains("--add-opens=java.base/java.lang=ALL-UNNAMED")
                .contains("fake batch job: wrote");
    }

    private java.util.Optional<PipelineRun> succeededRun() {
        List<PipelineRun> succeeded = runs.list(RunState.SUCCEEDED, 10);
        return succeeded.stream()
                .filter(r -> r.ingestionRunIds().contains("local-1"))
                .findFirst();
    }
}
