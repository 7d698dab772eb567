package org.nyc311.dashboard.services;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.nyc311.api.anomaly.AlertView;
import org.nyc311.api.anomaly.AnomalyView;
import org.nyc311.model.anomaly.Alert;
import org.nyc311.model.anomaly.Anomaly;
import org.nyc311.model.forecast.ForecastPoint;
import org.nyc311.testsupport.samples.BrooklynNoise;

/**
 * The services' records read back from the JSON they write (Jackson as Boot sets it up): shared-model's
 * records as anomaly-service's API shows them, and that API's JSON as it is written today, pinned by hand.
 */
class SharedShapesTest {

    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void anAnomalyReadsWithItsSeriesAsTheId() throws Exception {
        Anomaly anomaly = BrooklynNoise.spike();

        AnomalyView row =
                json.readValue(json.writeValueAsString(List.of(AnomalyView.of(anomaly))), AnomalyView[].class)[0];

        assertThat(row).isEqualTo(BrooklynNoise.SPIKE_ROW);
    }

    @Test
    void anAlertReads() throws Exception {
        UUID id = UUID.randomUUID();
        Alert alert = BrooklynNoise.openAlert(id);

        AlertView row = json.readValue(json.writeValueAsString(AlertView.of(alert)), AlertView.class);

        assertThat(row).isEqualTo(BrooklynNoise.openAlertRow(id));
    }

    /** What anomaly-service's REST API serves, as it writes it today. */
    @Test
    void anomalyServiceApiRowsRead() throws Exception {
        String anomalies = "[{\"seriesId\":\"noise-residential/brooklyn\",\"complaintType\":\"noise-residential\","
                + "\"borough\":\"brooklyn\",\"date\":\"2026-06-01\",\"actual\":140,\"yhat\":90.5,\"lower\":70.0,"
                + "\"upper\":120.0,\"zScore\":4.2,\"direction\":\"SPIKE\",\"forecastRunId\":\"run-7\"}]";
        UUID id = UUID.randomUUID();
        String alert = "{\"alertId\":\"" + id + "\",\"seriesId\":\"noise-residential/brooklyn\",\"status\":\"open\","
                + "\"episodeStart\":\"2026-06-01\",\"openedOn\":\"2026-06-03\",\"lastAnomalousDate\":\"2026-06-04\","
                + "\"closedOn\":null,\"anomalousDays\":4,\"peakZScore\":5.5,\"openedBy\":\"breaches\"}";

        assertThat(json.readValue(anomalies, AnomalyView[].class)[0]).isEqualTo(BrooklynNoise.SPIKE_ROW);
        assertThat(json.readValue(alert, AlertView.class)).isEqualTo(BrooklynNoise.openAlertRow(id));
        assertThat(json.readValue(alert.replace(",\"openedBy\":\"breaches\"", ""), AlertView.class)
                        .openedBy())
                .as("an anomaly-service from before the rule was recorded")
                .isEqualTo("unrecorded");
    }

    @Test
    void aForecastPointReads() throws Exception {
        ForecastPoint point = new ForecastPoint(LocalDate.of(2026, 6, 2), 100, 80, 130, 0.95);

        ForecastPoint read = json.readValue(json.writeValueAsString(point), ForecastPoint.class);

        assertThat(read).isEqualTo(new ForecastPoint(LocalDate.of(2026, 6, 2), 100, 80, 130, 0.95));
    }
}
