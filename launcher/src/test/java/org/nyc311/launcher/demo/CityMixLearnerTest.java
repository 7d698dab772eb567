package org.nyc311.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.zip.GZIPOutputStream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nyc311.testsupport.mlflow.MlflowInstallation;

class CityMixLearnerTest {

    private static final Path ROOT = MlflowInstallation.projectRoot();
    private static final Path CHECKED_IN =
            ROOT.resolve("launcher/src/main/resources").resolve(CityMix.RESOURCE.substring(1));
    private static final String SAMPLE = "soda_erm2-nwe9_2026-04_to_06.jsonl.gz";

    /**
     * The checked-in summary is what the learner makes of the real sample. With
     * {@code -Dnyc311.city-mix.write=true} it rewrites the checked-in file first (after a change to the
     * learner), so that the diff shows what moved.
     */
    @Test
    void theCheckedInMixIsWhatTheRealSampleGives() throws Exception {
        Path sample = Path.of(
                System.getProperty(
                        "nyc311.shared-data",
                        ROOT.resolve("../shared/data").normalize().toString()),
                "records",
                SAMPLE);
        Assumptions.assumeTrue(
                Files.isRegularFile(sample),
                "skipped: the real sample " + sample
                        + " is absent (set -Dnyc311.shared-data or place it at ../shared/data); the checked-in mix is not rechecked");
        CityMixLearner learner = new CityMixLearner();

        String learned = learner.toJson(learner.learn(sample));

        if (Boolean.getBoolean("nyc311.city-mix.write")) {
            Files.writeString(CHECKED_IN, learned, StandardCharsets.UTF_8);
        }
        assertThat(learned).as("regenerate with -Dnyc311.city-mix.write=true").isEqualTo(Files.readString(CHECKED_IN));
    }

    @Test
    void theCheckedInMixHasTheCitysBreadth() {
        CityMix mix = CityMix.load(new ObjectMapper());

        assertThat(mix.types()).hasSizeGreaterThanOrEqualTo(150);
        assertThat(mix.boroughs().keySet())
                .containsExactlyInAnyOrder("BRONX", "BROOKLYN", "MANHATTAN", "QUEENS", "STATEN ISLAND", "Unspecified");
        assertThat(mix.dailyMean()).isBetween(8_000, 10_000);
        assertThat(mix.types().stream().mapToLong(CityMix.TypeMix::records).sum())
                .isEqualTo(mix.source().records());
        assertThat(mix.weekdayFactors()).containsOnlyKeys(TypeFamily.values());
        mix.weekdayFactors().values().forEach(f -> assertThat(f).containsOnlyKeys(DayOfWeek.values()));
        mix.hourShares()
                .values()
                .forEach(h -> assertThat(
                                h.stream().mapToDouble(Double::doubleValue).sum())
                        .isCloseTo(1.0, Offset.offset(1e-3)));
    }

    /**
     * A sample made by hand: a partial day at each edge, two full Saturdays and one full Friday. The
     * partial days stay out of the volume and the patterns; the missing weekdays take Friday's factor.
     */
    @Test
    void onlyFullDaysMakeTheVolumeAndTheWeekAndMissingWeekdaysBorrowFromTheirKind(@TempDir Path folder)
            throws Exception {
        Path sample = folder.resolve("sample.jsonl.gz");
        StringBuilder lines = new StringBuilder();
        appendDay(lines, LocalDate.of(2026, 5, 1), 2, 0); // Friday, partial
        appendDay(lines, LocalDate.of(2026, 5, 2), 6, 4); // Saturday: 6 noise, 4 heat
        appendDay(lines, LocalDate.of(2026, 5, 8), 2, 8); // Friday: 2 noise, 8 heat
        appendDay(lines, LocalDate.of(2026, 5, 9), 6, 4); // Saturday
        appendDay(lines, LocalDate.of(2026, 5, 10), 1, 0); // Sunday, partial
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(sample))) {
            out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
        }

        CityMix mix = new CityMixLearner().learn(sample);

        assertThat(mix.source().fullDays())
                .extracting(CityMix.FullDay::date)
                .containsExactly("2026-05-02", "2026-05-08", "2026-05-09");
        assertThat(mix.dailyMean()).isEqualTo(10);
        assertThat(mix.source().records()).isEqualTo(33);
        // noise: mean of full days (6 + 2 + 6) / 3; Saturday 6 (1.2857), Friday 2 (0.4286), give or take a week's
        // season
        Offset<Double> season = Offset.offset(0.01);
        assertThat(mix.weekdayFactors().get(TypeFamily.NOISE).get(DayOfWeek.SATURDAY))
                .isCloseTo(1.2857, season);
        assertThat(mix.weekdayFactors().get(TypeFamily.NOISE).get(DayOfWeek.FRIDAY))
                .isCloseTo(0.4286, season);
        assertThat(mix.weekdayFactors().get(TypeFamily.NOISE).get(DayOfWeek.MONDAY))
                .isEqualTo(mix.weekdayFactors().get(TypeFamily.NOISE).get(DayOfWeek.FRIDAY));
        assertThat(mix.weekdayFactors().get(TypeFamily.NOISE).get(DayOfWeek.SUNDAY))
                .isEqualTo(mix.weekdayFactors().get(TypeFamily.NOISE).get(DayOfWeek.SATURDAY));
        assertThat(mix.weekdayFactors().get(TypeFamily.OTHER))
                .allSatisfy((day, factor) -> assertThat(factor).isEqualTo(1.0));
        assertThat(mix.hourShares().get(TypeFamily.HEATING).get(7)).isEqualTo(1.0);
        assertThat(mix.types())
                .extracting(CityMix.TypeMix::complaintType)
                .containsExactly("Noise - Residential", "HEAT/HOT WATER");
        CityMix.TypeMix noise = mix.types().get(0);
        assertThat(noise.boroughs()).containsOnlyKeys("BROOKLYN");
        assertThat(noise.descriptors()).containsExactly(java.util.Map.entry("Loud Music/Party", 17));
        assertThat(noise.located()).isEqualTo(17);
        assertThat(mix.types().get(1).located()).isZero();
        assertThat(mix.zips()).singleElement().satisfies(zip -> {
            assertThat(zip.zip()).isEqualTo("11226");
            assertThat(zip.city()).isEqualTo("BROOKLYN");
            assertThat(zip.latitude()).isEqualTo(40.65);
        });
    }

    private static void appendDay(StringBuilder lines, LocalDate day, int noise, int heat) {
        for (int i = 0; i < noise; i++) {
            lines.append("{\"unique_key\": \"1\", \"created_date\": \"")
                    .append(day)
                    .append(
                            "T23:10:00.000\", \"agency\": \"NYPD\", "
                                    + "\"complaint_type\": \"Noise - Residential\", \"descriptor\": \"Loud Music/Party\", \"borough\": \"BROOKLYN\", "
                                    + "\"incident_zip\": \"11226\", \"city\": \"BROOKLYN\", \"latitude\": \"40.65\", \"longitude\": \"-73.95\"}\n");
        }
        for (int i = 0; i < heat; i++) {
            lines.append("{\"unique_key\": \"2\", \"created_date\": \"")
                    .append(day)
                    .append(
                            "T07:30:00.000\", \"agency\": \"HPD\", "
                                    + "\"complaint_type\": \"HEAT/HOT WATER\", \"descriptor\": \"ENTIRE BUILDING\", \"borough\": \"BRONX\"}\n");
        }
    }
}
