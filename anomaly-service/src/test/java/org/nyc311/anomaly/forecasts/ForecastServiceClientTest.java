package org.nyc311.anomaly.forecasts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nyc311.anomaly.config.ForecastServiceProperties;
import org.nyc311.anomaly.store.SeriesForecast;
import org.nyc311.api.forecast.SeriesView;
import org.nyc311.api.forecast.StoredForecastView;
import org.nyc311.model.forecast.ForecastPoint;
import org.nyc311.model.series.SeriesKey;
import org.nyc311.testsupport.net.Loopback;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * The client against a real HTTP server on loopback that answers with forecast-service's own records,
 * written as Boot's Jackson writes them (forecast-service's ForecastApiContractTest proves its controllers
 * write these records at these paths): what this service takes into its snapshot, a 404 as no forecast,
 * a 5xx as a failure, and the read timeout.
 */
class ForecastServiceClientTest {

    private static final LocalDate LAST = LocalDate.of(2026, 5, 31);
    private static final UUID RUN = UUID.fromString("6a1f0c1e-2f64-4c43-9a5e-0d8b1f1f7e21");

    private final ObjectMapper json = Jackson2ObjectMapperBuilder.json().build();
    private final Map<String, Object> answers = new ConcurrentHashMap<>();
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(Loopback.HOST, 0), 0);
        server.createContext("/", exchange -> {
            Object answer = answers.get(exchange.getRequestURI().getPath());
            if (answer instanceof Integer status) {
                exchange.sendResponseHeaders(status, -1);
            } else if (answer instanceof Duration delay) {
                sleep(delay);
                exchange.sendResponseHeaders(204, -1);
            } else if (answer == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                byte[] body = json.writeValueAsBytes(answer);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void theForecastableSeriesOfTheCatalog() {
        answers.put("/api/v1/series", List.of(
                new SeriesView("noise-residential/brooklyn", "type_borough", "noise-residential", "Noise - Residential", "brooklyn",
                        LAST.minusYears(3), LAST, LAST, 84.5, 1096, true),
                new SeriesView("rodent/staten-island", "type_borough", "rodent", "Rodent", "staten-island", LAST.minusDays(20), LAST,
                        LAST.minusDays(9), 0.2, 21, false)));

        assertThat(client().forecastableSeries()).containsExactly("noise-residential/brooklyn");
    }

    @Test
    void aStoredForecastIsTakenWithItsRunIdAsTextAndNoneIsEmpty() {
        List<ForecastPoint> points = List.of(new ForecastPoint(LAST.plusDays(1), 90.25, 70.5, 112, 0.95));
        answers.put("/api/v1/forecasts/noise-residential/brooklyn",
                new StoredForecastView("noise-residential/brooklyn", RUN, "prophet", "mlflow-7", 42L, LAST, 1, points));
        answers.put("/api/v1/forecasts/all/all", new StoredForecastView("all/all", RUN, "ets", null, null, LAST, 0, null));

        assertThat(client().latest(SeriesKey.parse("noise-residential/brooklyn")))
                .contains(new SeriesForecast("noise-residential/brooklyn", RUN.toString(), LAST, points));
        assertThat(client().latest(SeriesKey.citywide())).hasValueSatisfying(f -> assertThat(f.points()).isEmpty());
        assertThat(client().latest(SeriesKey.parse("rodent/queens"))).isEmpty();
    }

    @Test
    void aServerErrorFailsTheCallAndASlowAnswerTimesOut() {
        answers.put("/api/v1/series", 503);
        answers.put("/api/v1/forecasts/noise-residential/brooklyn", Duration.ofSeconds(3));

        assertThatThrownBy(() -> client().forecastableSeries()).isInstanceOf(HttpServerErrorException.class);
        assertThatThrownBy(() -> client().latest(SeriesKey.parse("noise-residential/brooklyn")))
                .isInstanceOf(ResourceAccessException.class);
    }

    private ForecastServiceClient client() {
        URI url = URI.create("http://" + Loopback.HOST + ":" + server.getAddress().getPort());
        return new ForecastServiceClient(RestClient.builder(),
                new ForecastServiceProperties(url, Duration.ofSeconds(1), Duration.ofMillis(500)));
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
