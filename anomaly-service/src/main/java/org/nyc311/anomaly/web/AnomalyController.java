package org.nyc311.anomaly.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.nyc311.anomaly.store.AlertReview;
import org.nyc311.anomaly.store.AnomalyQuery;
import org.nyc311.anomaly.store.AnomalyRepository;
import org.nyc311.api.anomaly.AcknowledgementRequest;
import org.nyc311.api.anomaly.AcknowledgementView;
import org.nyc311.api.anomaly.AlertView;
import org.nyc311.api.anomaly.AnomalyApi;
import org.nyc311.api.anomaly.AnomalyView;
import org.nyc311.api.anomaly.CheckView;
import org.nyc311.api.anomaly.LabelPrecisionView;
import org.nyc311.api.anomaly.LabelRequest;
import org.nyc311.api.anomaly.LabelView;
import org.nyc311.api.anomaly.RulePrecisionView;
import org.nyc311.api.common.BoroughFilterParameter;
import org.nyc311.api.common.ComplaintTypeFilterParameter;
import org.nyc311.api.common.DateParameter;
import org.nyc311.model.anomaly.Alert;
import org.nyc311.model.anomaly.Anomaly;
import org.nyc311.model.series.Borough;
import org.nyc311.model.series.ComplaintType;
import org.nyc311.service.web.ApiDates;
import org.nyc311.service.web.BadRequestException;
import org.nyc311.service.web.ConflictException;
import org.nyc311.service.web.NotFoundException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.RestController;

/**
 * Recorded anomalies and alerts, and analysts' acknowledgements and labels of alerts. Parameters are taken as strings and checked here, so that every bad
 * value is a 400 problem detail that names it, never a 500. The paths and parameters are
 * {@link AnomalyApi}'s, the contract the dashboard calls.
 */
@RestController
class AnomalyController implements AnomalyApi {

    /** Answers are capped: a dashboard pages by date range, it does not need the whole table at once. */
    static final int MAX_ROWS = 5000;

    /** Why a write names its actor in its body, for the OpenAPI descriptions of the writes. */
    private static final String ACTOR_UNTIL_AUTHENTICATED =
            "The services do not authenticate yet; it becomes the token's subject when they do.";

    /** spike or drop in any case, or blank for both: what {@link #anomalies} reads, stated for the OpenAPI document. */
    static final String DIRECTION = "^\\s*([sS][pP][iI][kK][eE]|[dD][rR][oO][pP])?\\s*$";
    /** open or closed in any case, or blank for both: what {@link #alerts} reads. */
    static final String STATUS = "^\\s*([oO][pP][eE][nN]|[cC][lL][oO][sS][eE][dD])?\\s*$";
    /** A label's note: enough for a reason, not a document. */
    static final int MAX_NOTE = 2000;

    static final int MAX_ACTOR = 200;
    static final int DEFAULT_PRECISION_DAYS = 90;

    private final AnomalyRepository repository;
    private final ApiDates dates;
    private final Clock clock;

    AnomalyController(AnomalyRepository repository, ApiDates dates, ObjectProvider<Clock> clock) {
        this.repository = repository;
        this.dates = dates;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @Operation(
            summary =
                    "Anomalies (spikes and drops), newest first, optionally filtered by date range, series and severity")
    @Override
    public List<AnomalyView> anomalies(
            @Parameter(
                            description = "first day, ISO yyyy-MM-dd",
                            schema = @Schema(type = "string", pattern = DateParameter.PATTERN_OR_BLANK))
                    Optional<String> from,
            @Parameter(
                            description = "last day, ISO yyyy-MM-dd; not before from",
                            schema = @Schema(type = "string", pattern = DateParameter.PATTERN_OR_BLANK))
                    Optional<String> to,
            @ComplaintTypeFilterParameter Optional<String> complaintType,
            @BoroughFilterParameter Optional<String> borough,
            @Parameter(
                            description = "smallest absolute robust z-score, >= 0",
                            schema = @Schema(type = "number", minimum = "0"))
                    Optional<String> minSeverity,
            @Parameter(
                            description = "spike or drop (default: both)",
                            schema = @Schema(type = "string", pattern = DIRECTION))
                    Optional<String> direction) {
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
        return repository
                .anomalies(new AnomalyQuery(fromDate, toDate, typeKey, boroughKey, severity, wanted, MAX_ROWS))
                .stream()
                .map(AnomalyView::of)
                .toList();
    }

    @Operation(summary = "Alerts, newest first; status open or closed (default: both)")
    @Override
    public List<AlertView> alerts(
            @Parameter(description = "open or closed", schema = @Schema(type = "string", pattern = STATUS))
                    Optional<String> status) {
        Optional<Alert.Status> wanted = present(status).map(value -> switch (value.toLowerCase(Locale.ROOT)) {
            case "open" -> Alert.Status.OPEN;
            case "closed" -> Alert.Status.CLOSED;
            default -> throw new BadRequestException("status must be open or closed: '" + value + "'");
        });
        List<Alert> found = repository.alerts(wanted, MAX_ROWS);
        Map<UUID, AlertReview> reviews =
                repository.reviews(found.stream().map(Alert::id).toList());
        return found.stream()
                .map(a -> view(a, reviews.getOrDefault(a.id(), AlertReview.NONE)))
                .toList();
    }

    @Operation(
            summary = "Acknowledge an alert: the first acknowledgement stands (409 after it)",
            description = "actor: who acknowledges. " + ACTOR_UNTIL_AUTHENTICATED)
    @Override
    public AlertView acknowledge(UUID id, AcknowledgementRequest request) {
        String actor = actor(request == null ? null : request.actor());
        Alert alert = alert(id);
        if (!repository.acknowledge(id, actor, clock.instant())) {
            // refused because one is recorded already
            AlertReview.Acknowledgement first =
                    Objects.requireNonNull(review(id).acknowledgement());
            throw new ConflictException(
                    "Alert already acknowledged",
                    "alert " + id + " was acknowledged by " + first.actor() + " at " + first.at(),
                    Map.of(
                            "acknowledgedBy",
                            first.actor(),
                            "acknowledgedAt",
                            first.at().toString()));
        }
        return view(alert, review(id));
    }

    @Operation(
            summary = "Label an alert REAL or FALSE with a note: a new entry of its label history",
            description = "actor: who labels. " + ACTOR_UNTIL_AUTHENTICATED)
    @Override
    public AlertView label(UUID id, LabelRequest request) {
        if (request == null) {
            throw new BadRequestException("a label needs a body: verdict, note, actor");
        }
        AlertReview.Verdict verdict = verdict(request.verdict());
        String note = request.note() == null ? "" : request.note().strip();
        if (note.length() > MAX_NOTE) {
            throw new BadRequestException("note must be at most " + MAX_NOTE + " characters: " + note.length());
        }
        String actor = actor(request.actor());
        Alert alert = alert(id);
        AlertReview.Label current = review(id).label();
        if (current != null && current.verdict() == verdict && current.note().equals(note)) {
            throw new ConflictException(
                    "Alert already labelled so",
                    "alert " + id + " is labelled " + verdict + " with this note by " + current.actor() + " at "
                            + current.at() + "; nothing would change");
        }
        repository.label(id, new AlertReview.Label(verdict, note, actor, clock.instant()));
        return view(alert, review(id));
    }

    @Operation(summary = "An alert's label history, oldest first; the last is its current label")
    @Override
    public List<LabelView> labels(UUID id) {
        alert(id);
        return repository.labels(id).stream().map(AnomalyController::view).toList();
    }

    @Operation(summary = "The labelled precision of the alerts opened in the last days: real / labelled")
    @Override
    public LabelPrecisionView precision(
            @Parameter(description = "window in days, 1-3650 (default 90)") Optional<String> days) {
        int window = present(days)
                .map(value -> {
                    try {
                        return Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        throw new BadRequestException("days must be a whole number: '" + value + "'");
                    }
                })
                .orElse(DEFAULT_PRECISION_DAYS);
        if (window < 1 || window > 3650) {
            throw new BadRequestException("days must be between 1 and 3650: " + window);
        }
        LocalDate today = dates.today();
        // the window holds `window` days, today included
        LocalDate from = today.minusDays(window - 1L);
        Map<Alert.OpenedBy, AlertReview.Precision> byRule = repository.precisionByRule(from);
        AlertReview.Precision counts = AlertReview.Precision.total(byRule.values());
        return new LabelPrecisionView(
                from,
                today,
                counts.opened(),
                counts.labelled(),
                counts.real(),
                share(counts),
                byRule.entrySet().stream()
                        .map(rule -> new RulePrecisionView(
                                rule.getKey().tag(),
                                rule.getValue().opened(),
                                rule.getValue().labelled(),
                                rule.getValue().real(),
                                share(rule.getValue())))
                        .toList());
    }

    /** real / labelled; null when none is labelled. */
    private static @Nullable Double share(AlertReview.Precision counts) {
        return counts.labelled() == 0 ? null : (double) counts.real() / counts.labelled();
    }

    private Alert alert(UUID id) {
        return repository.findAlert(id).orElseThrow(() -> new NotFoundException("Unknown alert", "no alert " + id));
    }

    private AlertReview review(UUID id) {
        return repository.reviews(List.of(id)).getOrDefault(id, AlertReview.NONE);
    }

    private static AlertView view(Alert alert, AlertReview review) {
        AlertReview.Acknowledgement ack = review.acknowledgement();
        return AlertView.of(
                alert,
                ack == null ? null : new AcknowledgementView(ack.actor(), ack.at()),
                review.label() == null ? null : view(review.label()));
    }

    private static LabelView view(AlertReview.Label label) {
        return new LabelView(label.verdict().name(), label.note(), label.actor(), label.at());
    }

    static String actor(@Nullable String raw) {
        String actor = raw == null ? "" : raw.strip();
        if (actor.isEmpty()) {
            throw new BadRequestException("actor must name who does this (not blank)");
        }
        if (actor.length() > MAX_ACTOR) {
            throw new BadRequestException("actor must be at most " + MAX_ACTOR + " characters: " + actor.length());
        }
        return actor;
    }

    static AlertReview.Verdict verdict(String raw) {
        String value = raw == null ? "" : raw.strip().toUpperCase(Locale.ROOT);
        return switch (value) {
            case "REAL" -> AlertReview.Verdict.REAL;
            case "FALSE" -> AlertReview.Verdict.FALSE;
            default -> throw new BadRequestException("verdict must be REAL or FALSE: '" + raw + "'");
        };
    }

    @Operation(summary = "The newest checks: each ForecastsPublished judged, with the days checked and what it found")
    @Override
    public List<CheckView> checks(
            @Parameter(
                            description = "how many, 1-500 (default 50)",
                            schema = @Schema(type = "integer", minimum = "1", maximum = "500"))
                    Optional<String> limit) {
        int rows = present(limit)
                .map(value -> {
                    try {
                        return Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        throw new BadRequestException("limit must be a whole number: '" + value + "'");
                    }
                })
                .orElse(50);
        if (rows < 1 || rows > 500) {
            throw new BadRequestException("limit must be between 1 and 500: " + rows);
        }
        return repository.recentChecks(rows).stream()
                .map(AnomalyController::view)
                .toList();
    }

    private static CheckView view(AnomalyRepository.RecordedCheck c) {
        return new CheckView(
                c.eventId(),
                c.forecastRunId(),
                c.processedAt(),
                c.lastActualDate(),
                c.forecastsStored(),
                c.daysChecked(),
                c.anomalies(),
                c.alertsOpened(),
                c.alertsClosed());
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
