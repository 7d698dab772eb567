package org.nyc311.launcher.demo;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.nyc311.model.series.Borough;
import org.nyc311.model.series.ComplaintType;
import org.nyc311.model.series.SeriesKey;

/**
 * A city-sized synthetic 311 feed drawn from a {@link CityMix}: every complaint type of the real
 * sample in each borough value it was seen in, at the sample's daily volume, with the sample's weekly
 * and hourly patterns per {@link TypeFamily}, the family's yearly cycle, and fewer (or, for noise, more)
 * requests on the days New York takes off.
 *
 * <p>Each (type, borough) cell's count on a day is Poisson around its expected level; the rare types of
 * the sample make the long tail. Every day is drawn from random streams seeded by the seed and the
 * date alone, so a day's requests do not depend on which days were generated before it or on how the
 * days are cut into files, and the same seed gives the same bytes. Days are generated and written one
 * at a time: nothing outlives the day it belongs to.
 *
 * <p>The records have the shape of SODA's answer to {@code $select=:*,*}: every value a string,
 * floating New York timestamps ({@code 2026-04-11T23:28:40.000}), the {@code location} object, and the
 * system fields {@code :id}, {@code :created_at} and {@code :updated_at} (UTC, with a {@code Z}).
 */
public final class CityFeed {

    public static final String BACKFILL_PREFIX = "backfill_";
    public static final String DAY_PREFIX = "day_";
    public static final String SUFFIX = ".jsonl.gz";
    /** unique_key = origin + days since {@link #KEY_EPOCH} * {@link #KEYS_PER_DAY} + the request's number that day. */
    static final LocalDate KEY_EPOCH = LocalDate.of(2010, 1, 1);

    static final long KEYS_PER_DAY = 100_000;
    private static final long KEY_ORIGIN = 10_000_000;

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final DateTimeFormatter FLOATING = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS");
    private static final DateTimeFormatter SYSTEM = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'");
    /** A file is the feed as an intake at this time on the day after its last day would see it. */
    private static final LocalTime INTAKE_TIME = LocalTime.of(3, 0);

    private static final String EMPTY_ADDRESS = "{\"address\": \"\", \"city\": \"\", \"state\": \"\", \"zip\": \"\"}";
    /** How far a located request lies from its ZIP code's centre, in degrees (about a kilometre). */
    private static final double SPREAD_DEGREES = 0.008;
    /** Mean minutes to closure: the police close most calls within hours, the other agencies within days. */
    private static final double POLICE_CLOSING_MINUTES = 4 * 60;

    private static final double AGENCY_CLOSING_MINUTES = 4 * 24 * 60;

    private final long seed;
    private final DaysOff daysOff;
    /** Closing a day's generator hands its text to the file's writer and leaves the writer open for the next day. */
    private final JsonFactory jsonFactory =
            JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private final LocalDate referenceDay;
    private final double[][] weekday;
    private final double[][] hourCumulative;
    private final Cell[] cells;
    private final TypeDraws[] types;
    private final ZipDraws[] zipsByBorough;

    /** One complaint type in one borough value, and its level on an ordinary day of the sample. */
    private record Cell(int type, int borough, TypeFamily family, double level) {}

    private record TypeDraws(
            String complaintType,
            String agency,
            double locatedShare,
            String[] descriptors,
            double[] descriptorCumulative,
            String[] locationTypes,
            double[] locationTypeCumulative) {}

    private record ZipDraws(String borough, CityMix.ZipArea[] areas, double[] cumulative) {}

    /** A file written: its path, its days and its record count. */
    public record FeedFile(Path path, LocalDate first, LocalDate last, long records) {}

    /** Told after each day is written, with that day's record count (the command's progress). */
    @FunctionalInterface
    public interface DayWritten {
        void dayWritten(LocalDate day, int records);
    }

    public CityFeed(CityMix mix, DaysOff daysOff, long seed) {
        this.seed = seed;
        this.daysOff = daysOff;
        this.referenceDay = mix.source().referenceDay();
        TypeFamily[] families = TypeFamily.values();
        this.weekday = new double[families.length][7];
        this.hourCumulative = new double[families.length][];
        for (TypeFamily family : families) {
            // the mix has every family
            Map<java.time.DayOfWeek, Double> factors =
                    Objects.requireNonNull(mix.weekdayFactors().get(family));
            for (java.time.DayOfWeek d : java.time.DayOfWeek.values()) {
                weekday[family.ordinal()][d.ordinal()] = factors.getOrDefault(d, 1.0);
            }
            hourCumulative[family.ordinal()] =
                    cumulative(Objects.requireNonNull(mix.hourShares().get(family)).stream()
                            .mapToDouble(Double::doubleValue)
                            .toArray());
        }
        List<String> boroughs = List.copyOf(mix.boroughs().keySet());
        this.zipsByBorough = new ZipDraws[boroughs.size()];
        for (int b = 0; b < boroughs.size(); b++) {
            String borough = boroughs.get(b);
            CityMix.ZipArea[] areas =
                    mix.zips().stream().filter(z -> z.borough().equals(borough)).toArray(CityMix.ZipArea[]::new);
            zipsByBorough[b] = new ZipDraws(
                    borough,
                    areas,
                    cumulative(Arrays.stream(areas)
                            .mapToDouble(CityMix.ZipArea::records)
                            .toArray()));
        }
        long total = mix.source().records();
        List<Cell> cellList = new ArrayList<>();
        this.types = new TypeDraws[mix.types().size()];
        for (int t = 0; t < types.length; t++) {
            CityMix.TypeMix type = mix.types().get(t);
            types[t] = new TypeDraws(
                    type.complaintType(),
                    type.agency(),
                    (double) type.located() / type.records(),
                    type.descriptors().keySet().toArray(String[]::new),
                    cumulative(type.descriptors().values().stream()
                            .mapToDouble(Integer::doubleValue)
                            .toArray()),
                    type.locationTypes().keySet().toArray(String[]::new),
                    cumulative(type.locationTypes().values().stream()
                            .mapToDouble(Integer::doubleValue)
                            .toArray()));
            TypeFamily family = TypeFamily.of(type.complaintType());
            for (Map.Entry<String, Integer> borough : type.boroughs().entrySet()) {
                cellList.add(new Cell(
                        t,
                        boroughs.indexOf(borough.getKey()),
                        family,
                        (double) mix.dailyMean() * borough.getValue() / total));
            }
        }
        this.cells = cellList.toArray(Cell[]::new);
    }

    /** The number of complaint types the feed draws from. */
    public int complaintTypes() {
        return types.length;
    }

    /**
     * Writes the days {@code first..last} into {@code folder}: one backfill file of every day but the
     * last {@code dailyFiles}, then one file per day, named so that their name order is their replay
     * order. Earlier feed files in the folder (backfill_*, day_*) are removed first, so that a replay
     * of the folder holds this feed only.
     */
    public List<FeedFile> write(Path folder, LocalDate first, LocalDate last, int dailyFiles, DayWritten progress) {
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("the feed's last day " + last + " is before its first " + first);
        }
        if (first.isBefore(KEY_EPOCH)) {
            throw new IllegalArgumentException("the feed starts in 2010; " + first + " is earlier");
        }
        long days = last.toEpochDay() - first.toEpochDay() + 1;
        int perDay = (int) Math.min(Math.max(dailyFiles, 0), days - 1);
        LocalDate backfillLast = last.minusDays(perDay);
        try {
            Files.createDirectories(folder);
            removeEarlierFeed(folder);
            List<FeedFile> files = new ArrayList<>();
            files.add(writeFile(
                    folder.resolve(BACKFILL_PREFIX + first + "_" + backfillLast + SUFFIX),
                    first,
                    backfillLast,
                    progress));
            for (LocalDate day = backfillLast.plusDays(1); !day.isAfter(last); day = day.plusDays(1)) {
                files.add(writeFile(folder.resolve(DAY_PREFIX + day + SUFFIX), day, day, progress));
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the city feed to " + folder, e);
        }
    }

    private FeedFile writeFile(Path file, LocalDate first, LocalDate last, DayWritten progress) throws IOException {
        LocalDateTime asOf = last.plusDays(1).atTime(INTAKE_TIME);
        long records = 0;
        try (Writer out = new BufferedWriter(
                new OutputStreamWriter(
                        new GZIPOutputStream(Files.newOutputStream(file), 1 << 16), StandardCharsets.UTF_8),
                1 << 16)) {
            for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                int written = writeDay(out, day, asOf);
                records += written;
                // the day is on its way to the file before the next one is drawn
                out.flush();
                progress.dayWritten(day, written);
            }
        }
        return new FeedFile(file, first, last, records);
    }

    /**
     * Writes one day's requests, in created_date order, as the feed looks at {@code asOf}.
     *
     * @return the number of requests written
     */
    public int writeDay(Writer out, LocalDate day, LocalDateTime asOf) throws IOException {
        int[] counts = counts(day);
        int total = Arrays.stream(counts).sum();
        if (total >= KEYS_PER_DAY) {
            throw new IllegalStateException(
                    day + " would hold " + total + " requests; unique keys allow " + KEYS_PER_DAY);
        }
        RandomGenerator random = random(day, 1);
        // each request as (second of day, cell, draw order), packed so that a primitive sort orders them
        long[] requests = new long[total];
        int n = 0;
        for (int c = 0; c < cells.length; c++) {
            double[] hours = hourCumulative[cells[c].family().ordinal()];
            for (int i = 0; i < counts[c]; i++) {
                long second = pick(hours, random.nextDouble()) * 3600L + random.nextInt(3600);
                requests[n] = second << 40 | (long) c << 20 | n;
                n++;
            }
        }
        Arrays.sort(requests);
        long firstKey = KEY_ORIGIN + (day.toEpochDay() - KEY_EPOCH.toEpochDay()) * KEYS_PER_DAY;
        try (JsonGenerator json = jsonFactory.createGenerator(out)) {
            json.setRootValueSeparator(null);
            for (int i = 0; i < total; i++) {
                long request = requests[i];
                LocalDateTime created = day.atStartOfDay().plusSeconds(request >>> 40);
                writeRecord(json, cells[(int) (request >>> 20 & 0xFFFFF)], firstKey + i, created, asOf, random);
                json.writeRaw('\n');
            }
        }
        return total;
    }

    /** The number of (type, borough) cells {@link #counts} gives a count for. */
    int cellCount() {
        return cells.length;
    }

    /** The gold series a cell's requests count in: its complaint type's key in its borough. */
    SeriesKey cellSeries(int cell) {
        return SeriesKey.of(
                ComplaintType.keyOf(types[cells[cell].type()].complaintType()),
                Borough.fromSource(zipsByBorough[cells[cell].borough()].borough()));
    }

    /** The day's count of every (type, borough) cell, from the day's own random stream. */
    int[] counts(LocalDate day) {
        RandomGenerator random = random(day, 0);
        double[] factors = familyFactors(day);
        int[] counts = new int[cells.length];
        for (int c = 0; c < cells.length; c++) {
            double mean = cells[c].level() * factors[cells[c].family().ordinal()];
            counts[c] = mean <= 0
                    ? 0
                    : new PoissonDistribution(
                                    random,
                                    mean,
                                    PoissonDistribution.DEFAULT_EPSILON,
                                    PoissonDistribution.DEFAULT_MAX_ITERATIONS)
                            .sample();
        }
        return counts;
    }

    /** The expected count of a cell on a day: its level, weekday, yearly cycle and day off. */
    double expected(int cell, LocalDate day) {
        return cells[cell].level() * familyFactors(day)[cells[cell].family().ordinal()];
    }

    /** Each family's level on a day as a multiple of its level in the sample: weekday, yearly cycle, day off. */
    private double[] familyFactors(LocalDate day) {
        boolean dayOff = daysOff.isDayOff(day);
        double[] factors = new double[TypeFamily.values().length];
        for (TypeFamily family : TypeFamily.values()) {
            double yearly = family.yearly(day) / family.yearly(referenceDay);
            factors[family.ordinal()] =
                    weekday[family.ordinal()][day.getDayOfWeek().ordinal()]
                            * yearly
                            * (dayOff ? family.holidayFactor() : 1.0);
        }
        return factors;
    }

    /** The expected number of requests on a day, over every cell. */
    public double expected(LocalDate day) {
        double[] factors = familyFactors(day);
        double sum = 0;
        for (Cell cell : cells) {
            sum += cell.level() * factors[cell.family().ordinal()];
        }
        return sum;
    }

    String complaintType(int cell) {
        return types[cells[cell].type()].complaintType();
    }

    String borough(int cell) {
        return zipsByBorough[cells[cell].borough()].borough();
    }

    int cells() {
        return cells.length;
    }

    private void writeRecord(
            JsonGenerator json,
            Cell cell,
            long uniqueKey,
            LocalDateTime created,
            LocalDateTime asOf,
            RandomGenerator random)
            throws IOException {
        TypeDraws type = types[cell.type()];
        ZipDraws zips = zipsByBorough[cell.borough()];
        String descriptor = type.descriptors()[pick(type.descriptorCumulative(), random.nextDouble())];
        String locationType = type.locationTypes()[pick(type.locationTypeCumulative(), random.nextDouble())];
        boolean located = random.nextDouble() < type.locatedShare() && zips.areas().length > 0;
        CityMix.ZipArea area = located ? zips.areas()[pick(zips.cumulative(), random.nextDouble())] : null;
        double latitude = area != null ? area.latitude() + random.nextGaussian() * SPREAD_DEGREES : 0;
        double longitude = area != null ? area.longitude() + random.nextGaussian() * SPREAD_DEGREES : 0;
        double meanClosing = "NYPD".equals(type.agency()) ? POLICE_CLOSING_MINUTES : AGENCY_CLOSING_MINUTES;
        LocalDateTime closed = created.plusMinutes(1 + (long) (-Math.log(1 - random.nextDouble()) * meanClosing));
        boolean isClosed = !closed.isAfter(asOf);
        LocalDateTime listed = min(created.plusMinutes(5 + random.nextInt(115)), asOf);
        LocalDateTime updated = isClosed ? max(listed, closed) : listed;

        json.writeStartObject();
        json.writeStringField(":id", sodaId(uniqueKey));
        json.writeStringField(":created_at", utc(listed));
        json.writeStringField(":updated_at", utc(updated));
        json.writeStringField("unique_key", Long.toString(uniqueKey));
        json.writeStringField("created_date", FLOATING.format(created));
        if (isClosed) {
            json.writeStringField("closed_date", FLOATING.format(closed));
        }
        json.writeStringField("agency", type.agency());
        json.writeStringField("complaint_type", type.complaintType());
        json.writeStringField("descriptor", descriptor);
        if (!locationType.isEmpty()) {
            json.writeStringField("location_type", locationType);
        }
        if (area != null) {
            json.writeStringField("incident_zip", area.zip());
            if (!area.city().isEmpty()) {
                json.writeStringField("city", area.city());
            }
        }
        json.writeStringField("status", isClosed ? "Closed" : "Open");
        json.writeStringField("borough", zips.borough());
        if (located) {
            String lat = Double.toString(latitude);
            String lon = Double.toString(longitude);
            json.writeStringField("latitude", lat);
            json.writeStringField("longitude", lon);
            json.writeObjectFieldStart("location");
            json.writeStringField("latitude", lat);
            json.writeStringField("longitude", lon);
            json.writeStringField("human_address", EMPTY_ADDRESS);
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    /** A SODA row id ({@code row-xxxx.xxxx~xxxxx}): a bijective scramble of the key, so ids are as unique as keys. */
    private String sodaId(long uniqueKey) {
        long h = uniqueKey ^ (seed * 0x9E3779B97F4A7C15L);
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        String digits = Long.toUnsignedString(h, 36);
        String padded = "0".repeat(13 - digits.length()) + digits;
        return "row-" + padded.substring(0, 4) + "." + padded.substring(4, 8) + "~" + padded.substring(8);
    }

    /** A floating New York time as the UTC instant SODA's system fields carry (a time the clocks skip moves forward). */
    private static String utc(LocalDateTime newYork) {
        return SYSTEM.format(ZonedDateTime.ofLocal(newYork, NEW_YORK, null).withZoneSameInstant(ZoneOffset.UTC));
    }

    private RandomGenerator random(LocalDate day, int stream) {
        long epochDay = day.toEpochDay();
        return new Well19937c(new int[] {(int) seed, (int) (seed >>> 32), (int) epochDay, stream});
    }

    private static double[] cumulative(double[] weights) {
        double[] cumulative = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            cumulative[i] = sum;
        }
        for (int i = 0; i < cumulative.length; i++) {
            cumulative[i] /= sum;
        }
        return cumulative;
    }

    /** The index a uniform draw falls on in a cumulative distribution. */
    private static int pick(double[] cumulative, double u) {
        int i = Arrays.binarySearch(cumulative, u);
        int index = i >= 0 ? i : -i - 1;
        return Math.min(index, cumulative.length - 1);
    }

    private static LocalDateTime min(LocalDateTime a, LocalDateTime b) {
        return a.isBefore(b) ? a : b;
    }

    private static LocalDateTime max(LocalDateTime a, LocalDateTime b) {
        return a.isAfter(b) ? a : b;
    }

    private static void removeEarlierFeed(Path folder) throws IOException {
        try (DirectoryStream<Path> earlier =
                Files.newDirectoryStream(folder, "{" + BACKFILL_PREFIX + "*," + DAY_PREFIX + "*}" + SUFFIX)) {
            for (Path file : earlier) {
                Files.delete(file);
            }
        }
    }
}
