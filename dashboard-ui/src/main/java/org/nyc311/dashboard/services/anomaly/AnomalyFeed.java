package org.nyc311.dashboard.services.anomaly;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.nyc311.api.anomaly.AlertView;
import org.nyc311.api.anomaly.AnomalyApi;
import org.nyc311.api.anomaly.AnomalyView;
import org.nyc311.dashboard.config.ServicesProperties;
import org.nyc311.dashboard.services.ServiceClient;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/** anomaly-service's anomalies and alerts; answers are kept for {@code nyc311.services.cache-ttl}, a failure never. */
@Component
public class AnomalyFeed {

    private final ServiceClient<AnomalyApi> client;

    AnomalyFeed(ServicesProperties services, RestClient.Builder builder) {
        this.client = new ServiceClient<>("anomaly-service", AnomalyApi.class, services.anomalyService(), services, builder);
    }

    @Cacheable("anomaly-service.anomalies")
    public List<AnomalyView> anomalies(AnomalyQuery query) {
        List<AnomalyView> rows = client.get(api -> api.anomalies(day(query.from()), day(query.to()),
                Optional.ofNullable(query.complaintType()), Optional.ofNullable(query.borough()),
                Optional.ofNullable(query.minSeverity()).map(String::valueOf), Optional.empty()));
        return rows == null ? List.of() : List.copyOf(rows);
    }

    @Cacheable("anomaly-service.alerts")
    public List<AlertView> alerts(boolean open) {
        List<AlertView> rows = client.get(api -> api.alerts(Optional.of(open ? "open" : "closed")));
        return rows == null ? List.of() : List.copyOf(rows);
    }

    private static Optional<String> day(LocalDate date) {
        return Optional.ofNullable(date).map(LocalDate::toString);
    }
}
