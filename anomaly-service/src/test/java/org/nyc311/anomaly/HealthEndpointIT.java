package org.nyc311.anomaly;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nyc311.testsupport.postgres.PostgresServer;
import org.nyc311.testsupport.postgres.PostgresServerExtension;
import org.nyc311.testsupport.spring.ActuatorEndpointsContract;
import org.nyc311.testsupport.sqs.SqsServer;
import org.nyc311.testsupport.sqs.SqsServerExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Health, readiness and Prometheus with PostgreSQL and SQS up; gold and forecast-service are not needed
 * to be healthy. Its listener reads a queue of its own, so it never takes the flow test's events.
 */
@ExtendWith({PostgresServerExtension.class, SqsServerExtension.class})
@TestPropertySource(
        properties = {
            "spring.cloud.aws.sqs.listener.poll-timeout=1s",
            "nyc311.anomaly.queues.forecasts-published=" + HealthEndpointIT.QUEUE
        })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class HealthEndpointIT extends ActuatorEndpointsContract {

    static final String QUEUE = "nyc311-anomaly-health-test";
    private static PostgresServer postgres;

    /** No warehouse and no forecast-service here: ready, and saying what is away. */
    HealthEndpointIT() {
        super("anomaly-service", "DEGRADED");
    }

    @BeforeAll
    static void servers(PostgresServer postgresServer, SqsServer sqs) {
        postgres = postgresServer;
        postgres.createDatabase("anomaly_health");
        try (var client = sqs.client()) {
            client.createQueue(r -> r.queueName(QUEUE));
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> postgres.jdbcUrl("anomaly_health"));
    }
}
