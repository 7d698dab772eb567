package org.nyc311.dashboard.services.anomaly;

import java.util.Arrays;
import java.util.List;
import org.nyc311.dashboard.config.ServicesProperties;
import org.nyc311.dashboard.services.ServiceClient;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriBuilder;

/** anomaly-service's anomalies and alerts. */
@Component
public class AnomalyFeed {

    private final ServiceClient client;

    AnomalyFeed(ServicesProperties services, RestClient.Builder builder) {
        this.client = new ServiceClient("anomaly-service", services.anomalyService(), services, builder);
    }

    public List<AnomalyRow> anomalies(AnomalyQuery query) {
        AnomalyRow[] rows = client.get(http -> http.get().uri(uri -> build(uri.path("/api/v1/anomalies"), query))
                .retrieve().body(AnomalyRow[].class));
        return rows == null ? List.of() : Arrays.asList(rows);
    }

    public List<AlertRow> alerts(boolean open) {
        AlertRow[] rows = client.get(http -> http.get().uri("/api/v1/alerts?status={status}", open ? "open" : "closed")
                .retrieve().body(AlertRow[].class));
        return rows == null ? List.of() : Arrays.asList(rows);
    }

    private static java.net.URI build(UriBuilder uri, AnomalyQuery query) {
        if (query.from() != null) {
            uri.queryParam("from", query.from());
        }
        if (query.to() != null) {
            uri.queryParam("to", query.to());
        }
        if (query.complaintType() != null) {
            uri.queryParam("complaintType", query.complaintType());
        }
        if (query.borough() != null) {
            uri.queryParam("borough", query.borough());
        }
        if (query.minSeverity() != null) {
            uri.queryParam("minSeverity", query.minSeverity());
        }
        return uri.build();
    }
}
