package org.nyc311.dashboard;

import org.junit.jupiter.api.extension.ExtendWith;
import org.nyc311.testsupport.spring.ActuatorEndpointsContract;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.nyc311.testsupport.tokens.TokenIssuerExtension;

@ExtendWith(TokenIssuerExtension.class)
@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HealthEndpointTest extends ActuatorEndpointsContract {

    HealthEndpointTest() {
        super("dashboard-ui");
    }
}
