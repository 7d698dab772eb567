package org.nyc311.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nyc311.testsupport.postgres.PostgresServerExtension;
import org.nyc311.testsupport.s3.S3Server;
import org.nyc311.testsupport.s3.S3ServerExtension;
import org.nyc311.testsupport.spring.ActuatorEndpointsContract;
import org.nyc311.testsupport.sqs.SqsServerExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.TestPropertySource;

@ExtendWith({PostgresServerExtension.class, S3ServerExtension.class, SqsServerExtension.class})
@TestPropertySource(properties = "nyc311.ingest.schedule.enabled=false")
class HealthEndpointIT extends ActuatorEndpointsContract {

    @Autowired
    private TestRestTemplate http;

    HealthEndpointIT() {
        super("ingest-service");
    }

    /** Every dependency present, so health is UP: the lake bucket too (S3's health asks for it). */
    @BeforeAll
    static void lakeBucket(S3Server s3) {
        s3.createBucket("nyc311-lake");
    }

    @Test
    void theWatermarkLagIsPublishedForPrometheus() {
        assertThat(http.getForObject("/actuator/prometheus", String.class))
                .contains("nyc311_ingest_watermark_lag_seconds");
    }
}
