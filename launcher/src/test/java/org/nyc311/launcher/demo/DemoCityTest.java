package org.nyc311.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nyc311.model.series.Borough;
import org.nyc311.model.series.ComplaintType;
import org.nyc311.model.series.SeriesKey;

class DemoCityTest {

    private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 11, 29, 9, 30, 0, 0, ZoneId.of("America/New_York"));
    private static final LocalDate TODAY = NOW.toLocalDate();

    @Test
    void theHistoryEndsWhereTheLatestBatchBeginsAndNothingIsCreatedAfterNow(@TempDir Path folder) throws Exception {
        List<Path> files = new DemoCity().write(folder, NOW, 7L);
        assertThat(files)
                .extracting(f -> f.getFileName().toString())
                .containsExactly(DemoCity.HISTORY_FILE, DemoCity.LATEST_FILE);

        List<JsonNode> history = read(files.get(0));
        List<JsonNode> latest = read(files.get(1));
        assertThat(history.stream().map(DemoCityTest::createdDay).min(LocalDate::compareTo))
                .contains(TODAY.minusDays(DemoCity.HISTORY_DAYS));
        assertThat(history.stream().map(DemoCityTest::createdDay).max(LocalDate::compareTo))
                .contains(TODAY.minusDays(6));
        assertThat(latest.stream().map(DemoCityTest::createdDay).min(LocalDate::compareTo))
                .contains(TODAY.minusDays(5));
        assertThat(latest.stream().map(DemoCityTest::createdDay).max(LocalDate::compareTo))
                .contains(TODAY);
        assertThat(latest)
                .allSatisfy(r ->
                        assertThat(created(r)).isBefore(NOW.toLocalDateTime().minusMinutes(15)));

        Set<String> keys = new HashSet<>();
        List<JsonNode> all = new ArrayList<>(history);
        all.addAll(latest);
        all.forEach(r -> keys.add(r.path("unique_key").asText()));
        assertThat(keys).as("unique keys across both batches").hasSize(all.size());
        assertThat(all).allSatisfy(r -> {
            assertThat(r.path("latitude").asDouble()).isBetween(40.49, 40.92);
            assertThat(r.path("longitude").asDouble()).isBetween(-74.26, -73.69);
            if (r.has("closed_date")) {
                assertThat(LocalDateTime.parse(r.path("closed_date").asText()))
                        .isAfter(created(r))
                        .isBefore(NOW.toLocalDateTime());
            }
        });
    }

    @Test
    void brooklynNoiseRunsAtThreeTimesItsLevelOnTheSpikeDaysOnly(@TempDir Path folder) throws Exception {
        List<Path> files = new DemoCity().write(folder, NOW, 7L);
        Map<LocalDate, Integer> noise = new TreeMap<>();
        List<JsonNode> all = new ArrayList<>(read(files.get(0)));
        all.addAll(read(files.get(1)));
        for (JsonNode r : all) {
            String series = SeriesKey.of(
                            ComplaintType.keyOf(r.path("complaint_type").asText()),
                            Borough.fromSource(r.path("borough").asText()))
                    .id();
            if (series.equals(DemoCity.SPIKING_SERIES)) {
                noise.merge(createdDay(r), 1, Integer::sum);
            }
        }
        LocalDate spikeStart = TODAY.minusDays(DemoCity.SPIKE_DAYS);
        for (LocalDate day = spikeStart; day.isBefore(TODAY); day = day.plusDays(1)) {
            double usual = DemoCity.expected(DemoCity.SPIKING_SERIES, day, false);
            assertThat(noise.get(day)).as(day.toString()).isGreaterThan((int) (2.2 * usual));
        }
        for (LocalDate day = TODAY.minusDays(40); day.isBefore(spikeStart); day = day.plusDays(1)) {
            double usual = DemoCity.expected(DemoCity.SPIKING_SERIES, day, false);
            assertThat(noise.get(day)).as(day.toString()).isBetween((int) (0.5 * usual), (int) (1.6 * usual));
        }
    }

    @Test
    void theSameMomentAndSeedWriteTheSameBatches(@TempDir Path one, @TempDir Path two) throws Exception {
        List<Path> first = new DemoCity().write(one, NOW, 7L);
        List<Path> second = new DemoCity().write(two, NOW, 7L);
        assertThat(read(first.get(0))).isEqualTo(read(second.get(0)));
        assertThat(read(first.get(1))).isEqualTo(read(second.get(1)));
    }

    private static List<JsonNode> read(Path gz) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> records = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(new GZIPInputStream(Files.newInputStream(gz)), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                records.add(json.readTree(line));
            }
        }
        return records;
    }

    private static LocalDateTime created(JsonNode record) {
        return LocalDateTime.parse(record.path("created_date").asText());
    }

    private static LocalDate createdDay(JsonNode record) {
        return created(record).toLocalDate();
    }
}
