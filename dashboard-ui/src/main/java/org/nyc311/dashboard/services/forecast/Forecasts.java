package org.nyc311.dashboard.services.forecast;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.nyc311.dashboard.config.ServicesProperties;
import org.nyc311.dashboard.services.ServiceClient;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * forecast-service: the series catalog, actual daily counts, stored forecasts, their models and the trainings. A series id has a slash
 * ({@code noise-residential/brooklyn}) and is two path segments in its API, never an encoded slash.
 */
@Component
public class Forecasts {

    private final ServiceClient client;

    Forecasts(ServicesProperties services, RestClient.Builder builder) {
        this.client = new ServiceClient("forecast-service", services.forecastService(), services, builder);
    }

    public List<ForecastViews.Series> catalog() {
        ForecastViews.Series[] series = client.get(http -> http.get().uri("/api/v1/series")
                .retrieve().body(ForecastViews.Series[].class));
        return series == null ? List.of() : Arrays.asList(series);
    }

    /** The series' actual daily counts from {@code from} to {@code to}, as gold holds them; empty for a series gold lacks. */
    public List<ForecastViews.DailyCount> history(String seriesId, LocalDate from, LocalDate to) {
        String[] parts = split(seriesId);
        return client.find(http -> http.get()
                        .uri(uri -> uri.path("/api/v1/series/{type}/{borough}/history")
                                .queryParam("from", from).queryParam("to", to).build(parts[0], parts[1]))
                        .retrieve().body(ForecastViews.DailyCount[].class))
                .map(Arrays::asList).orElse(List.of());
    }

    /** The newest stored forecast; empty when the series has none yet. */
    public Optional<ForecastViews.StoredForecast> latest(String seriesId) {
        String[] parts = split(seriesId);
        return client.find(http -> http.get().uri("/api/v1/forecasts/{type}/{borough}", parts[0], parts[1])
                .retrieve().body(ForecastViews.StoredForecast.class));
    }

    /** The forecast that was current on the morning of {@code day}: the newest made from history ending before it. */
    public Optional<ForecastViews.StoredForecast> madeBefore(String seriesId, LocalDate day) {
        String[] parts = split(seriesId);
        return client.find(http -> http.get().uri(uri -> uri.path("/api/v1/forecasts/{type}/{borough}")
                        .queryParam("madeBefore", day).build(parts[0], parts[1]))
                .retrieve().body(ForecastViews.StoredForecast.class));
    }

    /** For each day of from..to, the forecast its morning had; empty where none was made before it. */
    public List<ForecastViews.Point> past(String seriesId, LocalDate from, LocalDate to) {
        String[] parts = split(seriesId);
        return client.find(http -> http.get().uri(uri -> uri.path("/api/v1/forecasts/{type}/{borough}/past")
                                .queryParam("from", from).queryParam("to", to).build(parts[0], parts[1]))
                        .retrieve().body(ForecastViews.Point[].class))
                .map(Arrays::asList).orElse(List.of());
    }

    public Optional<ForecastViews.Model> model(String seriesId) {
        String[] parts = split(seriesId);
        return client.find(http -> http.get().uri("/api/v1/models/{type}/{borough}", parts[0], parts[1])
                .retrieve().body(ForecastViews.Model.class));
    }

    public List<ForecastViews.Training> trainings() {
        ForecastViews.Training[] runs = client.get(http -> http.get().uri("/api/v1/forecast-runs")
                .retrieve().body(ForecastViews.Training[].class));
        return runs == null ? List.of() : Arrays.asList(runs);
    }

    private static String[] split(String seriesId) {
        int slash = seriesId.indexOf('/');
        if (slash <= 0 || slash == seriesId.length() - 1) {
            throw new IllegalArgumentException("series id must look like 'complaint-type/borough': " + seriesId);
        }
        return new String[] {seriesId.substring(0, slash), seriesId.substring(slash + 1)};
    }
}
