package org.nyc311.launcher.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.nyc311.model.series.ComplaintType;
import org.nyc311.model.series.SeriesKey;

/**
 * A small synthetic city for laptops without the live API: {@value #HISTORY_DAYS} days of 311 requests
 * (enough for a 30-day forecast to be cross-validated on four rolling origins)
 * in NYC Open Data's record shape, as two batches that arrive one after the other the way daily intakes
 * do, ending at the given moment.
 *
 * <ul>
 *   <li>{@code 01-history.jsonl.gz}: every request from {@value #HISTORY_DAYS} days ago up to and
 *       including {@value #LATEST_DAYS} days before today. The platform learns from it and forecasts
 *       the days after.</li>
 *   <li>{@code 02-latest.jsonl.gz}: the {@value #LATEST_DAYS} days up to yesterday, and today's
 *       requests so far. In it, residential noise in Brooklyn runs at {@value #SPIKE_FACTOR} times its
 *       usual level on the {@value #SPIKE_DAYS} days up to yesterday: the forecasts made after the first
 *       batch must see it, and an alert must open.</li>
 * </ul>
 *
 * <p>Counts are Poisson around each series' level with its weekly pattern, seeded: the same moment and
 * seed give the same files. Nothing here is real data; it only has real data's shape.
 */
public final class DemoCity {

    public static final int HISTORY_DAYS = 140;
    public static final int LATEST_DAYS = 5;
    public static final int SPIKE_DAYS = 4;
    public static final double SPIKE_FACTOR = 3.0;
    /** The series the latest batch spikes, as the platform names it. */
    public static final String SPIKING_SERIES = "noise-residential/brooklyn";

    public static final String HISTORY_FILE = "01-history.jsonl.gz";
    public static final String LATEST_FILE = "02-latest.jsonl.gz";

    private static final DateTimeFormatter SODA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS");
    /** Today's requests stop this long before now: silver quarantines requests created in the future. */
    private static final long TODAY_MARGIN_SECONDS = 15 * 60;

    /** A borough as the feed spells it, with a point inside it for the coordinates. */
    private record Borough(String name, String key, double latitude, double longitude, String zip) {}

    /** A complaint type of one agency and its usual daily level per borough. */
    private record Stream(
            String complaintType,
            String descriptor,
            String agency,
            String agencyName,
            String locationType,
            Borough borough,
            double level,
            boolean busierOnWeekends) {

        String seriesId() {
            return SeriesKey.of(
                            ComplaintType.keyOf(complaintType), org.nyc311.model.series.Borough.fromKey(borough.key))
                    .id();
        }
    }

    private static final Borough BRONX = new Borough("BRONX", "bronx", 40.8448, -73.8648, "10458");
    private static final Borough BROOKLYN = new Borough("BROOKLYN", "brooklyn", 40.6500, -73.9496, "11226");
    private static final Borough MANHATTAN = new Borough("MANHATTAN", "manhattan", 40.7831, -73.9712, "10025");
    private static final Borough QUEENS = new Borough("QUEENS", "queens", 40.7282, -73.7949, "11375");
    private static final Borough STATEN_ISLAND =
            new Borough("STATEN ISLAND", "staten-island", 40.5795, -74.1502, "10314");

    private static final List<Stream> STREAMS = streams();

    private final ObjectMapper json = new ObjectMapper();

    /**
     * Writes both batches into {@code folder} (created when missing; files of the same names replaced).
     *
     * @param now  the moment the latest batch is taken, in New York time
     * @param seed the counts' seed
     * @return the two files, in the order they are to be ingested
     */
    public List<Path> write(Path folder, ZonedDateTime now, long seed) {
        LocalDate today = now.toLocalDate();
        LocalDate first = today.minusDays(HISTORY_DAYS);
        LocalDate lastOfHistory = today.minusDays(LATEST_DAYS + 1L);
        RandomGenerator random = new Well19937c(seed);
        long[] nextKey = {70_000_000L};
        try {
            Files.createDirectories(folder);
            Path history = folder.resolve(HISTORY_FILE);
            Path latest = folder.resolve(LATEST_FILE);
            try (Writer out = gzip(history)) {
                for (LocalDate day = first; !day.isAfter(lastOfHistory); day = day.plusDays(1)) {
                    writeDay(out, day, 86_400, false, now, random, nextKey);
                }
            }
            try (Writer out = gzip(latest)) {
                for (LocalDate day = lastOfHistory.plusDays(1); day.isBefore(today); day = day.plusDays(1)) {
                    writeDay(out, day, 86_400, !day.isBefore(today.minusDays(SPIKE_DAYS)), now, random, nextKey);
                }
                long secondsSoFar = now.toLocalTime().toSecondOfDay() - TODAY_MARGIN_SECONDS;
                if (secondsSoFar > 0) {
                    writeDay(out, today, (int) secondsSoFar, false, now, random, nextKey);
                }
            }
            return List.of(history, latest);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the demo batches to " + folder, e);
        }
    }

    /** The expected count of a stream on a day, before noise: the level, its weekly pattern and the spike. */
    static double expected(String seriesId, LocalDate day, boolean spikeDay) {
        Stream stream = STREAMS.stream()
                .filter(s -> s.seriesId().equals(seriesId))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no demo stream " + seriesId));
        return expected(stream, day, spikeDay);
    }

    private static double expected(Stream stream, LocalDate day, boolean spikeDay) {
        boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
        double weekly = stream.busierOnWeekends ? (weekend ? 1.5 : 0.85) : (weekend ? 0.7 : 1.1);
        double spike = spikeDay && stream.seriesId().equals(SPIKING_SERIES) ? SPIKE_FACTOR : 1.0;
        return stream.level * weekly * spike;
    }

    private void writeDay(
            Writer out,
            LocalDate day,
            int secondsOfDay,
            boolean spikeDay,
            ZonedDateTime now,
            RandomGenerator random,
            long[] nextKey)
            throws IOException {
        for (Stream stream : STREAMS) {
            double mean = expected(stream, day, spikeDay) * secondsOfDay / 86_400.0;
            int count = mean <= 0
                    ? 0
                    : new PoissonDistribution(
                                    random,
                                    mean,
                                    PoissonDistribution.DEFAULT_EPSILON,
                                    PoissonDistribution.DEFAULT_MAX_ITERATIONS)
                            .sample();
            for (int i = 0; i < count; i++) {
                LocalDateTime created = day.atStartOfDay().plusSeconds(random.nextInt(secondsOfDay));
                out.write(
                        json.writeValueAsString(record(stream, nextKey[0]++, created, now.toLocalDateTime(), random)));
                out.write('\n');
            }
        }
    }

    private ObjectNode record(
            Stream stream, long uniqueKey, LocalDateTime created, LocalDateTime now, RandomGenerator random) {
        double latitude = stream.borough.latitude + (random.nextDouble() - 0.5) * 0.04;
        double longitude = stream.borough.longitude + (random.nextDouble() - 0.5) * 0.04;
        LocalDateTime closed = created.plusMinutes(30 + random.nextInt(3 * 24 * 60));
        boolean isClosed = closed.isBefore(now);
        ObjectNode record = json.createObjectNode()
                .put("unique_key", Long.toString(uniqueKey))
                .put("created_date", SODA_TIME.format(created))
                .put("agency", stream.agency)
                .put("agency_name", stream.agencyName)
                .put("complaint_type", stream.complaintType)
                .put("descriptor", stream.descriptor)
                .put("location_type", stream.locationType)
                .put("incident_zip", stream.borough.zip)
                .put("city", stream.borough.key.equals("brooklyn") ? "BROOKLYN" : stream.borough.name)
                .put("status", isClosed ? "Closed" : "Open")
                .put("borough", stream.borough.name)
                .put("latitude", String.format(java.util.Locale.ROOT, "%.8f", latitude))
                .put("longitude", String.format(java.util.Locale.ROOT, "%.8f", longitude));
        if (isClosed) {
            record.put("closed_date", SODA_TIME.format(closed));
        }
        record.putObject("location")
                .put("latitude", record.get("latitude").asText())
                .put("longitude", record.get("longitude").asText());
        return record;
    }

    private static Writer gzip(Path file) throws IOException {
        OutputStream raw = Files.newOutputStream(file);
        return new java.io.BufferedWriter(
                new java.io.OutputStreamWriter(new GZIPOutputStream(raw), StandardCharsets.UTF_8));
    }

    private static List<Stream> streams() {
        List<Stream> streams = new ArrayList<>();
        double[] noise = {30, 60, 45, 40, 8};
        double[] heat = {40, 35, 30, 15, 4};
        double[] parking = {12, 30, 15, 35, 6};
        Borough[] boroughs = {BRONX, BROOKLYN, MANHATTAN, QUEENS, STATEN_ISLAND};
        for (int b = 0; b < boroughs.length; b++) {
            streams.add(new Stream(
                    "Noise - Residential",
                    "Loud Music/Party",
                    "NYPD",
                    "New York City Police Department",
                    "Residential Building/House",
                    boroughs[b],
                    noise[b],
                    true));
            streams.add(new Stream(
                    "HEAT/HOT WATER",
                    "ENTIRE BUILDING",
                    "HPD",
                    "Department of Housing Preservation and Development",
                    "RESIDENTIAL BUILDING",
                    boroughs[b],
                    heat[b],
                    false));
            streams.add(new Stream(
                    "Illegal Parking",
                    "Blocked Hydrant",
                    "NYPD",
                    "New York City Police Department",
                    "Street/Sidewalk",
                    boroughs[b],
                    parking[b],
                    false));
        }
        return List.copyOf(streams);
    }
}
