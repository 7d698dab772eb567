package org.nyc311.forecast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nyc311.forecast.DailySeries;
import org.nyc311.forecast.SyntheticSeries;
import picocli.CommandLine;

class BacktestCommandTest {

    @TempDir
    Path dir;

    @Test
    void reportsEachSeriesAndThePooledRowForEngineAndSeasonalNaive() throws Exception {
        StringBuilder csv = new StringBuilder("series_id,date,count\n");
        for (String id : List.of("s1", "s2")) {
            DailySeries s = SyntheticSeries.generate(
                    new SyntheticSeries.Shape(
                            200, new double[] {1.1, 1.05, 1, 1, 1, 0.7, 0.65}, 0.2, 1.0, 0.05, 0.6, 0.1, 0.4, 40, 0),
                    LocalDate.of(2020, 1, 1),
                    250,
                    id.hashCode());
            for (int t = 0; t < s.length(); t++) {
                csv.append(id)
                        .append(',')
                        .append(s.date(t))
                        .append(',')
                        .append((long) s.count(t))
                        .append('\n');
            }
        }
        Path in = Files.writeString(dir.resolve("in.csv"), csv);
        Path out = dir.resolve("bt.csv");
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new BacktestCommand());
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(
                "--input",
                in.toString(),
                "--horizon",
                "7",
                "--origins",
                "3",
                "--trials",
                "2",
                "--output",
                out.toString());

        assertThat(code).as(err.toString()).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0))
                .isEqualTo("series_id,method,horizon,origins,points,mape,wape,mase,coverage,zero_actual_days");
        assertThat(lines).hasSize(1 + 2 * 2 + 2);
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("s1,engine,7,3,21,"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("__pooled__,seasonal_naive,7,3,42,"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            assertThat(Double.parseDouble(f[7]))
                    .as("MASE in " + line)
                    .isFinite()
                    .isPositive();
            assertThat(Double.parseDouble(f[8])).as("coverage in " + line).isBetween(0.0, 1.0);
        }
    }

    @Test
    void rejectsBadInputNamingTheLine() throws Exception {
        Path in = Files.writeString(dir.resolve("in.csv"), "series_id,date,count\na,2020-01-01,x\n");
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new BacktestCommand());
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(
                "--input",
                in.toString(),
                "--horizon",
                "7",
                "--origins",
                "3",
                "--output",
                dir.resolve("bt.csv").toString());
        assertThat(code).isEqualTo(ForecastCommand.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("line 2");
        assertThat(Files.exists(dir.resolve("bt.csv"))).isFalse();
    }
}
