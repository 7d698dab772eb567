package org.nyc311.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nyc311.launcher.Nyc311;
import org.nyc311.launcher.ReactorJars;
import org.nyc311.model.series.Borough;
import org.nyc311.model.series.ComplaintType;
import org.nyc311.testsupport.mlflow.MlflowInstallation;

/** The city-sized feed at its full daily volume, over a few days: a smoke test fast enough for every build. */
class CityFeedTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CityMix MIX = CityMix.load(JSON);
    /** Days next to the sample's, so that the learnt borough shares apply without the yearly cycle's shift. */
    private static final LocalDate LAST = LocalDate.of(2026, 5, 24);

    private static final int DAYS = 4;
    private static final Pattern FLOATING = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.000");
    private static final Pattern SYSTEM_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");

    @Test
    void aFewDaysAtCityScaleHaveTheCitysVolumeTypesAndBoroughsInReplayableFiles(@TempDir Path folder) throws Exception {
        StringWriter console = new StringWriter();
        int exit = Nyc311.commandLine()
                .setOut(new PrintWriter(console))
                .execute(
                        "demo-city",
                        "--scale",
                        "nyc",
                        "--days",
                        Integer.toString(DAYS),
                        "--to",
                        LAST.toString(),
                        "--seed",
                        "17",
                        "--output",
                        folder.toString());
        assertThat(exit).as(console.toString()).isZero();

        List<Path> files = feedFiles(folder);
        assertThat(files)
                .extracting(f -> f.getFileName().toString())
                .containsExactly(
                        "backfill_2026-05-21_2026-05-21.jsonl.gz",
                        "day_2026-05-22.jsonl.gz",
                        "day_2026-05-23.jsonl.gz",
                        "day_2026-05-24.jsonl.gz");
        CityFeed feed = new CityFeed(MIX, DaysOff.newYorkCity(), 17);
        Map<LocalDate, Integer> perDay = new TreeMap<>();
        Map<String, Integer> boroughs = new HashMap<>();
        Set<String> types = new HashSet<>();
        Set<String> keys = new HashSet<>();
        Set<String> ids = new HashSet<>();
        long records = 0;
        for (Path file : files) {
            LocalDate fileDay = LocalDate.parse(
                    file.getFileName().toString().replaceAll(".*(\\d{4}-\\d{2}-\\d{2})\\.jsonl\\.gz", "$1"));
            LocalDateTime asOf = fileDay.plusDays(1).atTime(3, 0);
            for (JsonNode record : read(file)) {
                records++;
                assertReadsAsTheFeed(record, asOf);
                LocalDateTime created =
                        LocalDateTime.parse(record.get("created_date").asText());
                perDay.merge(created.toLocalDate(), 1, Integer::sum);
                assertThat(created.toLocalDate()).isEqualTo(fileDay);
                boroughs.merge(record.get("borough").asText(), 1, Integer::sum);
                types.add(ComplaintType.fromSource(record.get("complaint_type").asText())
                        .key());
                keys.add(record.get("unique_key").asText());
                ids.add(record.get(":id").asText());
            }
        }
        assertThat(keys).as("unique keys").hasSize((int) records);
        assertThat(ids).as(":id values").hasSize((int) records);
        assertThat(perDay).hasSize(DAYS);
        perDay.forEach((day, count) -> {
            double expected = feed.expected(day);
            assertThat(expected).as("expected on " + day).isBetween(7_500.0, 11_000.0);
            assertThat((double) count).as(day.toString()).isCloseTo(expected, within(5 * Math.sqrt(expected)));
        });
        assertThat(types).as("complaint types in %d days", DAYS).hasSizeGreaterThan(110);
        double total = MIX.source().records();
        assertThat(boroughs).containsOnlyKeys(MIX.boroughs().keySet());
        long all = records;
        MIX.boroughs()
                .forEach((borough, learnt) -> assertThat(boroughs.get(borough) / (double) all)
                        .as(borough)
                        .isCloseTo(learnt / total, within(0.015)));
        assertThat(console.toString()).contains("backfill_2026-05-21_2026-05-21.jsonl.gz", "day_2026-05-24.jsonl.gz");
    }

    /**
     * The project's own reader takes every record: a generated day through the ingest service's file
     * source (its jar in one-shot mode, as {@code ./nyc311 ingest} runs it) lands as many records as the
     * file holds, in pages of the size asked for.
     */
    @Test
    void theIngestServiceReadsEveryRecordOfADay(@TempDir Path work) throws Exception {
        Path root = MlflowInstallation.projectRoot();
        ReactorJars.assumeBuilt(root, "ingest-service");
        ReactorJars.openToPostgres(work);
        List<CityFeed.FeedFile> files =
                new CityFeed(MIX, DaysOff.newYorkCity(), 23).write(work.resolve("feed"), LAST, LAST, 0, (d, n) -> {});
        CityFeed.FeedFile day = files.get(0);
        StringWriter console = new StringWriter();

        int exit = Nyc311.commandLine()
                .setOut(new PrintWriter(console, true))
                .execute(
                        "ingest",
                        "--source",
                        day.path().toString(),
                        "--workdir",
                        work.resolve("lake").toString(),
                        "--page-size",
                        "5000",
                        "--project-root",
                        root.toString());

        assertThat(exit).as(console.toString()).isZero();
        assertThat(console.toString()).contains("records=" + day.records() + " ");
        assertThat(day.records()).isGreaterThan(5000);
        assertThat(console.toString()).contains("part 00001 landed: " + (day.records() - 5000) + " records");
    }

    /** The long tail: over a year the rare types turn up too, and the year averages the city's daily volume. */
    @Test
    void aYearOfCountsHoldsAtLeast150TypesAndAboutNineThousandRequestsADay() {
        CityFeed feed = new CityFeed(MIX, DaysOff.newYorkCity(), 311);
        assertThat(feed.complaintTypes()).isGreaterThanOrEqualTo(150);
        Set<String> seen = new HashSet<>();
        long total = 0;
        int noiseInJuly = 0;
        int noiseInJanuary = 0;
        int heatInJanuary = 0;
        int heatInJuly = 0;
        for (LocalDate day = LocalDate.of(2025, 6, 1); day.isBefore(LocalDate.of(2026, 6, 1)); day = day.plusDays(1)) {
            int[] counts = feed.counts(day);
            for (int c = 0; c < counts.length; c++) {
                if (counts[c] > 0) {
                    seen.add(feed.complaintType(c));
                    total += counts[c];
                    TypeFamily family = TypeFamily.of(feed.complaintType(c));
                    boolean january = day.getMonthValue() == 1;
                    boolean july = day.getMonthValue() == 7;
                    noiseInJuly += family == TypeFamily.NOISE && july ? counts[c] : 0;
                    noiseInJanuary += family == TypeFamily.NOISE && january ? counts[c] : 0;
                    heatInJanuary += family == TypeFamily.HEATING && january ? counts[c] : 0;
                    heatInJuly += family == TypeFamily.HEATING && july ? counts[c] : 0;
                }
            }
        }
        assertThat(seen).hasSizeGreaterThanOrEqualTo(150);
        assertThat(total / 365.0).isBetween(8_000.0, 11_000.0);
        assertThat(noiseInJuly).isGreaterThan(noiseInJanuary * 3 / 2);
        assertThat(heatInJanuary).isGreaterThan(heatInJuly * 5);
    }

    @Test
    void holidaysAndWeekendsMoveTheLevel() {
        CityFeed feed = new CityFeed(MIX, DaysOff.newYorkCity(), 311);
        CityFeed noHolidays = new CityFeed(MIX, day -> false, 311);
        LocalDate memorialDay = LocalDate.of(2026, 5, 25);
        assertThat(feed.expected(memorialDay)).isLessThan(0.9 * noHolidays.expected(memorialDay));
        assertThat(feed.expected(LocalDate.of(2026, 5, 26))).isEqualTo(noHolidays.expected(LocalDate.of(2026, 5, 26)));
        int noise = 0;
        for (int c = 0; c < feed.cells(); c++) {
            if (feed.complaintType(c).equals("Noise - Residential")) {
                noise = c;
            }
        }
        // residential noise: Saturday nights
        assertThat(feed.expected(noise, LocalDate.of(2026, 5, 23)))
                .isGreaterThan(1.5 * feed.expected(noise, LocalDate.of(2026, 5, 20)));
    }

    @Test
    void theSameSeedWritesTheSameBytesAndAnotherSeedOthers(@TempDir Path one, @TempDir Path two, @TempDir Path three)
            throws Exception {
        List<CityFeed.FeedFile> first =
                new CityFeed(MIX, DaysOff.newYorkCity(), 5).write(one, LAST.minusDays(1), LAST, 1, (d, n) -> {});
        List<CityFeed.FeedFile> second =
                new CityFeed(MIX, DaysOff.newYorkCity(), 5).write(two, LAST.minusDays(1), LAST, 1, (d, n) -> {});
        List<CityFeed.FeedFile> other =
                new CityFeed(MIX, DaysOff.newYorkCity(), 6).write(three, LAST.minusDays(1), LAST, 1, (d, n) -> {});

        assertThat(first).hasSize(2);
        for (int i = 0; i < first.size(); i++) {
            assertThat(Files.mismatch(first.get(i).path(), second.get(i).path()))
                    .as(first.get(i).path().toString())
                    .isEqualTo(-1L);
            assertThat(Files.mismatch(first.get(i).path(), other.get(i).path())).isNotEqualTo(-1L);
        }
    }

    /** A day's requests do not depend on which days came before it or on how the days are cut into files. */
    @Test
    void aDayIsTheSameWhereverItIsWritten() throws Exception {
        CityFeed feed = new CityFeed(MIX, DaysOff.newYorkCity(), 9);
        LocalDateTime asOf = LocalDateTime.of(2026, 5, 30, 3, 0);
        StringWriter alone = new StringWriter();
        feed.writeDay(alone, LAST, asOf);
        StringWriter after = new StringWriter();
        CityFeed fresh = new CityFeed(MIX, DaysOff.newYorkCity(), 9);
        fresh.writeDay(new StringWriter(), LAST.minusDays(1), asOf);
        fresh.writeDay(after, LAST, asOf);
        assertThat(after.toString()).isEqualTo(alone.toString());
    }

    /**
     * Streaming, shown structurally: each day is in the writer when writeDay returns (nothing waits for
     * the end), and what the feed holds does not grow with the days it has written.
     */
    @Test
    void memoryStaysFlatAsDaysAreWritten() throws Exception {
        CityFeed feed = new CityFeed(MIX, DaysOff.newYorkCity(), 3);
        LineCounter out = new LineCounter();
        LocalDate first = LocalDate.of(2026, 1, 1);
        long held = heldElements(feed);
        for (int i = 0; i < 12; i++) {
            long before = out.lines;
            int written = feed.writeDay(out, first.plusDays(i), LocalDateTime.of(2026, 2, 1, 3, 0));
            assertThat(out.lines - before)
                    .as("lines in the writer when day %d returns", i)
                    .isEqualTo(written);
            assertThat(heldElements(feed))
                    .as("elements held after %d days", i + 1)
                    .isEqualTo(held);
        }
    }

    private static void assertReadsAsTheFeed(JsonNode record, LocalDateTime asOf) {
        record.fields().forEachRemaining(field -> {
            if (field.getKey().equals("location")) {
                assertThat(field.getValue().isObject()).isTrue();
                field.getValue().forEach(value -> assertThat(value.isTextual()).isTrue());
            } else {
                assertThat(field.getValue().isTextual()).as(field.getKey()).isTrue();
            }
        });
        assertThat(record.get("created_date").asText()).matches(FLOATING);
        assertThat(record.get(":updated_at").asText()).matches(SYSTEM_TIME);
        assertThat(record.get(":created_at").asText()).matches(SYSTEM_TIME);
        assertThat(record.get("unique_key").asText()).matches("\\d+");
        assertThat(record.has("complaint_type") && record.has("agency") && record.has("descriptor"))
                .isTrue();
        assertThat(Borough.fromSource(record.get("borough").asText()).key()).isNotBlank();
        if (record.has("closed_date")) {
            LocalDateTime closed = LocalDateTime.parse(record.get("closed_date").asText());
            assertThat(closed)
                    .isAfter(LocalDateTime.parse(record.get("created_date").asText()))
                    .isBefore(asOf.plusSeconds(1));
            assertThat(record.get("status").asText()).isEqualTo("Closed");
        } else {
            assertThat(record.get("status").asText()).isEqualTo("Open");
        }
        if (record.has("latitude")) {
            assertThat(Double.parseDouble(record.get("latitude").asText())).isBetween(40.45, 40.95);
            assertThat(Double.parseDouble(record.get("longitude").asText())).isBetween(-74.3, -73.65);
            assertThat(record.get("location").get("latitude").asText())
                    .isEqualTo(record.get("latitude").asText());
        }
    }

    private static List<Path> feedFiles(Path folder) throws Exception {
        try (Stream<Path> listing = Files.list(folder)) {
            return listing.sorted().toList();
        }
    }

    private static List<JsonNode> read(Path gz) throws Exception {
        List<JsonNode> records = new java.util.ArrayList<>();
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(new GZIPInputStream(Files.newInputStream(gz)), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                records.add(JSON.readTree(line));
            }
        }
        return records;
    }

    /** Every array element, collection element and map entry the feed's own fields reach, one level into arrays of arrays. */
    private static long heldElements(CityFeed feed) throws IllegalAccessException {
        long held = 0;
        for (Field field : CityFeed.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            field.setAccessible(true);
            held += elements(field.get(feed));
        }
        return held;
    }

    private static long elements(Object value) {
        if (value == null) {
            return 0;
        }
        if (value.getClass().isArray()) {
            long n = Array.getLength(value);
            for (int i = 0; i < Array.getLength(value); i++) {
                Object element = Array.get(value, i);
                n += element != null && element.getClass().isArray() ? Array.getLength(element) : 0;
            }
            return n;
        }
        if (value instanceof Collection<?> collection) {
            return collection.size();
        }
        if (value instanceof Map<?, ?> map) {
            return map.size();
        }
        return 0;
    }

    /** A writer that keeps nothing but the number of lines it was given. */
    private static final class LineCounter extends Writer {
        long lines;

        @Override
        public void write(char[] buffer, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                lines += buffer[i] == '\n' ? 1 : 0;
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }
}
