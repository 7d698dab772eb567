package org.nyc311.controller;

import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nyc311.testsupport.postgres.PostgresServer;
import org.nyc311.testsupport.postgres.PostgresServerExtension;
import org.nyc311.testsupport.s3.S3Server;
import org.nyc311.testsupport.s3.S3ServerExtension;
import org.nyc311.testsupport.sqs.SqsServer;
import org.nyc311.testsupport.sqs.SqsServerExtension;
import org.nyc311.testsupport.tokens.TestRestTemplateWithEveryScope;
import org.nyc311.testsupport.tokens.TokenIssuerExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole controller on real servers: ElasticMQ with the pipeline's queues and DLQs, PostgreSQL, s3proxy.
 * Each test class gets a database of its own and empty queues, and its context is closed after it, so
 * that no other class's listener or worker takes its messages.
 */
@ExtendWith({
    PostgresServerExtension.class,
    SqsServerExtension.class,
    S3ServerExtension.class,
    TokenIssuerExtension.class
})
@Import(TestRestTemplateWithEveryScope.class)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.cloud.aws.sqs.listener.poll-timeout=1s",
            "nyc311.controller.poll-interval=200ms",
            "nyc311.controller.retry.max-attempts=3",
            "nyc311.controller.retry.initial-backoff=100ms",
            "nyc311.controller.retry.max-backoff=400ms"
        })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public abstract class ControllerIntegrationTest {

    protected static final String BUCKET = "nyc311-lake";

    protected static PostgresServer postgres;
    protected static SqsServer sqs;
    protected static S3Server s3;
    private static String database;

    @BeforeAll
    static void servers(PostgresServer postgresServer, SqsServer sqsServer, S3Server s3Server, TestInfo test) {
        postgres = postgresServer;
        sqs = sqsServer;
        s3 = s3Server;
        database = "pc_" + test.getTestClass().orElseThrow().getSimpleName().toLowerCase(Locale.ROOT);
        postgres.createDatabase(database);
        s3.createBucket(BUCKET);
        new TestQueues(sqs).purgeAll();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> postgres.jdbcUrl(database));
        registry.add("nyc311.lake.bucket", () -> BUCKET);
    }
}
