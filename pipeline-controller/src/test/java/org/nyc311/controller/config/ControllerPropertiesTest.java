package org.nyc311.controller.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nyc311.model.event.EventQueue;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * {@code nyc311.controller.*} as Spring Boot binds it: with nothing set but the runner (which has no default), each
 * setting has the one default its record gives; application.yml adds only the child JVM's flags and options.
 */
class ControllerPropertiesTest {

    @Test
    void withOnlyTheRunnerSetEverySettingHasItsDefault() {
        ControllerProperties controller = new Binder(
                        new MapConfigurationPropertySource(Map.of("nyc311.controller.runner", "local")))
                .bindOrCreate("nyc311.controller", ControllerProperties.class);

        assertThat(controller.runner()).isEqualTo(ControllerProperties.RunnerKind.LOCAL);
        assertThat(controller.pollInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(controller.outboxRetryInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(controller.retry().maxAttempts()).isEqualTo(3);
        assertThat(controller.retry().initialBackoff()).isEqualTo(Duration.ofSeconds(30));
        assertThat(controller.retry().maxBackoff()).isEqualTo(Duration.ofMinutes(10));
        assertThat(controller.retry().finishWithin()).isEqualTo(Duration.ofMinutes(30));
        assertThat(controller.queues().rawBatchLanded()).isEqualTo(EventQueue.RAW_BATCH_LANDED.queueName());
        assertThat(controller.queues().goldRefreshed()).isEqualTo(EventQueue.GOLD_REFRESHED.queueName());

        ControllerProperties.Local local = controller.local();
        assertThat(local.deltaJobsJar()).isEqualTo(Path.of("delta-jobs/target/delta-jobs.jar"));
        assertThat(local.classpathFile()).isEqualTo(Path.of("delta-jobs/target/delta-jobs.classpath"));
        assertThat(local.lakeRoot()).isEqualTo(Path.of(".nyc311/run/data/s3/nyc311-lake"));
        assertThat(local.javaExecutable()).isEqualTo(Path.of(System.getProperty("java.home"), "bin", "java"));
        assertThat(local.mainClass()).isEqualTo("org.nyc311.delta.BatchJob");
        assertThat(local.jvmFlags()).isEmpty();
        assertThat(local.jvmOptions()).isEmpty();
        assertThat(local.logDirectory())
                .isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "nyc311-pipeline-runs"));
        assertThat(local.timeout()).isEqualTo(Duration.ofMinutes(30));

        ControllerProperties.Databricks databricks = controller.databricks();
        assertThat(databricks.host()).isNull();
        assertThat(databricks.jobId()).isNull();
        assertThat(databricks.pollInitial()).isEqualTo(Duration.ofSeconds(10));
        assertThat(databricks.pollMax()).isEqualTo(Duration.ofSeconds(60));
        assertThat(databricks.timeout()).isEqualTo(Duration.ofHours(1));
    }
}
