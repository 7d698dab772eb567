package org.nyc311.forecastservice.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.nyc311.api.common.DateParameter;
import org.nyc311.api.common.DateQueryParameter;
import org.nyc311.api.forecast.CrossValidation;
import org.nyc311.api.forecast.ForecastApi;
import org.nyc311.api.forecast.HistoryDay;
import org.nyc311.api.forecast.OnDemandRequest;
import org.nyc311.api.forecast.OnDemandView;
import org.nyc311.api.forecast.RunForecastsView;
import org.nyc311.api.forecast.StoredForecastView;
import org.nyc311.forecast.metrics.Accuracy;
import org.nyc311.forecastservice.config.ForecastProperties;
import org.nyc311.forecastservice.fit.OnDemandFits;
import org.nyc311.forecastservice.fit.SeriesFit;
import org.nyc311.forecastservice.fit.SeriesFitter;
import org.nyc311.forecastservice.gold.GoldReader;
import org.nyc311.forecastservice.gold.SeriesHistory;
import org.nyc311.forecastservice.run.ForecastRun;
import org.nyc311.forecastservice.run.ForecastRunRepository;
import org.nyc311.forecastservice.run.StoredSeriesForecast;
import org.nyc311.model.forecast.ForecastPoint;
import org.nyc311.model.series.SeriesKey;
import org.nyc311.service.web.ApiDates;
import org.nyc311.service.web.BadRequestException;
import org.springframework.web.bind.annotation.RestController;

/**
 * Forecasts: the newest stored one of a series, and on-demand ones fitted now. The paths and
 * parameters are {@link ForecastApi}'s, the contract its clients call; here are the checks and the
 * OpenAPI descriptions.
 */
@RestController
class ForecastController implements ForecastApi {

    /** A posted history longer than ten years is refused: it is no more informative and costs a lot to fit. */
    static final int MAX_HISTORY_DAYS = 3660;

    private final ForecastRunRepository runs;
    private final GoldReader gold;
    private final SeriesFitter fitter;
    private final ForecastProperties properties;
    private final ApiDates dates;
    private final OnDemandFits onDemandFits;

    ForecastController(
            ForecastRunRepository runs,
            GoldReader gold,
            SeriesFitter fitter,
            ForecastProperties properties,
            ApiDates dates,
            OnDemandFits onDemandFits) {
        this.runs = runs;
        this.gold = gold;
        this.fitter = fitter;
        this.properties = properties;
        this.dates = dates;
        this.onDemandFits = onDemandFits;
    }

    @Operation(
            summary =
                    "The newest stored forecast of a series (series id complaintType/borough, e.g. noise-residential/brooklyn)")
    @Override
    public StoredForecastView latest(
            String complaintType,
            String borough,
            @Parameter(
                            description =
                                    "days to return, from the first forecast day, 1 to nyc311.forecast.max-on-demand-horizon "
                                            + "(90); default: all stored",
                            schema = @Schema(type = "integer", minimum = "1", maximum = "90"))
                    @Nullable
                    Integer horizon,
            @Parameter(
                            description =
                                    "ISO yyyy-MM-dd: the newest forecast made before this day (its history ended earlier); "
                                            + "the forecast a day's actual is judged against; blank for none",
                            schema = @Schema(type = "string", pattern = DateParameter.PATTERN_OR_BLANK))
                    @Nullable
                    String madeBefore) {
        SeriesKey key = SeriesPath.key(complaintType, borough);
        Optional<LocalDate> before =
                Optional.ofNullable(madeBefore).filter(v -> !v.isBlank()).map(v -> dates.parse("madeBefore", v));
        if (horizon != null && (horizon < 1 || horizon > properties.maxOnDemandHorizon())) {
            throw new BadRequestException(
                    "horizon must be between 1 and " + properties.maxOnDemandHorizon() + ": " + horizon);
        }
        int limit = horizon == null ? properties.maxOnDemandHorizon() : horizon;
        StoredSeriesForecast stored = runs.latest(key.id(), limit, before)
                .orElseThrow(() -> new SeriesNotFoundException("no stored forecast for series '" + key.id() + "'"
                        + before.map(d -> " made before " + d).orElse("")));
        return new StoredForecastView(
                stored.seriesId(),
                stored.runId(),
                stored.model(),
                stored.mlflowRunId(),
                stored.goldVersion(),
                stored.historyEnd(),
                stored.points().size(),
                stored.points());
    }

    @Operation(summary = "Every series' forecast of one forecast run, with all its points: one request for a whole run")
    @Override
    public RunForecastsView ofRun(
            @Parameter(
                            description = "the forecast run id (ForecastsPublished's forecastRunId)",
                            schema = @Schema(type = "string", format = "uuid"))
                    String run) {
        UUID runId;
        try {
            runId = UUID.fromString(run.strip());
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("run must be a forecast run id (a UUID): " + run);
        }
        runs.find(runId)
                .filter(r -> r.status() == ForecastRun.Status.SUCCEEDED)
                .orElseThrow(() -> new SeriesNotFoundException("no succeeded forecast run " + runId));
        return new RunForecastsView(
                runId,
                runs.seriesWithPoints(runId).stream()
                        .map(s -> new StoredForecastView(
                                s.seriesId(),
                                s.runId(),
                                s.model(),
                                s.mlflowRunId(),
                                s.goldVersion(),
                                s.historyEnd(),
                                s.points().size(),
                                s.points()))
                        .toList());
    }

    /** A dashboard shows a season at most: longer ranges are refused rather than served slowly. */
    static final int MAX_PAST_DAYS = 400;

    @Operation(
            summary = "For each day from..to, the forecast that was current on its morning (the newest made from "
                    + "history that ended before it): what the day's actual is judged against")
    @Override
    public List<ForecastPoint> past(
            String complaintType,
            String borough,
            @DateQueryParameter("first day, ISO yyyy-MM-dd") String from,
            @DateQueryParameter("last day, ISO yyyy-MM-dd; at most " + MAX_PAST_DAYS + " days after from") String to) {
        SeriesKey key = SeriesPath.key(complaintType, borough);
        LocalDate first = dates.parse("from", from);
        LocalDate last = dates.parse("to", to);
        if (last.isBefore(first) || first.plusDays(MAX_PAST_DAYS).isBefore(last)) {
            throw new BadRequestException(
                    "from..to must be in order and at most " + MAX_PAST_DAYS + " days: " + from + ".." + to);
        }
        return runs.pastForecasts(key.id(), first, last);
    }

    @Operation(
            summary = "Fits a forecast now, for a series of gold (seriesId) or a posted history; horizon 1 to 90 days")
    @ApiResponse(responseCode = "200", description = "the forecast, fitted now")
    @ApiResponse(
            responseCode = "429",
            description =
                    "Too many forecasts at once: every on-demand fit is busy; try again " + "after Retry-After seconds")
    @Override
    public OnDemandView onDemand(OnDemandRequest request) {
        if (request == null) {
            throw new BadRequestException("a JSON body with seriesId or history, and horizon, is required");
        }
        int max = properties.maxOnDemandHorizon();
        if (request.horizon() == null || request.horizon() < 1 || request.horizon() > max) {
            throw new BadRequestException("horizon is required, between 1 and " + max + ": " + request.horizon());
        }
        boolean hasSeries = request.seriesId() != null && !request.seriesId().isBlank();
        boolean hasHistory = request.history() != null;
        if (hasSeries == hasHistory) {
            throw new BadRequestException("give exactly one of seriesId and history");
        }
        SeriesHistory history;
        if (hasSeries) {
            SeriesKey key = SeriesKey.parse(request.seriesId().strip());
            history = gold.history(key)
                    .orElseThrow(() -> new SeriesNotFoundException("gold has no series '" + key.id() + "'"));
        } else {
            history = posted(request.history());
            // the forecast runs past the history's end: a last day beyond the calendar's reach would overflow
            dates.require("history's first date", history.firstDate());
            dates.require("history's last date", history.lastDate());
        }
        // the series alone, without its parent: reading the parent too would add gold reads to every request
        SeriesFit fit = onDemandFits.run(() -> fitter.fitNow(history, request.horizon()));
        return new OnDemandView(
                hasSeries ? history.key().id() : null,
                fit.model(),
                fit.hyperparameters(),
                crossValidation(fit.crossValidation()),
                fit.historyStart(),
                fit.historyEnd(),
                fit.points());
    }

    /** A posted history: dates strictly increasing, counts finite and >= 0; days left out count as zero. */
    static SeriesHistory posted(List<HistoryDay> days) {
        if (days.isEmpty()) {
            throw new BadRequestException("history must have at least one day");
        }
        LocalDate first = null;
        LocalDate previous = null;
        for (int i = 0; i < days.size(); i++) {
            HistoryDay day = days.get(i);
            if (day == null || day.date() == null || day.count() == null) {
                throw new BadRequestException("history[" + i + "] needs a date and a count");
            }
            if (!Double.isFinite(day.count()) || day.count() < 0) {
                throw new BadRequestException("history[" + i + "].count must be a finite number >= 0: " + day.count());
            }
            if (previous != null && !day.date().isAfter(previous)) {
                throw new BadRequestException(
                        "history dates must be strictly increasing: " + day.date() + " after " + previous);
            }
            if (first == null) {
                first = day.date();
            }
            previous = day.date();
        }
        // days is not empty (checked above), so both are set
        long span = Objects.requireNonNull(previous).toEpochDay()
                - Objects.requireNonNull(first).toEpochDay()
                + 1;
        if (span > MAX_HISTORY_DAYS) {
            throw new BadRequestException("history may span at most " + MAX_HISTORY_DAYS + " days: " + span);
        }
        double[] counts = new double[(int) span];
        for (HistoryDay day : days) {
            counts[(int) (day.date().toEpochDay() - first.toEpochDay())] = day.count();
        }
        // posted histories carry no series of their own: they are named the citywide total only for typing
        return new SeriesHistory(SeriesKey.citywide(), first, counts);
    }

    static CrossValidation crossValidation(Accuracy a) {
        return new CrossValidation(
                finite(a.mape()), finite(a.wape()), finite(a.mase()), finite(a.coverage()), a.points());
    }

    private static @Nullable Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
