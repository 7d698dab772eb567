package org.nyc311.dashboard.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

    record Row(String name, Integer count) {}

    @Test
    void fieldsWithCommasQuotesOrNewlinesAreQuotedAndNullsAreEmpty() {
        String csv = Csv.of(
                List.of(new Csv.Column<Row>("name", Row::name), new Csv.Column<Row>("count", Row::count)),
                List.of(new Row("Noise, Residential", 3), new Row("say \"hi\"", null), new Row("two\nlines", 1)));

        assertThat(csv)
                .isEqualTo("name,count\r\n\"Noise, Residential\",3\r\n\"say \"\"hi\"\"\",\r\n\"two\nlines\",1\r\n");
    }

    @Test
    void aQuotedFieldWithALineBreakAndACommaRoundTrips() throws Exception {
        String awkward = "Noise, Residential\r\nBrooklyn \"north\"";
        String csv = Csv.of(
                List.of(new Csv.Column<Row>("name", Row::name), new Csv.Column<Row>("count", Row::count)),
                List.of(new Row(awkward, 3), new Row("plain", 1)));

        try (MappingIterator<List<String>> rows = new CsvMapper()
                .readerForListOf(String.class)
                .with(CsvParser.Feature.WRAP_AS_ARRAY)
                .readValues(csv)) {
            assertThat(rows.readAll())
                    .containsExactly(List.of("name", "count"), List.of(awkward, "3"), List.of("plain", "1"));
        }
    }

    @Test
    void noRowsIsTheHeaderAlone() {
        assertThat(Csv.of(List.of(new Csv.Column<Row>("name", Row::name)), List.of()))
                .isEqualTo("name\r\n");
    }
}
