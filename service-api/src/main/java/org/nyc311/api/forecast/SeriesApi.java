package org.nyc311.api.forecast;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.nyc311.api.common.SeriesPathSegments;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;

/** The series catalog and a series' actual daily counts, read from gold. */
public interface SeriesApi {

    /** The catalog, optionally filtered by complaint type (key or as spelled, or 'all') and borough key (or 'all'). */
    @GetExchange("/api/v1/series")
    List<SeriesView> series(
            @RequestParam(name = "complaintType", required = false) Optional<String> complaintType,
            @RequestParam(name = "borough", required = false) Optional<String> borough);

    /** A series' actual daily counts; {@code from} and {@code to} may be null (a quarter before the series' last day). */
    @GetExchange("/api/v1/series/{complaintType}/{borough}/history")
    List<DailyCountView> history(
            @Parameter(
                            description = "a complaint type's key, or all",
                            schema = @Schema(pattern = SeriesPathSegments.COMPLAINT_TYPE))
                    @PathVariable("complaintType")
                    String complaintType,
            @Parameter(description = "a borough's key, or all", schema = @Schema(pattern = SeriesPathSegments.BOROUGH))
                    @PathVariable("borough")
                    String borough,
            @RequestParam(name = "from", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable
                    LocalDate from,
            @RequestParam(name = "to", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable
                    LocalDate to);

    /**
     * Several series' actual daily counts from {@code from} to {@code to}, in one read of gold (a view that draws
     * many series asks once, not once per series). Up to {@value #MAX_SERIES_PER_READ} series; a series gold lacks
     * is left out of the answer.
     */
    @GetExchange("/api/v1/series/histories")
    List<SeriesHistoryView> histories(
            @RequestParam(name = "series") List<String> series,
            @RequestParam(name = "from") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(name = "to") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to);

    /** The most series one {@link #histories} read serves. */
    int MAX_SERIES_PER_READ = 50;
}
