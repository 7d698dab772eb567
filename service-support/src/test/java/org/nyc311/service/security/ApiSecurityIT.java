package org.nyc311.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nyc311.model.access.ApiScope;
import org.nyc311.testsupport.spring.ServletWebSlice;
import org.nyc311.testsupport.tokens.TokenIssuer;
import org.nyc311.testsupport.tokens.TokenIssuerExtension;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The API's guard on a real Tomcat, against a real token issuer over a socket: what gets through with which token,
 * and how each refusal answers. No service here, only a controller with the paths services have.
 */
@ExtendWith(TokenIssuerExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
class ApiSecurityIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    private final TokenIssuer issuer;
    private final HttpClient http = HttpClient.newHttpClient();

    ApiSecurityIT(TokenIssuer issuer) {
        this.issuer = issuer;
    }

    @Test
    void aCallWithoutATokenIsA401ProblemThatSaysWhatToSend() throws Exception {
        Answer answer = send("GET", "/api/v1/series", null);

        answer.assertProblem(401, "Unauthorized");
        assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(answer.json().path("detail").asText())
                .contains("Authorization: Bearer")
                .contains("./nyc311 token");
    }

    @Test
    void aReadTokenReadsButCannotOperate() throws Exception {
        String read = issuer.token("reader", ApiScope.READ);

        assertThat(send("GET", "/api/v1/series", read).status()).isEqualTo(200);
        Answer refused = send("POST", "/api/v1/forecast-runs", read);
        refused.assertProblem(403, "Forbidden");
        assertThat(refused.json().path("requiredScope").asText()).isEqualTo("nyc311/operate");
        assertThat(refused.json().path("detail").asText())
                .contains("nyc311/operate")
                .contains("holds nyc311/read");
        assertThat(refused.header("WWW-Authenticate")).contains("insufficient_scope");
    }

    @Test
    void onlyTheForecastScopeFitsOnDemand() throws Exception {
        assertThat(send("POST", "/api/v1/forecasts", issuer.token("analyst", ApiScope.FORECAST))
                        .status())
                .isEqualTo(200);
        assertThat(send("POST", "/api/v1/forecast-runs", issuer.token("operator", ApiScope.OPERATE))
                        .status())
                .isEqualTo(200);

        Answer operatorFitting = send("POST", "/api/v1/forecasts", issuer.token("operator", ApiScope.OPERATE));
        operatorFitting.assertProblem(403, "Forbidden");
        assertThat(operatorFitting.json().path("requiredScope").asText()).isEqualTo("nyc311/forecast");
    }

    @Test
    void anExpiredTokenAForeignOneAndGarbageAreEach401() throws Exception {
        send("GET", "/api/v1/series", issuer.expiredToken(ApiScope.READ)).assertProblem(401, "Unauthorized");
        try (TokenIssuer another = TokenIssuer.start(0)) {
            Answer foreign = send("GET", "/api/v1/series", another.token("intruder", ApiScope.values()));
            foreign.assertProblem(401, "Unauthorized");
            assertThat(foreign.json().path("detail").asText()).startsWith("the bearer token was refused");
        }
        send("GET", "/api/v1/series", "not-a-jwt").assertProblem(401, "Unauthorized");
    }

    @Test
    void healthAndTheApiDocumentStayOpenAndEveryOtherPathIsRefused() throws Exception {
        assertThat(send("GET", "/livez", null).status()).isEqualTo(200);
        assertThat(send("GET", "/v3/api-docs", null).status()).isEqualTo(200);
        send("GET", "/internal/dump", null).assertProblem(401, "Unauthorized");
        Answer outsideTheApi = send("GET", "/internal/dump", issuer.tokenWithEveryScope());
        outsideTheApi.assertProblem(403, "Forbidden");
        assertThat(outsideTheApi.json().path("detail").asText()).endsWith("is not part of this API: no scope opens it");
        assertThat(outsideTheApi.json().has("requiredScope")).isFalse();
    }

    @Test
    void noAnswerStartsASession() throws Exception {
        for (Answer answer : new Answer[] {
            send("GET", "/api/v1/series", issuer.tokenWithEveryScope()),
            send("GET", "/api/v1/series", null),
            send("POST", "/api/v1/forecasts", issuer.token("r", ApiScope.READ))
        }) {
            assertThat(answer.header("Set-Cookie")).isNull();
        }
    }

    @Test
    void aUrlTheFirewallRefusesIsA400Problem() throws Exception {
        Answer refused = send("GET", "/api/v1/series/%25", issuer.tokenWithEveryScope());
        refused.assertProblem(400, "Bad request");
        assertThat(refused.json().path("detail").asText()).contains("refused before they reach the API");
    }

    @Test
    void aServiceWithoutAnIssuerRefusesToStartAndNamesTheSetting() {
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        JacksonAutoConfiguration.class,
                        SecurityAutoConfiguration.class,
                        OAuth2ResourceServerAutoConfiguration.class,
                        ApiSecurityAutoConfiguration.class))
                .withPropertyValues("spring.security.oauth2.resourceserver.jwt.issuer-uri=")
                .run(context -> assertThat(context.getStartupFailure())
                        .rootCause()
                        .hasMessageContaining("NYC311_TOKEN_ISSUER_URI"));
    }

    private Answer send(String method, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response);
    }

    private record Answer(HttpResponse<String> response) {
        int status() {
            return response.statusCode();
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        JsonNode json() throws Exception {
            return JSON.readTree(response.body());
        }

        void assertProblem(int status, String title) throws Exception {
            assertThat(status()).as(response.body()).isEqualTo(status);
            assertThat(header("Content-Type")).isEqualTo("application/problem+json");
            assertThat(json().path("title").asText()).isEqualTo(title);
            assertThat(json().path("status").asInt()).isEqualTo(status);
        }
    }

    @SpringBootConfiguration
    @ServletWebSlice
    @ImportAutoConfiguration({
        ErrorMvcAutoConfiguration.class,
        SecurityAutoConfiguration.class,
        SecurityFilterAutoConfiguration.class,
        OAuth2ResourceServerAutoConfiguration.class,
        ApiSecurityAutoConfiguration.class
    })
    @Import(PathsServicesHave.class)
    static class App {}

    @RestController
    static class PathsServicesHave {
        @GetMapping("/api/v1/series")
        String series() {
            return "[]";
        }

        @PostMapping("/api/v1/forecasts")
        String fit() {
            return "{}";
        }

        @PostMapping("/api/v1/forecast-runs")
        String train() {
            return "{}";
        }

        @GetMapping({"/livez", "/v3/api-docs", "/internal/dump"})
        String open() {
            return "ok";
        }
    }
}
