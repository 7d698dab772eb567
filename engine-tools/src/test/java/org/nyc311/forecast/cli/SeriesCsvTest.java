package org.nyc311.forecast.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nyc311.forecast.DailySeries;

class SeriesCsvTest {

    private static final String AWKWARD_ID = "noise, \"loud\"\r\nbrooklyn";

    @TempDir
    Path dir;

    @Test
    void aQuotedFieldWithALineBreakAndACommaRoundTrips() throws Exception {
        Path file = dir.resolve("series.csv");
        SeriesCsv.writeAtomically(file, List.of("series_id", "date", "count"), csv -> {
            csv.row(AWKWARD_ID, "2024-01-01", "3");
            csv.row(AWKWARD_ID, "2024-01-03", "5");
            csv.row("plain", "2024-01-01", "1");
        });

        Map<String, DailySeries> read = SeriesCsv.read(file);

        assertThat(read.keySet()).containsExactly(AWKWARD_ID, "plain");
        assertThat(read.get(AWKWARD_ID).start()).isEqualTo(LocalDate.of(2024, 1, 1));
        assertThat(read.get(AWKWARD_ID).values()).containsExactly(3.0, 0.0, 5.0);
    }

    @Test
    void fieldsAreQuotedOnlyWhereTheyMustBeAndLinesEndInALineFeed() throws IOException {
        Path file = dir.resolve("out.csv");
        SeriesCsv.writeAtomically(file, List.of("series_id", "value"), csv -> {
            csv.row("Noise - Street/Sidewalk", "1.000");
            csv.row("a, b", "NaN");
            csv.row("say \"hi\"", "");
            csv.row("two\nlines", "-0.500");
        });

        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .isEqualTo("series_id,value\n"
                        + "Noise - Street/Sidewalk,1.000\n\"a, b\",NaN\n\"say \"\"hi\"\"\",\n\"two\nlines\",-0.500\n");
    }

    @Test
    void aProblemAfterAMultiLineRecordNamesTheLineItIsOn() throws IOException {
        Path file = dir.resolve("in.csv");
        Files.writeString(file, "\uFEFFseries_id,date,count\n\"a\nb\",2024-01-01,3\n\nx,01/02/2024,4\n");

        assertThatThrownBy(() -> SeriesCsv.read(file))
                .isInstanceOf(InputFormatException.class)
                .hasMessage("line 5: cannot parse date '01/02/2024'; expected yyyy-MM-dd");
    }

    @Test
    void anUnterminatedQuoteIsRejectedWithTheLineItStartsOn() throws IOException {
        Path file = dir.resolve("in.csv");
        Files.writeString(file, "series_id,date,count\nx,2024-01-01,3\n\"y,2024-01-02,4\n");

        assertThatThrownBy(() -> SeriesCsv.read(file))
                .isInstanceOf(InputFormatException.class)
                .hasMessageStartingWith("line 3: not valid CSV");
    }
}
