package org.nyc311.forecastservice;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nyc311.testsupport.postgres.PostgresServer;
import org.nyc311.testsupport.postgres.PostgresServerExtension;
import org.nyc311.testsupport.spring.ActuatorEndpointsContract;
import org.nyc311.testsupport.sqs.SqsServerExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/** Health, readiness and Prometheus with no warehouse and no MLflow: the service still comes up. */
@ExtendWith({PostgresServerExtension.class, SqsServerExtension.class})
@TestPropertySource(
        properties = {
            "spring.datasource.url=" + PostgresServer.DATABASE_URL + "fs_health",
            "spring.cloud.aws.sqs.listener.poll-timeout=1s",
            "nyc311.gold.url=jdbc:hive2://127.0.0.1:9/default;transportMode=http;httpPath=cliservice",
            "nyc311.mlflow.tracking-uri="
        })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class HealthEndpointIT extends ActuatorEndpointsContract {

    /** No warehouse and no MLflow here: the service serves what it stored, and says so. */
    HealthEndpointIT() {
        super("forecast-service", "DEGRADED");
    }

    @BeforeAll
    static void database(PostgresServer postgres) {
        postgres.createDatabase("fs_health");
    }
}
