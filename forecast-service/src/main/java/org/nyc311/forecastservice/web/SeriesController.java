package org.nyc311.forecastservice.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.util.List;
import java.util.Optional;
import org.nyc311.forecastservice.gold.GoldWarehouse;
import org.nyc311.model.series.Borough;
import org.nyc311.model.series.ComplaintType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The series catalog, read from gold. */
@RestController
@RequestMapping("/api/v1/series")
class SeriesController {

    private final GoldWarehouse gold;

    SeriesController(GoldWarehouse gold) {
        this.gold = gold;
    }

    @Operation(summary = "The series catalog, optionally filtered by complaint type and borough")
    @GetMapping
    List<ApiViews.SeriesView> series(
            @Parameter(description = "complaint type, as a key (noise-residential) or as spelled (Noise - Residential); 'all' for roll-ups")
            @RequestParam Optional<String> complaintType,
            @Parameter(description = "borough key: bronx, brooklyn, manhattan, queens, staten-island, unspecified, or 'all'")
            @RequestParam Optional<String> borough) {
        Optional<String> typeKey = complaintType.map(String::strip).filter(s -> !s.isEmpty()).map(SeriesController::typeKey);
        Optional<String> boroughKey = borough.map(String::strip).filter(s -> !s.isEmpty()).map(SeriesController::boroughKey);
        return gold.catalog(typeKey, boroughKey).stream()
                .map(e -> new ApiViews.SeriesView(e.seriesId(), e.level(), e.complaintTypeKey(), e.complaintType(), e.boroughKey(),
                        e.firstDate(), e.lastDate(), e.lastNonzeroDate(), e.meanCount(), e.days(), e.forecastable()))
                .toList();
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
