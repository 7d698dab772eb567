package org.nyc311.controller.health;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.nyc311.controller.config.ControllerProperties;
import org.nyc311.controller.config.LakeProperties;
import org.nyc311.service.health.S3Health;
import org.nyc311.service.health.SqsHealth;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * {@code /actuator/health}: besides Boot's {@code db} (PostgreSQL, the only one readiness includes),
 * {@code s3} (the lake bucket, where each run's result.json is read) and {@code sqs} (the queue it
 * listens on and the one it sends to). Both are DEGRADED, not DOWN, when away: a run waits for S3, an
 * event waits in the outbox, and the runs API still answers.
 */
@Configuration(proxyBeanMethods = false)
class DependencyHealthConfiguration {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Bean
    S3Health s3HealthIndicator(S3Client s3, LakeProperties lake, Clock clock,
            @Value("${spring.cloud.aws.s3.endpoint:AWS S3}") String endpoint) {
        return new S3Health(s3, endpoint, lake.bucket(), TIMEOUT, clock);
    }

    @Bean
    SqsHealth sqsHealthIndicator(SqsAsyncClient sqs, ControllerProperties properties, Clock clock,
            @Value("${spring.cloud.aws.sqs.endpoint:AWS SQS}") String endpoint) {
        return new SqsHealth(sqs, endpoint, List.of(properties.queues().rawBatchLanded(), properties.queues().goldRefreshed()),
                TIMEOUT, clock);
    }
}
