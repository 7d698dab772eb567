package org.nyc311.anomaly.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.nyc311.model.anomaly.Alert;
import org.nyc311.model.event.AnomalyAlert;
import org.nyc311.model.series.Borough;
import org.nyc311.model.series.SeriesKey;

class AlertNoticeTest {

    private static final Clock AT = Clock.fixed(Instant.parse("2026-06-11T09:00:00Z"), ZoneOffset.UTC);
    private static final URI DASHBOARD = URI.create("http://127.0.0.1:8080/");
    private static final Alert OPEN = new Alert(
            UUID.fromString("5f0c2b8e-4d8a-4b7e-9a55-3d1f2c9e7a10"),
            SeriesKey.of("noise-residential", Borough.BROOKLYN),
            Alert.Status.OPEN,
            LocalDate.of(2026, 6, 1),
            LocalDate.of(2026, 6, 3),
            LocalDate.of(2026, 6, 4),
            null,
            4,
            5.5,
            Alert.OpenedBy.EVIDENCE,
            null);

    @Test
    void anAlertThatEndedSaysTheDayItWasBackInside() {
        Alert closed = OPEN.closed(LocalDate.of(2026, 6, 5), Alert.ClosedBecause.BACK_INSIDE);

        assertThat(notice(closed).text())
                .isEqualTo(
                        "Alert CLOSED: noise-residential/brooklyn, 4 anomalous days from 2026-06-01 to 2026-06-04"
                                + " (opened 2026-06-03, back inside on 2026-06-05), peak z 5.50, opened by evidence of a rise"
                                + " adding up: http://127.0.0.1:8080/explorer?complaintType=noise-residential&borough=brooklyn");
    }

    @Test
    void aSupersededAlertSaysSoInsteadOfBackInside() {
        Alert superseded = OPEN.closed(LocalDate.of(2026, 6, 10), Alert.ClosedBecause.SUPERSEDED);

        assertThat(notice(superseded).text())
                .contains("(opened 2026-06-03, closed on 2026-06-10, superseded: no longer derived under the current"
                        + " detection settings), peak z 5.50")
                .doesNotContain("back inside");
    }

    private static AlertNotice notice(Alert alert) {
        return AlertNotice.of(AnomalyAlert.of(AT, AnomalyAlert.Transition.CLOSED, alert), "{}", DASHBOARD);
    }
}
