package org.nyc311.dashboard.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nyc311.api.access.ServiceCallSettings;
import org.nyc311.api.access.ServiceCallTokens;
import org.nyc311.dashboard.config.ServicesProperties;
import org.nyc311.model.access.ApiScope;
import org.nyc311.testsupport.net.Loopback;
import org.nyc311.testsupport.tokens.TokenIssuer;
import org.springframework.web.client.RestClient;
import org.springframework.web.service.annotation.GetExchange;

/** The client's side of outages, against a real HTTP server on loopback (and a port where nothing listens). */
class ServiceClientTest {

    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(Loopback.HOST, 0), 0);
        server.createContext("/broken", exchange -> {
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        server.createContext("/missing", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.createContext("/whoami", exchange -> {
            byte[] body = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/ok", exchange -> {
            byte[] body = "{\"value\":\"yes\",\"added\":1}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    record Answer(String value) {}

    /** A service's contract, as service-api declares one. */
    interface Probe {

        @GetExchange("/ok")
        Answer ok();

        @GetExchange("/broken")
        String broken();

        @GetExchange("/missing")
        Answer missing();

        @GetExchange("/whoami")
        String whoami();
    }

    @Test
    void aServiceThatDoesNotListenIsUnavailableByName() {
        ServiceClient<Probe> client = client(URI.create("http://127.0.0.1:" + Loopback.freePort()));

        assertThatThrownBy(() -> client.get(Probe::ok))
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessageStartingWith("anomaly-service unavailable: no answer");
    }

    @Test
    void aServerErrorIsUnavailableWithItsStatus() {
        ServiceClient<Probe> client =
                client(URI.create("http://127.0.0.1:" + server.getAddress().getPort()));

        assertThatThrownBy(() -> client.get(Probe::broken))
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessage("anomaly-service unavailable: it answered 500");
    }

    @Test
    void notFoundIsAnEmptyAnswerAndUnknownFieldsAreIgnored() {
        ServiceClient<Probe> client =
                client(URI.create("http://127.0.0.1:" + server.getAddress().getPort()));

        assertThat(client.find(Probe::missing)).isEmpty();
        assertThat(client.find(Probe::ok)).contains(new Answer("yes"));
    }

    @Test
    void everyCallCarriesTheDashboardsOwnTokenFromTheIssuer() throws Exception {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        try (TokenIssuer issuer =
                TokenIssuer.start(0).register("dashboard-ui", "dashboard-secret", EnumSet.allOf(ApiScope.class))) {
            ServiceCallSettings dashboard = new ServiceCallSettings(
                    issuer.tokenUri(), "dashboard-ui", "dashboard-secret", "nyc311/read nyc311/forecast");
            ServiceClient<Probe> withToken = new ServiceClient<>(
                    "anomaly-service",
                    Probe.class,
                    new ServicesProperties.Endpoint(url),
                    settings(),
                    RestClient.builder().requestInterceptor(ServiceCallTokens.interceptor(dashboard)));

            String sent = withToken.get(Probe::whoami);
            String again = withToken.get(Probe::whoami);

            assertThat(sent).startsWith("Bearer ");
            JsonNode claims = new ObjectMapper()
                    .readTree(Base64.getUrlDecoder().decode(sent.substring(7).split("\\.")[1]));
            assertThat(claims.path("client_id").asText()).isEqualTo("dashboard-ui");
            assertThat(claims.path("scope").asText()).isEqualTo("nyc311/read nyc311/forecast");
            assertThat(claims.path("iss").asText()).isEqualTo(issuer.issuer().toString());
            assertThat(again)
                    .as("the token is kept, not asked for on every call")
                    .isEqualTo(sent);
            assertThat(client(url).get(Probe::whoami)).isEqualTo("null");
        }
    }

    @Test
    void anIssuerThatRefusesTheDashboardIsAnOutageOfTheCall() {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        try (TokenIssuer issuer =
                TokenIssuer.start(0).register("dashboard-ui", "dashboard-secret", EnumSet.allOf(ApiScope.class))) {
            ServiceCallSettings wrongSecret = new ServiceCallSettings(issuer.tokenUri(), "dashboard-ui", "guessed", "");
            ServiceClient<Probe> refused = new ServiceClient<>(
                    "anomaly-service",
                    Probe.class,
                    new ServicesProperties.Endpoint(url),
                    settings(),
                    RestClient.builder().requestInterceptor(ServiceCallTokens.interceptor(wrongSecret)));

            assertThatThrownBy(() -> refused.get(Probe::whoami))
                    .isInstanceOf(ServiceUnavailableException.class)
                    .hasMessageContaining("no answer")
                    .hasMessageContaining("no token from " + issuer.tokenUri())
                    .hasMessageContaining("dashboard-ui")
                    .hasMessageContaining("401");
        }
    }

    @Test
    void aServiceWithoutAnAddressIsUnavailableNamingTheSetting() {
        ServiceClient<Probe> client =
                new ServiceClient<>("anomaly-service", Probe.class, null, settings(), RestClient.builder());

        assertThatThrownBy(() -> client.get(http -> "never"))
                .hasMessageContaining("nyc311.services.anomaly-service.url");
    }

    private static ServiceClient<Probe> client(URI url) {
        return new ServiceClient<>(
                "anomaly-service", Probe.class, new ServicesProperties.Endpoint(url), settings(), jsonBuilder());
    }

    private static RestClient.Builder jsonBuilder() {
        // as Boot configures it: unknown fields are ignored
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper()
                .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        return RestClient.builder().messageConverters(converters -> {
            converters.removeIf(
                    c -> c instanceof org.springframework.http.converter.json.MappingJackson2HttpMessageConverter);
            converters.add(new org.springframework.http.converter.json.MappingJackson2HttpMessageConverter(mapper));
        });
    }

    private static ServicesProperties settings() {
        return new ServicesProperties(
                null, null, null, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(30), 8, null);
    }
}
