package org.nyc311.dashboard.services.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nyc311.api.forecast.DailyCountView;
import org.nyc311.dashboard.config.ServicesProperties;
import org.nyc311.dashboard.services.ServiceUnavailableException;
import org.nyc311.testsupport.net.Loopback;
import org.springframework.web.client.RestClient;

/** The history call against a real HTTP server on loopback answering as forecast-service does. */
class ForecastsHistoryTest {

    private HttpServer server;
    private final AtomicReference<URI> asked = new AtomicReference<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(Loopback.HOST, 0), 0);
        server.createContext("/api/v1/series/noise-residential/brooklyn/history", exchange -> {
            asked.set(exchange.getRequestURI());
            byte[] body =
                    "[{\"date\":\"2026-05-01\",\"count\":12},{\"date\":\"2026-05-02\",\"count\":0,\"note\":\"ignored\"}]"
                            .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/api/v1/series/no-such-type/brooklyn/history", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.createContext("/api/v1/series/all/all/history", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void theActualCountsOfASeriesInTheAskedWindow() {
        var history =
                forecasts().history("noise-residential/brooklyn", LocalDate.of(2026, 5, 1), LocalDate.of(2026, 5, 2));

        assertThat(history)
                .containsExactly(
                        new DailyCountView(LocalDate.of(2026, 5, 1), 12),
                        new DailyCountView(LocalDate.of(2026, 5, 2), 0));
        assertThat(asked.get().getPath()).isEqualTo("/api/v1/series/noise-residential/brooklyn/history");
        assertThat(asked.get().getQuery()).isEqualTo("from=2026-05-01&to=2026-05-02");
    }

    @Test
    void anUnknownSeriesHasNoHistoryAndGoldAwayIsAnOutage() {
        assertThat(forecasts().history("no-such-type/brooklyn", LocalDate.of(2026, 5, 1), LocalDate.of(2026, 5, 2)))
                .isEmpty();
        assertThatThrownBy(() -> forecasts().history("all/all", LocalDate.of(2026, 5, 1), LocalDate.of(2026, 5, 2)))
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessage("forecast-service unavailable: it answered 503");
    }

    private Forecasts forecasts() {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        ServicesProperties services = new ServicesProperties(
                new ServicesProperties.Endpoint(url),
                null,
                null,
                Duration.ofSeconds(1),
                Duration.ofSeconds(2),
                Duration.ofSeconds(30),
                8,
                null);
        return new Forecasts(services, RestClient.builder());
    }
}
