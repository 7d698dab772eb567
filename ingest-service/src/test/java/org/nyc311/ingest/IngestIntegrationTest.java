package org.nyc311.ingest;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nyc311.ingest.run.IngestionJobConfiguration;
import org.nyc311.testsupport.postgres.PostgresServerExtension;
import org.nyc311.testsupport.s3.S3Server;
import org.nyc311.testsupport.s3.S3ServerExtension;
import org.nyc311.testsupport.sqs.SqsServerExtension;
import org.nyc311.testsupport.tokens.TestRestTemplateWithEveryScope;
import org.nyc311.testsupport.tokens.TokenIssuerExtension;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service against real servers on 127.0.0.1: PostgreSQL (job repository, runs,
 * watermark), s3proxy (the lake), ElasticMQ (events) and a WireMock stand-in for the SODA endpoint.
 * Every test class extending this shares one application context.
 */
@ExtendWith({
    PostgresServerExtension.class,
    S3ServerExtension.class,
    SqsServerExtension.class,
    TokenIssuerExtension.class
})
@Import(TestRestTemplateWithEveryScope.class)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "nyc311.lake.bucket=" + IngestIntegrationTest.BUCKET,
            "nyc311.ingest.schedule.enabled=false",
            // runs failed by an outage are resumed only where a test asks for it (OutageResumptionIT): the contexts
            // are cached and share one database, so a resumer left on would resume other tests' failed runs
            "nyc311.ingest.resume.enabled=false",
            "nyc311.ingest.soda.page-size=10",
            "nyc311.ingest.soda.app-token=" + IngestIntegrationTest.APP_TOKEN,
            "nyc311.ingest.soda.read-timeout=700ms",
            "nyc311.ingest.file.page-size=25000",
            "nyc311.ingest.file.replay-directory=src/test/resources/fixtures",
            "nyc311.ingest.retry.initial-interval=20ms",
            "nyc311.ingest.retry.max-interval=200ms",
            "nyc311.ingest.retry.max-elapsed=30s",
            "nyc311.ingest.retry.max-attempts=8"
        })
public abstract class IngestIntegrationTest {

    public static final String BUCKET = "ingest-test-lake";
    public static final String APP_TOKEN = "test-app-token";

    /** One SODA stand-in per test JVM, like the other servers. */
    protected static final WireMockServer SODA = startSoda();

    private static WireMockServer startSoda() {
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "wiremock-stop"));
        return server;
    }

    @DynamicPropertySource
    static void sodaEndpoint(DynamicPropertyRegistry registry) {
        registry.add("nyc311.ingest.soda.base-url", SODA::baseUrl);
    }

    @BeforeAll
    static void lakeBucket(S3Server s3) {
        s3.createBucket(BUCKET);
    }

    @Autowired
    private JobExplorer jobExplorer;

    @BeforeEach
    void resetSoda() throws InterruptedException {
        SODA.resetAll();
        // the context is shared: a run another test started in the background may still be ending (its
        // listener records the run metrics after the run shows COMPLETED); let it end before this test counts
        Instant deadline = Instant.now().plusSeconds(60);
        while (!jobExplorer
                        .findRunningJobExecutions(IngestionJobConfiguration.JOB_NAME)
                        .isEmpty()
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
    }
}
