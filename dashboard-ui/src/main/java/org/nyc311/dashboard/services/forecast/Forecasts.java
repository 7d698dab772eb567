package org.nyc311.dashboard.services.forecast;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nyc311.api.forecast.DailyCountView;
import org.nyc311.api.forecast.ForecastServiceApi;
import org.nyc311.api.forecast.ModelView;
import org.nyc311.api.forecast.RunView;
import org.nyc311.api.forecast.SeriesHistoryView;
import org.nyc311.api.forecast.SeriesView;
import org.nyc311.api.forecast.StoredForecastView;
import org.nyc311.dashboard.config.ServicesProperties;
import org.nyc311.dashboard.services.ServiceClient;
import org.nyc311.model.forecast.ForecastPoint;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * forecast-service: the series catalog, actual daily counts, stored forecasts, their models and the trainings. A series id has a slash
 * ({@code noise-residential/brooklyn}) and is two path segments in its API, never an encoded slash. Answers are kept
 * for {@code nyc311.services.cache-ttl}, a 404 (none) included, a failure never.
 */
@Component
public class Forecasts {

    private final ServiceClient<ForecastServiceApi> client;

    Forecasts(ServicesProperties services, RestClient.Builder builder) {
        this.client = new ServiceClient<>(
                "forecast-service", ForecastServiceApi.class, services.forecastService(), services, builder);
    }

    @Cacheable("forecast-service.catalog")
    public List<SeriesView> catalog() {
        return orEmpty(client.get(api -> api.series(Optional.empty(), Optional.empty())));
    }

    /** The series' actual daily counts from {@code from} to {@code to}, as gold holds them; empty for a series gold lacks. */
    @Cacheable("forecast-service.history")
    public List<DailyCountView> history(String seriesId, LocalDate from, LocalDate to) {
        String[] parts = split(seriesId);
        return client.find(api -> api.history(parts[0], parts[1], from, to))
                .map(List::copyOf)
                .orElse(List.of());
    }

    /**
     * Several series' actual daily counts in one call (one read of gold, where a call per series would queue as many
     * reads at the warehouse), by series id; a series gold lacks has no days.
     */
    @Cacheable("forecast-service.histories")
    public Map<String, List<DailyCountView>> histories(List<String> seriesIds, LocalDate from, LocalDate to) {
        Map<String, List<DailyCountView>> bySeries = new LinkedHashMap<>();
        seriesIds.forEach(id -> bySeries.put(id, List.of()));
        for (SeriesHistoryView history : orEmpty(client.get(api -> api.histories(seriesIds, from, to)))) {
            bySeries.replace(history.seriesId(), history.days());
        }
        return Collections.unmodifiableMap(bySeries);
    }

    /** The newest stored forecast; empty when the series has none yet. */
    @Cacheable("forecast-service.latest")
    public Optional<StoredForecastView> latest(String seriesId) {
        String[] parts = split(seriesId);
        return client.find(api -> api.latest(parts[0], parts[1], null, null));
    }

    /** The forecast that was current on the morning of {@code day}: the newest made from history ending before it. */
    @Cacheable("forecast-service.made-before")
    public Optional<StoredForecastView> madeBefore(String seriesId, LocalDate day) {
        String[] parts = split(seriesId);
        return client.find(api -> api.latest(parts[0], parts[1], null, day.toString()));
    }

    /** For each day of from..to, the forecast its morning had; empty where none was made before it. */
    @Cacheable("forecast-service.past")
    public List<ForecastPoint> past(String seriesId, LocalDate from, LocalDate to) {
        String[] parts = split(seriesId);
        return client.find(api -> api.past(parts[0], parts[1], from.toString(), to.toString()))
                .map(List::copyOf)
                .orElse(List.of());
    }

    @Cacheable("forecast-service.model")
    public Optional<ModelView> model(String seriesId) {
        String[] parts = split(seriesId);
        return client.find(api -> api.model(parts[0], parts[1]));
    }

    @Cacheable("forecast-service.trainings")
    public List<RunView> trainings() {
        return orEmpty(client.get(ForecastServiceApi::recent));
    }

    // unmodifiable: a kept answer is shared by every view that asks
    private static <T> List<T> orEmpty(List<T> answer) {
        return answer == null ? List.of() : List.copyOf(answer);
    }

    private static String[] split(String seriesId) {
        int slash = seriesId.indexOf('/');
        if (slash <= 0 || slash == seriesId.length() - 1) {
            throw new IllegalArgumentException("series id must look like 'complaint-type/borough': " + seriesId);
        }
        return new String[] {seriesId.substring(0, slash), seriesId.substring(slash + 1)};
    }
}
