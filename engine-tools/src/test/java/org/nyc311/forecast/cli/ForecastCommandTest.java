package org.nyc311.forecast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ForecastCommandTest {

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    @Test
    void writesHorizonRowsPerSeriesStartingTheDayAfterEachSeriesEnds() throws IOException {
        StringBuilder csv = new StringBuilder("series_id,date,count\n");
        LocalDate start = LocalDate.of(2024, 1, 1);
        for (int t = 0; t < 120; t++) {
            csv.append("a,")
                    .append(start.plusDays(t))
                    .append(',')
                    .append(50 + t % 7 * 5)
                    .append('\n');
        }
        for (int t = 0; t < 10; t++) {
            csv.append("\"b, with comma\",").append(start.plusDays(t)).append(",3\n");
        }
        Path out = dir.resolve("out.csv");
        int code = run(write(csv.toString()), out, "--horizon", "5", "--trials", "2");

        assertThat(code).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo("series_id,date,yhat,yhat_lower,yhat_upper");
        assertThat(lines).hasSize(1 + 2 * 5);
        assertThat(lines.get(1)).startsWith("a," + start.plusDays(120) + ",");
        assertThat(lines.get(6)).startsWith("\"b, with comma\"," + start.plusDays(10) + ",");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.substring(line.lastIndexOf('"') + 1).split(",");
            double yhat = Double.parseDouble(f[f.length - 3]);
            assertThat(Double.parseDouble(f[f.length - 2])).isLessThanOrEqualTo(yhat);
            assertThat(Double.parseDouble(f[f.length - 1])).isGreaterThanOrEqualTo(yhat);
        }
    }

    @Test
    void rejectsDuplicateDateNamingTheLine() throws IOException {
        Path in = write("series_id,date,count\nx,2024-01-01,3\nx,2024-01-02,4\nx,2024-01-01,5\n");
        assertRejected(in, "line 4", "duplicate date 2024-01-01");
    }

    @Test
    void rejectsMissingColumnNamingTheHeaderLine() throws IOException {
        assertRejected(write("series_id,date,value\nx,2024-01-01,3\n"), "line 1", "count");
    }

    @Test
    void rejectsUnparseableDateNamingTheLine() throws IOException {
        assertRejected(write("series_id,date,count\nx,2024-01-01,3\nx,01/02/2024,3\n"), "line 3", "01/02/2024");
    }

    @Test
    void rejectsUnparseableCountNamingTheLine() throws IOException {
        assertRejected(write("series_id,date,count\nx,2024-01-01,three\n"), "line 2", "three");
    }

    @Test
    void rejectsNegativeCountNamingTheLine() throws IOException {
        assertRejected(
                write("series_id,date,count\nx,2024-01-01,3\ny,2024-01-01,3\ny,2024-01-02,-2\n"), "line 4", "negative");
    }

    @Test
    void leavesAnExistingOutputUntouchedOnBadInput() throws IOException {
        Path out = dir.resolve("out.csv");
        Files.writeString(out, "previous run\n");
        int code = run(write("series_id,date,count\nx,2024-13-01,3\n"), out, "--horizon", "3");
        assertThat(code).isEqualTo(ForecastCommand.EXIT_BAD_INPUT);
        assertThat(Files.readString(out)).isEqualTo("previous run\n");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("in.csv", "out.csv");
        }
    }

    @Test
    void missingDaysInsideASeriesAreZeros() throws Exception {
        var series = SeriesCsv.read(write("series_id,date,count\nx,2024-01-05,2\nx,2024-01-01,7\n"));
        assertThat(series.get("x").start()).isEqualTo(LocalDate.of(2024, 1, 1));
        assertThat(series.get("x").values()).containsExactly(7, 0, 0, 0, 2);
    }

    @Test
    void aBadOptionIsAUsageErrorNotACrash() throws IOException {
        int code = run(write("series_id,date,count\nx,2024-01-01,3\n"), dir.resolve("o.csv"), "--horizon", "0");
        assertThat(code).isEqualTo(2);
        assertThat(Files.exists(dir.resolve("o.csv"))).isFalse();
    }

    @Test
    void aCalibrationHalfLifeIsTakenAndANonPositiveOneIsAUsageError() throws IOException {
        Path in = write("series_id,date,count\nx,2024-01-01,3\n");
        assertThat(run(in, dir.resolve("o.csv"), "--horizon", "3", "--calibration-half-life", "91"))
                .isZero();
        assertThat(run(in, dir.resolve("p.csv"), "--horizon", "3", "--calibration-half-life", "0"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("calibration half-life");
        assertThat(Files.exists(dir.resolve("p.csv"))).isFalse();
    }

    private void assertRejected(Path in, String line, String detail) {
        Path out = dir.resolve("out.csv");
        int code = run(in, out, "--horizon", "3");
        assertThat(code).isEqualTo(ForecastCommand.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains(line).contains(detail);
        assertThat(Files.exists(out)).as("no output on bad input").isFalse();
    }

    private int run(Path in, Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("--input", in.toString(), "--output", out.toString()));
        args.addAll(List.of(extra));
        return new CommandLine(new ForecastCommand())
                .setErr(new PrintWriter(err, true))
                .execute(args.toArray(String[]::new));
    }

    private Path write(String content) throws IOException {
        return Files.writeString(dir.resolve("in.csv"), content);
    }
}
