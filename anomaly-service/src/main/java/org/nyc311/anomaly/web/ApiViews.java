package org.nyc311.anomaly.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.UUID;
import org.nyc311.anomaly.store.AnomalyRepository;
import org.nyc311.model.anomaly.Alert;
import org.nyc311.model.anomaly.Anomaly;

/** The JSON shapes of the REST API. */
final class ApiViews {

    private ApiViews() {
    }

    @Schema(description = "A day outside the interval forecast for it before it happened; severity is the robust z-score")
    record AnomalyView(String seriesId, String complaintType, String borough, LocalDate date, long actual, double yhat,
            double lower, double upper, double zScore, String direction, String forecastRunId) {

        static AnomalyView of(Anomaly a) {
            return new AnomalyView(a.series().id(), a.series().complaintTypeKey().orElse("all"),
                    a.series().borough().map(b -> b.key()).orElse("all"), a.date(), a.actual(), a.yhat(), a.lower(), a.upper(),
                    a.zScore(), a.direction().name(), a.forecastRunId());
        }
    }

    @Schema(description = "One episode of anomalous days: opened on the day the run reached the threshold, closed when back inside")
    record AlertView(UUID alertId, String seriesId, String status, LocalDate episodeStart, LocalDate openedOn,
            LocalDate lastAnomalousDate, LocalDate closedOn, int anomalousDays, double peakZScore) {

        static AlertView of(Alert a) {
            return new AlertView(a.id(), a.series().id(), a.status().name().toLowerCase(java.util.Locale.ROOT), a.episodeStart(),
                    a.openedOn(), a.lastAnomalousDate(), a.closedOn(), a.anomalousDays(), a.peakZScore());
        }
    }

    @Schema(description = "One ForecastsPublished judged: the forecast run it named, the last day with actuals, and what was found")
    record CheckView(UUID eventId, String forecastRunId, java.time.Instant processedAt, LocalDate lastActualDate,
            Integer forecastsStored, Integer daysChecked, Integer anomalies, Integer alertsOpened, Integer alertsClosed) {

        static CheckView of(AnomalyRepository.RecordedCheck c) {
            return new CheckView(c.eventId(), c.forecastRunId(), c.processedAt(), c.lastActualDate(), c.forecastsStored(),
                    c.daysChecked(), c.anomalies(), c.alertsOpened(), c.alertsClosed());
        }
    }
}
