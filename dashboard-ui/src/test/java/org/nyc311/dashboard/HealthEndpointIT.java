package org.nyc311.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nyc311.testsupport.net.Loopback;
import org.nyc311.testsupport.tokens.TokenIssuerExtension;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * As {@code ./nyc311 up} runs the dashboard: the local profile and no management port, so actuator shares the main
 * port with the views. Health and the probes answer without a login (the launcher and the container check them);
 * Prometheus and the other endpoints need one there, like any view. (With a management port, production's shape, see
 * OidcLoginTest.)
 */
@ExtendWith(TokenIssuerExtension.class)
@ActiveProfiles("local")
@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HealthEndpointIT {

    @LocalServerPort
    int port;

    @Test
    void healthAndTheProbesAnswerWithoutALogin() throws Exception {
        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
        for (String probe :
                new String[] {"/actuator/health/readiness", "/actuator/health/liveness", "/livez", "/readyz"}) {
            assertThat(get(probe).statusCode()).as(probe).isEqualTo(200);
        }
    }

    @Test
    void prometheusAndTheOtherEndpointsNeedALoginOnTheMainPort() throws Exception {
        for (String endpoint : new String[] {"/actuator/prometheus", "/actuator/metrics", "/actuator/info"}) {
            HttpResponse<String> answer = get(endpoint);
            assertThat(answer.statusCode()).as(endpoint).isEqualTo(302);
            assertThat(answer.headers().firstValue("Location"))
                    .as(endpoint)
                    .hasValueSatisfying(location -> assertThat(location).endsWith("/login"));
            assertThat(answer.body()).as(endpoint).doesNotContain("jvm_");
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        // a redirect to the login is an answer here: never follow it
        HttpClient client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        return client.send(
                HttpRequest.newBuilder(URI.create("http://" + Loopback.HOST + ":" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
