package org.nyc311.launcher.demo;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * Learns the {@link CityMix} from a real SODA sample (gzip or plain NDJSON): counts per complaint
 * type, borough, descriptor, location type, ZIP code, weekday and hour. It keeps counts only; no
 * record, address or key leaves the sample.
 *
 * <p>Only the sample's full days (at least half the busiest day's count; a sample cut by record count
 * has partial days at its edges) inform the daily volume and the weekday and hour patterns. The
 * weekday factors are each family's mean count on that weekday over its mean on all full days, both
 * taken after dividing each day's count by the family's yearly cycle (relative to the middle of the
 * full days), so that a sample spread over a season does not read the season as a weekday. A
 * weekday the sample does not hold takes the mean factor of the observed days of its kind (Monday to
 * Friday, or the weekend), or 1 when none of its kind was observed: the real sample of 2026 holds only
 * Fridays, Saturdays and Sundays, so Monday to Thursday behave as its Fridays.
 *
 * <p>Regenerate the checked-in summary from the repository root with
 * <pre>
 * ./mvnw -o -B -ntp -q -pl launcher -am test -Dtest=CityMixLearnerTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dnyc311.city-mix.write=true
 * </pre>
 * or, from the built jar, {@code java -cp launcher/target/nyc311-launcher.jar
 * org.nyc311.launcher.demo.CityMixLearner SAMPLE.jsonl.gz launcher/src/main/resources/org/nyc311/launcher/demo/city-mix.json}.
 */
public final class CityMixLearner {

    /** Descriptors and location types kept per complaint type: the rest of a type's tail is folded into these. */
    static final int TOP_DESCRIPTORS = 8;

    static final int TOP_LOCATION_TYPES = 5;
    /** ZIP codes kept per borough. */
    static final int TOP_ZIPS = 25;

    private final ObjectMapper json = new ObjectMapper();

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: CityMixLearner SAMPLE.jsonl[.gz] OUTPUT.json");
            System.exit(2);
        }
        CityMixLearner learner = new CityMixLearner();
        Files.writeString(Path.of(args[1]), learner.toJson(learner.learn(Path.of(args[0]))), StandardCharsets.UTF_8);
    }

    /** The summary as the checked-in file holds it: two-space indents, '\n' line ends, a final newline. */
    public String toJson(CityMix mix) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return json.writer(printer).writeValueAsString(mix) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public CityMix learn(Path sample) {
        Tally tally = new Tally();
        try (InputStream raw = Files.newInputStream(sample);
                InputStream in =
                        sample.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
                BufferedReader reader =
                        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    tally.add(json.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + sample, e);
        }
        return tally.mix(sample.getFileName().toString());
    }

    /** Every count the summary is made of, gathered in one pass. */
    private static final class Tally {
        private long records;
        private final Map<LocalDate, Integer> perDay = new TreeMap<>();
        private final Map<LocalDate, Map<TypeFamily, Integer>> familyPerDay = new TreeMap<>();
        private final Map<LocalDate, Map<TypeFamily, int[]>> hoursPerDay = new TreeMap<>();
        private final Map<String, Integer> boroughs = new TreeMap<>();
        private final Map<String, TypeTally> types = new HashMap<>();
        private final Map<String, ZipTally> zips = new HashMap<>();

        void add(JsonNode record) {
            String type = text(record, "complaint_type");
            LocalDateTime created = LocalDateTime.parse(text(record, "created_date"));
            if (type.isEmpty()) {
                return;
            }
            records++;
            String borough = text(record, "borough");
            TypeFamily family = TypeFamily.of(type);
            LocalDate day = created.toLocalDate();
            perDay.merge(day, 1, Integer::sum);
            familyPerDay
                    .computeIfAbsent(day, d -> new EnumMap<>(TypeFamily.class))
                    .merge(family, 1, Integer::sum);
            hoursPerDay.computeIfAbsent(day, d -> new EnumMap<>(TypeFamily.class))
                    .computeIfAbsent(family, f -> new int[24])[created.getHour()]++;
            boroughs.merge(borough, 1, Integer::sum);
            boolean located = !text(record, "latitude").isEmpty()
                    && !text(record, "longitude").isEmpty();
            types.computeIfAbsent(type, TypeTally::new).add(record, borough, located);
            String zip = text(record, "incident_zip");
            if (located && !zip.isEmpty()) {
                zips.computeIfAbsent(borough + "|" + zip, k -> new ZipTally(borough, zip))
                        .add(record);
            }
        }

        CityMix mix(String file) {
            int busiest =
                    perDay.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            List<CityMix.FullDay> fullDays = new ArrayList<>();
            perDay.forEach((day, count) -> {
                if (count * 2 >= busiest) {
                    fullDays.add(new CityMix.FullDay(day.toString(), day.getDayOfWeek(), count));
                }
            });
            if (fullDays.isEmpty()) {
                throw new IllegalArgumentException(file + " holds no request");
            }
            int dailyMean = (int) Math.round(fullDays.stream()
                    .mapToInt(CityMix.FullDay::records)
                    .average()
                    .orElseThrow());
            Map<TypeFamily, Map<DayOfWeek, Double>> weekday = new EnumMap<>(TypeFamily.class);
            Map<TypeFamily, List<Double>> hours = new EnumMap<>(TypeFamily.class);
            for (TypeFamily family : TypeFamily.values()) {
                weekday.put(family, weekdayFactors(family, fullDays));
                hours.put(family, hourShares(family, fullDays));
            }
            List<CityMix.TypeMix> typeMixes = types.values().stream()
                    .map(TypeTally::mix)
                    .sorted(Comparator.comparingInt(CityMix.TypeMix::records)
                            .reversed()
                            .thenComparing(CityMix.TypeMix::complaintType))
                    .toList();
            List<CityMix.ZipArea> zipAreas = new ArrayList<>();
            zips.values().stream()
                    .map(ZipTally::area)
                    .collect(java.util.stream.Collectors.groupingBy(
                            CityMix.ZipArea::borough, TreeMap::new, java.util.stream.Collectors.toList()))
                    .forEach((borough, areas) -> areas.stream()
                            .sorted(Comparator.comparingInt(CityMix.ZipArea::records)
                                    .reversed()
                                    .thenComparing(CityMix.ZipArea::zip))
                            .limit(TOP_ZIPS)
                            .forEach(zipAreas::add));
            return new CityMix(
                    new CityMix.Source(file, records, fullDays),
                    dailyMean,
                    boroughs,
                    weekday,
                    hours,
                    typeMixes,
                    zipAreas);
        }

        private Map<DayOfWeek, Double> weekdayFactors(TypeFamily family, List<CityMix.FullDay> fullDays) {
            Map<DayOfWeek, double[]> sums = new EnumMap<>(DayOfWeek.class);
            double total = 0;
            LocalDate reference = new CityMix.Source("", 0, fullDays).referenceDay();
            for (CityMix.FullDay day : fullDays) {
                // the season taken out first: an April Sunday is not a heating weekday pattern
                double count =
                        Objects.requireNonNull(familyPerDay.get(day.day())).getOrDefault(family, 0)
                                / (family.yearly(day.day()) / family.yearly(reference));
                double[] sum = sums.computeIfAbsent(day.dayOfWeek(), d -> new double[2]);
                sum[0] += count;
                sum[1]++;
                total += count;
            }
            double mean = total / fullDays.size();
            Map<DayOfWeek, Double> observed = new EnumMap<>(DayOfWeek.class);
            sums.forEach((d, sum) -> observed.put(d, mean == 0 ? 1.0 : sum[0] / sum[1] / mean));
            Map<DayOfWeek, Double> factors = new EnumMap<>(DayOfWeek.class);
            for (DayOfWeek d : DayOfWeek.values()) {
                double factor = observed.containsKey(d)
                        ? observed.get(d)
                        : observed.entrySet().stream()
                                .filter(e -> isWeekend(e.getKey()) == isWeekend(d))
                                .mapToDouble(Map.Entry::getValue)
                                .average()
                                .orElse(1.0);
                factors.put(d, round(factor, 4));
            }
            return factors;
        }

        private List<Double> hourShares(TypeFamily family, List<CityMix.FullDay> fullDays) {
            long[] counts = new long[24];
            long total = 0;
            for (CityMix.FullDay day : fullDays) {
                int[] hours = Objects.requireNonNull(hoursPerDay.get(day.day())).get(family);
                for (int h = 0; hours != null && h < 24; h++) {
                    counts[h] += hours[h];
                    total += hours[h];
                }
            }
            List<Double> shares = new ArrayList<>(24);
            for (long count : counts) {
                shares.add(total == 0 ? round(1.0 / 24, 6) : round((double) count / total, 6));
            }
            return shares;
        }
    }

    private static final class TypeTally {
        private final String type;
        private int records;
        private int located;
        private final Map<String, Integer> agencies = new TreeMap<>();
        private final Map<String, Integer> boroughs = new TreeMap<>();
        private final Map<String, Integer> descriptors = new HashMap<>();
        private final Map<String, Integer> locationTypes = new HashMap<>();

        TypeTally(String type) {
            this.type = type;
        }

        void add(JsonNode record, String borough, boolean hasCoordinates) {
            records++;
            located += hasCoordinates ? 1 : 0;
            agencies.merge(text(record, "agency"), 1, Integer::sum);
            boroughs.merge(borough, 1, Integer::sum);
            descriptors.merge(text(record, "descriptor"), 1, Integer::sum);
            locationTypes.merge(text(record, "location_type"), 1, Integer::sum);
        }

        CityMix.TypeMix mix() {
            String agency = top(agencies, 1).keySet().iterator().next();
            return new CityMix.TypeMix(
                    type,
                    agency,
                    records,
                    located,
                    boroughs,
                    top(descriptors, TOP_DESCRIPTORS),
                    top(locationTypes, TOP_LOCATION_TYPES));
        }
    }

    private static final class ZipTally {
        private final String borough;
        private final String zip;
        private int records;
        private double latitudes;
        private double longitudes;
        private final Map<String, Integer> cities = new TreeMap<>();

        ZipTally(String borough, String zip) {
            this.borough = borough;
            this.zip = zip;
        }

        void add(JsonNode record) {
            records++;
            latitudes += Double.parseDouble(text(record, "latitude"));
            longitudes += Double.parseDouble(text(record, "longitude"));
            cities.merge(text(record, "city"), 1, Integer::sum);
        }

        CityMix.ZipArea area() {
            return new CityMix.ZipArea(
                    borough,
                    zip,
                    top(cities, 1).keySet().iterator().next(),
                    round(latitudes / records, 6),
                    round(longitudes / records, 6),
                    records);
        }
    }

    /** The n most frequent values, most frequent first, ties by value: the order is part of the checked-in file. */
    private static Map<String, Integer> top(Map<String, Integer> counts, int n) {
        Map<String, Integer> top = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue()
                        .reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(n)
                .forEach(e -> top.put(e.getKey(), e.getValue()));
        return top;
    }

    private static boolean isWeekend(DayOfWeek day) {
        return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
    }

    private static String text(JsonNode record, String field) {
        JsonNode value = record.get(field);
        return value == null || value.isNull() ? "" : value.asText().trim();
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
