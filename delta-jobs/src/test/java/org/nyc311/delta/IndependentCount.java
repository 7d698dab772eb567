package org.nyc311.delta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts requests per New York local date with plain Java, independently of Spark: the latest version of
 * each unique_key (by :updated_at, then by order of reading), usable rows only.
 */
public final class IndependentCount {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Object[]> latest = new HashMap<>();
    private final Instant now;

    public IndependentCount(Instant now) {
        this.now = now;
    }

    public IndependentCount read(BufferedReader lines) throws IOException {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            JsonNode record;
            try {
                record = json.readTree(line);
            } catch (IOException notJson) {
                continue;
            }
            if (record == null || !record.isObject() || !record.hasNonNull("unique_key")) {
                continue;
            }
            LocalDateTime created;
            try {
                created = LocalDateTime.parse(record.path("created_date").asText());
            } catch (DateTimeParseException e) {
                continue;
            }
            if (created.atZone(NEW_YORK).toInstant().isAfter(now)) {
                continue;
            }
            String updated = record.path(":updated_at").asText("");
            Object[] previous = latest.get(record.get("unique_key").asText());
            if (previous == null || ((String) previous[1]).compareTo(updated) <= 0) {
                latest.put(record.get("unique_key").asText(), new Object[] {created.toLocalDate(), updated});
            }
        }
        return this;
    }

    public Map<LocalDate, Long> byDate() {
        Map<LocalDate, Long> counts = new TreeMap<>();
        latest.values().forEach(v -> counts.merge((LocalDate) v[0], 1L, Long::sum));
        return counts;
    }
}
