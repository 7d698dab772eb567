package org.nyc311.anomaly.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.nyc311.anomaly.store.AnomalyQuery;
import org.nyc311.anomaly.store.AnomalyRepository;
import org.nyc311.api.anomaly.AlertView;
import org.nyc311.api.anomaly.AnomalyApi;
import org.nyc311.api.anomaly.AnomalyView;
import org.nyc311.api.anomaly.CheckView;
import org.nyc311.api.common.DateParameter;
import org.nyc311.api.common.SeriesPathSegments;
import org.nyc311.model.anomaly.Alert;
import org.nyc311.model.anomaly.Anomaly;
import org.nyc311.model.series.Borough;
import org.nyc311.model.series.ComplaintType;
import org.nyc311.service.web.ApiDates;
import org.nyc311.service.web.BadRequestException;
import org.springframework.web.bind.annotation.RestController;

/**
 * Recorded anomalies and alerts. Parameters are taken as strings and checked here, so that every bad
 * value is a 400 problem detail that names it, never a 500. The paths and parameters are
 * {@link AnomalyApi}'s, the contract the dashboard calls.
 */
@RestController
class AnomalyController implements AnomalyApi {

    /** Answers are capped: a dashboard pages by date range, it does not need the whole table at once. */
    static final int MAX_ROWS = 5000;

    /** spike or drop in any case, or blank for both: what {@link #anomalies} reads, stated for the OpenAPI document. */
    static final String DIRECTION = "^\\s*([sS][pP][iI][kK][eE]|[dD][rR][oO][pP])?\\s*$";
    /** open or closed in any case, or blank for both: what {@link #alerts} reads. */
    static final String STATUS = "^\\s*([oO][pP][eE][nN]|[cC][lL][oO][sS][eE][dD])?\\s*$";

    private final AnomalyRepository repository;
    private final ApiDates dates;

    AnomalyController(AnomalyRepository repository, ApiDates dates) {
        this.repository = repository;
        this.dates = dates;
    }

    @Operation(summary = "Anomalies (spikes and drops), newest first, optionally filtered by date range, series and severity")
    @Override
    public List<AnomalyView> anomalies(
            @Parameter(description = "first day, ISO yyyy-MM-dd", schema = @Schema(type = "string", pattern = DateParameter.PATTERN_OR_BLANK)) Optional<String> from,
            @Parameter(description = "last day, ISO yyyy-MM-dd; not before from", schema = @Schema(type = "string", pattern = DateParameter.PATTERN_OR_BLANK)) Optional<String> to,
            @Parameter(description = "complaint type key (noise-residential) or as spelled (Noise - Residential); 'all' for roll-ups",
                    schema = @Schema(pattern = SeriesPathSegments.COMPLAINT_TYPE_FILTER)) Optional<String> complaintType,
            @Parameter(description = "borough key: bronx, brooklyn, manhattan, queens, staten-island, unspecified, or 'all'",
                    schema = @Schema(pattern = SeriesPathSegments.BOROUGH_OR_BLANK)) Optional<String> borough,
            @Parameter(description = "smallest absolute robust z-score, >= 0",
                    schema = @Schema(type = "number", minimum = "0")) Optional<String> minSeverity,
            @Parameter(description = "spike or drop (default: both)",
                    schema = @Schema(type = "string", pattern = DIRECTION)) Optional<String> direction) {
        // inside the served range, or PostgreSQL would refuse the date (a 500) instead of the API (a 400)
        Optional<LocalDate> fromDate = present(from).map(v -> dates.parse("from", v));
        Optional<LocalDate> toDate = present(to).map(v -> dates.parse("to", v));
        if (fromDate.isPresent() && toDate.isPresent() && fromDate.get().isAfter(toDate.get())) {
            throw new BadRequestException("from (" + fromDate.get() + ") is after to (" + toDate.get() + ")");
        }
        Optional<String> typeKey = present(complaintType).map(AnomalyController::typeKey);
        Optional<String> boroughKey = present(borough).map(AnomalyController::boroughKey);
        Optional<Double> severity = present(minSeverity).map(AnomalyController::severity);
        Optional<Anomaly.Direction> wanted = present(direction).map(value -> switch (value.toLowerCase(Locale.ROOT)) {
            case "spike" -> Anomaly.Direction.SPIKE;
            case "drop" -> Anomaly.Direction.DROP;
            default -> throw new BadRequestException("direction must be spike or drop: '" + value + "'");
        });
        return repository.anomalies(new AnomalyQuery(fromDate, toDate, typeKey, boroughKey, severity, wanted, MAX_ROWS)).stream()
                .map(AnomalyView::of).toList();
    }

    @Operation(summary = "Alerts, newest first; status open or closed (default: both)")
    @Override
    public List<AlertView> alerts(@Parameter(description = "open or closed",
            schema = @Schema(type = "string", pattern = STATUS)) Optional<String> status) {
        Optional<Alert.Status> wanted = present(status).map(value -> switch (value.toLowerCase(Locale.ROOT)) {
            case "open" -> Alert.Status.OPEN;
            case "closed" -> Alert.Status.CLOSED;
            default -> throw new BadRequestException("status must be open or closed: '" + value + "'");
        });
        return repository.alerts(wanted, MAX_ROWS).stream().map(AlertView::of).toList();
    }

    @Operation(summary = "The newest checks: each ForecastsPublished judged, with the days checked and what it found")
    @Override
    public List<CheckView> checks(@Parameter(description = "how many, 1-500 (default 50)",
            schema = @Schema(type = "integer", minimum = "1", maximum = "500")) Optional<String> limit) {
        int rows = present(limit).map(value -> {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new BadRequestException("limit must be a whole number: '" + value + "'");
            }
        }).orElse(50);
        if (rows < 1 || rows > 500) {
            throw new BadRequestException("limit must be between 1 and 500: " + rows);
        }
        return repository.recentChecks(rows).stream().map(AnomalyController::view).toList();
    }

    private static CheckView view(AnomalyRepository.RecordedCheck c) {
        return new CheckView(c.eventId(), c.forecastRunId(), c.processedAt(), c.lastActualDate(), c.forecastsStored(),
                c.daysChecked(), c.anomalies(), c.alertsOpened(), c.alertsClosed());
    }

    private static Optional<String> present(Optional<String> value) {
        return value.map(String::strip).filter(v -> !v.isEmpty());
    }

    static double severity(String value) {
        double severity;
        try {
            severity = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new BadRequestException("minSeverity must be a number: '" + value + "'");
        }
        if (!Double.isFinite(severity) || severity < 0) {
            throw new BadRequestException("minSeverity must be a finite number >= 0: " + value);
        }
        return severity;
    }

    static String typeKey(String raw) {
        if ("all".equalsIgnoreCase(raw)) {
            return "all";
        }
        String key = ComplaintType.keyOf(raw);
        if (key.isEmpty()) {
            throw new BadRequestException("complaintType has no letters or digits: '" + raw + "'");
        }
        return key;
    }

    static String boroughKey(String raw) {
        String lower = raw.toLowerCase(Locale.ROOT);
        return "all".equals(lower) ? "all" : Borough.fromKey(lower).key();
    }
}
