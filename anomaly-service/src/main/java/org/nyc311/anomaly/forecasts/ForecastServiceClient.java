package org.nyc311.anomaly.forecasts;

import java.net.http.HttpClient;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.nyc311.anomaly.config.ForecastServiceProperties;
import org.nyc311.model.series.SeriesKey;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/**
 * forecast-service's REST API: the series catalog and each series' newest stored forecast. This
 * service never reads forecast-service's tables; it keeps its own snapshot of what it fetches here.
 */
public class ForecastServiceClient {

    private final RestClient http;

    public ForecastServiceClient(RestClient.Builder builder, ForecastServiceProperties properties) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).build());
        requests.setReadTimeout(properties.readTimeout());
        this.http = builder.baseUrl(properties.url().toString()).requestFactory(requests).build();
    }

    /** The ids of every forecastable series of gold's catalog. */
    public List<String> forecastableSeries() {
        List<CatalogEntry> catalog = http.get().uri("/api/v1/series").retrieve()
                .body(new org.springframework.core.ParameterizedTypeReference<List<CatalogEntry>>() { });
        return catalog == null ? List.of()
                : catalog.stream().filter(CatalogEntry::forecastable).map(CatalogEntry::seriesId).toList();
    }

    /** The newest stored forecast of a series; empty when forecast-service has none for it (404). */
    public Optional<SeriesForecast> latest(SeriesKey series) {
        String type = series.complaintTypeKey().orElse(SeriesKey.ALL);
        String borough = series.borough().map(b -> b.key()).orElse(SeriesKey.ALL);
        try {
            return Optional.ofNullable(http.get().uri("/api/v1/forecasts/{type}/{borough}", type, borough)
                    .retrieve().body(SeriesForecast.class));
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode().isSameCodeAs(HttpStatus.NOT_FOUND)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The fields of forecast-service's catalog entries that this service uses. */
    record CatalogEntry(String seriesId, boolean forecastable) {
    }

    /**
     * A stored forecast as forecast-service serves it.
     *
     * @param lastActualDate the last day of history the forecast saw: a point's horizon counts from it
     */
    public record SeriesForecast(String seriesId, String forecastRunId, LocalDate lastActualDate, List<Point> points) {
    }

    public record Point(LocalDate date, double yhat, double lower, double upper) {
    }
}
