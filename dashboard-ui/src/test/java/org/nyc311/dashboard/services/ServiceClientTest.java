package org.nyc311.dashboard.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nyc311.dashboard.config.ServicesProperties;
import org.nyc311.testsupport.net.Loopback;
import org.springframework.web.client.RestClient;

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
            byte[] body = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")).getBytes(StandardCharsets.UTF_8);
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

    record Answer(String value) {
    }

    @Test
    void aServiceThatDoesNotListenIsUnavailableByName() {
        ServiceClient client = client(URI.create("http://127.0.0.1:" + Loopback.freePort()));

        assertThatThrownBy(() -> client.get(http -> http.get().uri("/ok").retrieve().body(String.class)))
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessageStartingWith("anomaly-service unavailable: no answer");
    }

    @Test
    void aServerErrorIsUnavailableWithItsStatus() {
        ServiceClient client = client(URI.create("http://127.0.0.1:" + server.getAddress().getPort()));

        assertThatThrownBy(() -> client.get(http -> http.get().uri("/broken").retrieve().body(String.class)))
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessage("anomaly-service unavailable: it answered 500");
    }

    @Test
    void notFoundIsAnEmptyAnswerAndUnknownFieldsAreIgnored() {
        ServiceClient client = client(URI.create("http://127.0.0.1:" + server.getAddress().getPort()));

        assertThat(client.find(http -> http.get().uri("/missing").retrieve().body(Answer.class))).isEmpty();
        assertThat(client.find(http -> http.get().uri("/ok").retrieve().body(Answer.class))).contains(new Answer("yes"));
    }

    @Test
    void theDashboardSendsItsOwnTokenWhenOneIsConfigured() {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        ServiceClient withToken = new ServiceClient("anomaly-service", new ServicesProperties.Endpoint(url, "dashboard-secret"),
                settings(), RestClient.builder());

        String sent = withToken.get(http -> http.get().uri("/whoami").retrieve().body(String.class));
        String notSent = client(url).get(http -> http.get().uri("/whoami").retrieve().body(String.class));

        assertThat(sent).isEqualTo("Bearer dashboard-secret");
        assertThat(notSent).isEqualTo("null");
    }

    @Test
    void aServiceWithoutAnAddressIsUnavailableNamingTheSetting() {
        ServiceClient client = new ServiceClient("anomaly-service", null, settings(), RestClient.builder());

        assertThatThrownBy(() -> client.get(http -> "never"))
                .hasMessageContaining("nyc311.services.anomaly-service.url");
    }

    private static ServiceClient client(URI url) {
        return new ServiceClient("anomaly-service", new ServicesProperties.Endpoint(url, null), settings(), jsonBuilder());
    }

    private static RestClient.Builder jsonBuilder() {
        // as Boot configures it: unknown fields are ignored
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper()
                .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        return RestClient.builder().messageConverters(converters -> {
            converters.removeIf(c -> c instanceof org.springframework.http.converter.json.MappingJackson2HttpMessageConverter);
            converters.add(new org.springframework.http.converter.json.MappingJackson2HttpMessageConverter(mapper));
        });
    }

    private static ServicesProperties settings() {
        return new ServicesProperties(null, null, null, null, Duration.ofSeconds(1), Duration.ofSeconds(2));
    }
}
