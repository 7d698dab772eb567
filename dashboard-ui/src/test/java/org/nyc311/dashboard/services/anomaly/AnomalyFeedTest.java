package org.nyc311.dashboard.services.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nyc311.api.anomaly.AlertView;
import org.nyc311.api.anomaly.AnomalyView;
import org.nyc311.dashboard.services.ServiceUnavailableException;
import org.nyc311.dashboard.services.TestServices;
import org.nyc311.testsupport.net.JsonStubServer;
import org.nyc311.testsupport.samples.BrooklynNoise;
import org.springframework.web.client.RestClient;

/**
 * The dashboard's anomaly-service client against a real socket answering with anomaly-service's own records, written
 * as it writes them (its AnomalyApiContractTest proves its controller writes these records at these paths).
 */
class AnomalyFeedTest {

    @RegisterExtension
    final JsonStubServer anomalyService = new JsonStubServer();

    private final AnomalyFeed feed = new AnomalyFeed(TestServices.at(anomalyService.baseUri()), RestClient.builder());

    @Test
    void anomaliesReadAndTheFiltersTravelAsTheApiTakesThem() {
        AnomalyView spike = BrooklynNoise.SPIKE_ROW;
        anomalyService.answer("/api/v1/anomalies", List.of(spike));

        assertThat(feed.anomalies(new AnomalyQuery(
                        LocalDate.of(2026, 5, 1), LocalDate.of(2026, 6, 1), "noise-residential", "brooklyn", 3.5)))
                .containsExactly(spike);
        assertThat(anomalyService.asked().get(0).getQuery())
                .isEqualTo(
                        "from=2026-05-01&to=2026-06-01&complaintType=noise-residential&borough=brooklyn&minSeverity=3.5");
        assertThat(feed.anomalies(AnomalyQuery.any())).containsExactly(spike);
        assertThat(anomalyService.asked().get(1).getQuery()).isNull();
    }

    @Test
    void openAlertsRead() {
        AlertView open = BrooklynNoise.openAlertRow(UUID.randomUUID());
        anomalyService.answer("/api/v1/alerts", List.of(open));

        assertThat(feed.alerts(true)).containsExactly(open);
        assertThat(anomalyService.asked().get(0).getQuery()).isEqualTo("status=open");
    }

    @Test
    void anOutageIsUnavailableByName() {
        anomalyService.status("/api/v1/alerts", 500);

        assertThatThrownBy(() -> feed.alerts(false))
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessage("anomaly-service unavailable: it answered 500");
    }
}
