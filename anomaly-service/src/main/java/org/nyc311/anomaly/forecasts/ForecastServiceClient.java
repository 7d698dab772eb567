package org.nyc311.anomaly.forecasts;

import java.net.http.HttpClient;
import java.util.List;
import java.util.Optional;
import org.nyc311.anomaly.config.ForecastServiceProperties;
import org.nyc311.anomaly.store.SeriesForecast;
import org.nyc311.api.forecast.ForecastServiceApi;
import org.nyc311.api.forecast.RunForecastsView;
import org.nyc311.api.forecast.SeriesView;
import org.nyc311.model.series.SeriesKey;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * forecast-service's REST API: the series catalog and each series' newest stored forecast, through a
 * proxy of its contract ({@link ForecastServiceApi}) on a RestClient with this service's timeouts. This
 * service never reads forecast-service's tables; it keeps its own snapshot of what it fetches here.
 */
public class ForecastServiceClient {

    private final ForecastServiceApi api;

    public ForecastServiceClient(RestClient.Builder builder, ForecastServiceProperties properties) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .build());
        requests.setReadTimeout(properties.readTimeout());
        RestClient http = builder.baseUrl(properties.url().toString())
                .requestFactory(requests)
                .build();
        this.api = HttpServiceProxyFactory.builderFor(RestClientAdapter.create(http))
                .build()
                .createClient(ForecastServiceApi.class);
    }

    /**
     * Every series' forecast of one run, in one request; empty when forecast-service has no such succeeded run (404),
     * or does not take the id for one (400).
     */
    public Optional<List<SeriesForecast>> ofRun(String forecastRunId) {
        try {
            RunForecastsView run = api.ofRun(forecastRunId);
            return Optional.of(
                    run == null
                            ? List.of()
                            : run.forecasts().stream().map(SeriesForecast::of).toList());
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode().isSameCodeAs(HttpStatus.NOT_FOUND)
                    || e.getStatusCode().isSameCodeAs(HttpStatus.BAD_REQUEST)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The ids of every forecastable series of gold's catalog. */
    public List<String> forecastableSeries() {
        List<SeriesView> catalog = api.series(Optional.empty(), Optional.empty());
        return catalog == null
                ? List.of()
                : catalog.stream()
                        .filter(SeriesView::forecastable)
                        .map(SeriesView::seriesId)
                        .toList();
    }

    /** The newest stored forecast of a series; empty when forecast-service has none for it (404). */
    public Optional<SeriesForecast> latest(SeriesKey series) {
        String type = series.complaintTypeKey().orElse(SeriesKey.ALL);
        String borough = series.borough().map(b -> b.key()).orElse(SeriesKey.ALL);
        try {
            return Optional.ofNullable(api.latest(type, borough, null, null)).map(SeriesForecast::of);
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode().isSameCodeAs(HttpStatus.NOT_FOUND)) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
