package org.nyc311.service.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.nyc311.service.gold.GoldHealth;
import org.nyc311.service.gold.GoldProperties;
import org.nyc311.service.gold.extract.GoldExtractHealth;
import org.nyc311.service.gold.extract.GoldExtractProperties;
import org.nyc311.service.messaging.QueueNames;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/** The shared probes come from what a service declares, and only then. */
class DependencyHealthAutoConfigurationTest {

    private record Queues(String goldRefreshed) implements QueueNames {}

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DependencyHealthAutoConfiguration.class));

    @Test
    void aServiceWithQueuesAnSqsClientALakeBucketAnS3ClientAndGoldGetsTheirThreeProbes() {
        // a warehouse where nothing listens, every other gold setting at its default
        GoldProperties nothingListening = new GoldProperties(
                null, "jdbc:hive2://127.0.0.1:9/default", null, null, null, null, null, 0, null, 0, null);
        context.withBean(
                        SqsAsyncClient.class,
                        () -> SqsAsyncClient.builder()
                                .region(Region.US_EAST_1)
                                .endpointOverride(URI.create("http://127.0.0.1:9"))
                                .credentialsProvider(AnonymousCredentialsProvider.create())
                                .build())
                .withBean(S3Client.class, DependencyHealthAutoConfigurationTest::s3WhereNothingListens)
                .withBean(Queues.class, () -> new Queues("prod-gold"))
                .withBean(LakeBucket.class, () -> () -> "prod-lake")
                .withBean(GoldProperties.class, () -> nothingListening)
                .withPropertyValues("spring.cloud.aws.sqs.endpoint=http://127.0.0.1:9")
                .run(started -> {
                    assertThat(started).hasSingleBean(SqsHealth.class).hasBean("sqsHealthIndicator");
                    assertThat(started).hasSingleBean(S3Health.class).hasBean("s3HealthIndicator");
                    assertThat(started).hasSingleBean(GoldHealth.class).hasBean("goldHealthIndicator");
                });
    }

    @Test
    void goldReadFromItsExtractIsProbedOnTheManifestNotTheWarehouse() {
        GoldProperties nothingListening = new GoldProperties(
                null, "jdbc:hive2://127.0.0.1:9/default", null, null, null, null, null, 0, null, 0, null);
        context.withBean(S3Client.class, DependencyHealthAutoConfigurationTest::s3WhereNothingListens)
                .withBean(GoldProperties.class, () -> nothingListening)
                .withBean(GoldExtractProperties.class, () -> new GoldExtractProperties(true, "prod-lake", null))
                .withPropertyValues("nyc311.gold.extract.enabled=true")
                .run(started -> {
                    assertThat(started).hasSingleBean(GoldExtractHealth.class).hasBean("goldHealthIndicator");
                    assertThat(started).doesNotHaveBean(GoldHealth.class);
                    var health = started.getBean(GoldExtractHealth.class).health();
                    assertThat(health.getStatus()).as("away, not down").isEqualTo(DependencyHealth.DEGRADED);
                    assertThat(health.getDetails())
                            .containsEntry("endpoint", "s3://prod-lake/_gold_extract/current.json");
                });
    }

    @Test
    void withoutThoseBeansThereIsNoProbe() {
        context.run(started -> {
            assertThat(started).doesNotHaveBean(SqsHealth.class);
            assertThat(started).doesNotHaveBean(S3Health.class);
            assertThat(started).doesNotHaveBean(GoldHealth.class);
        });
        // an SQS client alone does not say which queues to look for
        context.withBean(
                        SqsAsyncClient.class,
                        () -> SqsAsyncClient.builder()
                                .region(Region.US_EAST_1)
                                .credentialsProvider(AnonymousCredentialsProvider.create())
                                .build())
                .run(started -> assertThat(started).doesNotHaveBean(SqsHealth.class));
    }

    private static S3Client s3WhereNothingListens() {
        return S3Client.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(URI.create("http://127.0.0.1:9"))
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .build();
    }
}
