package org.nyc311.anomaly.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DetectCommandTest {

    private static final LocalDate START = LocalDate.of(2024, 1, 1);

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    /**
     * Series "noise, brooklyn": 130 days around 100 a day (weekday pattern, seeded noise), doubled on
     * days 120-122. Series "quiet": a short small series with no spike.
     */
    private Path fixture() throws IOException {
        StringBuilder csv = new StringBuilder("series_id,date,count\n");
        SplittableRandom random = new SplittableRandom(311);
        for (int t = 0; t < 130; t++) {
            double level = t % 7 >= 5 ? 70 : 110;
            long count = Math.round(level + Math.sqrt(level) * random.nextGaussian());
            if (t >= 120 && t <= 122) {
                count *= 2;
            }
            csv.append("\"noise, brooklyn\",")
                    .append(START.plusDays(t))
                    .append(',')
                    .append(count)
                    .append('\n');
        }
        for (int t = 100; t < 130; t++) {
            csv.append("quiet,")
                    .append(START.plusDays(t))
                    .append(',')
                    .append(t % 3)
                    .append('\n');
        }
        return write(csv.toString());
    }

    @Test
    void aThreeDaySpikeOpensAnAlertOnItsThirdDay() throws IOException {
        Path out = dir.resolve("detect.csv");
        LocalDate from = START.plusDays(110);

        int code = run(fixture(), out, from, "--trials", "2");

        assertThat(code).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo(DetectCommand.HEADER);
        List<String[]> noise = lines.stream()
                .skip(1)
                .filter(l -> l.startsWith("\"noise, brooklyn\","))
                .map(l -> l.substring("\"noise, brooklyn\",".length()).split(","))
                .toList();
        List<String[]> quiet = lines.stream()
                .skip(1)
                .filter(l -> l.startsWith("quiet,"))
                .map(l -> l.substring("quiet,".length()).split(","))
                .toList();
        assertThat(noise).hasSize(20);
        assertThat(quiet).hasSize(20);
        assertThat(lines).hasSize(41);
        assertThat(noise.get(0)[0]).isEqualTo(from.toString());
        assertThat(noise)
                .filteredOn(f -> f[7].equals("true"))
                .extracting(f -> f[0])
                .containsExactly(START.plusDays(122).toString());
        assertThat(noise)
                .filteredOn(f -> LocalDate.parse(f[0]).isAfter(START.plusDays(119))
                        && LocalDate.parse(f[0]).isBefore(START.plusDays(123)))
                .allSatisfy(f -> {
                    assertThat(f[5]).isEqualTo("true");
                    assertThat(Double.parseDouble(f[1])).isGreaterThan(Double.parseDouble(f[4]));
                    assertThat(Double.parseDouble(f[6])).isGreaterThan(2);
                });
        assertThat(quiet).allSatisfy(f -> assertThat(f[7]).isEqualTo("false"));
        for (String[] f : noise) {
            assertThat(f).as("date .. alert_open, raised").hasSize(9);
            assertThat(f[8]).isIn("true", "false");
            assertThat(f[5].equals("true") && f[8].equals("true"))
                    .as("a flagged day is not also raised")
                    .isFalse();
            assertThat(Double.parseDouble(f[3])).isLessThanOrEqualTo(Double.parseDouble(f[2]));
            assertThat(Double.parseDouble(f[4])).isGreaterThanOrEqualTo(Double.parseDouble(f[2]));
            assertThat(Double.parseDouble(f[6])).isFinite();
        }
        assertThat(err.toString())
                .contains("1 alerts opened (breaches 1, sustained_rise 0, evidence 0, margin_evidence 0)");
    }

    @Test
    void badInputIsRejectedNamingTheLineAndWritesNothing() throws IOException {
        Path in = write("series_id,date,count\nx,2024-01-01,3\nx,2024-01-02,4\nx,2024-01-03,-1\n");
        Path out = dir.resolve("out.csv");

        int code = run(in, out, START);

        assertThat(code).isEqualTo(DetectCommand.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("line 4").contains("negative");
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void anUnparseableDateIsRejectedNamingTheLineAndLeavesAnEarlierOutputAlone() throws IOException {
        Path out = dir.resolve("out.csv");
        Files.writeString(out, "previous run\n");

        int code = run(write("series_id,date,count\nx,2024-01-01,3\nx,2024-02-30,3\n"), out, START);

        assertThat(code).isEqualTo(DetectCommand.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("line 3").contains("2024-02-30");
        assertThat(Files.readString(out)).isEqualTo("previous run\n");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("in.csv", "out.csv");
        }
    }

    @Test
    void aMissingColumnIsRejectedNamingTheHeader() throws IOException {
        int code = run(write("series_id,day,count\nx,2024-01-01,3\n"), dir.resolve("o.csv"), START);

        assertThat(code).isEqualTo(DetectCommand.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("line 1").contains("date");
    }

    @Test
    void aBadOptionIsAUsageError() throws IOException {
        int code = run(
                write("series_id,date,count\nx,2024-01-01,3\n"),
                dir.resolve("o.csv"),
                START,
                "--consecutive-days",
                "0");

        assertThat(code).isEqualTo(2);
        assertThat(Files.exists(dir.resolve("o.csv"))).isFalse();
    }

    @Test
    void theRaisingRulesCanBeTurnedOffOrTunedButNotGivenANegativeThreshold() throws IOException {
        Path in = fixture();
        LocalDate from = START.plusDays(110);

        assertThat(run(in, dir.resolve("off.csv"), from, "--trials", "2", "--no-sustained-rise", "--no-evidence"))
                .isZero();
        List<String> off = Files.readAllLines(dir.resolve("off.csv"));
        assertThat(off).hasSize(41);
        assertThat(off.subList(1, off.size()))
                .allSatisfy(l ->
                        assertThat(l).as("no day is raised with both rules off").endsWith(",false"));
        assertThat(err.toString()).contains("1 alerts opened");
        assertThat(run(in, dir.resolve("bad.csv"), from, "--sustained-min-z", "-1"))
                .isEqualTo(2);
        assertThat(run(in, dir.resolve("bad.csv"), from, "--evidence-hidden-rise", "-0.5"))
                .isEqualTo(2);
        assertThat(run(in, dir.resolve("bad.csv"), from, "--evidence-threshold", "1"))
                .isEqualTo(2);
        assertThat(Files.exists(dir.resolve("bad.csv"))).isFalse();
    }

    private int run(Path in, Path out, LocalDate from, String... extra) {
        List<String> args = new ArrayList<>(
                List.of("--input", in.toString(), "--output", out.toString(), "--from", from.toString()));
        args.addAll(List.of(extra));
        return new CommandLine(new DetectCommand())
                .setErr(new PrintWriter(err, true))
                .execute(args.toArray(String[]::new));
    }

    private Path write(String content) throws IOException {
        Path in = dir.resolve("in.csv");
        Files.writeString(in, content);
        return in;
    }
}
