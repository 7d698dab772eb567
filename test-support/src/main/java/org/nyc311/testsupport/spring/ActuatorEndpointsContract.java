package org.nyc311.testsupport.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nyc311.testsupport.tokens.TokenIssuerExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/**
 * What every service promises to operators, container health checks and {@code ./nyc311 up}:
 * health, readiness (also at {@code /livez} and {@code /readyz}) and Prometheus metrics tagged with the application,
 * over real HTTP.
 *
 * <p>A service's test extends this and adds the servers its service needs and its settings
 * ({@code @TestPropertySource}): the class is a {@code @SpringBootTest(webEnvironment = RANDOM_PORT)} with
 * {@code @AutoConfigureObservability} (Boot turns metrics export off in tests otherwise) and the test's token
 * issuer (every service's API takes a bearer token), declared here once for every service.
 */
@ExtendWith(TokenIssuerExtension.class)
@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ActuatorEndpointsContract {

    private final String application;
    private final Set<String> expectedHealth;

    @Autowired
    private TestRestTemplate http;

    /** A service whose test set-up has every dependency: its overall health is UP. */
    protected ActuatorEndpointsContract(String application) {
        this(application, "UP");
    }

    /**
     * @param expectedHealth the overall statuses this test's set-up may show, e.g. service-support's DEGRADED (still
     *     HTTP 200) where the test leaves out a dependency the service works around
     */
    protected ActuatorEndpointsContract(String application, String... expectedHealth) {
        this.application = application;
        this.expectedHealth = Set.of(expectedHealth);
    }

    @Test
    void healthIsUpAndReadinessIsReported() throws Exception {
        ResponseEntity<String> health = http.getForEntity("/actuator/health", String.class);
        ResponseEntity<String> readiness = http.getForEntity("/actuator/health/readiness", String.class);

        assertEquals(200, health.getStatusCode().value(), "health of " + application);
        String overall =
                new ObjectMapper().readTree(health.getBody()).path("status").asText();
        assertTrue(
                expectedHealth.contains(overall),
                "overall health " + overall + ", expected one of " + expectedHealth + ": " + health.getBody());
        assertEquals(200, readiness.getStatusCode().value(), "readiness of " + application);
    }

    /**
     * The probes the load balancer and the container check: on the main port as well, since production moves the
     * actuator to a management port the load balancer does not route, and open without a token.
     */
    @Test
    void livenessAndReadinessAnswerAtLivezAndReadyzWithoutAToken() {
        assertEquals(
                200, http.getForEntity("/livez", String.class).getStatusCode().value(), "/livez of " + application);
        assertEquals(
                200, http.getForEntity("/readyz", String.class).getStatusCode().value(), "/readyz of " + application);
    }

    @Test
    void prometheusMetricsAreTaggedWithTheApplication() {
        ResponseEntity<String> metrics = http.getForEntity("/actuator/prometheus", String.class);

        assertEquals(200, metrics.getStatusCode().value(), "prometheus endpoint of " + application);
        assertTrue(
                metrics.getBody().contains("application=\"" + application + "\""),
                "metrics are not tagged application=\"" + application + "\"");
    }
}
