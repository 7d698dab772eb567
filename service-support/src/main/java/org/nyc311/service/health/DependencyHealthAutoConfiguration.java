package org.nyc311.service.health;

import java.time.Clock;
import java.time.Duration;
import org.nyc311.service.gold.GoldHealth;
import org.nyc311.service.gold.GoldProperties;
import org.nyc311.service.gold.extract.GoldExtractHealth;
import org.nyc311.service.gold.extract.GoldExtractProperties;
import org.nyc311.service.messaging.QueueNames;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * The health of the dependencies services share, from what each service already declares, so that no
 * service writes these beans again: {@code sqs} (every queue of its {@link QueueNames}) where it has an
 * SQS client, {@code s3} (its {@link LakeBucket}) where it has an S3 client, {@code gold} where it reads
 * gold ({@link GoldProperties}: the warehouse answers, or with {@code nyc311.gold.extract.enabled} the extract's
 * manifest is on S3). All are DEGRADED, not DOWN, when away (the service works around them);
 * Boot's {@code db} stays the only one readiness includes. A probe particular to one service (MLflow,
 * another service's API) stays in that service, with {@link #TIMEOUT}. After Spring Cloud AWS's
 * auto-configurations, whose clients these use.
 */
@AutoConfiguration(
        afterName = {
            "io.awspring.cloud.autoconfigure.sqs.SqsAutoConfiguration",
            "io.awspring.cloud.autoconfigure.s3.S3AutoConfiguration"
        })
@ConditionalOnClass(HealthIndicator.class)
public class DependencyHealthAutoConfiguration {

    /** How long one probe may take: a hanging dependency delays {@code /actuator/health} by this at most. */
    public static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Bean
    @ConditionalOnBean({SqsAsyncClient.class, QueueNames.class})
    @ConditionalOnMissingBean(name = "sqsHealthIndicator")
    SqsHealth sqsHealthIndicator(
            SqsAsyncClient sqs, QueueNames queues, ObjectProvider<Clock> clock, Environment environment) {
        return new SqsHealth(
                sqs,
                environment.getProperty("spring.cloud.aws.sqs.endpoint", "AWS SQS"),
                queues.all(),
                TIMEOUT,
                clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    @ConditionalOnBean(GoldProperties.class)
    @ConditionalOnMissingBean(name = "goldHealthIndicator")
    @ConditionalOnProperty(name = "nyc311.gold.extract.enabled", havingValue = "false", matchIfMissing = true)
    GoldHealth goldHealthIndicator(GoldProperties gold, ObjectProvider<Clock> clock) {
        return new GoldHealth(gold, TIMEOUT, clock.getIfAvailable(Clock::systemUTC));
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(S3Client.class)
    static class S3HealthConfiguration {

        @Bean
        @ConditionalOnBean({S3Client.class, LakeBucket.class})
        @ConditionalOnMissingBean(name = "s3HealthIndicator")
        S3Health s3HealthIndicator(S3Client s3, LakeBucket lake, ObjectProvider<Clock> clock, Environment environment) {
            return new S3Health(
                    s3,
                    environment.getProperty("spring.cloud.aws.s3.endpoint", "AWS S3"),
                    lake.bucket(),
                    TIMEOUT,
                    clock.getIfAvailable(Clock::systemUTC));
        }
    }

    /** Gold read from its extract on S3 ({@code nyc311.gold.extract.enabled}): the manifest is there. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(S3Client.class)
    @ConditionalOnProperty(name = "nyc311.gold.extract.enabled", havingValue = "true")
    static class GoldExtractHealthConfiguration {

        @Bean
        @ConditionalOnBean({S3Client.class, GoldExtractProperties.class})
        @ConditionalOnMissingBean(name = "goldHealthIndicator")
        GoldExtractHealth goldHealthIndicator(S3Client s3, GoldExtractProperties extract, ObjectProvider<Clock> clock) {
            return new GoldExtractHealth(s3, extract, TIMEOUT, clock.getIfAvailable(Clock::systemUTC));
        }
    }
}
