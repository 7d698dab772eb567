package org.nyc311.launcher.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What the city-sized feed draws from: summary statistics of a real SODA sample, learnt by
 * {@link CityMixLearner} and checked in as {@value #RESOURCE}. Counts only, never records.
 *
 * @param source where the statistics come from, and the sample's full days
 * @param dailyMean the mean number of requests on the sample's full days: the city's daily volume
 * @param boroughs requests per borough value as the feed spells it
 * @param weekdayFactors per {@link TypeFamily}, each weekday's level as a multiple of the family's
 *     mean full day (the sample's full days are only some weekdays: see {@link CityMixLearner})
 * @param hourShares per {@link TypeFamily}, the share of its requests created in each hour 0..23
 * @param types every complaint type of the sample, most frequent first
 * @param zips the most frequent ZIP codes of each borough, with their centre and city
 */
public record CityMix(
        Source source,
        int dailyMean,
        Map<String, Integer> boroughs,
        Map<TypeFamily, Map<DayOfWeek, Double>> weekdayFactors,
        Map<TypeFamily, List<Double>> hourShares,
        List<TypeMix> types,
        List<ZipArea> zips) {

    /** The classpath resource the launcher ships. */
    public static final String RESOURCE = "/org/nyc311/launcher/demo/city-mix.json";

    /**
     * @param file the sample's file name
     * @param records its record count
     * @param fullDays the days the sample holds whole (at least half the busiest day's count)
     */
    public record Source(String file, long records, List<FullDay> fullDays) {

        /** The middle of the full days: the day of year the shares describe, for the yearly cycle. */
        public LocalDate referenceDay() {
            long mean = Math.round(fullDays.stream()
                    .mapToLong(d -> d.day().toEpochDay())
                    .average()
                    .orElseThrow());
            return LocalDate.ofEpochDay(mean);
        }
    }

    /** A day the sample holds whole; the date is ISO text, so the file reads without a time-type module. */
    public record FullDay(String date, DayOfWeek dayOfWeek, int records) {

        public LocalDate day() {
            return LocalDate.parse(date);
        }
    }

    /**
     * One complaint type.
     *
     * @param agency the agency most of its requests go to
     * @param records its requests in the sample
     * @param located how many of them carry coordinates
     * @param boroughs its requests per borough value
     * @param descriptors its most frequent descriptors with their counts
     * @param locationTypes its most frequent location types with their counts; {@code ""} for none
     */
    public record TypeMix(
            String complaintType,
            String agency,
            int records,
            int located,
            Map<String, Integer> boroughs,
            Map<String, Integer> descriptors,
            Map<String, Integer> locationTypes) {}

    /** A ZIP code area: the mean of its requests' coordinates, and the city most of them name. */
    public record ZipArea(String borough, String zip, String city, double latitude, double longitude, int records) {}

    /** The checked-in mix. */
    public static CityMix load(ObjectMapper json) {
        try (InputStream in = CityMix.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the launcher's classpath");
            }
            return json.readValue(in, CityMix.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
