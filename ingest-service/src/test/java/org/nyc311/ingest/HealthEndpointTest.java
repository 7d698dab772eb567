package org.nyc311.ingest;

import org.nyc311.testsupport.spring.ActuatorEndpointsContract;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;

@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HealthEndpointTest extends ActuatorEndpointsContract {

    HealthEndpointTest() {
        super("ingest-service");
    }
}
