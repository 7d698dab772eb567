package org.nyc311.forecastservice.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.nyc311.api.common.BoroughFilterParameter;
import org.nyc311.api.common.ComplaintTypeFilterParameter;
import org.nyc311.api.common.DateParameter;
import org.nyc311.api.common.DateQueryParameter;
import org.nyc311.api.common.SeriesPathSegments;
import org.nyc311.api.forecast.DailyCountView;
import org.nyc311.api.forecast.SeriesApi;
import org.nyc311.api.forecast.SeriesHistoryView;
import org.nyc311.api.forecast.SeriesView;
import org.nyc311.forecastservice.gold.GoldReader;
import org.nyc311.model.series.Borough;
import org.nyc311.model.series.ComplaintType;
import org.nyc311.model.series.SeriesKey;
import org.nyc311.service.web.ApiDates;
import org.nyc311.service.web.BadRequestException;
import org.springframework.web.bind.annotation.RestController;

/** The series catalog and a series' actual daily counts, read from gold. */
@RestController
class SeriesController implements SeriesApi {

    /** Days of history served when {@code from} is not given: a quarter before {@code to}. */
    static final int DEFAULT_HISTORY_DAYS = 90;
    /** The widest window served at once: the history a training reads ({@code nyc311.gold.history-days}). */
    static final int MAX_HISTORY_YEARS = 3;

    private final GoldReader gold;
    private final ApiDates dates;

    SeriesController(GoldReader gold, ApiDates dates) {
        this.gold = gold;
        this.dates = dates;
    }

    @Operation(summary = "The series catalog, optionally filtered by complaint type and borough")
    @Override
    public List<SeriesView> series(
            @ComplaintTypeFilterParameter Optional<String> complaintType,
            @BoroughFilterParameter Optional<String> borough) {
        Optional<String> typeKey =
                complaintType.map(String::strip).filter(s -> !s.isEmpty()).map(SeriesController::typeKey);
        Optional<String> boroughKey =
                borough.map(String::strip).filter(s -> !s.isEmpty()).map(SeriesController::boroughKey);
        return gold.catalog(typeKey, boroughKey);
    }

    @Operation(
            summary =
                    "A series' actual daily counts from gold (series id complaintType/borough, e.g. noise-residential/brooklyn)")
    @Override
    public List<DailyCountView> history(
            String complaintType,
            String borough,
            @DateQueryParameter("first day, YYYY-MM-DD; default: 90 days before 'to'") @Nullable LocalDate from,
            @DateQueryParameter(
                            "last day, YYYY-MM-DD; default: the series' last day in gold; at most 3 years after 'from'")
                    @Nullable
                    LocalDate to) {
        SeriesKey key = SeriesPath.key(complaintType, borough);
        // a date the calendar holds may still be one no arithmetic below survives (+999999999-12-31)
        if (from != null) {
            dates.require("from", from);
        }
        if (to != null) {
            dates.require("to", to);
        }
        if (from != null && to != null) {
            checkWindow(from, to);
        }
        // the catalog says whether the series exists and where it ends, before any day is read
        SeriesView entry = gold.catalogEntry(key)
                .orElseThrow(() -> new SeriesNotFoundException("gold has no series '" + key.id() + "'"));
        // a catalogued series has days, so a last date
        LocalDate last = to != null ? to : Objects.requireNonNull(entry.lastDate());
        LocalDate first = from != null ? from : last.minusDays(DEFAULT_HISTORY_DAYS);
        checkWindow(first, last);
        return gold.dailyCounts(key, first, last).stream()
                .map(day -> new DailyCountView(day.date(), day.count()))
                .toList();
    }

    @Operation(
            summary = "Several series' actual daily counts from gold in one read (series ids complaintType/borough;"
                    + " a series gold lacks is left out)")
    @Override
    public List<SeriesHistoryView> histories(
            @Parameter(
                            description = "series ids, e.g. all/all and noise-residential/brooklyn; 1 to 50",
                            array =
                                    @ArraySchema(
                                            minItems = 1,
                                            maxItems = MAX_SERIES_PER_READ,
                                            schema = @Schema(type = "string", pattern = SeriesPathSegments.SERIES_ID)))
                    List<String> series,
            @DateQueryParameter("first day, " + DateParameter.DESCRIPTION) LocalDate from,
            @DateQueryParameter("last day, " + DateParameter.DESCRIPTION + "; at most 3 years after 'from'")
                    LocalDate to) {
        if (series.isEmpty() || series.size() > MAX_SERIES_PER_READ) {
            throw new BadRequestException(
                    "series must name 1 to " + MAX_SERIES_PER_READ + " series, named " + series.size());
        }
        dates.require("from", from);
        dates.require("to", to);
        checkWindow(from, to);
        List<SeriesKey> keys = series.stream().map(SeriesKey::parse).distinct().toList();
        return gold.dailyCounts(keys, from, to).entrySet().stream()
                .map(e -> new SeriesHistoryView(
                        e.getKey(),
                        e.getValue().stream()
                                .map(day -> new DailyCountView(day.date(), day.count()))
                                .toList()))
                .toList();
    }

    private static void checkWindow(LocalDate from, LocalDate to) {
        if (from.isAfter(to)) {
            throw new BadRequestException("from must not be after to: " + from + " > " + to);
        }
        if (from.plusYears(MAX_HISTORY_YEARS).isBefore(to)) {
            throw new BadRequestException(
                    "from and to may be at most " + MAX_HISTORY_YEARS + " years apart: " + from + " to " + to);
        }
    }

    static String typeKey(String raw) {
        String key = ComplaintType.keyOf(raw);
        if (key.isEmpty()) {
            throw new BadRequestException("complaintType has no letters or digits: '" + raw + "'");
        }
        return key;
    }

    static String boroughKey(String raw) {
        String lower = raw.toLowerCase(java.util.Locale.ROOT);
        return "all".equals(lower) ? "all" : Borough.fromKey(lower).key();
    }
}
