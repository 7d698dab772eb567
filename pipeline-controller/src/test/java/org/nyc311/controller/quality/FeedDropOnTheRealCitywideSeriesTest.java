package org.nyc311.controller.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nyc311.api.pipeline.DataQualityAlertView.Kind;

/**
 * The feed-drop rule at its defaults on 2016-2017's real citywide series (../shared/data, or
 * {@code -Dnyc311.shared-data}): no day of the real feed, holidays included, is called a drop or missing, and a day
 * that lost most of its records is. Skips when the data is absent; {@link DataQualityRulesTest} covers the same rule
 * without it.
 */
class FeedDropOnTheRealCitywideSeriesTest {

    private static final SortedMap<LocalDate, Long> CITYWIDE = new TreeMap<>();

    /** Each day judged alone, the way the newest day is judged after a run. */
    private final DataQualityRules rules =
            new DataQualityRules(new DataQualityProperties(0, 0, 1, 0, 0, 0, 0, null, null));

    @BeforeAll
    static void readTheSeries() throws IOException {
        Optional<Path> csv = citywideSeries();
        assumeTrue(
                csv.isPresent(),
                "real NYC 311 data not found: put it at ../shared/data beside the project or set -Dnyc311.shared-data");
        try (Stream<String> lines = Files.lines(csv.get())) {
            lines.skip(1).map(line -> line.split(",")).forEach(cells -> {
                CITYWIDE.put(LocalDate.parse(cells[0].trim()), Long.parseLong(cells[1].trim()));
            });
        }
    }

    @Test
    void noRealDayIsADropOrMissingHolidaysIncluded() {
        List<DataQualityRules.Finding> findings = judgedDays().stream()
                .flatMap(day -> rules.judgeDays(CITYWIDE.headMap(day.plusDays(1)), day, CITYWIDE.firstKey()).stream())
                .toList();

        assertThat(judgedDays()).hasSizeGreaterThan(700);
        assertThat(findings).isEmpty();
    }

    @Test
    void aDayThatLostMostOfItsRecordsIsADrop() {
        // measured at the defaults: 60% lost is caught on 96.6% of the 710 days, 70% on 99.7%, 80% on all
        assertThat(caughtShare(0.6)).isGreaterThan(0.95);
        assertThat(caughtShare(0.7)).isGreaterThan(0.99);
        assertThat(caughtShare(0.8)).isEqualTo(1.0);
    }

    private double caughtShare(double lost) {
        List<LocalDate> days = judgedDays();
        long caught = days.stream()
                .filter(day -> {
                    SortedMap<LocalDate, Long> history = new TreeMap<>(CITYWIDE.headMap(day.plusDays(1)));
                    history.put(day, Math.round(history.get(day) * (1 - lost)));
                    return rules.judgeDays(history, day, CITYWIDE.firstKey()).stream()
                            .anyMatch(f -> f.kind() == Kind.FEED_DROP);
                })
                .count();
        return (double) caught / days.size();
    }

    /** The days with four earlier weeks to judge them by. */
    private static List<LocalDate> judgedDays() {
        return CITYWIDE.keySet().stream()
                .filter(day -> !day.minusWeeks(4).isBefore(CITYWIDE.firstKey()))
                .toList();
    }

    private static Optional<Path> citywideSeries() {
        String configured = System.getProperty("nyc311.shared-data");
        Path root = Path.of("").toAbsolutePath();
        while (configured == null && root != null && !Files.exists(root.resolve("mvnw"))) {
            root = root.getParent();
        }
        Path data = configured != null
                ? Path.of(configured)
                : root == null ? Path.of("absent") : root.resolve("../shared/data");
        Path csv = data.resolve("series/citywide_all_types.csv").normalize();
        return Files.isRegularFile(csv) ? Optional.of(csv) : Optional.empty();
    }
}
