package org.nyc311.ingest.health;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.nyc311.ingest.config.LakeProperties;
import org.nyc311.model.event.EventQueue;
import org.nyc311.service.health.S3Health;
import org.nyc311.service.health.SqsHealth;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * {@code /actuator/health}: besides Boot's {@code db} (PostgreSQL, the only one readiness includes),
 * {@code s3} (the lake bucket batches land in) and {@code sqs} (the RawBatchLanded queue). Both are
 * DEGRADED, not DOWN, when away: a run that cannot land fails with its reason and resumes after its last
 * part when asked again, an event waits in the outbox, and the runs API still answers.
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
    SqsHealth sqsHealthIndicator(SqsAsyncClient sqs, Clock clock, @Value("${spring.cloud.aws.sqs.endpoint:AWS SQS}") String endpoint) {
        return new SqsHealth(sqs, endpoint, List.of(EventQueue.RAW_BATCH_LANDED.queueName()), TIMEOUT, clock);
    }
}
