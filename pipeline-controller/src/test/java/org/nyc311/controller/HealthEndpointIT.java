package org.nyc311.controller;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nyc311.testsupport.postgres.PostgresServer;
import org.nyc311.testsupport.postgres.PostgresServerExtension;
import org.nyc311.testsupport.s3.S3Server;
import org.nyc311.testsupport.s3.S3ServerExtension;
import org.nyc311.testsupport.spring.ActuatorEndpointsContract;
import org.nyc311.testsupport.sqs.SqsServerExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

@ExtendWith({PostgresServerExtension.class, SqsServerExtension.class, S3ServerExtension.class})
@TestPropertySource(properties = {"spring.profiles.active=local", "spring.cloud.aws.sqs.listener.poll-timeout=1s"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class HealthEndpointIT extends ActuatorEndpointsContract {

    private static PostgresServer postgres;

    HealthEndpointIT() {
        super("pipeline-controller");
    }

    @BeforeAll
    static void servers(PostgresServer server, S3Server s3) {
        postgres = server;
        postgres.createDatabase("pc_health");
        // every dependency present, so health is UP: the lake bucket too (S3's health asks for it)
        s3.createBucket("nyc311-lake");
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> postgres.jdbcUrl("pc_health"));
        registry.add("nyc311.lake.bucket", () -> "nyc311-lake");
    }
}
