package org.nyc311.dashboard.services.anomaly;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.nyc311.api.anomaly.AcknowledgementRequest;
import org.nyc311.api.anomaly.AlertView;
import org.nyc311.api.anomaly.AnomalyApi;
import org.nyc311.api.anomaly.AnomalyView;
import org.nyc311.api.anomaly.LabelPrecisionView;
import org.nyc311.api.anomaly.LabelRequest;
import org.nyc311.api.anomaly.LabelView;
import org.nyc311.dashboard.config.ServicesProperties;
import org.nyc311.dashboard.services.ServiceClient;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * anomaly-service's anomalies and alerts, and analysts' acknowledgements and labels of alerts. Answers are kept for
 * {@code nyc311.services.cache-ttl}, a failure never; a write empties the kept alerts and precision, so the analyst
 * who wrote (and everyone after) sees it at once.
 */
@Component
public class AnomalyFeed {

    private final ServiceClient<AnomalyApi> client;

    AnomalyFeed(ServicesProperties services, RestClient.Builder builder) {
        this.client =
                new ServiceClient<>("anomaly-service", AnomalyApi.class, services.anomalyService(), services, builder);
    }

    @Cacheable("anomaly-service.anomalies")
    public List<AnomalyView> anomalies(AnomalyQuery query) {
        List<AnomalyView> rows = client.get(api -> api.anomalies(
                day(query.from()),
                day(query.to()),
                Optional.ofNullable(query.complaintType()),
                Optional.ofNullable(query.borough()),
                Optional.ofNullable(query.minSeverity()).map(String::valueOf),
                Optional.empty()));
        return rows == null ? List.of() : List.copyOf(rows);
    }

    @Cacheable("anomaly-service.alerts")
    public List<AlertView> alerts(boolean open) {
        List<AlertView> rows = client.get(api -> api.alerts(Optional.of(open ? "open" : "closed")));
        return rows == null ? List.of() : List.copyOf(rows);
    }

    /** The labelled precision of the alerts opened in the last 90 days. */
    @Cacheable("anomaly-service.precision")
    public LabelPrecisionView precision() {
        return client.get(api -> api.precision(Optional.empty()));
    }

    /** The alert's label history, oldest first; not kept (asked for one alert, right after a change). */
    public List<LabelView> labels(UUID alertId) {
        List<LabelView> rows = client.get(api -> api.labels(alertId));
        return rows == null ? List.of() : List.copyOf(rows);
    }

    /**
     * {@code actor} has seen the alert. A refusal (409: acknowledged already) is a {@link ServiceRefusal} whose
     * message is anomaly-service's own detail.
     */
    @CacheEvict(
            cacheNames = {"anomaly-service.alerts", "anomaly-service.precision"},
            allEntries = true)
    public AlertView acknowledge(UUID alertId, String actor) {
        return ServiceRefusal.unwrap(
                () -> client.get(api -> api.acknowledge(alertId, new AcknowledgementRequest(actor))));
    }

    /** {@code actor} labels the alert REAL or FALSE with a note; refusals (400, 409) as {@link #acknowledge}'s. */
    @CacheEvict(
            cacheNames = {"anomaly-service.alerts", "anomaly-service.precision"},
            allEntries = true)
    public AlertView label(UUID alertId, String verdict, String note, String actor) {
        return ServiceRefusal.unwrap(
                () -> client.get(api -> api.label(alertId, new LabelRequest(verdict, note, actor))));
    }

    private static Optional<String> day(@Nullable LocalDate date) {
        return Optional.ofNullable(date).map(LocalDate::toString);
    }
}
